"""Train the line model (`src/newsgraph/data/line_model.tsv`, read by `newsgraph.clean.segments`).

    .venv/bin/python bench/train_lines.py [--seed 13] [--folds 5] [--no-cv]

Examples are lines, labelled 1 when they are not article text:
- real pages: the 181 pages of ../shared/data/aeb. Every visible text block of a page is a line; a block whose
  words are a stretch of the page's true article (ground-truth.json) is article text, a block that shares almost
  nothing with it is not (related links, captions, promotions, newsletter boxes, bylines, menus); blocks in between
  are left out. The document the cleaner would see is the blocks from a little before the article's first block to
  a little after its last, in page order, headed by the page's first heading;
- generated: clean BBC (train split of bench/clean_dev.py) and PolNeAR *train* articles with non-article lines put
  in by `bench/train_junk.py`.

Cross-validation holds out whole AEB sites (folds by a hash of the url's hostname): each fold's model is trained on
the other sites' pages and all generated documents and scored on the held-out sites' lines. The shipped model is
trained on everything. Logistic regression with L2, full-batch Adam in numpy (as bench/train_headlines.py); word
features are kept only for the `--vocab` words of highest log-odds either way (the learned lexicon). Seeded: the
same command writes the same file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsgraph" / "data"
AEB = ROOT.parent / "shared" / "data" / "aeb"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "figcaption",
    "figure",
    "blockquote",
    "td",
    "th",
    "tr",
    "table",
    "dt",
    "dd",
    "dl",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "br",
    "caption",
    "button",
    "form",
    "label",
    "address",
    "pre",
    "hr",
    "option",
    "select",
    "time",
}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "title"}
BEFORE, AFTER = 6, 10
LI = "\x00"  # marks a block that opens a list item (pages draw bullets with style sheets, not characters)
BULLETS = ["", "", "• ", "- ", "* ", "· "]  # blocks kept before the article's first block and after its last


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def page_blocks(html: str) -> list[str]:
    """The visible text blocks of a page, in order: text between block-level element boundaries, white space
    collapsed; a block that opens a list item starts with LI."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return []
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        t = " ".join("".join(buf).split())
        if t.strip(LI):
            out.append(t if t.startswith(LI) else t.replace(LI, ""))
        buf.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in SKIP_TAGS or not isinstance(el.tag, str):
            if el.tail:
                buf.append(el.tail)
            return
        style = (el.get("style") or "").replace(" ", "").lower()
        hidden = el.get("hidden") is not None or "display:none" in style or el.get("aria-hidden") == "true"
        block = tag in BLOCK_TAGS
        if not hidden:
            if block:
                flush()
            if tag == "li":
                buf.append(LI)
            if el.text:
                buf.append(el.text)
            for child in el:
                walk(child)
            if block:
                flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return out


def label_blocks(blocks: list[str], article: str) -> list[int | None]:
    """1 not article, 0 article, None unsure: by how many of a block's word trigrams are in the article."""
    art = _norm(article)
    art_words = art.split()
    grams = {tuple(art_words[k : k + 3]) for k in range(len(art_words) - 2)}
    vocab = set(art_words)
    out: list[int | None] = []
    for b in blocks:
        nb = _norm(b)
        ws = nb.split()
        if not ws:
            out.append(None)
            continue
        if len(ws) < 3:
            # Short blocks: article text when the whole is in the article; junk when no word of it is.
            if f" {nb} " in f" {art} ":
                out.append(0 if len(ws) >= 2 else None)
            else:
                out.append(1 if not any(w in vocab for w in ws if len(w) > 3) else None)
            continue
        bg = [tuple(ws[k : k + 3]) for k in range(len(ws) - 2)]
        share = sum(g in grams for g in bg) / len(bg)
        out.append(0 if share >= 0.9 else 1 if share <= 0.1 else None)
    return out


