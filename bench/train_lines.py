"""Train the line model of the cleaner (`src/newsgraph/data/line_model.json` and `line_words.tsv`, read by
`newsgraph.clean.segments`).

    .venv/bin/python bench/train_lines.py [--seed 13] [--folds 5] [--no-cv] [--fold-models DIR]

Examples are lines, labelled 1 when they are not article text:
- real pages: the 181 pages of ../shared/data/aeb (`bench/aeb_pages.py` labels each visible block against the
  page's true article; `unsure` blocks stay in the text but are not examples). A page becomes texts the way a
  careless extractor would cut it: the page's first heading, a few of the blocks before the article, the article
  region with every non-article block in it, and a few to several blocks after it; `--variants` cuts per page;
- generated: clean BBC (train split of bench/clean_dev.py), PolNeAR *train* and AEB article bodies with
  non-article lines put in by `bench/train_junk.py` (never `heldout_junk.py` or `blind_junk.py`: those measure).
The two halves weigh the same in training.

The word lexicon (`line_words.tsv`) is learned from the same lines: a word's smoothed log-odds of being in a
non-article line, kept when it was met in lines of at least `MIN_GROUPS` sites or hosts (a word of one site's menu
is that site's, not news pages'). The model sees a line's lexicon figures, never its words; so that it learns how
much to trust the lexicon on words it was *not* learned from, each training line's figures come from a lexicon
learned without its group (out-of-fold, `LEXICON_FOLDS`).

The model: LightGBM gradient-boosted trees (seeded and deterministic: the same command writes the same files),
dumped to flat arrays that `newsgraph.forest.Forest` walks with numpy (LightGBM is not needed to run newsgraph).

Leave-site-out: `--folds K` cross-validates by AEB hostname (`aeb_pages.site_fold`): each fold's model (and its
lexicon) is trained on the other sites' pages and on generated documents whose hosts are not of the held-out sites,
and scored on the held-out sites' pages, cut as `bench/clean_heldout.py` cuts them. The decision threshold is chosen
on these out-of-fold predictions (the best character F1 with at most `MAX_LOST` of article characters removed);
neither held-out generator is looked at. `--fold-models DIR` writes each fold's model for
`bench/clean_heldout.py --fold-models DIR`, which then scores every AEB site with the model that never saw it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsgraph" / "data"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import aeb_pages  # noqa: E402
import train_junk  # noqa: E402

from newsgraph.clean import segments  # noqa: E402
from newsgraph.clean.lines import split_lines  # noqa: E402
from newsgraph.forest import from_lightgbm  # noqa: E402

SEED = 13
LEXICON_FOLDS = 5
MIN_GROUPS = 3  # a lexicon word must occur in lines of this many sites / host articles
MIN_COUNT = 5
PRIOR = 10.0  # shrinks a word's log-odds towards 0 by n / (n + PRIOR)
MAX_LOST = 0.002  # share of article characters the chosen threshold may remove (model alone, out of fold)
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": 5,
    "min_child_samples": 30,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 400


@dataclass
class Example:
    """One text made of labelled lines: 1 not article, 0 article, -1 neither way."""

    id: str
    group: str  # the site or host article: lexicon folds and leave-site-out keep a group together
    site: str  # the AEB hostname behind it ("" for BBC / PolNeAR hosts)
    kind: str  # aeb or generated
    lines: list[tuple[str, int]]
    sep: str = "\n"


# ---------------------------------------------------------------- examples


def _headline(page: aeb_pages.Page) -> str:
    h1 = next((b.text for b in page.blocks if b.tag == "h1"), "")
    return h1 or page.title


def aeb_cut(page: aeb_pages.Page, lead: int, trail: int) -> list[tuple[str, int]]:
    """A page as a careless extractor cuts it: heading, `lead` blocks before the article, the article region with
    its non-article blocks, `trail` non-article blocks after."""
    span = aeb_pages.article_span(page.blocks)
    if span is None:
        return []
    code = {"article": 0, "junk": 1, "unsure": -1}
    out: list[tuple[str, int]] = []
    seen: set[str] = set()

    def add(b: aeb_pages.Block) -> None:
        if b.text not in seen:
            seen.add(b.text)
            out.append((b.text, code[b.label]))

    head = _headline(page)
    if head:
        seen.add(head)
        out.append((head, -1))
    before = [b for b in page.blocks[: span[0]] if b.label == "junk" and b.text not in seen]
    for b in before[len(before) - lead :] if lead else []:
        add(b)
    for b in page.blocks[span[0] : span[1] + 1]:
        add(b)
    n = 0
    for b in page.blocks[span[1] + 1 :]:
        if n >= trail:
            break
        if b.label == "junk" and b.text not in seen:
            add(b)
            n += 1
    return out


def aeb_examples(rng: random.Random, variants: int, pages: Sequence[aeb_pages.Page]) -> list[Example]:
    out = []
    for page in pages:
        for v in range(variants):
            lead, trail = (0, 8) if v == 0 else (rng.choice([0, 0, 1, 2, 4]), rng.choice([0, 2, 5, 8, 12, 20]))
            lines = aeb_cut(page, lead, trail)
            if lines:
                sep = "\n" if v == 0 else rng.choice(["\n", "\n\n"])
                out.append(Example(f"aeb/{page.id}#{v}", page.site, page.site, "aeb", lines, sep))
    return out


def generated_examples(seed: int, rounds: int) -> list[Example]:
    return [
        Example(d.id, d.site or d.id.split("#")[0], d.site, "generated", [(t, y) for t, y, _ in d.lines], d.sep)
        for d in train_junk.documents(seed, rounds)
    ]


# ---------------------------------------------------------------- lexicon


def learn_lexicon(examples: Sequence[Example]) -> dict[str, float]:
    """Smoothed log-odds of each word's lines being non-article, over the labelled lines of `examples`."""
    junk: Counter[str] = Counter()
    art: Counter[str] = Counter()
    groups: dict[str, set[str]] = defaultdict(set)
    n_junk = n_art = 0
    for ex in examples:
        for text, y in ex.lines:
            if y < 0:
                continue
            ws = set(segments.norm_words(text))
            if y:
                junk.update(ws)
                n_junk += 1
            else:
                art.update(ws)
                n_art += 1
            for w in ws:
                if len(groups[w]) < MIN_GROUPS:
                    groups[w].add(ex.site if ex.kind == "aeb" else "generated")
    base = math.log((n_junk + 1) / (n_art + 1))
    out = {}
    for w in set(junk) | set(art):
        j, a = junk[w], art[w]
        n = j + a
        if n < MIN_COUNT or len(groups[w]) < MIN_GROUPS:
            continue
        value = (math.log((j + 0.5) / (a + 0.5)) - base) * n / (n + PRIOR)
        if abs(value) >= 0.3:
            out[w] = round(value, 3)
    return out


