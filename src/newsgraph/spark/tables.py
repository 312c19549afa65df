"""The tables the Spark job writes: one flat row per item of each layer, with the article's key on every row.

Plain Python, no Spark: `table_rows(result, source)` turns one `Analysis` (or `Failure`) into the rows of every
table, so the rows can be checked without a cluster and the job stays a thin wrapper around them. The tables and
their columns are made from the model's description of the layers (`newsgraph.model.ARTICLES`): a layer's table
has a column for each value and each nested part of its items (`cue_start`, `cue_end`, `cue`; a span's `start`,
`end` and `text` first), and an array column for each list (`titles`, `verbatim`); a layer nested in another
(`mentions`) has a table of its own, its rows naming their item of the other (`entity`).

Every row of every table carries `source` (the input path the article came from) and `article_id` (the record's
id as `newsgraph analyze` gives it, as a string: a JSONL line number 3 is "3"); the pair identifies the article.
Lists keep their order in the contract's JSON through `position` (0-based). All tables but `errors` also carry
`published` and the partition column `month` ("YYYY-MM" of `published`; null, which Spark writes as
`month=__HIVE_DEFAULT_PARTITION__`, for articles without a date).

>>> from newsgraph.model import Analysis, Timex
>>> a = Analysis(id=3, text="It rained yesterday.", published="2023-02-28",
...              timex=(Timex(10, 19, "yesterday", "DATE", "2023-02-27"),))
>>> table_rows(a, "in.jsonl")["timex"]
[('in.jsonl', '3', '2023-02-28', 0, 10, 19, 'yesterday', 'DATE', '2023-02-27', None, '2023-02')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from newsgraph.layers import Column, Layer, build, children, leaves, value_of, walk
from newsgraph.model import ARTICLES, Analysis, Failure, Result

MONTH = "month"
"""The partition column of every table but `errors`."""

KEY: tuple[tuple[str, str], ...] = (("source", "string"), ("article_id", "string"))
DATED: tuple[tuple[str, str], ...] = (*KEY, ("published", "string"))
"""The columns that start every row (`errors`: the first two), the article it belongs to."""
SPARK_TYPES: dict[type, str] = {int: "int", str: "string", float: "double", bool: "boolean"}
SPAN = ("start", "end", "text")
"""The columns a span's table has first."""

Row = tuple[Any, ...]


def spark_type(column: Column) -> str:
    """A column's Spark SQL type: an array for a list, of structs for a list of dataclasses."""
    if column.kind == "list":
        if column.parts:
            return f"array<struct<{_fields(leaves(column.type), sep=': ')}>>"
        return f"array<{SPARK_TYPES[column.type]}>"
    if column.type is dict:
        return f"map<string, {SPARK_TYPES.get(column.of, 'string')}>"
    return SPARK_TYPES[column.type]


def _fields(columns: Iterable[Column], sep: str = " ") -> str:
    return ", ".join(f"`{c.flat}`{sep}{spark_type(c)}" for c in columns)


def layer_columns(layer: Layer) -> list[Column]:
    """The columns of a layer's table from its fields, in order (a span's first): all but the article's key."""
    own = list(leaves(layer))
    if layer is ARTICLES:  # the article's id and date are its key
        own = [c for c in own if c.flat not in {name for name, _ in DATED}]
    if {"start", "end"} <= {c.flat for c in own}:
        own.sort(key=lambda c: SPAN.index(c.flat) if c.flat in SPAN else len(SPAN))
    return own


def _parent_key(layer: Layer) -> Column:
    """The column of a layer's item that a nested layer's rows name it by (an entity's id, `entity`)."""
    key = next((c for c in leaves(layer) if c.field == layer.key), None)
    if key is None:
        raise TypeError(f"{layer}: has a layer nested in it, so it needs a `key` its rows can name it by")
    return key


def _tables() -> Iterator[tuple[str, str]]:
    for layer, via, parent in walk(ARTICLES):
        head = [f"`{name}` {kind}" for name, kind in DATED]
        if parent is not None and parent is not ARTICLES:
            head.append(_fields([_parent_key(parent)]))
        if via is not None and via.many:
            head.append("`position` int")
        own = _fields(layer_columns(layer))
        yield layer.table, ", ".join([*head, *([own] if own else []), f"`{MONTH}` string"])
    yield (
        "errors",
        ", ".join([*(f"`{name}` {kind}" for name, kind in KEY), "`type` string", "`message` string", "`line` int"]),
    )


# Each table's Spark schema as a DDL string, in the order `table_rows` builds its tuples. Offsets are character
# offsets into `articles.text` (Python string indices, end exclusive), as in the contract's JSON.
SCHEMAS: dict[str, str] = dict(_tables())
"""Table name → Spark DDL schema. `errors` holds the records that could not be analysed, with the reason."""

TABLES = tuple(SCHEMAS)
DATED_TABLES = tuple(name for name in TABLES if name != "errors")
"""The tables partitioned by `month`."""


def month_of(published: str | None) -> str | None:
    """The partition of a publication date: "2023-02-28" → "2023-02"; None stays None."""
    return published[:7] if published else None