def aeb_documents(limit: int | None = None, seed: int = 13) -> list[tuple[str, str, list[tuple[str, int | None]]]]:
    """(page id, hostname, [(line, label)]) for every English AEB page: the document the cleaner would see, from
    a few blocks (0 to BEFORE, drawn per page) before the article to a few (0 to AFTER) after it."""
    import random

    from newsgraph.clean.language import looks_english

    rng = random.Random(seed)
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for pid in sorted(truth)[:limit]:
        path = AEB / "html" / f"{pid}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        blocks = page_blocks(html)
        labels = label_blocks([b.replace(LI, "") for b in blocks], truth[pid]["articleBody"])
        art = [k for k, y in enumerate(labels) if y == 0]
        if len(art) < 2 or not looks_english(truth[pid]["articleBody"]):
            continue
        a = max(0, art[0] - rng.randint(0, BEFORE))
        b = min(len(blocks), art[-1] + 1 + rng.randint(0, AFTER))
        # A page's list items, article or not, get one bullet style (none on some pages), as text extraction shows.
        bullet = rng.choice(BULLETS)
        lines = [
            (blocks[k].replace(LI, bullet).strip() if blocks[k].startswith(LI) else blocks[k], labels[k])
            for k in range(a, b)
        ]
        # De-duplicate repeated blocks next to each other (responsive layouts print some twice).
        dedup: list[tuple[str, int | None]] = []
        for line in lines:
            if not dedup or dedup[-1][0] != line[0]:
                dedup.append(line)
        host = urlparse(truth[pid]["url"]).hostname or ""
        out.append((pid, host.removeprefix("www."), dedup))
    return out


def fold_of(host: str, folds: int) -> int:
    return hashlib.sha1(host.encode()).digest()[0] % folds


def doc_examples(
    lines: list[tuple[str, int | None]], sep: str = "\n", info: list | None = None
) -> tuple[list[list[str]], list[int]]:
    """Features and labels of every labelled line of one document but the first (the headline); `info` gets
    (line, guarded) of each."""
    from newsgraph.clean.lines import split_lines
    from newsgraph.clean.segments import THRESHOLD, Context, features, guarded, threshold

    text = sep.join(x for x, _ in lines)
    split = split_lines(text)
    if len(split) != len(lines):  # a line with a line break inside: resplit labels by position
        return [], []
    ctx = Context.of(split)
    xs, ys = [], []
    for i in range(1, len(split)):
        y = lines[i][1]
        if y is None:
            continue
        xs.append(features(ctx, i))
        ys.append(int(y))
        if info is not None:
            # Whether the line asks for more than the plain threshold (a line of the article's own lists).
            info.append((lines[i][0], guarded(ctx, i), threshold(ctx, i) > THRESHOLD))
    return xs, ys


def vocabulary(xs: list[list[str]], ys: list[int], size: int, min_count: int) -> set[str]:
    """The word features of highest log-odds either way (the learned lexicon)."""
    pos, neg = Counter(), Counter()
    for x, y in zip(xs, ys, strict=True):
        (pos if y else neg).update(f for f in set(x) if f.startswith("w:"))
    n_pos, n_neg = max(1, sum(ys)), max(1, len(ys) - sum(ys))
    scored = []
    for f in set(pos) | set(neg):
        if pos[f] + neg[f] < min_count:
            continue
        lo = math.log((pos[f] + 0.5) / n_pos) - math.log((neg[f] + 0.5) / n_neg)
        scored.append((-abs(lo), f))
    scored.sort()
    return {f for _, f in scored[:size]}