def _fold_of(group: str, folds: int) -> int:
    return int(hashlib.sha1(group.encode()).hexdigest()[:8], 16) % folds


# ---------------------------------------------------------------- features


@dataclass
class Matrix:
    x: np.ndarray
    y: np.ndarray  # 1 / 0 / -1
    chars: np.ndarray  # non-space characters of each line
    guarded: np.ndarray  # the cleaner never removes it (headline, continues a sentence)
    kind: np.ndarray  # 1 for AEB lines
    example: np.ndarray  # index of the example


def featurize(examples: Sequence[Example], lexicon: dict[str, float], per_example: dict | None = None) -> Matrix:
    """Rows for every line of `examples`, described with `lexicon` or, where given, the example's own
    (`per_example`: example id to lexicon)."""
    xs, ys, cs, gs, ks, es = [], [], [], [], [], []
    i_index = segments.FEATURES.index("index")
    i_cont = segments.FEATURES.index("continues")
    for e, ex in enumerate(examples):
        lex = per_example[ex.id] if per_example else lexicon
        lines = split_lines(_joined(ex))
        starts, pos = {}, 0
        for t, y in ex.lines:
            starts[pos] = y
            pos += len(t) + len(ex.sep)
        if len(lines) < 2:
            continue
        x = segments.line_features(lines, lex)
        xs.append(x)
        ys += [starts.get(ln.start, -1) for ln in lines]
        cs += [sum(not c.isspace() for c in ln.text) for ln in lines]
        gs.append((x[:, i_index] == 0) | (x[:, i_cont] == 1))
        ks += [ex.kind == "aeb"] * len(lines)
        es += [e] * len(lines)
    return Matrix(np.vstack(xs), np.array(ys), np.array(cs), np.concatenate(gs), np.array(ks), np.array(es))


def oof_lexicons(examples: Sequence[Example], seed: int) -> dict[str, dict[str, float]]:
    """For each example, a lexicon learned from the groups of the other lexicon folds."""
    folds = [_fold_of(f"{seed}:{ex.group}", LEXICON_FOLDS) for ex in examples]
    lexes = [learn_lexicon([ex for ex, f in zip(examples, folds, strict=True) if f != k]) for k in range(LEXICON_FOLDS)]
    return {ex.id: lexes[f] for ex, f in zip(examples, folds, strict=True)}


# ---------------------------------------------------------------- model


