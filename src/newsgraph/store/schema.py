"""The database file: connections, the tables and their migrations.

The tables follow the contract's layers, one row per item, offsets into `articles.text`:

    articles ─┬─ removed
              ├─ entities ─┬─ entity_titles        entities.identity → identities (one name across the corpus)
              │            └─ mentions
              ├─ quotes ───── verbatim              quotes.speaker → entities
              ├─ timex
              └─ claims ───── claim_arguments       claims.claimant → entities; claims.quote, claims.time: the
                                                    positions of its quote and time expression in the article
    articles_fts, quotes_fts                         full-text search (FTS5)
    ingest_runs ── failures                          what each `ingest` did, and the records it could not analyse

`PRAGMA user_version` is the schema version; `migrate` brings an older file up to `SCHEMA_VERSION` one step at a
time, each step in one transaction, so a file is always at one version or the next, never in between. The layer
tables are made from the model's description of the layers (`store/layers.py`): a step after version 2 is what
`MIGRATIONS` says (if anything) and then what the description adds at that version, a new layer's table or a new
field's column (`Stored(..., since=3)`), so that a new field needs no SQL written here.

>>> conn = connect(":memory:")
>>> conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
True
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.store.layers import latest_version, statements_of

APPLICATION_ID = 0x4E475048  # "NGPH": marks the file as newsgraph's, so that another program's database is refused

# The marks FTS5's snippet() puts around a search hit: private-use characters, taken out of the searchable text when
# it is stored (`searchable`), so that a snippet holds no marks but its own, whatever the articles contain (control
# characters such as U+0002 do occur in scraped text).
HIT_START, HIT_END = "\ue000", "\ue001"


class StoreError(Exception):
    """A database that cannot be used: missing, not a database file, not newsgraph's, damaged, read-only (for
    writing), or from a newer newsgraph. The message names the file and says which, in one line."""


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

WRITTEN_OUT = 2
"""The versions whose steps are all in `MIGRATIONS`, written out before the layer tables were made from the model's
description (which says the same: `tests/test_layers.py` checks it); later steps add what the description adds."""

SCHEMA_VERSION = max(*MIGRATIONS, latest_version())


def migration(version: int) -> list[str]:
    """The statements of the step from `version` - 1 to `version`."""
    statements = list(_statements(MIGRATIONS.get(version, "")))
    if version > WRITTEN_OUT:
        statements += statements_of(version)
    return statements


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-write connection to the database at `path`, created and migrated to `SCHEMA_VERSION` if need be.

    The connection is in autocommit mode: writes happen inside `transaction(conn)`. Raises `StoreError`, with what
    is wrong in words, when the file cannot be a newsgraph database or cannot be written.
    """
    if str(path) != ":memory:":
        _check_file(path, create=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    except sqlite3.Error as e:
        raise store_error(path, e, writing=True) from None
    conn.row_factory = sqlite3.Row
    try:
        _check_ours(conn, path)
        _check_version(conn, path, upgradable=True)
        _check_writable(conn)
        # WAL: readers (the web server, `newsgraph quotes`) never block the writer and see only committed data.
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk when COMMIT returns, so a crash (even of the machine) loses nothing committed.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except sqlite3.Error as e:
        conn.close()
        raise store_error(path, e, writing=True) from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to an existing database; queries that try to write fail.

    Raises `StoreError` when there is no database at `path`, it is not newsgraph's, cannot be read, or is not at
    `SCHEMA_VERSION`.
    """
    p = _check_file(path, create=False)
    # mode=ro makes SQLite refuse writes at the file level; query_only refuses them at the statement level too.
    uri = f"{p.resolve().as_uri()}?mode=ro"
    try:
        return _open_readonly(uri, path)
    except sqlite3.Error as e:
        if _primary_code(e) not in (_READONLY, _CANTOPEN) or os.access(p.resolve().parent, os.W_OK):
            raise store_error(path, e) from None
    # Reading a WAL database takes its -wal and -shm files, which SQLite creates beside it when they are missing;
    # in a folder we cannot write, it cannot. With no -wal left there, the file itself holds every commit and can
    # be read as it is (immutable: without those files and without locks; a writer at work would have a -wal
    # there). A -wal with commits in it would be ignored that way: then refuse, saying why.
    wal = p.with_name(p.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path}: is in a read-only folder, and its last changes are in {wal.name}, which SQLite can read only "
            f"with write access to the folder; run `newsgraph ingest --db {path}` once where it has that access"
        )
    try:
        return _open_readonly(f"{uri}&immutable=1", path)
    except sqlite3.Error as e:
        raise store_error(path, e) from None


def _open_readonly(uri: str, path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30.0)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA query_only = ON")
        _check_ours(conn, path)
        _check_version(conn, path, upgradable=False)
    except BaseException:
        conn.close()
        raise
    return conn


# SQLite's primary result codes (the low byte of `sqlite3.Error.sqlite_errorcode`) that say what is wrong with a file.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_READONLY_DIRECTORY = _READONLY | (6 << 8)  # cannot create the -wal or -shm file: the folder is read-only


def _primary_code(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def store_error(path: str | Path, error: sqlite3.Error, *, writing: bool = False) -> StoreError:
    """What `error`, met opening or using the database at `path`, says about the file: a `StoreError` whose message
    names the file and what is wrong with it in words, for a one-line error (`writing`: while ingesting).

    >>> str(store_error("x.db", sqlite3.DatabaseError("file is not a database")))
    'x.db: file is not a database'
    """
    code = getattr(error, "sqlite_errorcode", None) or 0
    primary = _primary_code(error)
    if primary == _NOTADB:
        return StoreError(f"{path}: is not a newsgraph database ({error})")
    if primary == _CORRUPT:
        return StoreError(
            f"{path}: is damaged ({error}); restore it from a copy, or save what can be read with "
            f"`sqlite3 {path} .recover`"
        )
    if code == _READONLY_DIRECTORY:
        what = "is in a read-only folder (SQLite writes its journal beside the file)"
        return StoreError(f"{path}: {what}: cannot ingest" if writing else f"{path}: {what}")
    if primary == _READONLY:
        return StoreError(f"{path}: is read-only: cannot ingest" if writing else f"{path}: is read-only ({error})")
    if primary == _CANTOPEN:
        if not Path(path).exists():
            return StoreError(f"{path}: cannot create a database file there ({error})")
        return StoreError(f"{path}: cannot be opened ({error})")
    if primary in (_BUSY, _LOCKED):
        return StoreError(f"{path}: is locked by another program ({error}); try again when it is done")
    if primary == _FULL:
        return StoreError(f"{path}: cannot grow, the disk is full ({error})")
    if primary == _IOERR:
        return StoreError(f"{path}: cannot be read or written ({error})")
    return StoreError(f"{path}: {error}")


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
        raise StoreError(
            f"made by a newer newsgraph (schema version {start}; this one knows versions up to {SCHEMA_VERSION}); "
            "upgrade newsgraph to use it"
        )
    for version in range(start + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            for statement in migration(version):
                conn.execute(statement)
            # user_version and application_id live in the file header and change with this transaction.
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    return start


def _check_file(path: str | Path, *, create: bool) -> Path:
    """`path` as a Path when it is a regular file, or (`create`) can become one; StoreError saying why not.

    SQLite would open a directory or a device and fail later, on the first write, with words about something else.
    """
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as e:
        raise StoreError(f"{path}: cannot be read ({e.strerror or e})") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise StoreError(f"{path}: is a directory, not a database file; name a file with --db")
        if not stat.S_ISREG(mode):
            raise StoreError(f"{path}: is not a regular file, so it cannot hold a database; name a file with --db")
        return p
    problem = _cannot_create_in(p.parent)
    if not create:
        if problem:
            raise StoreError(f"{path}: no database here, and none can be created there: {problem}")
        raise StoreError(f"{path}: no database here; create it with `newsgraph ingest ARTICLES --db {path}`")
    if problem:
        raise StoreError(f"{path}: cannot create a database there: {problem}")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create its folder ({e.strerror or e})") from None
    return p


def _cannot_create_in(folder: Path) -> str | None:
    """Why no file can be created in `folder` (or in the folders that would be made for it), or None."""
    while not folder.exists() and folder != folder.parent:  # the folders that do not exist yet would be made
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    try:
        fs = os.statvfs(folder)
    except OSError as e:
        return f"{folder} cannot be read ({e.strerror or e})"
    if fs.f_flag & os.ST_RDONLY:
        return f"{folder} is on a read-only file system"
    if fs.f_blocks == 0:  # /proc, /sys: file systems that show the system and store no files
        return f"{folder} cannot hold files"
    if not os.access(folder, os.W_OK):
        return f"{folder} is not writable"
    return None


def _check_ours(conn: sqlite3.Connection, path: str | Path) -> None:
    # The first reads of the file: a file that is no database, or a damaged one, fails here (as sqlite3.Error).
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise StoreError(f"{path}: a database, but not newsgraph's; choose another file with --db")


def _check_version(conn: sqlite3.Connection, path: str | Path, *, upgradable: bool) -> None:
    """StoreError for a database made by a newer newsgraph; and, unless `upgradable`, for an older one."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer newsgraph (schema version {version}; this one knows versions up to "
            f"{SCHEMA_VERSION}); upgrade newsgraph to use it"
        )
    if version < SCHEMA_VERSION and not upgradable:
        raise StoreError(
            f"{path}: schema version {version}, this newsgraph reads {SCHEMA_VERSION}; "
            f"`newsgraph ingest --db {path}` (with no paths) upgrades it"
        )


def _check_writable(conn: sqlite3.Connection) -> None:
    """sqlite3.Error (SQLITE_READONLY) when the file cannot be written, before anything is done.

    SQLite opens a file it may not write read-only without a word and fails at the first write; this is a write
    (of the value already there) that is rolled back, so it changes nothing.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA user_version = {version:d}")
    finally:
        conn.execute("ROLLBACK")


def searchable(text: str) -> str:
    """`text` as it goes into the full-text index: without the hit marks (each becomes a space).

    >>> searchable("a\ue000b\ue001c")
    'a b c'
    """
    return text.replace(HIT_START, " ").replace(HIT_END, " ")


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
