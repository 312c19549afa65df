"""A quote as it is being found, before the article-level decisions (continuations, overlaps) are made."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.model import Cue
from newsgraph.quotes.speakers import NOBODY, Speaker


@dataclass
class Found:
    start: int
    end: int
    kind: str  # direct, partial, indirect
    cue: Cue | None = None
    speaker: Speaker = NOBODY
    verbatim: list[tuple[int, int]] = field(default_factory=list)
    paragraph: int = 0
    opens_paragraph: bool = False  # nothing but the quotation mark before it in its paragraph
    continues: bool = False  # its paragraph ends inside it and the next paragraph opens with a mark
    short: bool = False  # too short to stand as a quote unless it continues one

    @property
    def cued(self) -> bool:
        return self.cue is not None
