"""The layer tables of the database, made from the model's description (`newsgraph.model.ARTICLES`): their DDL, the
rows of one analysis, and the analysis again from its rows.

Each layer has a table, one row an item, with the article's key (`article`) and the columns of its fields
(`newsgraph.layers.leaves`: a nested part flattened into `cue_start`, `cue_end`, `cue_text`). A layer nested in
another (`mentions` in `entities`) also refers to its item's row (`entity`); a list kept in a table of its own
(`entity_titles`, `verbatim`) has one row an item, referring to its owner's row; any other list is one column of
JSON text (`articles.warnings`). A table that others refer to has a key (`pk`); `position` keeps the order where the
description says so, elsewhere the rows are in the order of the items. The `articles` table itself, with the store's
own columns (content hash, source, time of ingest), was written out by hand (store/schema.py): from it only the
columns of the description are read and written here.

>>> print(create_statements(table("timex"))[0])
CREATE TABLE "timex" (
    "article" INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT,
    "anchor" TEXT
)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsgraph.layers import NO_DEFAULT, Column, Layer, as_json, build, children, from_json, leaves, value_of, walk
from newsgraph.model import ARTICLES, Analysis

SQL_TYPES: dict[type, str] = {int: "INTEGER", str: "TEXT", float: "REAL", bool: "INTEGER", dict: "TEXT"}

IDENTITIES = "entities"
"""The layer whose items have an identity across the corpus (`identities`), kept in its table's `identity`."""
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    IDENTITIES: (("identity", "INTEGER NOT NULL REFERENCES identities(pk)"),),
}
"""The store's own columns of a layer table, after the description's: not part of the analysis."""


@dataclass(frozen=True, eq=False)
class Table:
    """One table of the database made from the description: a layer's, or that of a list kept in rows."""

    name: str
    layer: Layer | None  # None: the table of a list (`via`)
    owner: Table | None  # the table whose rows these belong to: the parent layer's, or the list's owner's
    via: Column | None  # the field of the owner that holds these rows (None for `articles`)
    since: int  # the schema version that made the table

    @property
    def values(self) -> tuple[Column, ...]:
        """The columns that hold the description's values, in order."""
        if self.layer is None:
            assert self.via is not None
            return self.via.parts  # a list of dataclasses: one column per leaf of an item; of scalars: none
        return tuple(c for c in leaves(self.layer) if not (c.kind == "list" and c.stored.table))

    @property
    def value_column(self) -> str | None:
        """For the table of a list of scalars, the column that holds an item."""
        if self.layer is None and self.via is not None and not self.via.parts:
            return self.via.stored.column or "value"
        return None

    @property
    def lists(self) -> tuple[Column, ...]:
        """The lists of this table's items kept in tables of their own."""
        if self.layer is None:
            return ()
        return tuple(c for c in leaves(self.layer) if c.kind == "list" and c.stored.table)

    @property
    def has_article(self) -> bool:
        return self.layer is not None

    @property
    def owner_column(self) -> str | None:
        """The column that refers to the owner's row ("entity", "quote"); None for a layer of the article (its rows
        have `article`)."""
        if self.owner is None:
            return None
        if self.owner.name == ARTICLES.table:
            return None if self.layer else "article"
        assert self.owner.layer is not None
        return self.owner.layer.singular

    @property
    def position(self) -> bool:
        if self.layer is not None:
            return self.layer.position
        assert self.via is not None
        return self.via.stored.position

    @property
    def has_pk(self) -> bool:
        """Other rows refer to this table's: it holds lists or layers of its own, or others refer to its items."""
        if self.layer is None:
            return False
        referred = any(c.stored.ref is self.layer for t in tables() if t.layer for c in t.values)
        return bool(self.lists) or any(True for _ in children(self.layer)) or referred

    @property
    def order(self) -> str:
        return "position" if self.position else "rowid"