def train(m: Matrix, seed: int):
    import lightgbm as lgb

    keep = m.y >= 0
    w = np.ones(len(m.y))
    aeb, gen = (m.kind == 1) & keep, (m.kind == 0) & keep
    if aeb.any() and gen.any():
        w[aeb] = gen.sum() / aeb.sum()  # the real pages weigh as much as all generated documents
    data = lgb.Dataset(m.x[keep], m.y[keep], weight=w[keep], feature_name=list(segments.FEATURES), free_raw_data=False)
    params = dict(PARAMS, seed=seed, bagging_seed=seed, feature_fraction_seed=seed, data_random_seed=seed)
    return lgb.train(params, data, num_boost_round=ROUNDS)


def to_forest(booster, threshold: float, shift: float = 0.0) -> dict:
    """The booster as the flat arrays `newsgraph.forest.Forest` reads."""
    return from_lightgbm(
        booster.dump_model(),
        segments.FEATURES,
        threshold,
        about="the line model of newsgraph's cleaner: bench/train_lines.py (LightGBM), read by clean/segments.py",
        extracted_log_prior=shift,
    )


def write_lexicon(path: Path, lexicon: dict[str, float]) -> None:
    rows = sorted(lexicon.items(), key=lambda kv: (-kv[1], kv[0]))
    path.write_text(
        "# word\tlog-odds of a line with it being non-article (bench/train_lines.py; learned, do not edit)\n"
        + "".join(f"{w}\t{v}\n" for w, v in rows),
        encoding="utf-8",
    )


def junk_chars(pages: Sequence[aeb_pages.Page]) -> dict[str, tuple[int, int, int, int]]:
    """Per page: non-article and article characters in the cut the model is scored on, and in the text
    newsgraph's HTML extraction gives (labelled the same way); for `extracted_shift`."""
    from newsgraph.sources.errors import InputError
    from newsgraph.sources.html import extract

    out = {}
    for page in pages:
        cut = [(t, y) for t, y in aeb_cut(page, 0, 8) if y >= 0]
        try:
            text, _ = extract(aeb_pages.read_html(page.id), url=page.url, source=page.id)
        except InputError:
            continue
        body = aeb_pages.Body(page.body)
        got = [(ln, body.label(ln)) for ln in (x.strip() for x in text.splitlines()) if ln]
        out[page.site + "/" + page.id] = (
            sum(len(t) for t, y in cut if y == 1),
            sum(len(t) for t, y in cut if y == 0),
            sum(len(t) for t, lab in got if lab == "junk"),
            sum(len(t) for t, lab in got if lab == "article"),
        )
    return out


def extracted_shift(counts: dict[str, tuple[int, int, int, int]], sites: set[str] | None = None) -> float:
    """The log prior odds of non-article text in the model's training cuts over those in extracted text (of the
    pages of `sites`, all when None): how much more evidence the model must see in an extractor's output."""
    rows = [c for key, c in counts.items() if sites is None or key.split("/")[0] in sites]
    cj, ca, ej, ea = (sum(r[i] for r in rows) + 1 for i in range(4))
    return round(max(0.0, math.log(cj / ca) - math.log(ej / ea)), 3)


# ---------------------------------------------------------------- scoring


def char_scores(p: np.ndarray, m: Matrix, t: float, rows: np.ndarray) -> tuple[float, float, float, float]:
    """Character precision, recall, F1 and lost share of the lines in `rows` removed at threshold `t` (guards
    applied)."""
    removed = (p >= t) & ~m.guarded & rows
    junk, art = rows & (m.y == 1), rows & (m.y == 0)
    tp = m.chars[removed & junk].sum()
    fp = m.chars[removed & art].sum()
    fn = m.chars[junk & ~removed].sum()
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f, fp / max(1, m.chars[art].sum())


def choose_threshold(p: np.ndarray, m: Matrix, rows: np.ndarray) -> float:
    best, best_t = -1.0, 0.9
    for t in np.arange(0.30, 0.99, 0.01):
        _, _, f, lost = char_scores(p, m, float(t), rows)
        if lost <= MAX_LOST and f > best:
            best, best_t = f, float(t)
    return best_t


def _dump_rows(examples: Sequence[Example], m: Matrix, p: np.ndarray) -> list[dict]:
    """The rows of `m` as records, in order (`featurize` made them example by example, line by line)."""
    texts = [ln.text for e in sorted(set(m.example.tolist())) for ln in split_lines(_joined(examples[e]))]
    return [
        {
            "id": examples[int(m.example[r])].id,
            "y": int(m.y[r]),
            "p": round(float(p[r]), 4),
            "guarded": bool(m.guarded[r]),
            "text": texts[r][:160],
        }
        for r in range(len(p))
    ]


def _joined(ex: Example) -> str:
    """The text of an example: its lines joined by its separator."""
    return ex.sep.join(t for t, _ in ex.lines)