def fit(
    xs: list[list[str]],
    ys: list[int],
    l2: float,
    min_count: int,
    steps: int,
    vocab: set[str],
    sample_weight: list[float],
) -> dict[str, float]:
    counts = Counter(f for x in xs for f in set(x))
    names = sorted(f for f, n in counts.items() if n >= min_count and (not f.startswith("w:") or f in vocab))
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, x in enumerate(xs):
        for f in set(x):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    rows_a, cols_a = np.array(rows), np.array(cols)
    y = np.array(ys, dtype=np.float64)
    sw = np.array(sample_weight, dtype=np.float64)
    sw = sw / sw.mean()
    n, d = len(ys), len(names)
    w, b = np.zeros(d), 0.0
    m, v, mb, vb = np.zeros(d), np.zeros(d), 0.0, 0.0
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g_row = (p - y) * sw
        g = np.bincount(cols_a, weights=g_row[rows_a], minlength=d) / n + l2 * w / n
        gb = g_row.mean()
        m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g
        mb, vb = beta1 * mb + (1 - beta1) * gb, beta2 * vb + (1 - beta2) * gb * gb
        w -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        b -= lr * (mb / (1 - beta1**t)) / (np.sqrt(vb / (1 - beta2**t)) + eps)
    out = {"bias": float(b)}
    out.update({f: float(wi) for f, wi in zip(names, w, strict=True) if abs(wi) >= 0.01})
    return out


def predict(w: dict[str, float], x: list[str]) -> float:
    z = w.get("bias", 0.0) + sum(w.get(f, 0.0) for f in x)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def report(
    name: str,
    probs: list[float],
    ys: list[int],
    sizes: list[int] | None = None,
    lists: list[bool] | None = None,
    thresholds=(0.5, 0.7, 0.8, 0.9, 0.93, 0.95),
) -> None:
    """Precision and recall of lines (or of characters, with `sizes`) at each threshold (LIST_THRESHOLD at least
    for the lines in `lists`)."""
    from newsgraph.clean.segments import LIST_THRESHOLD

    sizes = sizes or [1] * len(ys)
    lists = lists or [False] * len(ys)
    for t in thresholds:
        hit = [p >= (max(t, LIST_THRESHOLD) if li else t) for p, li in zip(probs, lists, strict=True)]
        tp = sum(n for h, y, n in zip(hit, ys, sizes, strict=True) if h and y)
        fp = sum(n for h, y, n in zip(hit, ys, sizes, strict=True) if h and not y)
        fn = sum(n for h, y, n in zip(hit, ys, sizes, strict=True) if not h and y)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        print(f"  {name} t={t:.2f}: P {pr:.3f} R {rc:.3f} F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})")


