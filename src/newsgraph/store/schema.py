"""The database file: connections, the tables and their migrations.

The tables follow the contract's layers, one row per item, offsets into `articles.text`:

    articles ─┬─ removed
              ├─ entities ─┬─ entity_titles        entities.identity → identities (one name across the corpus)
              │            └─ mentions
              ├─ quotes ───── verbatim              quotes.speaker → entities
              └─ timex
    articles_fts, quotes_fts                         full-text search (FTS5)
    ingest_runs ── failures                          what each `ingest` did, and the records it could not analyse

`PRAGMA user_version` is the schema version; `migrate` brings an older file up to `SCHEMA_VERSION` one step at a
time, each step in one transaction, so a file is always at one version or the next, never in between.

>>> conn = connect(":memory:")
>>> conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
True
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

APPLICATION_ID = 0x4E475048  # "NGPH": marks the file as newsgraph's, so that another program's database is refused
SCHEMA_VERSION = 2


class StoreError(Exception):
    """A database that cannot be used: missing, not newsgraph's, or from a newer newsgraph. The message says which."""


# Each migration takes the database from version n-1 to n. Never edit a released step: add the next one.
MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE articles (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,              -- the record's id as read (file name, JSONL id, WARC record id)
    url          TEXT UNIQUE,                -- NULL for text files; several NULLs are allowed
    content_hash TEXT NOT NULL UNIQUE,       -- sha256 of `text`: the same article is stored once
    headline     TEXT,
    published    TEXT,                       -- YYYY-MM-DD or NULL
    text         TEXT NOT NULL,              -- every offset below points into this string
    warnings     TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    source       TEXT,                       -- the path given to `ingest`
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE removed (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    reason  TEXT NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX removed_article ON removed(article);

-- One person, organisation or place across the corpus: the entities of every article with this type and name.
CREATE TABLE identities (
    pk   INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    key  TEXT NOT NULL,                      -- the name case-folded with spaces collapsed
    name TEXT NOT NULL,
    UNIQUE (type, key)
);
CREATE INDEX identities_key ON identities(key);

CREATE TABLE entities (
    pk       INTEGER PRIMARY KEY,
    article  INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    id       TEXT NOT NULL,                  -- "E1": the id inside its article, as in the contract
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    identity INTEGER NOT NULL REFERENCES identities(pk),
    UNIQUE (article, id)
);
CREATE INDEX entities_identity ON entities(identity);

CREATE TABLE entity_titles (
    entity   INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL
);
CREATE INDEX entity_titles_entity ON entity_titles(entity);

CREATE TABLE mentions (
    entity  INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE INDEX mentions_article ON mentions(article, start);

CREATE TABLE quotes (
    pk           INTEGER PRIMARY KEY,
    article      INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    position     INTEGER NOT NULL,           -- order in the article's `quotes`
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
    speaker      INTEGER REFERENCES entities(pk),
    speaker_name TEXT,
    cue_start    INTEGER,
    cue_end      INTEGER,
    cue_text     TEXT
);
CREATE INDEX quotes_article ON quotes(article, position);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE verbatim (
    quote INTEGER NOT NULL REFERENCES quotes(pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text  TEXT NOT NULL
);
CREATE INDEX verbatim_quote ON verbatim(quote);

CREATE TABLE timex (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL,
    type    TEXT NOT NULL,
    value   TEXT,
    anchor  TEXT
);
CREATE INDEX timex_article ON timex(article);

-- The searchable text: the headline and the article with its removed spans blanked, so that a glued headline of
-- another article does not make this one a hit. rowid = articles.pk.
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, body, tokenize = 'unicode61 remove_diacritics 2');
-- rowid = quotes.pk
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE ingest_runs (
    pk          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,                        -- NULL: interrupted (or still running)
    paths       TEXT NOT NULL,               -- JSON array
    added       INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE failures (
    run     INTEGER NOT NULL REFERENCES ingest_runs(pk),
    id      TEXT NOT NULL,
    type    TEXT NOT NULL,
    message TEXT NOT NULL,
    line    INTEGER
);
""",
    2: """
-- The page's author and site (HTML and WARC input), NULL for articles stored before or read from plain text.
ALTER TABLE articles ADD COLUMN author TEXT;
ALTER TABLE articles ADD COLUMN site TEXT;
""",
}


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-write connection to the database at `path`, created and migrated to `SCHEMA_VERSION` if need be.

    The connection is in autocommit mode: writes happen inside `transaction(conn)`.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    conn.row_factory = sqlite3.Row
    try:
        _check_ours(conn, path)
        # WAL: readers (the web server, `newsgraph quotes`) never block the writer and see only committed data.
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk when COMMIT returns, so a crash (even of the machine) loses nothing committed.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to an existing database; queries that try to write fail.

    Raises `StoreError` when there is no database at `path` or it is not at `SCHEMA_VERSION`.
    """
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{path}: no database here; create it with `newsgraph ingest ARTICLES --db {path}`")
    # mode=ro makes SQLite refuse writes at the file level; query_only refuses them at the statement level too.
    conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=30.0)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA query_only = ON")
        _check_ours(conn, path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"{path}: schema version {version}, this newsgraph reads {SCHEMA_VERSION}; "
                f"`newsgraph ingest --db {path}` (with no paths) upgrades it"
            )
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All writes inside happen together or not at all.

    IMMEDIATE takes the write lock at the start, so a second writer waits here rather than failing half-way.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to `SCHEMA_VERSION`, one step per transaction; returns the version it started at."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        raise StoreError(f"schema version {start} is newer than this newsgraph reads ({SCHEMA_VERSION}); upgrade it")
    for version in range(start + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            # user_version and application_id live in the file header and change with this transaction.
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    return start


def _check_ours(conn: sqlite3.Connection, path: str | Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: not a database ({e})") from None
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise StoreError(f"{path}: a database, but not newsgraph's; choose another file with --db")


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, so that each runs inside our transaction (executescript would commit)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete statement in migration: {buffer.strip()[:80]}")
