"""Getting the corpus out for analysis elsewhere: JSONL (one contract object per article), CSV and Parquet (one
table per layer, flat, with the article's key, id, date and the speaker's identity on every row).

Rows stream from SQLite: memory stays flat however large the database.

>>> from newsgraph.store.schema import connect
>>> import io
>>> out = io.StringIO()
>>> export_csv(connect(":memory:"), "quotes", out)
0
>>> out.getvalue().splitlines()[0][:40]
'article,article_id,published,position,st'
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.store.queries import article, article_keys

# Each table: its SQL (fixed text, no user input) and the Arrow type of each column, for Parquet.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "articles": (
        """SELECT a.pk AS article, a.id AS article_id, a.url, a.headline, a.published, a.author, a.site, a.text,
                  a.source, a.content_hash, a.ingested_at FROM articles a ORDER BY a.pk""",
        {
            "article": "int64",
            "article_id": "string",
            "url": "string",
            "headline": "string",
            "published": "string",
            "author": "string",
            "site": "string",
            "text": "string",
            "source": "string",
            "content_hash": "string",
            "ingested_at": "string",
        },
    ),
    "quotes": (
        """SELECT q.article, a.id AS article_id, a.published, q.position, q.start, q."end", q.text, q.kind,
                  e.id AS speaker, e.identity AS speaker_identity, q.speaker_name, q.cue_start, q.cue_end,
                  q.cue_text AS cue
           FROM quotes q JOIN articles a ON a.pk = q.article LEFT JOIN entities e ON e.pk = q.speaker
           ORDER BY q.article, q.position""",
        {
            "article": "int64",
            "article_id": "string",
            "published": "string",
            "position": "int64",
            "start": "int64",
            "end": "int64",
            "text": "string",
            "kind": "string",
            "speaker": "string",
            "speaker_identity": "int64",
            "speaker_name": "string",
            "cue_start": "int64",
            "cue_end": "int64",
            "cue": "string",
        },
    ),
    "entities": (
        """SELECT e.article, a.id AS article_id, a.published, e.id AS entity, e.identity, e.name, e.type,
                  (SELECT json_group_array(title) FROM (SELECT title FROM entity_titles t WHERE t.entity = e.pk
                   ORDER BY position)) AS titles,
                  (SELECT count(*) FROM mentions m WHERE m.entity = e.pk) AS mentions
           FROM entities e JOIN articles a ON a.pk = e.article ORDER BY e.article, e.pk""",
        {
            "article": "int64",
            "article_id": "string",
            "published": "string",
            "entity": "string",
            "identity": "int64",
            "name": "string",
            "type": "string",
            "titles": "string",
            "mentions": "int64",
        },
    ),
    "mentions": (
        """SELECT m.article, a.id AS article_id, e.id AS entity, e.identity, e.name, m.start, m."end", m.text
           FROM mentions m JOIN entities e ON e.pk = m.entity JOIN articles a ON a.pk = m.article
           ORDER BY m.article, m.start""",
        {
            "article": "int64",
            "article_id": "string",
            "entity": "string",
            "identity": "int64",
            "name": "string",
            "start": "int64",
            "end": "int64",
            "text": "string",
        },
    ),
    "timex": (
        """SELECT t.article, a.id AS article_id, a.published, t.start, t."end", t.text, t.type, t.value, t.anchor
           FROM timex t JOIN articles a ON a.pk = t.article ORDER BY t.article, t.start""",
        {
            "article": "int64",
            "article_id": "string",
            "published": "string",
            "start": "int64",
            "end": "int64",
            "text": "string",
            "type": "string",
            "value": "string",
            "anchor": "string",
        },
    ),
    "removed": (
        """SELECT r.article, a.id AS article_id, r.start, r."end", r.reason, r.text
           FROM removed r JOIN articles a ON a.pk = r.article ORDER BY r.article, r.start""",
        {
            "article": "int64",
            "article_id": "string",
            "start": "int64",
            "end": "int64",
            "reason": "string",
            "text": "string",
        },
    ),
}


def table_names() -> list[str]:
    return list(TABLES)


def _table(name: str) -> tuple[str, dict[str, str]]:
    if name not in TABLES:
        raise ValueError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    return TABLES[name]


def iter_rows(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one flat table as dicts, streamed."""
    sql, _ = _table(table)
    for row in conn.execute(sql):
        yield dict(row)


def export_jsonl(conn: sqlite3.Connection, out: IO[str], table: str = "articles") -> int:
    """Write JSONL: for `articles`, one contract object (`newsgraph/1`, plus a `store` field) per article; for
    another table, one object per row. Returns the number of lines.
    """
    count = 0
    if table == "articles":
        for pk in article_keys(conn):
            stored = article(conn, pk)
            assert stored is not None
            out.write(json.dumps(stored.to_dict(), ensure_ascii=False) + "\n")
            count += 1
        return count
    for row in iter_rows(conn, table):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_csv(conn: sqlite3.Connection, table: str, out: IO[str]) -> int:
    """Write one table as CSV with a header line; returns the number of rows."""
    _, columns = _table(table)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in iter_rows(conn, table):
        writer.writerow(row.values())
        count += 1
    return count


def export_parquet(conn: sqlite3.Connection, table: str, path: str | Path, chunk_rows: int = 10_000) -> int:
    """Write one table as a Parquet file (typed columns, zstd), in row groups of `chunk_rows`; returns the rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    _, columns = _table(table)
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in columns.items()])
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []
        for row in iter_rows(conn, table):
            chunk.append(row)
            if len(chunk) >= chunk_rows:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
