"""Databases for the tests of what can go wrong with the file: one article analysed by hand (no spaCy, so they are
made in milliseconds), and damage done to one as a failing disk would do it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsgraph import store
from newsgraph.model import Analysis, Entity, Mention, Quote


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
