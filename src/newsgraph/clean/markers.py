"""Lines that announce themselves as not article: promotions, links to other articles, photo captions and credits,
advertisement markers, and paragraphs that repeat an earlier one.

Each finder looks at whole lines (see `lines.py`) and matches phrases from lexicons in `newsgraph/data/`. A line
is removed only when its shape leaves no doubt (short, opening with the marker, naming a channel), because a
false removal loses article text; anything less clear is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from newsgraph.clean.lines import Line, split_lines  # noqa: F401 (split_lines: doctests)
from newsgraph.lexicon import entries, words
from newsgraph.model import Removed

PROMOTION = "promotion"
RELATED = "related-article link"
CAPTION = "photo caption or credit"
ADVERT = "advertisement"
DUPLICATE = "duplicated paragraph"

_BULLET = re.compile(r"^[\s*•·▪►▶>»+–—-]+")
_MAX_PROMOTION_WORDS = 30
_MAX_CAPTION_WORDS = 30
_MAX_RELATED_WORDS = 30


def _phrases(name: str) -> re.Pattern[str]:
    """A pattern matching any entry of a lexicon as whole words, longest first."""
    alternatives = sorted(entries(name), key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
    return re.compile(rf"(?<![\w@#])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    calls = _phrases("promotion_calls").pattern
    related = _phrases("related_markers").pattern
    caption = _phrases("caption_markers").pattern
    return {
        "call": re.compile(rf"^(?:{calls})", re.IGNORECASE),
        "standalone": re.compile(_phrases("promotion_standalone").pattern, re.IGNORECASE),
        "channel": re.compile(_phrases("promotion_channels").pattern + r"|@\w{2,}", re.IGNORECASE),
        # "READ MORE" alone, or "Read more: <headline>" with a separator.
        "related": re.compile(rf"^(?:{related})(?:\s*$|\s*[:|»›>–—-]+\s*(?P<rest>\S.*)?$)", re.IGNORECASE),
        # A marker in capitals runs straight into the headline: "READ MORE Putin accused of ...".
        "related_caps": re.compile(rf"^(?:{related})\s+\S", re.IGNORECASE),
        "caption_colon": re.compile(rf"^\(?(?:{caption})\s*:\s*\S.*$", re.IGNORECASE),
        "caption_bracket": re.compile(rf"\((?:{caption})\s*:[^()]{{1,80}}\)", re.IGNORECASE),
        "caption_opener": re.compile(rf"^(?:{_phrases('caption_openers').pattern})\b", re.IGNORECASE),
    }


def _bare(line: str) -> str:
    """The line without a leading bullet: "* Follow us" -> "Follow us"."""
    return _BULLET.sub("", line)


def _offset(line: Line, bare: str) -> int:
    return line.start + len(line.text) - len(bare)


def _removed(text: str, start: int, end: int, reason: str) -> Removed:
    return Removed(start, end, reason, text[start:end])


def promotion(text: str, line: Line) -> Removed | None:
    """A follow/share/subscribe/newsletter line: a call to action that names a channel.

    >>> [line] = split_lines("* Follow Mirror Politics on Twitter")
    >>> promotion(line.text, line).reason
    'promotion'
    """
    bare = _bare(line.text)
    p = _patterns()
    if len(bare.split()) > _MAX_PROMOTION_WORDS or not p["call"].search(bare):
        return None
    rest = p["call"].sub("", bare, count=1)
    if not p["channel"].search(rest) and not (p["standalone"].match(bare) and len(bare.split()) <= 12):
        return None
    # A sentence of reporting that happens to open with "Like" or "Join" has a verb of saying or several clauses;
    # a promotion is one imperative clause. Two sentences in the line: keep it.
    if re.search(r"[.!?]\s+[A-Z]", bare):
        return None
    return _removed(text, line.start, line.end, PROMOTION)


def related_link(text: str, line: Line) -> Removed | None:
    """A "READ MORE: <headline>" / "RELATED" line (the marker alone, or the marker and a headline)."""
    bare = _bare(line.text)
    if len(bare.split()) > _MAX_RELATED_WORDS:
        return None
    p = _patterns()
    m = p["related"].match(bare)
    if m:
        rest = m.group("rest") or ""
        if rest and re.search(r"[.!?]\s+[A-Z]", rest):  # a paragraph after "Related:", not a headline
            return None
        return _removed(text, line.start, line.end, RELATED)
    # Capitals mark the marker off from the headline that follows: "READ MORE Putin accused of ...".
    m = p["related_caps"].match(bare)
    if m and bare[: m.end() - 1].strip().isupper() and not re.search(r"[.!?]\s+[A-Z]", bare):
        return _removed(text, line.start, line.end, RELATED)
    return None


def is_related_header(line: Line) -> bool:
    """Is the line a related-articles marker alone ("RELATED ARTICLES", "Read more"), heading a list of links?"""
    m = _patterns()["related"].match(_bare(line.text))
    return m is not None and not m.group("rest")


def caption(text: str, line: Line) -> Removed | None:
    """A photo caption or credit: "Picture: PA", "Image caption ...", "Tony Blair (Image: Getty Images)".

    A credit in brackets inside a longer paragraph is removed alone, the paragraph kept.
    """
    bare = _bare(line.text)
    n_words = len(bare.split())
    p = _patterns()
    if n_words <= _MAX_CAPTION_WORDS and (p["caption_colon"].match(bare) or p["caption_opener"].match(bare)):
        return _removed(text, line.start, line.end, CAPTION)
    if bare.lower().strip("()[] ") in words("photo_agencies"):
        return _removed(text, line.start, line.end, CAPTION)
    m = p["caption_bracket"].search(bare)
    if m:
        before = bare[: m.start()]
        # A short line that ends in the credit is a caption ("Tony Blair pictured last year (Image: PA)"); in a
        # paragraph of sentences only the credit goes.
        if not re.search(r"[.!?]\s", before) and len(before.split()) <= 20:
            return _removed(text, line.start, line.end, CAPTION)
        start = _offset(line, bare) + m.start()
        return _removed(text, start, start + len(m.group()), CAPTION)
    return None


def advert(text: str, line: Line) -> Removed | None:
    """A line that only says "Advertisement", "Sponsored", "Story continues below advertisement"."""
    key = re.sub(r"[^\w\s']", " ", line.text.lower())
    key = " ".join(key.split())
    if key in words("advert_markers"):
        return _removed(text, line.start, line.end, ADVERT)
    return None


LINE_FINDERS: tuple[Callable[[str, Line], Removed | None], ...] = (advert, related_link, promotion, caption)
"""Finders that judge one line alone, in the order they are tried."""


def duplicates(text: str, lines: list[Line], min_words: int = 25, min_block: int = 3) -> list[Removed]:
    """Paragraphs that repeat earlier ones word for word: the later copies.

    Real articles repeat lines too (a question put to each interviewee, an ingredient line in each recipe, a
    fixture), so a copy counts only when it is a long paragraph (`min_words` words or more, ending like a
    sentence) or part of a block of at least `min_block` lines repeated in the same order (a part of the page
    extracted twice).
    """
    first: dict[str, int] = {}
    original: list[int | None] = []  # for each line, the index of its first occurrence when it is a copy
    for i, line in enumerate(lines):
        key = " ".join(line.text.lower().split())
        original.append(first.get(key))
        first.setdefault(key, i)
    in_block = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and original[i] is not None and original[j + 1] == (original[j] or 0) + 1:
            j += 1
        n_words = sum(len(lines[k].words) for k in range(i, j + 1))
        if original[i] is not None and j - i + 1 >= min_block and n_words >= 6 * min_words:
            for k in range(i, j + 1):
                in_block[k] = True
        i = j + 1
    out = []
    for i, line in enumerate(lines):
        long_paragraph = len(line.words) >= min_words and line.ends_sentence
        if original[i] is not None and (in_block[i] or long_paragraph):
            out.append(_removed(text, line.start, line.end, DUPLICATE))
    return out
