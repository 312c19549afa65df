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
    truth itself kept, found by `heldout_junk.HOST_JUNK`). The text a careless extractor would keep is
    built from the article region: the article blocks in page order with every junk block between them and up
    to TRAIL junk blocks after the last one, one block a line. Scored over junk blocks; per-tag recall printed.
    With extraction on (the default), the same labelling is applied to the lines newsgraph itself gets from the
    page (`newsgraph.sources.html.extract`) and that is scored too, on its own line: what the cleaner meets in
    the pipeline (few junk lines: trafilatura already dropped most).

Leave-site-out: pages are grouped by the hostname of their URL; `--fold k/K` evaluates only the sites whose
hash (`site_fold`) is k modulo K, `--sites-from FILE` only the hostnames listed in FILE (one a line). A trainer
holding out sites imports `aeb_sites`, `site_fold` and `aeb_examples(site_filter)` from here; it must not train on
the generator of part (a).

Last line: `clean_heldout: generator F1 = F (P p, R r), lost = L% on N docs; aeb F1 = F (P p, R r), lost = L% on
N pages`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
AEB = SHARED / "data" / "aeb"
sys.path.insert(0, str(SHARED / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import clean_eval  # noqa: E402
import heldout_junk  # noqa: E402

TRAIL = 8
"""Junk blocks kept after the last article block (a careless extractor runs on into the related links)."""
ARTICLE_COVER = 0.85
JUNK_COVER = 0.15
"""A block is article when at least ARTICLE_COVER of its word 4-grams are in the body, junk when at most JUNK_COVER."""

# ============================================================ AEB pages: sites and folds


def _truth() -> dict[str, dict]:
    return json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))


def site_of(url: str) -> str:
    return (urlparse(url).hostname or "").lower()


def aeb_sites() -> list[str]:
    """The hostnames of the AEB pages, sorted."""
    return sorted({site_of(v["url"]) for v in _truth().values()})


def site_fold(site: str, k: int, folds: int) -> bool:
    """Whether `site` is in fold k of `folds` (deterministic: a hash of the hostname)."""
    return int(hashlib.sha1(site.encode()).hexdigest()[:8], 16) % folds == k


# ============================================================ visible text blocks of a page

_WORDS = re.compile(r"\w+")

_SKIP = frozenset(
    _WORDS.findall(
        "script style noscript template svg head select option textarea iframe button form input math canvas object "
        "video audio picture map"
    )
)
_BLOCK = frozenset(
    _WORDS.findall(
        "p li h1 h2 h3 h4 h5 h6 figcaption blockquote td th dt dd pre caption div section article aside header footer "
        "nav main figure ul ol dl table tr tbody thead address hr br center legend fieldset details summary body html"
    )
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"\s+")


@dataclass
class Block:
    text: str
    tag: str  # the block element the text belongs to
    label: str = ""  # article, junk, unsure