# ---------------------------------------------------------------- main


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--variants", type=int, default=3, help="cuts of each AEB page for training (default 3)")
    ap.add_argument("--rounds", type=int, default=1, help="generated documents per host article (default 1)")
    ap.add_argument("--no-cv", action="store_true", help="train the shipped model only (keeping its threshold)")
    ap.add_argument("--dump", help="write the out-of-fold AEB lines with their probabilities (JSONL) here")
    ap.add_argument("--fold-models", help="write each leave-site-out fold's model and lexicon to this folder")
    args = ap.parse_args(argv)
    t0 = time.time()
    rng = random.Random(args.seed)
    pages = [p for p in aeb_pages.pages() if aeb_pages.article_span(p.blocks)]
    aeb = aeb_examples(rng, args.variants, pages)
    gen = generated_examples(args.seed, args.rounds)
    counts = junk_chars(pages)
    print(
        f"{len(aeb)} AEB cuts of {len(pages)} pages, {len(gen)} generated documents; extracted-text prior shift "
        f"{extracted_shift(counts):.2f} ({time.time() - t0:.0f} s)"
    )

    # Without cross-validation the threshold stays the one the shipped model was given by its last full run.
    threshold = json.loads((DATA / "line_model.json").read_text(encoding="utf-8"))["decision_threshold"]
    if not args.no_cv:
        folds = args.folds
        oof_p: list[np.ndarray] = []
        oof_m: list[Matrix] = []
        dumped: list[dict] = []
        for k in range(folds):
            held = {p.site for p in pages if aeb_pages.site_fold(p.site, folds) == k}
            tr = [ex for ex in aeb + gen if ex.site not in held]
            te = [ex for ex in aeb if ex.site in held and ex.id.endswith("#0")]
            m_tr = featurize(tr, {}, oof_lexicons(tr, args.seed))
            lex = learn_lexicon(tr)
            booster = train(m_tr, args.seed)
            m_te = featurize(te, lex)
            p = booster.predict(m_te.x)
            oof_p.append(p)
            oof_m.append(m_te)
            if args.dump:
                dumped += _dump_rows(te, m_te, p)
            prec, rec, f, lost = char_scores(p, m_te, 0.5, np.ones(len(p), bool))
            print(
                f"fold {k}: {len(held)} sites, {len(te)} pages held out; at 0.5: P {prec:.3f} R {rec:.3f} F1 {f:.3f} "
                f"lost {100 * lost:.3f}% ({time.time() - t0:.0f} s)"
            )
            if args.fold_models:
                out = Path(args.fold_models)
                out.mkdir(parents=True, exist_ok=True)
                shift = extracted_shift(counts, {p.site for p in pages} - held)
                (out / f"fold{k}of{folds}.json").write_text(
                    json.dumps(to_forest(booster, 0.5, shift)), encoding="utf-8"
                )
                write_lexicon(out / f"fold{k}of{folds}.tsv", lex)
        m_all = Matrix(
            np.vstack([m.x for m in oof_m]),
            np.concatenate([m.y for m in oof_m]),
            np.concatenate([m.chars for m in oof_m]),
            np.concatenate([m.guarded for m in oof_m]),
            np.concatenate([m.kind for m in oof_m]),
            np.concatenate([m.example for m in oof_m]),
        )
        p_all = np.concatenate(oof_p)
        every = np.ones(len(p_all), bool)
        threshold = choose_threshold(p_all, m_all, every)
        for t in (0.5, 0.7, 0.8, 0.9, threshold):
            prec, rec, f, lost = char_scores(p_all, m_all, t, every)
            print(
                f"  leave-site-out, model alone, t {t:.2f}: P {prec:.3f} R {rec:.3f} F1 {f:.3f} lost {100 * lost:.3f}%"
            )
        if args.dump:
            with Path(args.dump).open("w", encoding="utf-8") as f:
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in dumped)
        if args.fold_models:
            for path in Path(args.fold_models).glob("fold*.json"):
                model = json.loads(path.read_text(encoding="utf-8"))
                model["decision_threshold"] = round(threshold, 4)
                path.write_text(json.dumps(model), encoding="utf-8")

    m = featurize(aeb + gen, {}, oof_lexicons(aeb + gen, args.seed))
    booster = train(m, args.seed)
    lexicon = learn_lexicon(aeb + gen)
    model = to_forest(booster, threshold, extracted_shift(counts))
    (DATA / "line_model.json").write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    write_lexicon(DATA / "line_words.tsv", lexicon)
    gain = booster.feature_importance("gain")
    top = sorted(zip(segments.FEATURES, gain, strict=True), key=lambda kv: -kv[1])[:12]
    print("top features by gain: " + ", ".join(f"{n} {g / gain.sum():.2f}" for n, g in top))
    print(
        f"train_lines: {len(model['roots'])} trees of depth <= {model['depth']}, {len(lexicon)} lexicon words, "
        f"threshold {threshold:.2f}, {int((m.y >= 0).sum())} lines ({time.time() - t0:.0f} s)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