@cache
def tables() -> tuple[Table, ...]:
    """Every table made from the description, each after the table it belongs to, `articles` first."""
    out: list[Table] = []
    by_layer: dict[int, Table] = {}
    for layer, via, parent in walk(ARTICLES):
        owner = by_layer[id(parent)] if parent is not None else None
        since = via.since if via is not None else 1
        if owner is not None:
            since = max(since, owner.since)
        t = Table(layer.table, layer, owner, via, since)
        by_layer[id(layer)] = t
        out.append(t)
        for column in t.lists:
            assert column.stored.table is not None
            out.append(Table(column.stored.table, None, t, column, max(column.since, since)))
    return tuple(out)


def table(name: str) -> Table:
    return next(t for t in tables() if t.name == name)


def layer_tables() -> tuple[Table, ...]:
    """The tables made from the description, without `articles` (which was written out by hand)."""
    return tuple(t for t in tables() if t.name != ARTICLES.table)


# ---- the DDL ----------------------------------------------------------------------------------------------------


def quoted(name: str) -> str:
    return f'"{name}"'


def column_definition(column: Column, added: bool = False) -> str:
    """A column's definition: its type, NOT NULL unless it may be null, its CHECK and reference; `added` (by ALTER
    TABLE, to a table that has rows already): with its field's default as the value of those rows."""
    sql_type = "INTEGER" if column.stored.ref is not None else SQL_TYPES[column.type if column.kind == "value" else str]
    parts = [quoted(column.name), sql_type]
    if not column.nullable:
        parts.append("NOT NULL")
    if added and not (column.nullable and column.default in (None, NO_DEFAULT)):  # else the rows there hold NULL
        if column.default is NO_DEFAULT:
            raise TypeError(
                f"{column.name}: added to a table that has rows already, so its field needs a default (their value)"
            )
        parts.append(f"DEFAULT {_literal(encode(column, column.default))}")
    if column.stored.check and column.choices:
        choices = ", ".join(_literal(c) for c in column.choices)
        parts.append(f"CHECK ({quoted(column.name)} IN ({choices}))")
    if column.stored.ref is not None:
        parts.append(f"REFERENCES {column.stored.ref.table}(pk)")
    return " ".join(parts)


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if not isinstance(value, str):
        raise TypeError(f"{value!r}: not a default a column can have")
    return "'" + value.replace("'", "''") + "'"


def create_statements(t: Table, version: int | None = None) -> list[str]:
    """CREATE TABLE and CREATE INDEX of a table as it is at schema `version` (the latest when None); a column added
    after the table was made has its default, as ALTER TABLE gave it to the rows already there."""
    lines = []
    if t.has_pk:
        lines.append('"pk" INTEGER PRIMARY KEY')
    if t.owner_column is not None:
        assert t.owner is not None
        lines.append(f"{quoted(t.owner_column)} INTEGER NOT NULL REFERENCES {t.owner.name}(pk) ON DELETE CASCADE")
    if t.has_article:
        lines.append('"article" INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE')
    if t.position:
        lines.append('"position" INTEGER NOT NULL')
    for column in t.values:
        if version is None or column.since <= version:
            lines.append(column_definition(column, added=column.since > t.since))
    if t.value_column is not None:
        assert t.via is not None
        lines.append(f"{quoted(t.value_column)} {SQL_TYPES[t.via.type]} NOT NULL")
    lines += [f"{quoted(name)} {definition}" for name, definition in EXTRA_COLUMNS.get(t.name, ())]
    if t.layer is not None and t.layer.key is not None:
        key = next(c for c in t.values if c.field == t.layer.key)
        lines.append(f'UNIQUE ("article", {quoted(key.name)})')
    statements = [f"CREATE TABLE {quoted(t.name)} (\n    " + ",\n    ".join(lines) + "\n)"]
    indexed = []
    if t.owner_column is not None:
        indexed.append([t.owner_column])
    if t.has_article and not (t.layer is not None and t.layer.key is not None):  # UNIQUE (article, key) is one
        indexed.append(["article", "position"] if t.position else ["article"])
    indexed += [[c.name] for c in t.values if c.stored.ref is not None]
    indexed += [[name] for name, definition in EXTRA_COLUMNS.get(t.name, ()) if "REFERENCES" in definition]
    for names in indexed:
        statements.append(
            f"CREATE INDEX {quoted(t.name + '_' + names[0])} ON {quoted(t.name)}({', '.join(map(quoted, names))})"
        )
    return statements


