"""Putting analyses into the database: idempotent, incremental, one transaction per article.

- The same article is stored once: an article whose URL or content hash (sha256 of its text) is already stored is
  skipped before it is analysed, so a re-run costs only reading; two copies in one run are caught on insert.
- Each article is committed with all its layers in one transaction, so an interruption (Ctrl-C, a crash, a killed
  process) loses at most the articles still being analysed, and the next run picks up where this one stopped.
- Records that cannot be analysed are counted and kept in `failures` with the run that met them; they are tried
  again on the next run.

>>> from newsgraph.store.schema import connect
>>> conn = connect(":memory:")
>>> counts = ingest(conn, ["Headline\\n“We will win,” said Ann Lee."])  # doctest: +SKIP
>>> counts.added, counts.skipped, counts.failed  # doctest: +SKIP
(1, 0, 0)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from newsgraph.clean import blank
from newsgraph.model import Analysis, Article, Failure

Outcome = Literal["added", "skipped", "failed"]
Record = Article | Failure | dict[str, Any] | str


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What one `ingest` did: articles stored, already there, and records that could not be analysed."""

    added: int = 0
    skipped: int = 0
    failed: int = 0

    @property
    def seen(self) -> int:
        return self.added + self.skipped + self.failed


@dataclass(frozen=True, slots=True)
class Progress:
    """One record done, for a progress display: what happened to it and the running counts."""

    outcome: Outcome
    id: Any
    counts: IngestCounts
    message: str | None = None