def dev_check(w: dict[str, float], thresholds=(0.8, 0.9, 0.93, 0.95, 0.97)) -> None:
    """What the model adds on bench/clean_dev.py's dev articles (never clean_eval's), after the rules, in
    characters: junk lines it finds, article characters it would take."""
    import clean_dev

    from newsgraph.clean import find_removed
    from newsgraph.clean.lines import split_lines
    from newsgraph.clean.segments import LIST_THRESHOLD, REASON, THRESHOLD, Context, features, guarded, threshold

    tag = REASON.format("")
    counts = {t: [0, 0] for t in thresholds}
    for d in clean_dev.build("dev", 400, 3):
        lines = split_lines(d.text)
        rules = [r for r in find_removed(d.text) if not r.reason.startswith(tag)]
        touched = {i for i, ln in enumerate(lines) for r in rules if r.start < ln.end and r.end > ln.start}
        ctx = Context.of(lines)
        for i in range(1, len(lines)):
            if i in touched or guarded(ctx, i):
                continue
            p = predict(w, features(ctx, i))
            need = threshold(ctx, i) > THRESHOLD
            ln = lines[i]
            junk = not any(d.real[ln.start : ln.end])
            n = len(ln.text.replace(" ", ""))
            for t in thresholds:
                if p >= (max(t, LIST_THRESHOLD) if need else t):
                    counts[t][0 if junk else 1] += n
    for t in thresholds:
        print(f"  clean_dev dev t={t:.2f}: junk chars found {counts[t][0]}, article chars taken {counts[t][1]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=3.0)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--vocab", type=int, default=600)
    ap.add_argument("--steps", type=int, default=500)
    ap.add_argument("--aeb-weight", type=float, default=3.0, help="weight of a real page's line against a generated")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--list-threshold", type=float, help="evaluate with this LIST_THRESHOLD (the shipped one if unset)")
    ap.add_argument("--show-errors", type=int, default=0, help="print the N article lines scored highest in CV")
    args = ap.parse_args()
    import random

    from newsgraph.clean import segments

    if args.list_threshold is not None:
        segments.LIST_THRESHOLD = args.list_threshold

    import train_junk

    rng = random.Random(args.seed)
    pages = aeb_documents(seed=args.seed)
    page_ex, page_info = [], {}
    for pid, host, lines in pages:
        info: list = []
        xs, ys = doc_examples(lines, rng.choice(["\n", "\n\n"]), info)
        page_ex.append((pid, host, xs, ys))
        page_info[pid] = info
    gen_xs, gen_ys = [], []
    for _, lines in train_junk.documents(args.seed):
        xs, ys = doc_examples(lines, "\n")
        gen_xs += xs
        gen_ys += ys
    n_pages_lines = sum(len(ys) for *_, ys in page_ex)
    n_pages_junk = sum(sum(ys) for *_, ys in page_ex)
    print(
        f"AEB: {len(page_ex)} pages, {len({h for _, h, *_ in page_ex})} sites, {n_pages_lines} lines "
        f"({n_pages_junk} not article); generated: {len(gen_ys)} lines ({sum(gen_ys)} not article)",
        flush=True,
    )

    def train(parts) -> dict[str, float]:
        xs = list(gen_xs)
        ys = list(gen_ys)
        sw = [1.0] * len(gen_ys)
        for _, _, pxs, pys in parts:
            xs += pxs
            ys += pys
            sw += [args.aeb_weight] * len(pys)
        vocab = vocabulary(xs, ys, args.vocab, args.min_count)
        return fit(xs, ys, args.l2, args.min_count, args.steps, vocab, sw)

    if not args.no_cv:
        probs, ys_all, infos = [], [], []
        for k in range(args.folds):
            held = [p for p in page_ex if fold_of(p[1], args.folds) == k]
            w = train([p for p in page_ex if fold_of(p[1], args.folds) != k])
            for pid, _, xs, ys in held:
                probs += [predict(w, x) for x in xs]
                ys_all += ys
                infos += page_info[pid]
            print(f"fold {k}: {len(held)} pages held out", flush=True)
        print("held-out sites (AEB lines), model alone:")
        report("lines", probs, ys_all)
        # The run-time decision: guarded lines are kept, lines in lists need more.
        final = [0.0 if g else p for p, (_, g, _) in zip(probs, infos, strict=True)]
        sizes = [len(x.replace(" ", "")) for x, *_ in infos]
        lists = [li for *_, li in infos]
        print("held-out sites (AEB), with the guards and the list threshold:")
        report("lines", final, ys_all, lists=lists)
        report("chars", final, ys_all, sizes, lists)
        if args.show_errors:
            errs = sorted(
                (
                    (p, x)
                    for p, y, (x, _, li) in zip(final, ys_all, infos, strict=True)
                    if not y and p >= (segments.LIST_THRESHOLD if li else 0)
                ),
                reverse=True,
            )
            for p, x in errs[: args.show_errors]:
                print(f"  FP {p:.3f} {x[:120]}")
    w = train(page_ex)
    if not args.no_cv:
        dev_check(w)
    rows = [f"{f}\t{wi:.4f}" for f, wi in sorted(w.items())]
    (DATA / "line_model.tsv").write_text(
        "# Weights of the line model (newsgraph.clean.segments), made by bench/train_lines.py.\n"
        "# feature<TAB>weight; 'bias' is the intercept; w:<word> entries are the learned lexicon.\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(w)} weights written")


if __name__ == "__main__":
    main()
