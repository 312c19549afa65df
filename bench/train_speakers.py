"""Train the speaker ranker (`src/newsgraph/data/speaker_model.json`, read by `newsgraph.quotes.ranking`).

    .venv/bin/python bench/train_speakers.py [--seed 7] [--data ../shared/data/polnear/train] [--workers 2]
                                             [--rows build/speaker_rows.json] [--limit N]

Examples: PolNeAR's *train* split (never dev: dev is where `../shared/tools/quote_eval.py` measures). Each article
goes through newsgraph as `quote_eval.py` sends it (clean, parse, entities, the quote rules); every quote the rules
find is matched to the gold attribution whose content it overlaps most (at least 0.3 of the words, as quote_eval
matches), and each of its candidate speakers (`ranking.candidates`) is labelled 1 when quote_eval would count it
right for that attribution's Source (`quote_eval.source_ok`: a mention of its entity overlaps the Source, or its
name's last word is a word of it). A quote whose gold has no Source has only wrong candidates (the right answer is
nobody); a quote that matches no gold attribution is no example. Run `bench/train_attributions.py` first: the
ranker learns on the quotes that model adds too.

The model: LightGBM trees (binary, seeded, deterministic) over the candidates' features, dumped to the flat arrays
`newsgraph.forest.Forest` walks; with it, a lexicon of description head words (`data/speaker_heads.tsv`, the
smoothed log-odds that a description with that head names the right speaker; each training row's figure from a
lexicon learned without its publisher). At run time the best-scored candidate of a quote is its speaker, when its
score reaches the decision threshold.

Generalisation: leave-one-publisher-out cross-validation (the publishers are the first part of PolNeAR's file
names): for each publisher, a model trained on the others chooses the speakers of its quotes; the figure is the
share of matched quotes (with a gold Source) whose chosen speaker is right, beside the rules' own share on the
same quotes. The decision threshold (below it a quote keeps no speaker) is chosen on these out-of-fold scores, as
the one that gets the most quotes right: a speaker right, or none where the gold names nobody.
Last line: `train_speakers: leave-one-publisher-out accuracy A (rules R) over N quotes; ...`.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polnear_docs
import quote_eval

from newsgraph.forest import from_lightgbm
from newsgraph.quotes import ranking

DATA = polnear_docs.ROOT / "src" / "newsgraph" / "data"

SEED = 7
MIN_HEAD = 5  # a head word must be seen this often to enter the lexicon
HEAD_PRIOR = 5.0  # shrinks its log-odds towards 0 by n / (n + HEAD_PRIOR)
_HEAD = ranking.FEATURES.index("head_log_odds")


def article_rows(d: dict) -> list[dict]:
    """One record per quote of the article that matched a gold attribution: its candidates' features and labels,
    whether the gold has a Source (without one, every candidate is wrong and the right answer is none), and whether
    the rules' speaker was right."""
    got = polnear_docs.analysed(d)
    if got is None:
        return []
    _, entities, ctx = got
    text = d["text"]
    mentions = {e.id: [(m.start, m.end) for m in e.mentions] for e in entities}
    toks = quote_eval.Tokens(text)
    golds = [dict(g, tok=toks.cover(g["content"])) for g in d["gold"]]
    golds = [g for g in golds if g["tok"]]
    out = []
    for i, f in enumerate(ctx.found):
        best = polnear_docs.best_gold(golds, toks.cover([(f.start, f.end)]))
        if best is None:
            continue

        def right(speaker, g=best) -> bool:
            if not g["source"]:
                return False
            names = [n for n in (speaker.name,) if n]
            p = {"mentions": mentions.get(speaker.entity, []) if speaker.entity else [], "names": names}
            return quote_eval.source_ok(g, p, text)

        cands = ranking.candidates(ctx, i)
        x = ranking.features(ctx, i, cands, {})
        out.append(
            {
                "doc": d["id"],
                "x": x.round(4).tolist(),
                "heads": [ranking.head_word(c) for c in cands],
                "y": [int(right(c.speaker)) for c in cands],
                "source": bool(best["source"]),
                "rule": bool(f.speaker.known and right(f.speaker)) if best["source"] else not f.speaker.known,
            }
        )
    return out


def learn_heads(quotes: list[dict]) -> dict[str, float]:
    """Each description head word's smoothed log-odds of naming the right speaker, over the described candidates."""
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for q in quotes:
        for head, y in zip(q["heads"], q["y"], strict=True):
            if head:
                seen[head] += 1
                right[head] += y
    total, good = sum(seen.values()), sum(right.values())
    base = math.log((good + 1) / (total - good + 1))
    return {
        h: round((math.log((right[h] + 0.5) / (n - right[h] + 0.5)) - base) * n / (n + HEAD_PRIOR), 3)
        for h, n in seen.items()
        if n >= MIN_HEAD
    }


def with_heads(quotes: list[dict], lexicon: dict[str, float]) -> list[dict]:
    """The quotes with their candidates' head-word figure taken from `lexicon`."""
    out = []
    for q in quotes:
        x = [list(row) for row in q["x"]]
        for row, head in zip(x, q["heads"], strict=True):
            row[_HEAD] = lexicon.get(head, 0.0)
        out.append(dict(q, x=x))
    return out


def inner_heads(quotes: list[dict]) -> list[dict]:
    """The quotes, each publisher's described with a head-word lexicon learned without it (so that the model learns
    how far to trust the figure on words it was not learned from)."""
    pubs = sorted({polnear_docs.publisher(q["doc"]) for q in quotes})
    out = []
    for pub in pubs:
        lex = learn_heads([q for q in quotes if polnear_docs.publisher(q["doc"]) != pub])
        out += with_heads([q for q in quotes if polnear_docs.publisher(q["doc"]) == pub], lex)
    return out


