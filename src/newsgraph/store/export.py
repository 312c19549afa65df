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

from newsgraph.layers import Column, children, leaves
from newsgraph.model import ARTICLES
from newsgraph.store.layers import IDENTITIES, Table, layer_tables, quoted, table
from newsgraph.store.queries import article, article_keys

ARROW_TYPES: dict[type, str] = {int: "int64", str: "string", float: "float64", bool: "bool_", dict: "string"}


def _export(t: Table) -> tuple[str, dict[str, str]]:
    """The SQL (fixed text, no user input) and the Arrow type of each column of one layer's flat table.

    Every row starts with the article's key, id and date; then, for a layer nested in another, the item it belongs
    to (an entity: its id, identity and name); `position` where the database keeps it; each column of the layer
    (a nested part flattened, a list as JSON text, a reference as the key it refers to); the count of each nested
    layer's items. An entity's id is followed by its identity, the person across the corpus.
    """
    assert t.layer is not None
    select = ["t.article AS article", "a.id AS article_id", "a.published AS published"]
    types = {"article": "int64", "article_id": "string", "published": "string"}
    joins = ["JOIN articles a ON a.pk = t.article"]

    def add(sql: str, name: str, kind: str) -> None:
        select.append(f"{sql} AS {quoted(name)}")
        types[name] = kind

    def entity(alias: str, name: str, identity: str, *more: str) -> None:
        add(f"{alias}.id", name, "string")
        add(f"{alias}.identity", identity, "int64")
        for column in more:
            add(f"{alias}.{quoted(column)}", column, "string")

    if t.owner_column is not None:
        assert t.owner is not None and t.owner.layer is not None
        joins.append(f"JOIN {quoted(t.owner.name)} p ON p.pk = t.{quoted(t.owner_column)}")
        key = next(c for c in leaves(t.owner.layer) if c.field == t.owner.layer.key)
        if t.owner.name == IDENTITIES:
            entity("p", key.flat, "identity", "name")
        else:
            add(f"p.{quoted(key.name)}", key.flat, ARROW_TYPES[key.type])
    if t.position:
        add("t.position", "position", "int64")
    for n, c in enumerate(leaves(t.layer)):
        if c.stored.ref is not None:
            joins.append(f"LEFT JOIN {quoted(c.stored.ref.table)} r{n} ON r{n}.pk = t.{quoted(c.name)}")
            if c.stored.ref.table == IDENTITIES:
                entity(f"r{n}", c.flat, f"{c.flat}_identity")
            else:
                add(f"r{n}.{quoted(c.stored.ref.key or 'pk')}", c.flat, "string")
        elif c.kind == "list" and c.stored.table:
            add(_json_list("t", c), c.flat, "string")
        elif t.name == IDENTITIES and c.field == t.layer.key:
            entity("t", c.flat, "identity")
        else:
            add(f"t.{quoted(c.name)}", c.flat, ARROW_TYPES[str if c.kind == "list" else c.type])
    for c in children(t.layer):
        assert c.layer is not None
        nested = table(c.layer.table)
        assert nested.owner_column is not None
        add(
            f"(SELECT count(*) FROM {quoted(nested.name)} c WHERE c.{quoted(nested.owner_column)} = t.pk)",
            c.flat,
            "int64",
        )
    names = {c.name for c in leaves(t.layer)}
    order = "t.position" if t.position else ("t.start" if {"start", "end"} <= names else "t.rowid")
    sql = f"SELECT {', '.join(select)} FROM {quoted(t.name)} t {' '.join(joins)} ORDER BY t.article, {order}"
    return sql, types


def _json_list(owner: str, column: Column) -> str:
    """A list kept in a table of its own, as a JSON array (of objects, for a list of dataclasses), in order; `owner`
    is the alias of the table of the rows it belongs to."""
    lt = table(column.stored.table or "")
    assert lt.owner_column is not None
    if lt.value_column is not None:
        item = quoted(lt.value_column)
    else:
        item = "json_object(" + ", ".join(f"'{c.flat}', {quoted(c.name)}" for c in lt.values) + ")"
    rows = f"SELECT * FROM {quoted(lt.name)} c WHERE c.{quoted(lt.owner_column)} = {owner}.pk ORDER BY c.{lt.order}"
    return f"(SELECT json_group_array({item}) FROM ({rows}))"


def _articles() -> tuple[str, dict[str, str]]:
    select = ["a.pk AS article", "a.id AS article_id", "a.published AS published"]
    types = {"article": "int64", "article_id": "string", "published": "string"}
    for c in leaves(ARTICLES):
        if c.flat not in types:
            sql = _json_list("a", c) if c.kind == "list" and c.stored.table else f"a.{quoted(c.name)}"
            select.append(f"{sql} AS {quoted(c.flat)}")
            types[c.flat] = ARROW_TYPES[str if c.kind == "list" else c.type]
    for name in ("source", "content_hash", "ingested_at"):  # the store's own
        select.append(f"a.{name}")
        types[name] = "string"
    return f"SELECT {', '.join(select)} FROM articles a ORDER BY a.pk", types


# Each table: its SQL and the Arrow type of each column, for Parquet; made from the model's description of the
# layers, as the database's tables are (store/layers.py). Lists are JSON text, as `titles` always was.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    ARTICLES.table: _articles(),
    **{t.name: _export(t) for t in layer_tables() if t.layer is not None},
}


def table_names() -> list[str]:
    return list(TABLES)


def _table(name: str) -> tuple[str, dict[str, str]]:
    if name not in TABLES:
        raise ValueError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    return TABLES[name]


def iter_rows(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one flat table as dicts, streamed (a bool as a bool, which SQLite keeps as 0 or 1)."""
    sql, columns = _table(table)
    flags = [name for name, kind in columns.items() if kind == "bool_"]
    for row in conn.execute(sql):
        out = dict(row)
        for name in flags:
            out[name] = None if out[name] is None else bool(out[name])
        yield out


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
