"""Held-out evaluation of the cleaner (issue 12): junk it was not built on, and web sites it was not tuned on.

    .venv/bin/python bench/clean_heldout.py [--n 400] [--seed S] [--fold k/K | --sites-from FILE] [--no-extract]
                                            [--report FILE]

Two measures, both calling `newsgraph.clean.find_removed` directly (no parse), both scored as `clean_eval.py`
scores: removal precision/recall/F1 over the non-space characters of known junk against the `removed` spans, and
the share of true article characters inside `removed` ("lost").

(a) generator: `bench/heldout_junk.py`, a second contamination generator (EVALUATION ONLY, never train on it) with
    phrasings and placements of its own, over BBC, PolNeAR and AEB article texts; per-kind recall is printed.
(b) aeb: the AEB pages (`../shared/data/aeb`). Each page's visible text blocks (p, li, h1-h6, figcaption, td,
    blockquote, div leaves..., read with lxml; script, style, forms and hidden elements skipped) are labelled
    against the ground-truth article body: `article` when the block is (almost) contained in it, `junk` when
    (almost) none of it is, `unsure` otherwise (scored neither way; so are the few lines of junk that the ground
    truth itself kept, found by `aeb_pages.HOST_JUNK`). The text a careless extractor would keep is
    built from the article region: the article blocks in page order with every junk block between them and up
    to TRAIL junk blocks after the last one, one block a line. Scored over junk blocks; per-tag recall printed.
    With extraction on (the default), the same labelling is applied to the lines newsgraph itself gets from the
    page (`newsgraph.sources.html.extract`) and that is scored too, on its own line: what the cleaner meets in
    the pipeline (few junk lines: trafilatura already dropped most).

Leave-site-out: pages are grouped by the hostname of their URL; `--fold k/K` evaluates only the sites whose
hash (`aeb_pages.site_fold`) is k modulo K, `--sites-from FILE` only the hostnames listed in FILE (one a line).
`--fold-models DIR` (written by `bench/train_lines.py --fold-models DIR`) cleans each site with the line model of
the fold that held it out, so that the aeb figures are of sites the learned model never saw. The trainer reads the
pages through `bench/aeb_pages.py` as this does; it must not train on the generator of part (a).

Last line: `clean_heldout: generator F1 = F (P p, R r), lost = L% on N docs; aeb F1 = F (P p, R r), lost = L% on
N pages`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import aeb_pages  # noqa: E402
import clean_eval  # noqa: E402
import heldout_junk  # noqa: E402
from aeb_pages import Block  # noqa: E402

TRAIL = 8
"""Junk blocks kept after the last article block (a careless extractor runs on into the related links)."""

# ============================================================ AEB examples


@dataclass
class AebExample:
    """One AEB page made into a text: its lines with labels (article / junk / unsure) and offsets."""

    id: str
    site: str
    url: str
    text: str
    lines: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, label, tag)
    headings: tuple[int, ...] | None = None  # extracted text only: the lines the page marks as headings


def _assemble(pid: str, site: str, url: str, blocks: list[Block]) -> AebExample:
    parts, lines, pos = [], [], 0
    for b in blocks:
        parts.append(b.text)
        lines.append((pos, pos + len(b.text), b.label, b.tag))
        pos += len(b.text) + 1
    return AebExample(pid, site, url, "\n".join(parts), lines)


def region(blocks: Sequence[Block], trail: int = TRAIL) -> list[Block]:
    """Article blocks in page order (each text once) with the junk between them and up to `trail` after."""
    span = aeb_pages.article_span(blocks)
    if span is None:
        return []
    out: list[Block] = []
    seen: set[str] = set()
    for b in blocks[span[0] : span[1] + 1]:
        if b.text in seen:  # a repeated block (pull quote, sticky header): neither side's evidence
            continue
        seen.add(b.text)
        out.append(b)
    n = 0
    for b in blocks[span[1] + 1 :]:
        if n >= trail:
            break
        if b.label == "junk" and b.text not in seen:
            seen.add(b.text)
            out.append(b)
            n += 1
    return out


def aeb_examples(site_filter: Callable[[str], bool] | None = None, extracted: bool = False) -> list[AebExample]:
    """The AEB pages whose site passes `site_filter`, as labelled texts (see the module docstring).

    extracted=False: the page's visible blocks in the article region (real non-article blocks in between);
    extracted=True: the lines newsgraph's HTML extraction gives, labelled the same way (pages it refuses are left
    out)."""
    out = []
    for page in aeb_pages.pages(site_filter):
        if extracted:
            from newsgraph.sources.errors import InputError
            from newsgraph.sources.html import extract

            try:
                text, meta = extract(aeb_pages.read_html(page.id), url=page.url, source=page.id)
            except InputError:
                continue
            body = aeb_pages.Body(page.body)
            blocks = [Block(ln.strip(), "line") for ln in text.splitlines() if ln.strip()]
            for b in blocks:
                b.label = body.label(b.text)
                if b.label == "article" and aeb_pages.HOST_JUNK.search(b.text):
                    b.label = "unsure"
            kept = blocks
        else:
            kept = region(page.blocks)
        if kept:
            ex = _assemble(page.id, page.site, page.url, kept)
            if extracted:
                # The headings' lines, by their offsets in `ex.text` (the lines are the same, re-joined).
                heads = {" ".join(ln.split()) for a, ln in _lines_at(text) if a in meta.headings}
                ex.headings = tuple(a for a, b, _, _ in ex.lines if ex.text[a:b] in heads)
            out.append(ex)
    return out


# ============================================================ scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    real: int = 0
    units: int = 0
    by_tag_chars: Counter = field(default_factory=Counter)
    by_tag_hit: Counter = field(default_factory=Counter)
    by_tag_items: Counter = field(default_factory=Counter)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def lost(self) -> float:
        return 100.0 * self.fp / self.real if self.real else 0.0


def fold_models(folder: str) -> dict[int, tuple[object, dict[str, float]]]:
    """The leave-site-out line models in `folder` (fold k of K: `fold{k}of{K}.json` and `.tsv`), by fold."""
    from newsgraph.clean import segments
    from newsgraph.lexicon import parse_weights

    out = {}
    for path in sorted(Path(folder).glob("fold*of*.json")):
        k = int(path.stem[4:].split("of")[0])
        lexicon = parse_weights(path.with_suffix(".tsv").read_text(encoding="utf-8"))
        out[k] = (segments.Forest(json.loads(path.read_text(encoding="utf-8"))), lexicon)
    if not out:
        raise SystemExit(f"{folder}: no fold models (fold<k>of<K>.json)")
    return out


def with_fold_models(folder: str, examples: list[AebExample]) -> Iterable[AebExample]:
    """Yield `examples`, the cleaner's line model swapped for the fold model that held each one's site out."""
    from newsgraph.clean import segments

    models = fold_models(folder)
    folds = int(next(Path(folder).glob("fold*of*.json")).stem.split("of")[1])
    shipped = segments.forest, segments.line_lexicon
    try:
        for ex in examples:
            model, lexicon = models[aeb_pages.site_fold(ex.site, folds)]
            segments.forest = lambda m=model: m  # type: ignore[assignment]
            segments.line_lexicon = lambda lx=lexicon: lx  # type: ignore[assignment]
            yield ex
    finally:
        segments.forest, segments.line_lexicon = shipped


def _lines_at(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def removed_mask(text: str, headings: tuple[int, ...] | None = None) -> bytearray:
    from newsgraph.clean import find_removed

    mask = bytearray(len(text))
    for r in find_removed(text, headings=headings):
        mask[r.start : r.end] = b"\x01" * (r.end - r.start)
    return mask


def score_aeb(examples: Iterable[AebExample], report: list | None = None) -> tuple[Score, dict[str, Score]]:
    total, per_site = Score(), defaultdict(Score)
    for ex in examples:
        mask = removed_mask(ex.text, ex.headings)
        s = per_site[ex.site]
        s.units += 1
        total.units += 1
        missed, lost = [], []
        for a, b, label, tag in ex.lines:
            chars = [i for i in range(a, b) if not ex.text[i].isspace()]
            hit = sum(mask[i] for i in chars)
            for t in (total, s):
                if label == "junk":
                    t.tp += hit
                    t.fn += len(chars) - hit
                    t.by_tag_items[tag] += 1
                    t.by_tag_chars[tag] += len(chars)
                    t.by_tag_hit[tag] += hit
                elif label == "article":
                    t.real += len(chars)
                    t.fp += hit
            if label == "junk" and hit < len(chars):
                missed.append(ex.text[a:b][:200])
            if label == "article" and hit:
                lost.append(ex.text[a:b][:200])
        if report is not None and (missed or lost):
            report.append({"part": "aeb", "id": ex.id, "site": ex.site, "missed": missed, "article_removed": lost})
    return total, dict(per_site)


def print_aeb(name: str, total: Score, per_site: dict[str, Score]) -> None:
    p, r, f = total.prf()
    macro = [s.prf() for s in per_site.values() if s.tp + s.fn]
    mf = sum(x[2] for x in macro) / len(macro) if macro else 0.0
    mlost = [s.lost() for s in per_site.values() if s.real]
    print(
        f"{name}: {total.units} pages from {len(per_site)} sites; junk chars {total.tp + total.fn}, article chars "
        f"{total.real}; pooled F1 {f:.3f} (P {p:.3f}, R {r:.3f}), lost {total.lost():.3f}%; per-site mean F1 "
        f"{mf:.3f} over {len(macro)} sites with junk, mean lost {sum(mlost) / max(1, len(mlost)):.3f}%"
    )


def print_tags(total: Score) -> None:
    print(f"  {'junk block tag':<16}{'blocks':>7}{'chars':>8}{'char recall':>13}")
    top = [t for t, _ in total.by_tag_items.most_common(8)]
    rows = [(t, total.by_tag_items[t], total.by_tag_chars[t], total.by_tag_hit[t]) for t in top]
    rest = [t for t in total.by_tag_items if t not in top]
    if rest:
        rows.append(
            ("other", *(sum(c[t] for t in rest) for c in (total.by_tag_items, total.by_tag_chars, total.by_tag_hit)))
        )
    for tag, n, chars, hit in rows:
        print(f"  {tag:<16}{n:>7}{chars:>8}{(hit / chars if chars else 0.0):>13.3f}")


# ============================================================ main


def _site_filter(args) -> Callable[[str], bool] | None:
    if args.sites_from:
        wanted = {ln.strip().lower() for ln in Path(args.sites_from).read_text().splitlines() if ln.strip()}
        return lambda s: s in wanted
    if args.fold:
        k, folds = (int(x) for x in args.fold.split("/"))
        return lambda s: aeb_pages.site_fold(s, folds) == k
    return None


def main(argv: list[str]) -> None:
    from newsgraph.clean import find_removed

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="generator documents, half contaminated (default 400)")
    ap.add_argument("--seed", type=int, default=heldout_junk.DEFAULT_SEED)
    ap.add_argument("--fold", help="k/K: AEB sites of fold k only (by hostname hash)")
    ap.add_argument("--sites-from", help="file of AEB hostnames (one a line) to evaluate on")
    ap.add_argument("--no-extract", action="store_true", help="skip scoring newsgraph's own extracted AEB text")
    ap.add_argument("--report", help="write misses and false removals (JSONL) here")
    ap.add_argument(
        "--fold-models",
        help="folder of leave-site-out line models (bench/train_lines.py --fold-models): each AEB site is cleaned "
        "with the model of the fold that held it out, so the aeb figures are of sites the model never saw",
    )
    args = ap.parse_args(argv)
    report: list[dict] | None = [] if args.report else None

    t0 = time.time()
    docs = heldout_junk.build(args.n, args.seed)
    outs = []
    for d in docs:
        found = find_removed(d.text)
        outs.append({"id": d.id, "text": d.text, "removed": [{"start": r.start, "end": r.end} for r in found]})
    gen_report: list[dict] = []
    tally = clean_eval.score_docs(docs, outs, gen_report)
    if report is not None:
        report += [{"part": "generator", **r} for r in gen_report]
    gp, gr, gf = clean_eval.prf(tally)
    glost = 100.0 * tally.fp / tally.real if tally.real else 0.0
    n_items = sum(len(d.items) for d in docs)
    print(
        f"generator (bench/heldout_junk.py, seed {args.seed}): {len(docs)} docs, {n_items} injected items; "
        f"F1 {gf:.3f} (P {gp:.3f}, R {gr:.3f}), lost {glost:.3f}% ({tally.fp} of {tally.real} chars, "
        f"{tally.fp_untouched} in untouched docs)"
    )
    print(f"  {'kind':<36}{'items':>6}{'caught':>8}{'chars':>8}{'char recall':>13}")
    for k in heldout_junk.KINDS:
        rec = tally.kind_hit[k] / tally.kind_chars[k] if tally.kind_chars[k] else 0.0
        label = f"{k}  ({heldout_junk.KINDS[k]})"
        print(f"  {label:<36}{tally.kind_items[k]:>6}{tally.kind_caught[k]:>8}{tally.kind_chars[k]:>8}{rec:>13.3f}")
    lost_by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d, o in zip(docs, outs, strict=True):
        mask = bytearray(len(d.text))
        for r in o["removed"]:
            mask[r["start"] : r["end"]] = b"\x01" * (r["end"] - r["start"])
        for i, c in enumerate(d.text):
            if d.real[i] and not c.isspace():
                lost_by_source[d.source][1] += 1
                lost_by_source[d.source][0] += mask[i]
    shared: set[str] = set()
    for trainer in ("train_junk.py", "train_lines.py"):
        shared |= heldout_junk.shared_templates(Path(__file__).resolve().parent / trainer)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # items, chars, chars removed
    for d, o in zip(docs, outs, strict=True):
        mask = bytearray(len(d.text))
        for r in o["removed"]:
            mask[r["start"] : r["end"]] = b"\x01" * (r["end"] - r["start"])
        for it in d.items:
            tpl = heldout_junk.template_of(it["variant"])
            if tpl == heldout_junk.HEADLINE_ONLY:
                group = "other stories' headlines alone"
            elif tpl in heldout_junk.ISSUE_NAMED:
                group = "templates restating the issue's examples"
            elif tpl in shared:
                group = "fresh templates, but found in a training generator"
            else:
                group = "fresh templates, in no training generator"
            chars = [i for i in range(it["start"], it["end"]) if not d.text[i].isspace()]
            g = groups[group]
            g[0], g[1], g[2] = g[0] + 1, g[1] + len(chars), g[2] + sum(mask[i] for i in chars)
    for group, (n, c, h) in sorted(groups.items()):
        print(f"  {group:<52} {n:>4} items, char recall {h / c if c else 0.0:.3f}")
    if shared:
        print(f"  (templates found in bench/train_junk.py or train_lines.py: {sorted(shared)})")
    print(
        "  lost by source: "
        + ", ".join(f"{s} {100 * a / b:.3f}% ({a} of {b})" for s, (a, b) in sorted(lost_by_source.items()))
    )
    # For reference, beside these: clean_eval's own draw (BBC, seed 7, 400), scored the same way without the parse.
    ref = clean_eval.build_bbc(clean_eval.DATA, 400, clean_eval.DEFAULT_SEED)
    ref_outs = [
        {"text": d.text, "removed": [{"start": r.start, "end": r.end} for r in find_removed(d.text)]} for d in ref
    ]
    rt = clean_eval.score_docs(ref, ref_outs)
    rp, rr, rf = clean_eval.prf(rt)
    print(
        f"clean_eval's draw for reference (its generator, find_removed direct): F1 {rf:.3f} (P {rp:.3f}, R {rr:.3f}), "
        f"lost {100.0 * rt.fp / max(1, rt.real):.3f}% on {len(ref)} docs"
    )
    t1 = time.time()

    flt = _site_filter(args)
    blocks = aeb_examples(flt)
    total, per_site = score_aeb(with_fold_models(args.fold_models, blocks) if args.fold_models else blocks, report)
    print_aeb("aeb blocks (article region of each page, junk blocks kept)", total, per_site)
    print_tags(total)
    t2 = time.time()
    if not args.no_extract:
        extracted = aeb_examples(flt, extracted=True)
        etotal, eper_site = score_aeb(
            with_fold_models(args.fold_models, extracted) if args.fold_models else extracted, report
        )
        print_aeb("aeb extracted (newsgraph's own HTML extraction)", etotal, eper_site)
    t3 = time.time()
    print(f"time: generator {t1 - t0:.1f} s, aeb blocks {t2 - t1:.1f} s, aeb extracted {t3 - t2:.1f} s")
    if args.report and report is not None:
        with Path(args.report).open("w", encoding="utf-8") as f:
            for r in report:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    ap_, ar, af = total.prf()
    print(
        f"clean_heldout: generator F1 = {gf:.3f} (P {gp:.3f}, R {gr:.3f}), lost = {glost:.3f}% on {len(docs)} docs; "
        f"aeb F1 = {af:.3f} (P {ap_:.3f}, R {ar:.3f}), lost = {total.lost():.3f}% on {total.units} pages"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
