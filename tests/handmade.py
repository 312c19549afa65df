"""Databases for the tests of what can go wrong with the file: one article analysed by hand (no spaCy, so they are
made in milliseconds), and damage done to one as a failing disk would do it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsgraph import store
from newsgraph.model import (
    Analysis,
    Claim,
    ClaimArgument,
    ClaimPart,
    Cue,
    Entity,
    Finding,
    HeadlineCheck,
    Mention,
    Quote,
    Removed,
    TextSpan,
    Timex,
    Verbatim,
)


def analysis(body: str = "“We will win,” said Ann Lee.") -> Analysis:
    """An article, "Vote" with `body`, whose first “…” is a quote by Ann Lee (who must be named in `body`)."""
    text = f"Vote\n\n{body}"
    start, end = text.index("“"), text.index("”") + 1
    name = text.index("Ann Lee")
    return Analysis(
        id="vote",
        text=text,
        headline="Vote",
        published="2023-01-01",
        entities=(Entity("E1", "Ann Lee", "PERSON", (Mention(name, name + 7, "Ann Lee"),)),),
        quotes=(Quote(start, end, text[start:end], "direct", "E1", "Ann Lee"),),
    )


def every_layer() -> Analysis:
    """An article with every layer and every field of each set (and, where a field may be empty, one item where it
    is): two entities with titles and several mentions, a direct quote with its cue, a partial one with verbatim
    words, an indirect one by a speaker who is no entity, one by nobody, removed lines, dates with and without a
    value or an anchor, a headline check with an overstatement finding, and claims: one in the article's own voice
    with no object and no time, one in a quote by a speaker who is no entity, with a duration for its time, and one
    negated and hedged in a quote by an entity, between two entities, with an argument and a dated time.
    Items are in the order of their offsets, as the analysis gives them.
    """
    text = (
        "Mayor quits\n\n"
        "The mayor of Springfield, Anna Berg, resigned on Tuesday. "
        "“I have done what I could,” Ms Berg told reporters. "
        "She said the council was “a party to the dispute” and Jens Stoltenberg agreed. "
        "A spokesman said the post would be filled for two years. “Never again.” "
        "Ms Berg said Jens Stoltenberg would probably not back her in March.\n"
        "Follow us on Twitter\n"
    )

    def span(words: str, after: int = 0) -> tuple[int, int, str]:
        start = text.index(words, after)
        return start, start + len(words), words

    berg = [Mention(*span("Anna Berg")), Mention(*span("Ms Berg")), Mention(*span("She"))]
    last = text.index("Ms Berg said")  # the last sentence: a claim about Anna Berg, in her words
    stoltenberg = [Mention(*span("Jens Stoltenberg")), Mention(*span("Jens Stoltenberg", last))]
    partial = span("the council was “a party to the dispute”")
    return Analysis(
        id="every-layer",
        text=text,
        headline="Mayor quits",
        published="2023-03-07",
        url="https://news.example/mayor-quits",
        author="Jane Reporter",
        site="Springfield News",
        removed=(Removed(*span("Follow us on Twitter")[:2], "promotion", "Follow us on Twitter"),),
        entities=(
            Entity("E1", "Anna Berg", "PERSON", tuple(berg), ("mayor", "mayor of Springfield")),
            Entity("E2", "Jens Stoltenberg", "PERSON", tuple(stoltenberg)),
        ),
        quotes=(
            Quote(*span("I have done what I could,"), "direct", "E1", "Anna Berg", Cue(*span("told"))),
            Quote(
                *partial,
                "partial",
                "E1",
                "Anna Berg",
                Cue(*span("said")),
                (Verbatim(*span("a party to the dispute")),),
            ),
            Quote(*span("the post would be filled for two years"), "indirect", None, "A spokesman", None, time=1),
            Quote(*span("Never again."), "direct"),  # nobody said it, as far as the analysis can tell
            Quote(
                *span("Jens Stoltenberg would probably not back her in March", last),
                "indirect",
                "E1",
                "Anna Berg",
                Cue(*span("said", last)),
            ),
        ),
        timex=(
            Timex(*span("Tuesday"), "DATE", "2023-03-07"),
            Timex(*span("two years"), "DURATION", "P2Y", anchor="2023-03-07"),
            Timex(*span("the post"), "DATE", None),
            Timex(*span("March"), "DATE", "2023-03"),
        ),
        headline_check=HeadlineCheck(
            "discuss",
            {"agree": 0.2, "disagree": 0.1, "discuss": 0.6, "unrelated": 0.1},
            (Finding(TextSpan(0, 11, "Mayor quits"), (TextSpan(*span("resigned on Tuesday")),), "a reason"),),
        ),
        claims=(
            Claim(  # the article's own voice: no object, no time
                *span("Jens Stoltenberg agreed"),
                subject=ClaimPart(*span("Jens Stoltenberg"), entity="E2"),
                predicate=TextSpan(*span("agreed")),
                confidence=0.9,
            ),
            Claim(  # the spokesman's words, anchored to a duration (no date: the article's date is the claim's)
                *span("the post would be filled for two years"),
                subject=ClaimPart(*span("the post"), entity=None),
                predicate=TextSpan(*span("would be filled")),
                arguments=(ClaimArgument(*span("for two years"), role="for"),),
                modality="future",
                quote=2,
                claimant_name="A spokesman",
                time=1,
            ),
            Claim(  # Anna Berg's words about Jens Stoltenberg and herself, anchored to March
                *span("Jens Stoltenberg would probably not back her in March", last),
                subject=ClaimPart(*span("Jens Stoltenberg", last), entity="E2"),
                predicate=TextSpan(*span("back", last)),
                object=ClaimPart(*span("her", last), entity="E1"),
                arguments=(ClaimArgument(*span("in March", last), role="time"),),
                negated=True,
                modality="possible",
                hedges=(TextSpan(*span("probably", last)),),
                confidence=0.75,
                quote=4,
                claimant="E1",
                claimant_name="Anna Berg",
                time=3,
            ),
        ),
        warnings=("a warning about this article",),
    )


def one_article(path: Path, body: str = "“We will win,” said Ann Lee.") -> Path:
    """A database at `path` holding one article: `analysis(body)`."""
    conn = store.connect(path)
    try:
        assert store.add_analysis(conn, analysis(body)) is not None
    finally:
        conn.close()
    return path


DAMAGED_TABLES = ("articles", "quotes", "identities", "ingest_runs")


def damage(path: Path, tables: tuple[str, ...] = DAMAGED_TABLES) -> Path:
    """Overwrite the first page of each of these tables with garbage. The schema (on page 1) stays readable, so the
    file opens; the damage is met by the first query that reads one of them."""
    conn = sqlite3.connect(path)
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        marks = ",".join("?" * len(tables))
        pages = [r[0] for r in conn.execute(f"SELECT rootpage FROM sqlite_schema WHERE name IN ({marks})", tables)]
    finally:
        conn.close()
    assert len(pages) == len(tables) and 1 not in pages
    with path.open("r+b") as f:
        for page in pages:
            f.seek((page - 1) * size)
            f.write(b"\xff" * size)
    return path


# ---- claims ---------------------------------------------------------------------------------------------------


class _Words:
    """Spans of one text by its words: `span("NATO")`, the first "NATO"; `span("NATO", 2)`, the second."""

    def __init__(self, text: str) -> None:
        self.text = text

    def span(self, words: str, nth: int = 1) -> tuple[int, int, str]:
        start = -1
        for _ in range(nth):
            start = self.text.index(words, start + 1)
        return start, start + len(words), words

    def part(self, words: str, entity: str | None = None, nth: int = 1) -> ClaimPart:
        return ClaimPart(*self.span(words, nth), entity=entity)

    def words(self, words: str, nth: int = 1) -> TextSpan:
        return TextSpan(*self.span(words, nth))


def _entities(w: _Words, *named: tuple[str, str, str]) -> tuple[Entity, ...]:
    """Entities (id, name, type), each with a mention wherever its name is in the text."""
    out = []
    for id, name, type in named:
        starts = [i for i in range(len(w.text)) if w.text.startswith(name, i)]
        out.append(Entity(id, name, type, tuple(Mention(s, s + len(name), name) for s in starts)))
    return tuple(out)


def claim_analyses() -> tuple[Analysis, ...]:
    """Articles with claims, made by hand for the claims questions, their command, API and pages.

    - "bbc-turkey" has no published date (as BBC articles): its claims are dated by the times they state or not
      at all. Erdogan's claim that Sweden will not join NATO before June (negated, future, a time: 2023-06), and
      the article's own claim that the Turkish government (Turkey, by entity only) is blocking the bid (undated).
    - "reuters-sweden", published 2023-05-16: Sweden joined NATO talks on a Tuesday morning (a TIME value whose
      date part, 2023-05-09, is the claim's date), officials' hedged claim that Turkey may approve the bid (the
      claimant is the quote's speaker, who is no entity), and NATO welcomed Sweden (the article's date).
    - "old-queue", published 2022-06-30: a spokesman's claim that Sweden is joining the queue, Finland rejoined the
      talks in 2022 (a year: the claim's date is "2022"), and the Sweden Democrats ("the party") oppose it.
    - "markup": a claim whose words hold markup, which must show as text.
    """
    w = _Words(
        "Turkey blocks bid\n\n"
        "Sweden will not join NATO before June, Recep Tayyip Erdogan said on Friday. "
        "The Turkish government is blocking the bid."
    )
    bbc = Analysis(
        id="bbc-turkey",
        text=w.text,
        headline="Turkey blocks bid",
        entities=_entities(
            w,
            ("E1", "Turkey", "GPE"),
            ("E2", "Sweden", "GPE"),
            ("E3", "NATO", "ORG"),
            ("E4", "Recep Tayyip Erdogan", "PERSON"),
        ),
        quotes=(
            Quote(
                *w.span("Sweden will not join NATO before June"),
                "indirect",
                "E4",
                "Recep Tayyip Erdogan",
                Cue(*w.span("said")),
            ),
        ),
        timex=(Timex(*w.span("June"), "DATE", "2023-06"), Timex(*w.span("Friday"), "DATE", "XXXX-XX-XX")),
        claims=(
            Claim(
                *w.span("Sweden will not join NATO before June"),
                subject=w.part("Sweden", "E2"),
                predicate=w.words("join"),
                object=w.part("NATO", "E3"),
                arguments=(ClaimArgument(*w.span("before June"), role="time"),),
                negated=True,
                modality="future",
                quote=0,
                claimant="E4",
                claimant_name="Recep Tayyip Erdogan",
                time=0,
            ),
            Claim(
                *w.span("The Turkish government is blocking the bid"),
                subject=w.part("The Turkish government", "E1"),
                predicate=w.words("is blocking"),
                object=w.part("the bid"),
                confidence=0.8,
            ),
        ),
    )
    w = _Words(
        "Sweden joins NATO talks\n\n"
        "Sweden joined NATO talks on Tuesday morning. "
        "Turkey may approve the bid eventually, officials said. "
        "NATO welcomed Sweden."
    )
    reuters = Analysis(
        id="reuters-sweden",
        text=w.text,
        headline="Sweden joins NATO talks",
        published="2023-05-16",
        entities=_entities(w, ("E1", "Sweden", "GPE"), ("E2", "NATO", "ORG"), ("E3", "Turkey", "GPE")),
        quotes=(
            Quote(
                *w.span("Turkey may approve the bid eventually"), "indirect", None, "officials", Cue(*w.span("said"))
            ),
        ),
        timex=(Timex(*w.span("Tuesday morning"), "TIME", "2023-05-09TMO"),),
        claims=(
            Claim(
                *w.span("Sweden joined NATO talks on Tuesday morning"),
                subject=w.part("Sweden", "E1", 2),
                predicate=w.words("joined"),
                object=w.part("NATO talks", None, 2),  # no entity: found by its words
                arguments=(ClaimArgument(*w.span("on Tuesday morning"), role="on"),),
                time=0,
            ),
            Claim(
                *w.span("Turkey may approve the bid eventually"),
                subject=w.part("Turkey", "E3"),
                predicate=w.words("may approve"),
                object=w.part("the bid"),
                modality="possible",
                hedges=(w.words("eventually"),),
                confidence=0.6,
                quote=0,  # the claimant is the quote's speaker: "officials"
            ),
            Claim(
                *w.span("NATO welcomed Sweden"),
                subject=w.part("NATO", "E2", 3),
                predicate=w.words("welcomed"),
                object=w.part("Sweden", "E1", 3),
            ),
        ),
    )
    w = _Words(
        "Sweden queues\n\n"
        "Sweden is joining the queue, a spokesman said. "
        "Finland rejoined the talks in 2022. "
        "The party opposes it, said the Sweden Democrats."
    )
    old = Analysis(
        id="old-queue",
        text=w.text,
        headline="Sweden queues",
        published="2022-06-30",
        entities=_entities(w, ("E1", "Sweden", "GPE"), ("E2", "Finland", "GPE"), ("E3", "Sweden Democrats", "ORG")),
        quotes=(
            Quote(*w.span("Sweden is joining the queue"), "indirect", None, "a spokesman", Cue(*w.span("said"))),
            Quote(*w.span("The party opposes it"), "indirect", "E3", "Sweden Democrats", Cue(*w.span("said", 2))),
        ),
        timex=(Timex(*w.span("2022"), "DATE", "2022"),),
        claims=(
            Claim(
                *w.span("Sweden is joining the queue"),
                subject=w.part("Sweden", "E1"),
                predicate=w.words("is joining"),
                object=w.part("the queue"),
                quote=0,
                claimant_name="a spokesman",
            ),
            Claim(
                *w.span("Finland rejoined the talks in 2022"),
                subject=w.part("Finland", "E2"),
                predicate=w.words("rejoined"),
                object=w.part("the talks"),
                arguments=(ClaimArgument(*w.span("in 2022"), role="in"),),
                time=0,
            ),
            Claim(
                *w.span("The party opposes it"),
                subject=w.part("The party", "E3"),  # the Sweden Democrats, by entity only
                predicate=w.words("opposes"),
                object=w.part("it"),
                quote=1,
                claimant="E3",
                claimant_name="Sweden Democrats",
            ),
        ),
    )
    w = _Words("Budget row\n\nThe <script>alert('x')</script> minister cut the budget.")
    markup = Analysis(
        id="markup",
        text=w.text,
        headline="Budget row",
        published="2023-04-04",
        claims=(
            Claim(
                *w.span("The <script>alert('x')</script> minister cut the budget"),
                subject=w.part("The <script>alert('x')</script> minister"),
                predicate=w.words("cut"),
                object=w.part("the budget"),
            ),
        ),
    )
    return bbc, reuters, old, markup


def claims_corpus(path: Path) -> Path:
    """A database at `path` holding `claim_analyses()`, in that order (keys 1, 2, 3, 4)."""
    conn = store.connect(path)
    try:
        for a in claim_analyses():
            assert store.add_analysis(conn, a) is not None
    finally:
        conn.close()
    return path
