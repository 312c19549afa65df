"""Databases for the tests of what can go wrong with the file: one article analysed by hand (no spaCy, so they are
made in milliseconds), and damage done to one as a failing disk would do it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsgraph import store
from newsgraph.model import (
    Analysis,
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
    value or an anchor, a headline check with an overstatement finding.
    Items are in the order of their offsets, as the analysis gives them.
    """
    text = (
        "Mayor quits\n\n"
        "The mayor of Springfield, Anna Berg, resigned on Tuesday. "
        "“I have done what I could,” Ms Berg told reporters. "
        "She said the council was “a party to the dispute” and Jens Stoltenberg agreed. "
        "A spokesman said the post would be filled for two years. “Never again.”\n"
        "Follow us on Twitter\n"
    )

    def span(words: str, after: int = 0) -> tuple[int, int, str]:
        start = text.index(words, after)
        return start, start + len(words), words

    berg = [Mention(*span("Anna Berg")), Mention(*span("Ms Berg")), Mention(*span("She"))]
    stoltenberg = [Mention(*span("Jens Stoltenberg"))]
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
            Quote(*span("the post would be filled for two years"), "indirect", None, "A spokesman", None),
            Quote(*span("Never again."), "direct"),  # nobody said it, as far as the analysis can tell
        ),
        timex=(
            Timex(*span("Tuesday"), "DATE", "2023-03-07"),
            Timex(*span("two years"), "DURATION", "P2Y", anchor="2023-03-07"),
            Timex(*span("the post"), "DATE", None),
        ),
        headline_check=HeadlineCheck(
            "discuss",
            {"agree": 0.2, "disagree": 0.1, "discuss": 0.6, "unrelated": 0.1},
            (Finding(TextSpan(0, 11, "Mayor quits"), (TextSpan(*span("resigned on Tuesday")),), "a reason"),),
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
