"""Quotes: what was said, who said it, and the cue — direct, partial and indirect.

    quotation marks (quotation_marks.py) → direct and partial quotes (marked.py)
    reporting verbs and "according to" (cues.py) → indirect quotes (indirect.py)
    cue subjects → speakers through the entity layer (speakers.py)
    article conventions: a quote with no cue of its own goes on from the quote before it (find.py)

A partial quote's span is the reported clause that holds the quoted words (`verbatim`); a direct quote's span is
the quoted words themselves.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.quotes.find import find_quotes

__all__ = ["find_quotes"]


def __getattr__(name: str) -> Any:
    """`find_quotes` (and the rest of `find.py`) loaded on first use, with spaCy: the quotation marks
    (`quotation_marks.py`), which the cleaner reads before there is a parse, come without it."""
    if not name.startswith("__"):
        value = getattr(importlib.import_module("newsgraph.quotes.find"), name, _MISSING)
        if value is not _MISSING:
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_MISSING = object()
