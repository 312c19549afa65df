"""Train the glued-headline model (`src/newsgraph/data/headline_model.tsv`) and its word list (`lowercase_words.txt`).

    .venv/bin/python bench/train_headlines.py [--rounds 3] [--seed 5] [--l2 3] [--min-count 10]

Training data is generated, never taken from what `../shared/tools/clean_eval.py` measures: the BBC articles of
the `train` split of `bench/clean_dev.py` (which leaves out clean_eval's draw and every headline it glues in) and
the PolNeAR *train* articles (US political news, 2016). Headlines of other articles (a third of them on the same
topic) are glued into their paragraphs the ways scrapers do it (no space, a space, a line break, a line of their
own; at the start or the end of a paragraph). So that the model does not learn "a line without a full stop is
junk", the articles also carry article text that looks like it: subheadings of their own (a third of the
articles, with fewer glued headlines), brand names run together ("TimeWarner") and paragraphs broken mid-sentence
as extraction breaks them at links. Every candidate span of every line (`newsgraph.clean.headlines.candidates`) is
an example, positive when it is exactly a glued headline. A logistic regression (L2, full-batch Adam in numpy) is
fitted on the candidates' features; weights under 0.01 are dropped. With the defaults the shipped files are made
again byte for byte.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsgraph" / "data"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
sys.path.insert(0, str(ROOT / "bench"))

import clean_dev  # noqa: E402


def corpus() -> list[tuple[str, str, list[str]]]:
    """(topic, headline, body paragraphs) of every training article."""
    out = []
    for art in clean_dev.articles("train"):
        paras = [p for p in art["text"].split("\n\n") if p.strip()]
        out.append((art["category"], paras[0].strip(), [p.strip() for p in paras[1:]]))
    for path in sorted(POLNEAR.glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if len(paras) > 2:
            # USA Today titles have a second line, a deck: the headline is the first.
            title = paras[0].splitlines()[0].strip().rstrip(";.").strip()
            out.append(("us-politics", title, paras[1:]))
    return out


def lowercase_words(arts: list[tuple[str, str, list[str]]], min_count: int = 3) -> list[str]:
    """Words seen mostly in lower case inside sentences: a capitalised one at a junction starts a sentence."""
    lower, capital = Counter(), Counter()
    for _, _, paras in arts:
        for p in paras:
            for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z][a-z]+)\b", p):
                w = m.group(1)
                (lower if w[0].islower() else capital)[w.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= min_count and n >= capital[w])


def glue(
    rng: random.Random, headline: str, paras: list[str], donors: list[str], others: list[tuple[str, str, list[str]]]
) -> tuple[str, set[tuple[int, int]]]:
    """An article text with other headlines glued in, and the (start, end) of each glued headline."""
    sep = rng.choice(["\n\n", "\n"])
    pieces: list[str] = [headline]
    gold: set[tuple[int, int]] = set()
    pos = len(headline)

    def add(s: str, is_gold: bool = False) -> None:
        nonlocal pos
        if is_gold:
            gold.add((pos, pos + len(s)))
        pieces.append(s)
        pos += len(s)

    # A third of the articles have subheadings of their own (and, as in real pages, fewer glued headlines): the
    # model must learn that a line that does not end like a sentence is not enough.
    structured = rng.random() < 0.3
    glue_rate = 0.08 if structured else 0.25
    for p in paras:
        add(sep)
        if structured and rng.random() < 0.3:
            source = p if rng.random() < 0.5 else rng.choice(rng.choice(others)[2] or [p])
            add(subheading(rng, source))  # article text: a negative example
            add(sep)
        if rng.random() < 0.15:
            p = fuse_names(rng, p)
        if rng.random() < 0.05:
            p = break_line(rng, p, sep)
        r = rng.random() * 0.25 / glue_rate
        h = rng.choice(donors)
        if r < 0.25:
            how = rng.choices(["glued", "space", "newline", "own"], [0.4, 0.25, 0.15, 0.2])[0]
            add(h, True)
            add({"glued": "", "space": " ", "newline": "\n", "own": sep}[how])
            add(p)
        elif r < 0.32 and p[-1:] in '.!?"”':
            add(p)
            add(rng.choice(["", " "]))
            add(h, True)
        else:
            add(p)
    return "".join(pieces), gold


def fuse_names(rng: random.Random, paragraph: str) -> str:
    """Two capitalised words run together as brands are ("Time Warner" -> "TimeWarner", "Mag Safe" -> "MagSafe"):
    article text with a capital inside a word, which is not a glued headline."""
    pairs = list(re.finditer(r"(?<=[a-z,] )([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b", paragraph))
    if not pairs:
        return paragraph
    m = rng.choice(pairs)
    return paragraph[: m.start()] + m.group(1) + m.group(2) + paragraph[m.end() :]


def break_line(rng: random.Random, paragraph: str, sep: str) -> str:
    """A paragraph broken mid-sentence before a capitalised word, as extraction breaks it at a link or an inline
    element ("…who in 2008 won the\nAfrica Movie Academy Award…"): article text on both lines."""
    spots = [m.start() for m in re.finditer(r"(?<=[a-z,]) (?=[A-Z])", paragraph)]
    if not spots:
        return paragraph
    at = rng.choice(spots)
    return paragraph[:at] + rng.choice(["\n", sep]) + paragraph[at + 1 :]


LABELS = [
    "Background",
    "Analysis",
    "What happens next?",
    "Why does it matter?",
    "The verdict",
    "Reaction",
    "What they said",
    "Key points",
    "What next?",
    "In numbers",
    "The details",
    "How it works",
    "What we know so far",
    "The bottom line",
    "Looking ahead",
    "The response",
    "What the experts say",
    "Why it matters",
    "A long road",
    "The numbers behind the story",
    "What comes next for the team",
]
_FUNCTION_END = {"the", "a", "an", "of", "to", "and", "in", "on", "at", "for", "by", "with", "from", "that", "as"}


def subheading(rng: random.Random, paragraph: str) -> str:
    """A subheading for the section that `paragraph` opens: the kind of line articles have of their own."""
    if rng.random() < 0.15:
        return rng.choice(LABELS)
    ws = re.findall(r"[\w'’£$%.-]+", re.split(r"(?<=[.!?])\s", paragraph)[0])
    ws = [w.strip(".") for w in ws if w.strip(".")]
    if len(ws) < 3:
        return rng.choice(LABELS)
    k = rng.randint(2, min(7, len(ws)))
    i = rng.randint(0, len(ws) - k)
    phrase = ws[i : i + k]
    while len(phrase) > 1 and phrase[-1].lower() in _FUNCTION_END:
        phrase.pop()
    out = " ".join(phrase)
    r = rng.random()
    if r < 0.2:
        out = rng.choice(["How ", "Why ", "What ", "When "]) + out[0].lower() + out[1:] + "?"
    out = out[0].upper() + out[1:]
    r = rng.random()
    if r < 0.25:
        out = " ".join(w[:1].upper() + w[1:] for w in out.split())
    elif r < 0.35:
        out = out.upper()
    return out


def examples(arts, rounds: int, seed: int) -> tuple[list[list[str]], list[int]]:
    from newsgraph.clean.headlines import Page, candidates, features
    from newsgraph.clean.lines import split_lines

    rng = random.Random(seed)
    by_topic: dict[str, list[str]] = {}
    for topic, h, _ in arts:
        by_topic.setdefault(topic, []).append(h)
    everything = [h for _, h, _ in arts]
    xs, ys = [], []
    for _ in range(rounds):
        for topic, headline, paras in arts:
            if not paras:
                continue
            # Related articles are often on the same subject: a third of the glued headlines come from the topic.
            donors = by_topic[topic] if rng.random() < 0.35 else everything
            text, gold = glue(rng, headline, paras, [d for d in donors if d != headline], arts)
            lines = split_lines(text)
            page = Page.of(text, lines)
            for i in range(1, len(lines)):
                for c in candidates(text, lines[i]):
                    xs.append(features(page, i, c))
                    ys.append(int((c.start, c.end) in gold))
    return xs, ys


def fit(xs: list[list[str]], ys: list[int], l2: float, min_count: int, steps: int) -> dict[str, float]:
    counts = Counter(f for x in xs for f in set(x))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, x in enumerate(xs):
        for f in set(x):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    rows_a, cols_a = np.array(rows), np.array(cols)
    y = np.array(ys, dtype=np.float64)
    n, d = len(ys), len(names)
    w, b = np.zeros(d), 0.0
    m, v, mb, vb = np.zeros(d), np.zeros(d), 0.0, 0.0
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g_row = p - y
        g = np.bincount(cols_a, weights=g_row[rows_a], minlength=d) / n + l2 * w / n
        gb = g_row.mean()
        m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g
        mb, vb = beta1 * mb + (1 - beta1) * gb, beta2 * vb + (1 - beta2) * gb * gb
        w -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        b -= lr * (mb / (1 - beta1**t)) / (np.sqrt(vb / (1 - beta2**t)) + eps)
        if t % 100 == 0 or t == steps:
            loss = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
            print(f"step {t}: loss {loss:.4f}", flush=True)
    out = {"bias": float(b)}
    out.update({f: float(wi) for f, wi in zip(names, w, strict=True) if abs(wi) >= 0.01})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--l2", type=float, default=3.0)
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--steps", type=int, default=600)
    args = ap.parse_args()
    arts = corpus()
    print(f"{len(arts)} training articles")
    lw = lowercase_words(arts)
    (DATA / "lowercase_words.txt").write_text(
        "# Words seen mostly in lower case inside sentences (made by bench/train_headlines.py from its training\n"
        "# articles). A capitalised one where two spans meet starts a sentence: '…rate rises The 17-year-old…'.\n"
        + "\n".join(lw)
        + "\n",
        encoding="utf-8",
    )
    from newsgraph.lexicon import words

    words.cache_clear()
    print(f"{len(lw)} lower-case words")
    xs, ys = examples(arts, args.rounds, args.seed)
    print(f"{len(ys)} candidates, {sum(ys)} positive")
    w = fit(xs, ys, args.l2, args.min_count, args.steps)
    lines = [f"{f}\t{wi:.4f}" for f, wi in sorted(w.items())]
    (DATA / "headline_model.tsv").write_text(
        "# Weights of the glued-headline model (newsgraph.clean.headlines), made by bench/train_headlines.py.\n"
        "# feature<TAB>weight; 'bias' is the intercept.\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    print(f"{len(w)} weights written")


if __name__ == "__main__":
    main()
