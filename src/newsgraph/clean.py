"""What is not article: glued related-article headlines, promotions, share and follow lines.

Removing is marking: `find_removed` returns spans with reasons and never changes the text; `blank` gives later
stages the text with those spans replaced by spaces of the same length, so offsets stay those of the original.
"""

from __future__ import annotations

from newsgraph.model import Removed


def find_removed(text: str) -> list[Removed]:
    """Spans of `text` that are not part of the article, in text order. (A first version finds none.)"""
    return []


def blank(text: str, removed: list[Removed]) -> str:
    """`text` with every removed span replaced by spaces (line breaks kept, so paragraphs stay paragraphs).

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
