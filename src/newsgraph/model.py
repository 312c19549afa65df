"""The layers newsgraph finds over one article's text, and the `Analysis` that holds them.

Every layer is a span of `Analysis.text` by character offset (Python string indices, end exclusive), so that
`text[item.start:item.end] == item.text` for every item. `Analysis.to_dict()` is the JSON object of the contract
(schema `newsgraph/1`); its JSON Schema ships beside this module (`schema/newsgraph-1.schema.json`).

`ARTICLES`, at the end, describes the layers once (see `newsgraph.layers`): the JSON, the database's tables, the
Spark tables and the exports are all made from it and from the dataclasses' type hints. A new field is its line in
its dataclass and its line in the description.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from newsgraph.layers import Layer, Stored, as_json

SCHEMA_ID = "newsgraph/1"

QuoteKind = Literal["direct", "partial", "indirect"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Stance = Literal["agree", "disagree", "discuss", "unrelated"]
Modality = Literal["asserted", "future", "possible", "necessary", "hypothetical", "question"]
RecordId = str | int


@dataclass(frozen=True, slots=True)
class Removed:
    """A span that is not article (a glued headline, a promotion…), with the reason it was removed."""

    start: int
    end: int
    reason: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return as_json(self, ARTICLES)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the article's text: `text == article_text[start:end]`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return as_json(self, ARTICLES)


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
        return as_json(self, ARTICLES)


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
    `speaker_name` is that entity's name or, for a speaker without a name, the words that describe them. `time` is
    the index in `timex` of the time the quoted words are about (an expression inside them that dates their verb:
    “We will decide in July”), None where they name none.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_name: str | None = None
    cue: Cue | None = None
    verbatim: tuple[Verbatim, ...] = ()
    time: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return as_json(self, ARTICLES)


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
        return as_json(self, ARTICLES)  # `anchor` only when there is one


@dataclass(frozen=True, slots=True)
class Finding:
    """Where the headline claims more than the body supports: the headline's words (offsets into the headline
    string), the body's words that show it (offsets into the text) and why, in a sentence."""

    headline: TextSpan
    evidence: tuple[TextSpan, ...]
    why: str

    def to_dict(self) -> dict[str, Any]:
        return as_json(self, ARTICLES)


@dataclass(frozen=True, slots=True)
class HeadlineCheck:
    """Does the headline say what the body says: its stance towards the body (FNC-1's classes) with the four
    probabilities, and the findings of overstatement, each with its evidence."""

    stance: Stance
    probabilities: dict[str, float]
    overstatement: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return as_json(self, ARTICLES)


@dataclass(frozen=True, slots=True)
class ClaimPart(TextSpan):
    """The subject or the object of a claim: its words and, where they name or refer to an entity, its id."""

    entity: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimArgument(TextSpan):
    """A further argument of a claim, with its role: "to" (a prepositional phrase, by its preposition), "time",
    "place", "agent" (a passive's "by" phrase), "complement", "manner"…"""

    role: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """One proposition of a clause: who or what (`subject`), the `predicate` (its verb with auxiliaries, particles
    and the preposition of its object: "will become a member of", "is holding up"), the `object` and further
    `arguments`; whether it is `negated`; its `modality` and the `hedges` that weaken it ("eventually", "reportedly");
    `quote`, the index in `quotes` of the quote that carries it (its speaker is the `claimant`; None: the article's
    own voice); `time`, the index in `timex` of the time it is anchored to; a `confidence` from 0 to 1.
    """

    start: int
    end: int
    text: str
    subject: ClaimPart
    predicate: TextSpan
    object: ClaimPart | None = None
    arguments: tuple[ClaimArgument, ...] = ()
    negated: bool = False
    modality: Modality = "asserted"
    hedges: tuple[TextSpan, ...] = ()
    confidence: float = 1.0
    quote: int | None = None
    claimant: str | None = None
    claimant_name: str | None = None
    time: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return as_json(self, ARTICLES)


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
    headline_check: HeadlineCheck | None = None  # None: no headline, or no body to check it against
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = ()

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_ID, **as_json(self, ARTICLES)}

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
    # HTML: the start offsets of the lines the page marks as headings; None when the text is not from a page
    headings: tuple[int, ...] | None = None


Result = Analysis | Failure


# ---- The description of the layers ----------------------------------------------------------------------------
# Each layer's fields in the order of the contract's JSON. A plain name is a field whose type hint says it all; a
# `Stored` says more: the schema version of the store that added it (`since`, 1 when absent), a reference to another
# layer's item (`ref`), the items of another layer (`layer`), a list kept in a table of its own (`table`). Columns
# are named after the fields (a nested part: `cue_start`), but where `flat_names` says otherwise for the Spark
# tables and the exports. A new field: its line in the dataclass above and its line here, with `since` the next
# schema version (store/schema.py then adds its column to the database files made before).

REMOVED = Layer(Removed, "removed", ("start", "end", "reason", "text"))
MENTIONS = Layer(Mention, "mentions", ("start", "end", "text"))
ENTITIES = Layer(
    Entity,
    "entities",
    (
        "id",
        "name",
        "type",
        Stored("titles", table="entity_titles", column="title", position=True),
        Stored("mentions", layer=MENTIONS),
    ),
    key="id",
    flat_names={"id": "entity"},
)
QUOTES = Layer(
    Quote,
    "quotes",
    (
        "start",
        "end",
        "text",
        Stored("kind", check=True),
        Stored("speaker", ref=ENTITIES),
        "speaker_name",
        "cue",
        Stored("verbatim", table="verbatim"),
        Stored("time", since=5),
    ),
    position=True,
    flat_names={"cue_text": "cue"},
)
TIMEX = Layer(Timex, "timex", ("start", "end", "text", "type", "value", Stored("anchor", omit_none=True)))
CLAIMS = Layer(
    Claim,
    "claims",
    (
        "start",
        "end",
        "text",
        "subject",
        "predicate",
        "object",
        Stored("arguments", table="claim_arguments"),
        "negated",
        Stored("modality", check=True),
        "hedges",
        "confidence",
        "quote",
        Stored("claimant", ref=ENTITIES),
        "claimant_name",
        "time",
    ),
    position=True,
)
ARTICLES = Layer(
    Analysis,
    "articles",
    (
        "id",
        "headline",
        "published",
        "url",
        Stored("author", since=2),
        Stored("site", since=2),
        "text",
        Stored("removed", layer=REMOVED),
        Stored("entities", layer=ENTITIES),
        Stored("quotes", layer=QUOTES),
        Stored("timex", layer=TIMEX),
        Stored("headline_check", since=3),
        Stored("claims", layer=CLAIMS, since=4),
        "warnings",
    ),
    flat_names={"id": "article_id"},
)
"""The article and, nested in it, every layer: what the store, the Spark tables and the exports are made of."""


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of `Analysis.to_dict()` (and of a `Failure` line in batch output)."""
    path = resources.files("newsgraph") / "schema" / "newsgraph-1.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))
