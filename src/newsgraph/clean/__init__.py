"""What is not article: glued related-article headlines, promotions, links, captions, adverts, repeated paragraphs.

Removing is marking: `find_removed` returns spans with reasons and never changes the text; `blank` gives later
stages the text with those spans replaced by spaces of the same length, so offsets stay those of the original.

The cleaner reads text only (it runs before the parse), line by line (`lines.py`): whole lines that announce
themselves (`markers.py`: "READ MORE: …", "* Follow … on Twitter", "Picture: PA", "Advertisement"), and headlines
of other articles glued to the start or end of a paragraph or standing on a line of their own (`headlines.py`);
then every line nothing above touched is judged by a learned model of what article lines look like next to their
neighbours (`segments.py`). When unsure it keeps the text: losing article text is worse than leaving some junk in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence

from newsgraph.clean.headlines import GLUED, find_glued_headlines, runs_on
from newsgraph.clean.language import looks_english
from newsgraph.clean.lines import Line, split_lines
from newsgraph.clean.markers import (
    ADVERT,
    CAPTION,
    DUPLICATE,
    LINE_FINDERS,
    PROMOTION,
    RELATED,
    duplicates,
    is_related_header,
)
from newsgraph.clean.segments import find_lines
from newsgraph.model import Removed
from newsgraph.quotes.quotation_marks import ENGLISH_OPEN, STRAIGHT

__all__ = [
    "ADVERT",
    "CAPTION",
    "DUPLICATE",
    "GLUED",
    "PROMOTION",
    "RELATED",
    "blank",
    "find_removed",
]

_MAX_LINKS_AFTER_HEADER = 6


def find_removed(text: str, headings: Collection[int] | None = None) -> list[Removed]:
    """Spans of `text` that are not part of the article, in text order, each with its reason.

    `headings` is given (even empty) when `text` is an extractor's output from a web page: the start offsets of
    the lines that the page's structure marks as headings. The article's subheadings are then never taken for
    another story's headline, glued or on its own line, nor judged by the line model (the rules for lines that
    announce themselves, "Related stories", "Advertisement", still apply); and the line model, knowing that the
    extractor already left most of the page out, asks for more before it removes a line.

    >>> text = "Mayor quits\\nThe mayor resigned on Tuesday.\\n* Follow Daily Example on Twitter and Facebook"
    >>> [(r.reason, r.text) for r in find_removed(text)]
    [('promotion', '* Follow Daily Example on Twitter and Facebook')]
    """
    lines = split_lines(text)
    found: list[Removed] = []
    whole: set[int] = set()  # lines removed entirely
    for i, line in enumerate(lines):
        for finder in LINE_FINDERS:
            r = finder(text, line)
            if r is not None:
                found.append(r)
                if (r.start, r.end) == (line.start, line.end):
                    whole.add(i)
                break
    found += _links_after_headers(text, lines, whole)
    found += duplicates(text, [ln for i, ln in enumerate(lines) if i not in whole])
    index_at = {ln.start: i for i, ln in enumerate(lines)}
    line_of = sorted(index_at)
    # Lines with anything removed are not searched for glued headlines: one reason a line is enough.
    touched = whole | {index_at[line_of[bisect_right(line_of, r.start) - 1]] for r in found}
    protected = {index_at[h] for h in headings or () if h in index_at}
    touched |= protected
    if looks_english(text):  # the headline model knows English only
        found += find_glued_headlines(text, lines, skip=touched)
        # Last, the learned line model (`segments.py`), on the lines nothing above touched.
        touched |= {index_at[line_of[bisect_right(line_of, r.start) - 1]] for r in found}
        found += find_lines(text, lines, skip=touched, extracted=headings is not None)
    return _in_order(found)


def _links_after_headers(text: str, lines: list[Line], whole: set[int]) -> list[Removed]:
    """The headlines listed under a bare "RELATED ARTICLES" / "Read more" line, up to the next sentence."""
    out = []
    for i, line in enumerate(lines):
        if i not in whole or not is_related_header(line):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + _MAX_LINKS_AFTER_HEADER)):
            follower = lines[j]
            ends_sentence = follower.ends_sentence and not follower.text.endswith(("?", "!", "'", "’"))
            if j in whole or ends_sentence or len(follower.words) > 30 or not _starts_like_title(follower):
                break
            if runs_on(lines, j):  # a sentence that goes on in the next line: article text, not a link
                break
            out.append(Removed(follower.start, follower.end, RELATED, follower.text))
            whole.add(j)
    return out


def _starts_like_title(line: Line) -> bool:
    c = line.text[0]
    return c.isupper() or c.isdigit() or c in ENGLISH_OPEN + STRAIGHT


def _in_order(spans: list[Removed]) -> list[Removed]:
    """Spans sorted by start, overlaps resolved in favour of the earlier (then the longer) span."""
    out: list[Removed] = []
    for r in sorted(spans, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


def blank(text: str, removed: Sequence[Removed]) -> str:
    """`text` with every removed span replaced by spaces (line breaks kept, so paragraphs stay paragraphs): what
    the stages after the cleaner read, and what the store indexes for full-text search.

    >>> blank("Keep this. Drop.", [Removed(11, 16, "promotion", "Drop.")])
    'Keep this.      '
    """
    if not removed:
        return text
    chars = list(text)
    for r in removed:
        for i in range(r.start, r.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