def content_hash(text: str) -> str:
    """The identity of an article's content: sha256 of its text, hex.

    >>> content_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def normalise_url(url: str | None) -> str | None:
    """The URL that identifies an article: surrounding space and the #fragment dropped (same page, same article).

    >>> normalise_url(" https://example.com/a#comments ")
    'https://example.com/a'
    """
    if url is None:
        return None
    url = url.strip().split("#", 1)[0]
    return url or None


def is_stored(conn: sqlite3.Connection, text: str, url: str | None = None) -> bool:
    """Is this article (same content hash, or same URL) already in the database?"""
    row = conn.execute(
        "SELECT 1 FROM articles WHERE content_hash = ? OR (? IS NOT NULL AND url = ?) LIMIT 1",
        (content_hash(text), url := normalise_url(url), url),
    ).fetchone()
    return row is not None


def add_analysis(conn: sqlite3.Connection, analysis: Analysis, source: str | None = None) -> int | None:
    """Store one analysis with all its layers in one transaction; returns the article's key, or None when the same
    article (URL or content) was already stored, in which case nothing is written.
    """
    from newsgraph.store.layers import article_values, quoted
    from newsgraph.store.schema import transaction

    # The article's columns of the model's description (the id as a str, the warnings as JSON), and the store's own.
    row = article_values(analysis)
    row["url"] = normalise_url(analysis.url)
    row |= {"content_hash": content_hash(analysis.text), "source": source, "ingested_at": _now()}
    with transaction(conn):
        cursor = conn.execute(
            f"INSERT OR IGNORE INTO articles ({', '.join(map(quoted, row))}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        if cursor.rowcount == 0:  # a UNIQUE url or content_hash said: already stored
            return None
        article = cursor.lastrowid
        assert article is not None
        _add_layers(conn, article, analysis)
    return article


def _add_layers(conn: sqlite3.Connection, article: int, analysis: Analysis) -> None:
    from newsgraph.store.layers import IDENTITIES, insert_layers
    from newsgraph.store.schema import searchable

    # Every layer's rows, as the model's description makes them; each entity with its identity across the corpus.
    identity = {IDENTITIES: lambda entity: {"identity": _identity(conn, entity.type, entity.name, article)}}
    insert_layers(conn, article, analysis, identity)
    conn.execute(
        "INSERT INTO quotes_fts (rowid, text, speaker_name)"
        " SELECT pk, text, COALESCE(speaker_name, '') FROM quotes WHERE article = ? ORDER BY position",
        (article,),
    )
    body = blank(analysis.text, analysis.removed)  # the text later stages read: what is searched
    conn.execute(
        "INSERT INTO articles_fts (rowid, headline, body) VALUES (?, ?, ?)",
        (article, searchable(analysis.headline or ""), searchable(body)),
    )


def identity_key(name: str) -> str:
    """The key that makes two entities one identity across the corpus: the name case-folded, spaces collapsed.

    >>> identity_key("  Jens   STOLTENBERG ")
    'jens stoltenberg'
    """
    return " ".join(name.casefold().split())


def anonymous(name: str) -> bool:
    """Is this the name of someone the article describes but does not name ("a spokesman", "The official")? The
    entity layer names a named entity by its name, which never opens with a determiner or a small letter.

    >>> anonymous("a spokesman"), anonymous("The official"), anonymous("Jens Stoltenberg")
    (True, True, False)
    """
    first = name.split()[0] if name.split() else ""
    return not first[:1].isupper() or first.lower() in _DETERMINERS


_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "another", "one", "some"})


def _identity(conn: sqlite3.Connection, type: str, name: str, article: int) -> int:
    # "A spokesman" of one article is not the spokesman of another: a described person is an identity of its
    # article only.
    key = identity_key(name) if not anonymous(name) else f"{identity_key(name)} #{article}"
    conn.execute("INSERT OR IGNORE INTO identities (type, key, name) VALUES (?, ?, ?)", (type, key, name))
    row = conn.execute("SELECT pk FROM identities WHERE type = ? AND key = ?", (type, key)).fetchone()
    return int(row[0])


def ingest(
    conn: sqlite3.Connection,
    records: Iterable[Record | tuple[str | None, Record]],
    *,
    workers: int = 1,
    source: str | None = None,
    paths: Iterable[str] = (),
    on_progress: Callable[[Progress], None] | None = None,
    analyze: Callable[..., Iterator[Analysis | Failure]] | None = None,
) -> IngestCounts:
    """Analyse and store records (Articles, Failures from a reader, JSONL-style dicts or strings), skipping those
    already stored; returns the counts. Records stream: memory does not grow with the input.

    A record may come as a pair `(source, record)`, `source` being where it was read (a path); otherwise `source`
    is stored for every record.

    `analyze` defaults to `newsgraph.analyze_many` (the only way the store gets analyses); `on_progress` is called
    once per record, in input order. An exception from the records or the analysis (Ctrl-C included) propagates
    after the run is recorded; everything committed before it stays.
    """
    if analyze is None:
        from newsgraph.pipeline import analyze_many  # spaCy loads with it: only when there is work

        analyze = analyze_many

    from newsgraph.pipeline import to_article
    from newsgraph.store.schema import transaction

    run = _start_run(conn, paths)
    added = skipped = failed = 0

    def report(outcome: Outcome, id: Any, message: str | None = None) -> None:
        if on_progress is not None:
            on_progress(Progress(outcome, id, IngestCounts(added, skipped, failed), message))

    # analyze_many yields exactly one result per record, in input order, so the source of each record in flight
    # waits here in the same order and is taken back when its result arrives.
    in_flight: deque[str | None] = deque()

    def fresh() -> Iterator[Article | Failure]:
        """The records not yet stored; the skipped ones are reported as they are met."""
        nonlocal skipped
        for position, record in enumerate(records, start=1):
            origin, record = record if isinstance(record, tuple) else (source, record)
            item = to_article(record, position)
            if isinstance(item, Article) and is_stored(conn, item.text, item.url):
                skipped += 1
                report("skipped", item.id)
                continue
            in_flight.append(origin)
            yield item

    try:
        for result in analyze(fresh(), workers=workers):
            origin = in_flight.popleft()
            if isinstance(result, Failure):
                failed += 1
                with transaction(conn):
                    conn.execute(
                        "INSERT INTO failures (run, id, type, message, line) VALUES (?, ?, ?, ?, ?)",
                        (run, str(result.id), result.type, result.message, result.line),
                    )
                report("failed", result.id, result.message)
            elif add_analysis(conn, result, source=origin) is None:
                skipped += 1  # a second copy within this run, caught by the UNIQUE constraints
                report("skipped", result.id)
            else:
                added += 1
                report("added", result.id)
    except BaseException:
        # Interrupted: the run keeps finished_at NULL, so that `ingest_runs` shows it stopped part-way.
        _finish_run(conn, run, IngestCounts(added, skipped, failed), finished=False)
        raise
    counts = IngestCounts(added, skipped, failed)
    _finish_run(conn, run, counts, finished=True)
    return counts


def _start_run(conn: sqlite3.Connection, paths: Iterable[str]) -> int:
    from newsgraph.store.schema import transaction

    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO ingest_runs (started_at, paths) VALUES (?, ?)",
            (_now(), json.dumps([str(Path(p)) for p in paths], ensure_ascii=False)),
        )
    return int(cursor.lastrowid or 0)


def _finish_run(conn: sqlite3.Connection, run: int, counts: IngestCounts, finished: bool) -> None:
    from newsgraph.store.schema import transaction

    try:
        with transaction(conn):
            conn.execute(
                "UPDATE ingest_runs SET finished_at = ?, added = ?, skipped = ?, failed = ? WHERE pk = ?",
                (_now() if finished else None, counts.added, counts.skipped, counts.failed, run),
            )
    except sqlite3.Error:  # the database itself is what failed: the original error matters more than this record
        if finished:
            raise


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