def page_blocks(html: str) -> list[Block]:
    """The visible text of a page as blocks in document order, each with its nearest block element's tag."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    blocks: list[Block] = []
    buf: list[str] = []
    tags: list[str] = ["body"]

    def flush() -> None:
        s = _WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if s:
            blocks.append(Block(s, tags[-1]))

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comments, processing instructions: only their tail is text
            if el.tail:
                buf.append(el.tail)
            return
        tag = tag.lower()
        hidden = (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
        )
        if tag in _SKIP or hidden:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
            tags.append(tag)
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
            tags.pop()
        if el.tail:
            buf.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return blocks


# ============================================================ labelling against the true article body


def _tokens(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


class Body:
    """The ground-truth article body, for asking how much of a piece of text is in it."""

    def __init__(self, body: str):
        self.tokens = _tokens(body)
        self.grams = {tuple(self.tokens[i : i + 4]) for i in range(max(0, len(self.tokens) - 3))}
        self.flat = " " + " ".join(self.tokens) + " "
        self.lines = {" ".join(_tokens(ln)) for ln in body.splitlines() if _tokens(ln)}

    def label(self, text: str) -> str:
        toks = _tokens(text)
        if not toks:
            return "unsure"
        if len(toks) < 4:
            key = " ".join(toks)
            if key in self.lines:
                return "article"
            return "unsure" if f" {key} " in self.flat else "junk"
        grams = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
        cover = sum(g in self.grams for g in grams) / len(grams)
        if cover >= ARTICLE_COVER:
            return "article"
        return "junk" if cover <= JUNK_COVER else "unsure"


# ============================================================ AEB examples


@dataclass
class AebExample:
    """One AEB page made into a text: its lines with labels (article / junk / unsure) and offsets."""

    id: str
    site: str
    url: str
    text: str
    lines: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, label, tag)


def _assemble(pid: str, site: str, url: str, blocks: list[Block]) -> AebExample:
    parts, lines, pos = [], [], 0
    for b in blocks:
        parts.append(b.text)
        lines.append((pos, pos + len(b.text), b.label, b.tag))
        pos += len(b.text) + 1
    return AebExample(pid, site, url, "\n".join(parts), lines)


def region(blocks: list[Block], trail: int = TRAIL) -> list[Block]:
    """Article blocks in page order (each text once) with the junk between them and up to `trail` after."""
    idx = [i for i, b in enumerate(blocks) if b.label == "article"]
    if not idx:
        return []
    out: list[Block] = []
    seen: set[str] = set()
    for b in blocks[idx[0] : idx[-1] + 1]:
        if b.text in seen:  # a repeated block (pull quote, sticky header): neither side's evidence
            continue
        seen.add(b.text)
        out.append(b)
    n = 0
    for b in blocks[idx[-1] + 1 :]:
        if n >= trail:
            break
        if b.label == "junk" and b.text not in seen:
            seen.add(b.text)
            out.append(b)
            n += 1
    return out


def _read_page(pid: str) -> str:
    return gzip.decompress((AEB / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", errors="replace")


def aeb_examples(site_filter: Callable[[str], bool] | None = None, extracted: bool = False) -> list[AebExample]:
    """The AEB pages whose site passes `site_filter`, as labelled texts (see the module docstring).

    extracted=False: the page's visible blocks in the article region (real non-article blocks in between);
    extracted=True: the lines newsgraph's HTML extraction gives, labelled the same way (pages it refuses are left
    out). A line classifier can train on `lines` with label article/junk (skip unsure)."""
    out = []
    for pid, v in sorted(_truth().items()):
        site = site_of(v["url"])
        if site_filter is not None and not site_filter(site):
            continue
        html = _read_page(pid)
        body = Body(v["articleBody"])
        if extracted:
            from newsgraph.sources.errors import InputError
            from newsgraph.sources.html import extract

            try:
                text, _ = extract(html, url=v["url"], source=pid)
            except InputError:
                continue
            blocks = [Block(ln.strip(), "line") for ln in text.splitlines() if ln.strip()]
        else:
            blocks = page_blocks(html)
        for b in blocks:
            b.label = body.label(b.text)
            if b.label == "article" and heldout_junk.HOST_JUNK.search(b.text):
                b.label = "unsure"  # junk the ground truth itself kept ("(Image credit: ...)"): scored neither way
        kept = blocks if extracted else region(blocks)
        if kept:
            out.append(_assemble(pid, site, v["url"], kept))
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


def removed_mask(text: str) -> bytearray:
    from newsgraph.clean import find_removed

    mask = bytearray(len(text))
    for r in find_removed(text):
        mask[r.start : r.end] = b"\x01" * (r.end - r.start)
    return mask


def score_aeb(examples: Iterable[AebExample], report: list | None = None) -> tuple[Score, dict[str, Score]]:
    total, per_site = Score(), defaultdict(Score)
    for ex in examples:
        mask = removed_mask(ex.text)
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
        return lambda s: site_fold(s, k, folds)
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
    total, per_site = score_aeb(aeb_examples(flt), report)
    print_aeb("aeb blocks (article region of each page, junk blocks kept)", total, per_site)
    print_tags(total)
    t2 = time.time()
    if not args.no_extract:
        etotal, eper_site = score_aeb(aeb_examples(flt, extracted=True), report)
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