def statements_of(version: int) -> list[str]:
    """What the description adds at schema `version`: the tables of layers and lists it added, and the columns it
    added to tables made before (ALTER TABLE … ADD COLUMN, with the field's default for the rows there)."""
    out: list[str] = []
    for t in tables():
        if t.since == version and t.name != ARTICLES.table:
            out += create_statements(t, version)
        elif t.since < version:
            out += [
                f"ALTER TABLE {quoted(t.name)} ADD COLUMN {column_definition(c, added=True)}"
                for c in t.values
                if c.since == version
            ]
    return out


def latest_version() -> int:
    """The latest schema version the description names."""
    return max([t.since for t in tables()] + [c.since for t in tables() for c in t.values])


# ---- rows in ----------------------------------------------------------------------------------------------------


def encode(column: Column, value: Any) -> Any:
    """A value as its column holds it: a list or mapping kept whole as JSON text; None (a list in a nested part
    that is None: an article's `headline_check`) stays NULL."""
    if column.kind == "list" and value is not None:
        items = [as_json(v, ARTICLES) for v in value] if column.parts else list(value)
        return json.dumps(items, ensure_ascii=False)
    if column.type is dict and value is not None:
        return json.dumps(value, ensure_ascii=False)
    return value


def decode(column: Column, value: Any) -> Any:
    """A value again from what its column holds (`encode`'s)."""
    if column.kind == "list":
        items = json.loads(value) if value is not None else []
        return [from_json(column.type, i) for i in items] if column.parts else items
    if column.type is dict and value is not None:
        return json.loads(value)
    return value


def article_values(analysis: Analysis) -> dict[str, Any]:
    """The article's own columns of `articles` (those of the description), by name."""
    return {c.name: encode(c, value_of(analysis, c)) for c in table(ARTICLES.table).values}


Extras = Mapping[str, Callable[[Any], Mapping[str, Any]]]
"""Per table, the store's own columns of an item's row (an entity's identity)."""


def insert_layers(conn: sqlite3.Connection, article: int, analysis: Analysis, extras: Extras) -> None:
    """Write the rows of every layer of one analysis, the article's row being `article`: the columns the file's
    schema version has (all of them once `migrate` has brought it up to date)."""
    keys: dict[str, dict[Any, int]] = {}  # a layer's table → its items' keys → their rows
    version = conn.execute("PRAGMA user_version").fetchone()[0] or latest_version()
    for t in layer_tables():
        if t.owner is not None and t.owner.name == ARTICLES.table:
            assert t.via is not None
            if t.layer is not None:
                _insert(conn, t, article, None, _items(t.via, analysis), keys, extras, version)
            else:
                _insert_list(conn, t, article, getattr(analysis, t.via.field))


def _items(via: Column, owner: Any) -> tuple[Any, ...]:
    value = getattr(owner, via.field)
    if via.kind == "layer" and not via.many:
        return () if value is None else (value,)
    return tuple(value)


def _insert(
    conn: sqlite3.Connection,
    t: Table,
    article: int,
    owner: int | None,
    items: tuple[Any, ...],
    keys: dict[str, dict[Any, int]],
    extras: Extras,
    version: int,
) -> None:
    assert t.layer is not None
    values = [c for c in t.values if c.since <= version]
    names = [t.owner_column] if t.owner_column else []
    names += ["article", *(["position"] if t.position else []), *(c.name for c in values)]
    extra_names = [name for name, _ in EXTRA_COLUMNS.get(t.name, ())]
    names += extra_names
    sql = f"INSERT INTO {quoted(t.name)} ({', '.join(map(quoted, names))}) VALUES ({', '.join('?' * len(names))})"
    rows = []
    for position, item in enumerate(items):
        row = [owner] if t.owner_column else []
        row += [article, *([position] if t.position else [])]
        for c in values:
            value = value_of(item, c)
            if c.stored.ref is not None:
                value = keys.get(c.stored.ref.table, {}).get(value) if value is not None else None
            row.append(encode(c, value))
        own = extras[t.name](item) if t.name in extras else {}
        row += [own[name] for name in extra_names]
        rows.append(row)
    if not t.has_pk:
        conn.executemany(sql, rows)
        return
    nested = [u for u in tables() if u.owner is t]
    for item, row in zip(items, rows, strict=True):
        pk = conn.execute(sql, row).lastrowid
        assert pk is not None
        if t.layer.key is not None:
            keys.setdefault(t.name, {})[getattr(item, t.layer.key)] = pk
        for u in nested:
            assert u.via is not None
            if u.layer is not None:
                _insert(conn, u, article, pk, _items(u.via, item), keys, extras, version)
            else:
                _insert_list(conn, u, pk, getattr(item, u.via.field))