def spark_value(column: Column, item: Any) -> Any:
    """A column's value in a row: a list as a list (of tuples, for a list of dataclasses)."""
    value = value_of(item, column)
    if column.kind == "list" and value is not None:  # None: a list in a nested part that is None
        if column.parts:
            return [tuple(spark_value(c, v) for c in leaves(column.type)) for v in value]
        return list(value)
    if column.type is dict and value is not None:
        return dict(value)
    return value


def table_rows(result: Result, source: str) -> dict[str, list[Row]]:
    """The rows of every table for one result: an `Analysis` fills the layer tables, a `Failure` one error row."""
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    if isinstance(result, Failure):
        rows["errors"].append((source, str(result.id), result.type, result.message, result.line))
        return rows
    a: Analysis = result
    key = (source, str(a.id), a.published)
    month = month_of(a.published)

    def add(layer: Layer, items: Sequence[Any], heads: Sequence[tuple[Any, ...]]) -> None:
        """The rows of a layer's items, each after its head: the item it belongs to, its position."""
        own = layer_columns(layer)
        nested = list(children(layer))
        for item, head in zip(items, heads, strict=True):
            rows[layer.table].append((*key, *head, *(spark_value(c, item) for c in own), month))
            for column in nested:
                assert column.layer is not None
                named = () if layer is ARTICLES else (value_of(item, _parent_key(layer)),)
                held = getattr(item, column.field)
                held = list(held) if column.many else ([] if held is None else [held])
                add(column.layer, held, [(*named, *((i,) if column.many else ())) for i in range(len(held))])

    add(ARTICLES, [a], [()])
    return rows


def columns(table: str) -> list[str]:
    """The column names of a table, in order (for documentation and for reading rows back)."""
    return [name for name, _ in _COLUMNS[table]]


def _split(schema: str) -> list[tuple[str, str]]:
    out, depth, current = [], 0, ""
    for ch in schema + ",":
        depth += ch == "<"
        depth -= ch == ">"
        if ch == "," and depth == 0:
            name, kind = current.strip().split(" ", 1)
            out.append((name.strip("`"), kind))
            current = ""
        else:
            current += ch
    return out


_COLUMNS = {table: _split(schema) for table, schema in SCHEMAS.items()}


def contract_objects(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The contract's JSON object of each article (or the error line of each failed record), rebuilt from the rows
    of the tables as dicts (`spark.read.parquet(…).collect()` rows' `asDict()`, or pyarrow's `to_pylist()`),
    keyed by (source, article_id). What the tables hold is exactly what `newsgraph analyze` prints, but that the
    id is a string.
    """
    return {key: item.to_dict() for key, item in results(tables).items()}


def results(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[tuple[str, str], Analysis | Failure]:
    """The `Analysis` of each article (or the `Failure` of each failed record) again from the rows of the tables
    (as for `contract_objects`), keyed by (source, article_id); the id is a string."""
    groups: dict[str, dict[tuple[Any, ...], list[Mapping[str, Any]]]] = {}
    for layer, _, parent in walk(ARTICLES):
        if parent is None:
            continue
        named = [] if parent is ARTICLES else [_parent_key(parent).flat]
        grouped: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
        for r in tables[layer.table]:
            grouped.setdefault((r["source"], r["article_id"], *(r[n] for n in named)), []).append(r)
        for rows in grouped.values():
            rows.sort(key=lambda r: r.get("position") or 0)
        groups[layer.table] = grouped

    def item(layer: Layer, row: Mapping[str, Any]) -> Any:
        scope: tuple[Any, ...] = (row["source"], row["article_id"])  # what the rows of its nested layers name
        if layer is not ARTICLES and layer.key:
            scope = (*scope, row[_parent_key(layer).flat])

        def fetch(column: Column) -> Any:
            if column.kind == "layer":
                assert column.layer is not None
                found = [item(column.layer, r) for r in groups[column.layer.table].get(scope, [])]
                return found if column.many else (found[0] if found else None)
            return _from_spark(column, row[column.flat])

        return build(layer, fetch)

    out: dict[tuple[str, str], Analysis | Failure] = {}
    for r in tables["articles"]:
        out[r["source"], r["article_id"]] = item(ARTICLES, r)
    for r in tables["errors"]:
        out[r["source"], r["article_id"]] = Failure(r["article_id"], r["type"], r["message"], r["line"])
    return out


def _from_spark(column: Column, value: Any) -> Any:
    """A value as a table gives it back: a struct as a dict (pyarrow, `asDict`) or a tuple (a Spark `Row`)."""
    if column.kind == "list":
        if column.parts:
            return [_struct(column.type, v) for v in value or ()]
        return list(value or ())
    if column.type is dict and value is not None:
        return dict(value)
    return value


def _struct(cls: type, value: Any) -> Any:
    parts = list(leaves(cls))
    if not isinstance(value, Mapping):
        value = dict(zip([c.flat for c in parts], value, strict=True))
    return lambda column: _from_spark(column, value[column.flat])