def train(quotes: list[dict], seed: int):
    quotes = inner_heads(quotes)
    x = np.array([row for q in quotes for row in q["x"]], dtype=np.float64).reshape(-1, len(ranking.FEATURES))
    y = np.array([v for q in quotes for v in q["y"]])
    return polnear_docs.boost(x, y, ranking.FEATURES, seed)


def choose(booster, q: dict) -> tuple[float, bool]:
    """The best candidate's score and whether it is right (0, False without candidates)."""
    if not q["x"]:
        return 0.0, False
    p = booster.predict(np.array(q["x"], dtype=np.float64), raw_score=False)
    best = int(np.argmax(p))
    return float(p[best]), bool(q["y"][best])


def accuracy(scored: list[tuple[float, bool]], threshold: float) -> float:
    """The share of quotes (with a gold Source) whose chosen speaker is right."""
    return sum(ok and p >= threshold for p, ok in scored) / max(1, len(scored))


def left_alone(scored: list[tuple[float, bool]], threshold: float) -> float:
    """The share of quotes whose gold has no Source that get no speaker."""
    return sum(p < threshold for p, _ in scored) / max(1, len(scored))


def main(argv: list[str]) -> None:
    args = polnear_docs.arguments(__doc__, SEED, argv)
    t0 = time.time()
    quotes = [q for rows in polnear_docs.per_article(args, article_rows) for q in rows]
    sourced = [q for q in quotes if q["source"]]
    n_cands = sum(len(q["y"]) for q in quotes)
    reachable = sum(any(q["y"]) for q in sourced)
    print(
        f"{len(quotes)} matched quotes ({len(sourced)} with a gold Source), {n_cands} candidates; a right candidate "
        f"for {100 * reachable / max(1, len(sourced)):.1f}% of those with a Source; rules right for "
        f"{100 * sum(q['rule'] for q in sourced) / max(1, len(sourced)):.1f}% ({time.time() - t0:.0f} s)"
    )
    by_pub: dict[str, list[dict]] = defaultdict(list)
    for q in quotes:
        by_pub[polnear_docs.publisher(q["doc"])].append(q)
    per_pub: dict[str, list[tuple[float, bool]]] = {}  # quotes with a gold Source
    unsourced: list[tuple[float, bool]] = []  # quotes without: right when left without a speaker
    for pub in sorted(by_pub):
        others = [q for q in quotes if polnear_docs.publisher(q["doc"]) != pub]
        booster = train(others, args.seed)
        held = with_heads(by_pub[pub], learn_heads(others))
        per_pub[pub] = [choose(booster, q) for q in held if q["source"]]
        unsourced += [choose(booster, q) for q in held if not q["source"]]
    scored = [x for pub in sorted(per_pub) for x in per_pub[pub]]

    # The threshold that gets the most quotes right: a speaker right, or none where the gold names nobody.
    def right(t: float) -> float:
        return accuracy(scored, t) * len(scored) + left_alone(unsourced, t) * len(unsourced)

    threshold = max((t / 100 for t in range(0, 60, 2)), key=lambda t: (right(t), -t))
    parts = []
    for pub in sorted(by_pub):
        mine = [q for q in by_pub[pub] if q["source"]]
        rule = sum(q["rule"] for q in mine) / max(1, len(mine))
        acc = accuracy(per_pub[pub], threshold)
        parts.append(f"{pub} {100 * acc:.1f} (rules {100 * rule:.1f}, {len(mine)})")
    print("held-out publisher: " + "; ".join(parts))
    print(
        f"quotes whose gold names no Source left without a speaker: {100 * left_alone(unsourced, threshold):.1f}% "
        f"(rules {100 * sum(q['rule'] for q in quotes if not q['source']) / max(1, len(unsourced)):.1f}%, "
        f"{len(unsourced)})"
    )
    booster = train(quotes, args.seed)
    model = from_lightgbm(
        booster.dump_model(),
        ranking.FEATURES,
        threshold,
        about="the speaker ranker of newsgraph's quotes: bench/train_speakers.py (LightGBM), read by quotes/ranking.py",
    )
    (DATA / "speaker_model.json").write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    heads = learn_heads(quotes)
    (DATA / "speaker_heads.tsv").write_text(
        "# head word of a described speaker\tlog-odds that a description with it names the speaker"
        " (bench/train_speakers.py; learned, do not edit)\n" + "".join(f"{h}\t{v}\n" for h, v in sorted(heads.items())),
        encoding="utf-8",
    )
    gain = booster.feature_importance("gain")
    top = sorted(zip(ranking.FEATURES, gain, strict=True), key=lambda kv: -kv[1])[:10]
    print("top features by gain: " + ", ".join(f"{n} {g / gain.sum():.2f}" for n, g in top))
    accs = [accuracy(per_pub[p], threshold) for p in sorted(by_pub)]
    rules = sum(q["rule"] for q in sourced) / max(1, len(sourced))
    print(
        f"train_speakers: leave-one-publisher-out accuracy {100 * accuracy(scored, threshold):.1f} (rules "
        f"{100 * rules:.1f}) over {len(scored)} quotes; lowest publisher {100 * min(accs):.1f}; mean "
        f"{100 * sum(accs) / len(accs):.1f}; threshold {threshold:.2f} ({time.time() - t0:.0f} s)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
