"""The AEB pages (`../shared/data/aeb`) as labelled lines: the one reader that the cleaner's trainer
(`bench/train_lines.py`) and its held-out evaluation (`bench/clean_heldout.py`) share, so that both label a block
the same way.

Each page's visible text blocks (p, li, h1-h6, figcaption, td, blockquote, div leaves..., read with lxml; script,
style, forms and hidden elements skipped) are labelled against the ground-truth article body: `article` when the
block is (almost) contained in it, `junk` when (almost) none of it is, `unsure` otherwise (scored and trained
neither way; so are the few lines of junk that the ground truth itself kept, found by `HOST_JUNK`).

Sites: pages are grouped by the hostname of their URL; `site_fold` puts each hostname in one of K folds by a hash,
so that a model can be trained on some sites and measured on the others (leave-site-out).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "aeb"

ARTICLE_COVER = 0.85
JUNK_COVER = 0.15
"""A block is article when at least ARTICLE_COVER of its word 4-grams are in the body, junk when at most JUNK_COVER."""

# Junk that the ground truth itself kept ("(Image credit: ...)", "Follow X on Twitter"): such article blocks are
# `unsure`. Written by hand from the bodies alone; it is not the cleaner's lexicon and must not become it.
HOST_JUNK = re.compile(
    r"^(?:follow\b.{0,60}\b(?:twitter|facebook|instagram)\b|\(image credit:|subscribe to\b|click here\b"
    r"|download it here\b|don't miss:?$|read the rest here)",
    re.IGNORECASE,
)

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


@dataclass(frozen=True)
class Page:
    id: str
    site: str  # the hostname of its URL, lower case
    url: str
    title: str  # the page's <title> (or first h1), "" when none
    body: str  # the ground-truth article text
    blocks: tuple[Block, ...]  # labelled


def truth() -> dict[str, dict]:
    return json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))


def site_of(url: str) -> str:
    return (urlparse(url).hostname or "").lower()


def sites() -> list[str]:
    """The hostnames of the AEB pages, sorted."""
    return sorted({site_of(v["url"]) for v in truth().values()})


def site_fold(site: str, folds: int) -> int:
    """The fold (0 to folds - 1) that `site` belongs to: a hash of the hostname, the same on every machine."""
    return int(hashlib.sha1(site.encode()).hexdigest()[:8], 16) % folds


def page_blocks(html: str) -> tuple[str, list[Block]]:
    """The page's title and its visible text as blocks in document order, each with its nearest block element's
    tag."""
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
    title_el = root.find(".//title")
    title = _WS.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    if not title:
        title = next((b.text for b in blocks if b.tag == "h1"), "")
    return title, blocks


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


def read_html(pid: str) -> str:
    return gzip.decompress((AEB / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", errors="replace")


@cache
def _pages() -> tuple[Page, ...]:
    out = []
    for pid, v in sorted(truth().items()):
        title, blocks = page_blocks(read_html(pid))
        body = Body(v["articleBody"])
        for b in blocks:
            b.label = body.label(b.text)
            if b.label == "article" and HOST_JUNK.search(b.text):
                b.label = "unsure"  # junk the ground truth itself kept ("(Image credit: ...)"): neither way
        out.append(Page(pid, site_of(v["url"]), v["url"], title, v["articleBody"], tuple(blocks)))
    return tuple(out)


def pages(site_filter: Callable[[str], bool] | None = None) -> list[Page]:
    """The AEB pages (labelled), those of the sites that pass `site_filter` when given; read once per process."""
    return [p for p in _pages() if site_filter is None or site_filter(p.site)]


def article_span(blocks: tuple[Block, ...] | list[Block]) -> tuple[int, int] | None:
    """Indices of the first and last article block, or None when the page has none."""
    idx = [i for i, b in enumerate(blocks) if b.label == "article"]
    return (idx[0], idx[-1]) if idx else None
