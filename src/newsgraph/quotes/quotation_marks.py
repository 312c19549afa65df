"""Pairing quotation marks in real news text: curly, straight and single marks, guillemets, German „…“, quotes
nested in quotes, quotes that run over several paragraphs, and the unbalanced marks of scraped text.

Only characters are read here (no parse), so this never fails on an article: a mark that cannot be paired is left
alone. Apostrophes (don’t, Putin’s, the allies’ plans, ’90s) are told from single quotation marks by what stands
on either side of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["double", "single"]

# The quotation marks, the one definition of them: what opens and closes a quote, double and single, in the
# conventions of English, German („…“), French and Swiss («…», ‹…›), and the straight marks, which do both.
DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”“»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’‹›"
STRAIGHT = "\"'"
MARKS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT)
CLOSING = frozenset(DOUBLE_CLOSE + SINGLE_CLOSE + STRAIGHT)
ENGLISH_OPEN = "“‘"
ENGLISH_CLOSE = "”’"
"""The curly marks of English text (the cleaner, which reads English only, looks for these and the straight ones)."""
_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_BEFORE = set(" \t\r\u00a0([{—–-/:;\u2014\u2013" + DOUBLE_OPEN + SINGLE_OPEN + STRAIGHT)
_CLOSE_AFTER = set(" \t\r\u00a0)]}—–-/:;,.!?…\u2014\u2013") | CLOSING
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """The inside of one pair of quotation marks (marks excluded), within one paragraph.

    `closed` is False when the quote runs on into the next paragraph (the news convention: each paragraph opens
    with a mark, only the last one closes) or when its closing mark is missing at the end of a paragraph.
    `nested` is True for a quote inside another quote.
    """

    start: int
    end: int
    level: Level
    closed: bool = True
    nested: bool = False
    continues: bool = False  # the next paragraph opens with a mark and goes on with this quote


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """All quoted spans in text order; never raises, whatever the marks.

    >>> [text[s.start:s.end] for text in ['He said: “Yes, ‘no’.” Then "maybe".'] for s in find_marked_spans(text)]
    ['Yes, ‘no’.', 'no', 'maybe']
    """
    spans: list[MarkedSpan] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    for index, (start, end) in enumerate(paragraphs):
        following = text[paragraphs[index + 1][0]] if index + 1 < len(paragraphs) else ""
        spans.extend(_paragraph_spans(text, start, end, following))
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _paragraph_spans(text: str, start: int, end: int, following: str) -> list[MarkedSpan]:
    out: list[MarkedSpan] = []
    stack: list[tuple[int, Level, str]] = []  # (last character of the opening mark, level, the mark)
    for i, ch, width in _marks(text, start, end):
        before = text[i - 1] if i > start else " "
        after = text[i + width] if i + width < end else " "
        role = _role(ch, before, after, stack)
        if role == "open":
            if _level(ch) == "double" and stack and stack[-1][1] == "double" and _same_style(stack[-1][2], ch):
                # English nests single marks in double ones: a second double opener of the same style means the
                # first was lost. (A curly pair inside a straight opener is nested: `"PENCE: … “Shark Tank.” …`.)
                stack.pop()
            stack.append((i + width - 1, _level(ch), ch))
        elif role == "close":
            level = _level(ch)
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][1] == level), None)
            if depth is None:
                continue  # a closing mark with nothing to close: scraped text lost its opener
            opened_at = stack[depth][0]
            del stack[depth:]  # marks opened inside and never closed are given up
            inner_start, inner_end = _strip(text, opened_at + 1, i)
            if inner_end > inner_start:
                out.append(MarkedSpan(inner_start, inner_end, level, nested=bool(stack)))
    # Quotes still open at the end of the paragraph: the outermost double quote runs on when the next paragraph
    # opens with a mark, or simply lost its closing mark.
    for depth, (opened_at, level, _mark) in enumerate(stack):
        if depth > 0:
            break
        inner_start, stop = _strip(text, opened_at + 1, end)
        if stop <= inner_start:
            continue
        opens = following in DOUBLE_OPEN + SINGLE_OPEN + STRAIGHT
        continues = bool(following) and opens and _level(following) == level
        out.append(MarkedSpan(inner_start, stop, level, closed=False, continues=continues))
    return out


def _same_style(a: str, b: str) -> bool:
    """Are both marks straight, or both typographic?"""
    return (a in STRAIGHT) == (b in STRAIGHT)


def _level(mark: str) -> Level:
    return "double" if mark in DOUBLE_OPEN + DOUBLE_CLOSE + '"' else "single"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces just inside its marks (`said,“ Look…`)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _marks(text: str, start: int, end: int) -> list[tuple[int, str, int]]:
    """Quotation-mark candidates of a paragraph as (position, mark, width). Two apostrophes ('') and two
    backticks (``) are one double mark, as in some wire and newspaper feeds."""
    out = []
    i = start
    while i < end:
        pair = text[i : i + 2]
        if pair in ("''", "``"):
            out.append((i, '"', 2))
            i += 2
            continue
        if text[i] in MARKS:
            out.append((i, text[i], 1))
        i += 1
    return out


def _role(ch: str, before: str, after: str, stack: list[tuple[int, Level, str]]) -> str | None:
    """Is this mark an opening mark, a closing mark, or neither (an apostrophe, an inch sign, a stray)?"""
    can_open = before in _OPEN_BEFORE and not after.isspace()
    can_close = not before.isspace() and after in _CLOSE_AFTER  # the end of a paragraph reads as a space
    double_open = any(level == "double" for _, level, _ in stack)
    single_open = any(level == "single" for _, level, _ in stack)
    if ch in "’'":
        if before.isalnum() and after.isalnum():
            return None  # don’t, Putin's
        if single_open and can_close and not _plural_possessive(before, after):
            return "close"
        if can_open and not after.isdigit():  # not ’90s
            return "open"
        return None
    if ch == "“":
        if stack and stack[-1][2] == "„":
            return "close"  # German „…“
        if double_open and can_close and not can_open:
            return "close"  # some sites close with “ too
        return "open"  # glued to a word on its left (events“No-one) it still opens: scraped text loses spaces
    if ch in "„«‟":
        return "open"
    if ch in "”»":
        if double_open:
            return "close"
        return "open" if ch == "”" and can_open and not can_close else None  # ”Word: a misused mark
    if ch == '"':
        if double_open and (can_close or not can_open):
            return "close"
        return "open" if can_open else None  # 5" screen: an inch sign
    if ch in "‘‚‹":
        return "open"
    if ch == "›":
        return "close" if single_open else None
    return None


def _plural_possessive(before: str, after: str) -> bool:
    """The allies’ plans: an apostrophe after a plural s, followed by a space, more likely ends no quote than one
    (a quote usually ends at punctuation: `the allies’,` or `they said ‘yes’.`)."""
    return before == "s" and after == " "


def word_count(text: str) -> int:
    """How many words a span of text holds."""
    return len(_WORD.findall(text))
