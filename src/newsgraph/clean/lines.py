"""The lines of a text with their offsets: the unit that cleaning looks at.

A line is a run of text between line breaks, trimmed of surrounding white space; in scraped news it is a paragraph
(one line break between paragraphs) or part of one (a blank line between paragraphs). Offsets are those of the
original text, so a span found in a line is a span of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]+")

# A sentence ends with . ! ? or … , possibly followed by closing quotes or brackets. A colon or semicolon ends a
# line that introduces what follows ("He said:"), which is article text too.
TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line: `text[start:end]`, trimmed; `index` counts non-empty lines from 0."""

    start: int
    end: int
    index: int
    text: str
    blank_before: bool  # a blank line (or the start of the text) comes before it
    blank_after: bool
    ends_sentence: bool  # it ends like a sentence: . ! ? : ; or a closing quotation mark

    @property
    def words(self) -> list[str]:
        return self.text.split()


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of `text`, trimmed, with their offsets.

    >>> [(ln.start, ln.end, ln.text) for ln in split_lines("Head\\n\\n  Body one. \\nBody two.")]
    [(0, 4, 'Head'), (8, 17, 'Body one.'), (19, 28, 'Body two.')]
    """
    raw: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            raw.append((a, b))
    lines = []
    for i, (a, b) in enumerate(raw):
        before = text[raw[i - 1][1] : a] if i else "\n\n"
        after = text[b : raw[i + 1][0]] if i + 1 < len(raw) else "\n\n"
        body = text[a:b]
        lines.append(Line(a, b, i, body, before.count("\n") >= 2, after.count("\n") >= 2, bool(TERMINAL.search(body))))
    return lines
