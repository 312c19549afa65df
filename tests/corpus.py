"""A small corpus for the store, web and browser tests: the bundled example and short made-up articles, one with
removed lines, one with markup in its text (which must show as text), analysed for real by `newsgraph.ingest`.
"""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, EXAMPLE_PUBLISHED
from newsgraph import store

EXAMPLE_URL = "https://news.example/nato-ukraine"

BERG = (
    "Ministers meet in Brussels\n\n"
    "Anna Berg, the Swedish foreign minister, said on Monday that Sweden would stand with Ukraine.\n\n"
    "“We will stand with Ukraine for as long as it takes,” Ms Berg said.\n\n"
    "Read more: Prices soar in shops across Europe\n\n"
    "Jens Stoltenberg said NATO would help Ukraine.\n\n"
    "Follow us on Twitter and Facebook"
)

XSS = (
    "Budget <script>alert('xss')</script> row\n\n"
    "“Do not <script>document.title='pwned'</script> trust them,” said Tom Hale, the finance minister, on Tuesday."
)


def records() -> list[dict]:
    return [
        {
            "id": "example",
            "text": EXAMPLE.read_text(encoding="utf-8"),
            "published": EXAMPLE_PUBLISHED,
            "url": EXAMPLE_URL,
        },
        {"id": "berg", "text": BERG, "published": "2023-03-06", "url": "https://news.example/berg"},
        {"id": "xss", "text": XSS, "published": "2023-04-04"},
    ]


def build(path: Path) -> Path:
    """The corpus in a database file at `path`."""
    conn = store.connect(path)
    try:
        counts = store.ingest(conn, records())
    finally:
        conn.close()
    assert (counts.added, counts.failed) == (3, 0), counts
    return path


def article_key(path: Path, article_id: str) -> int:
    conn = store.connect_readonly(path)
    try:
        return conn.execute("SELECT pk FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    finally:
        conn.close()


def identity_key(path: Path, name: str) -> int:
    conn = store.connect_readonly(path)
    try:
        return conn.execute("SELECT pk FROM identities WHERE name = ?", (name,)).fetchone()[0]
    finally:
        conn.close()