def _insert_list(conn: sqlite3.Connection, t: Table, owner: int, items: tuple[Any, ...]) -> None:
    assert t.owner_column is not None and t.via is not None
    names = [t.owner_column, *(["position"] if t.position else [])]
    if t.value_column is not None:
        names.append(t.value_column)
        rows = [[owner, *([i] if t.position else []), item] for i, item in enumerate(items)]
    else:
        names += [c.name for c in t.values]
        rows = [
            [owner, *([i] if t.position else []), *(encode(c, value_of(item, c)) for c in t.values)]
            for i, item in enumerate(items)
        ]
    sql = f"INSERT INTO {quoted(t.name)} ({', '.join(map(quoted, names))}) VALUES ({', '.join('?' * len(names))})"
    conn.executemany(sql, rows)


# ---- rows out ---------------------------------------------------------------------------------------------------


def read_analysis(conn: sqlite3.Connection, article: sqlite3.Row) -> Analysis:
    """The analysis again from the article's row and the rows of its layers, exactly as it was stored."""
    pk = article["pk"]
    rows: dict[str, dict[int, list[sqlite3.Row]]] = {}  # table → owner's row → its rows, in order
    for t in layer_tables():
        if t.has_article or t.owner_column == "article":
            sql = f"SELECT * FROM {quoted(t.name)} WHERE article = ? ORDER BY {t.order}"
        else:  # the rows of a list belong to the rows of a layer of this article
            assert t.owner is not None and t.owner_column is not None
            sql = (
                f"SELECT c.* FROM {quoted(t.name)} c JOIN {quoted(t.owner.name)} o ON o.pk = c.{quoted(t.owner_column)}"
                f" WHERE o.article = ? ORDER BY c.{quoted(t.owner_column)}, c.{t.order}"
            )
        grouped: dict[int, list[sqlite3.Row]] = {}
        for row in conn.execute(sql, (pk,)):
            grouped.setdefault(row[t.owner_column] if t.owner_column else row["article"], []).append(row)
        rows[t.name] = grouped
    keys = {  # the key of each row of a layer that others refer to: its pk → "E1"
        t.name: {r["pk"]: r[t.layer.key] for group in rows[t.name].values() for r in group}
        for t in layer_tables()
        if t.layer is not None and t.layer.key is not None
    }

    def item(t: Table, row: Any) -> Any:
        assert t.layer is not None
        nested = {u.via.field: u for u in tables() if u.owner is t and u.via is not None}

        def fetch(column: Column) -> Any:
            if column.field in nested and column.path == (column.field,):
                u = nested[column.field]
                group = rows[u.name].get(row["pk"], [])
                if u.layer is not None:
                    built = [item(u, r) for r in group]
                    return built if column.many else (built[0] if built else None)
                if u.value_column is not None:
                    return [r[u.value_column] for r in group]
                return [_row_fetch(r) for r in group]
            value = row[column.name]
            if column.stored.ref is not None:
                return None if value is None else keys[column.stored.ref.table].get(value)
            return decode(column, value)

        return build(t.layer, fetch)

    analysis: Analysis = item(table(ARTICLES.table), article)
    return analysis


def _row_fetch(row: sqlite3.Row) -> Callable[[Column], Any]:
    return lambda column: decode(column, row[column.name])
