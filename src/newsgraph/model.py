"""The layers newsgraph finds over one article's text, and the `Analysis` that holds them.

Every layer is a span of `Analysis.text` by character offset (Python string indices, end exclusive), so that
`text[item.start:item.end] == item.text` for every item. `Analysis.to_dict()` is the JSON object of the contract
(schema `newsgraph/1`); its JSON Schema ships beside this module (`schema/newsgraph-1.schema.json`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

SCHEMA_ID = "newsgraph/1"

QuoteKind = Literal["direct", "partial", "indirect"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
RecordId = str | int


@dataclass(frozen=True, slots=True)
class Removed:
    """A span that is not article (a glued headline, a promotion…), with the reason it was removed."""

    start: int
    end: int
    reason: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason, "text": self.text}


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the article's text: `text == article_text[start:end]`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Mention(TextSpan):
    """One place in the text where an entity is named or referred to."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical person, organisation or place with all its mentions and the titles given to it."""

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    titles: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "titles": list(self.titles),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Cue(TextSpan):
    """The words that introduce a quote: "said", "told", "according to"."""


@dataclass(frozen=True, slots=True)
class Verbatim(TextSpan):
    """Words inside quotation marks within a partial quote: what was quoted word for word."""


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone said, who said it and the cue.

    The span depends on the kind: `direct`, the quoted words without the quotation marks; `partial`, the reported
    clause that holds quoted words (`He denied NATO was a “party to the conflict”` → `NATO was a “party to the
    conflict”`), with those words in `verbatim`; `indirect`, the reported clause. `speaker` is an entity id;
    `speaker_name` is that entity's name or, for a speaker without a name, the words that describe them.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_name: str | None = None
    cue: Cue | None = None
    verbatim: tuple[Verbatim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "cue": self.cue.to_dict() if self.cue else None,
            "verbatim": [v.to_dict() for v in self.verbatim],
        }


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression with its TimeML TIMEX3 type and value (None when it could not be normalised)."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        if self.anchor is not None:
            out["anchor"] = self.anchor
        return out


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything newsgraph found in one article; `text` is the string every offset points into."""

    id: RecordId
    text: str
    headline: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    removed: tuple[Removed, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timex: tuple[Timex, ...] = ()
    warnings: tuple[str, ...] = ()

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "id": self.id,
            "headline": self.headline,
            "published": self.published,
            "url": self.url,
            "author": self.author,
            "site": self.site,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "timex": [t.to_dict() for t in self.timex],
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that could not be analysed; in batch output it takes the record's place, so nothing is lost."""

    id: RecordId
    type: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] = {"type": self.type, "message": self.message}
        if self.line is not None:
            error["line"] = self.line
        return {"id": self.id, "error": error}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read from a source, before analysis: the text every offset will point into."""

    id: RecordId
    text: str
    headline: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None  # from the page's metadata (HTML, WARC)
    site: str | None = None
    warnings: tuple[str, ...] = field(default=())


Result = Analysis | Failure


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of `Analysis.to_dict()` (and of a `Failure` line in batch output)."""
    path = resources.files("newsgraph") / "schema" / "newsgraph-1.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))
