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
class Mention:
    """One place in the text where an entity is named or referred to."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


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
class Cue:
    """The words that introduce a quote: "said", "told", "according to"."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone said: the quoted words (without quotation marks), who said it and the cue."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_name: str | None = None
    cue: Cue | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "cue": self.cue.to_dict() if self.cue else None,
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
    warnings: tuple[str, ...] = field(default=())


Result = Analysis | Failure


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of `Analysis.to_dict()` (and of a `Failure` line in batch output)."""
    path = resources.files("newsgraph") / "schema" / "newsgraph-1.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))
