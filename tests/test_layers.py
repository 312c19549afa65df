"""One description of the layers (`newsgraph.model.ARTICLES`): every layer goes through each path made from it (the
JSON, the database, the Spark tables, the exports) and comes back whole; the database that the migrations make is
the one that the description makes."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from typing import Any

import pyarrow.parquet as pq
import pytest

import handmade
from newsgraph import store
from newsgraph.layers import Column, Layer, as_json, fields_of, from_json, leaves, value_of, walk
from newsgraph.model import ARTICLES, Analysis, Cue, Quote
from newsgraph.spark import tables as spark
from newsgraph.store import export, schema
from newsgraph.store import layers as stored

ANALYSES = (handmade.every_layer(), handmade.analysis(), Analysis(id="bare", text="Nothing to see."))
"""Every layer with every field set, the one-quote article of the other store tests, an article with nothing."""


def items_of(analysis: Analysis, layer: Layer) -> list[tuple[Any, Any]]:
    """Every item of a layer in one analysis, each with the item of the layer it is nested in (None: the article)."""
    if layer is ARTICLES:
        return [(analysis, None)]
    for inner, via, parent in walk(ARTICLES):
        if inner is layer:
            assert via is not None and parent is not None
            out = []
            for owner, _ in items_of(analysis, parent):
                value = getattr(owner, via.field)
                held = value if via.many else (() if value is None else (value,))
                out += [(item, owner) for item in held]
            return out
    raise AssertionError(layer)


def all_leaves() -> list[tuple[Layer, Column]]:
    return [(layer, column) for layer, _, _ in walk(ARTICLES) for column in leaves(layer)]


# ---- the description --------------------------------------------------------------------------------------------


def test_every_field_of_every_layer_is_described():
    for layer, _, _ in walk(ARTICLES):
        described = [c.field for c in fields_of(layer)]
        assert sorted(described) == sorted(f.name for f in dataclasses.fields(layer.cls)), layer
    tables = [layer.table for layer, _, _ in walk(ARTICLES)]
    assert tables[:6] == ["articles", "removed", "entities", "mentions", "quotes", "timex"]


def test_a_field_left_out_of_the_description_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Note:
        start: int
        end: int
        colour: str | None = None

    with pytest.raises(TypeError, match=r"Note\.colour: not described"):
        fields_of(Layer(Note, "notes", ("start", "end")))
    with pytest.raises(TypeError, match="describes size"):
        fields_of(Layer(Note, "notes", ("start", "end", "colour", "size")))


def test_types_and_nested_parts_come_from_the_type_hints():
    quotes = {c.name: c for c in leaves(Layer(Quote, "quotes", tuple(f.name for f in dataclasses.fields(Quote))))}
    assert [(c.name, c.type, c.nullable) for c in quotes.values()][:9] == [
        ("start", int, False),
        ("end", int, False),
        ("text", str, False),
        ("kind", str, False),
        ("speaker", str, True),
        ("speaker_name", str, True),
        ("cue_start", int, True),  # Cue | None: each part may be null
        ("cue_end", int, True),
        ("cue_text", str, True),
    ]
    assert quotes["kind"].choices == ("direct", "partial", "indirect")
    assert (quotes["verbatim"].kind, [c.name for c in quotes["verbatim"].parts]) == ("list", ["start", "end", "text"])
    article_id = next(c for c in leaves(ARTICLES) if c.field == "id")  # str | int: kept as a str
    assert (article_id.type, article_id.flat, value_of(Analysis(id=7, text=""), article_id)) == (str, "article_id", "7")


def test_the_handmade_article_sets_every_column():
    """So that the round trips below would notice a column that is lost: each holds a value somewhere (not None,
    not an empty list), and each nullable one is None somewhere."""
    for layer, column in all_leaves():
        values = [value_of(item, column) for a in ANALYSES for item, _ in items_of(a, layer)]
        assert any(v not in (None, (), "") for v in values), f"{layer.table}.{column.name}: never set"
        if column.nullable:
            assert any(v is None for v in values), f"{layer.table}.{column.name}: never None"


# ---- JSON ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("analysis", ANALYSES, ids=lambda a: str(a.id))
def test_json_round_trip(analysis):
    obj = json.loads(analysis.to_json())
    assert list(obj)[:4] == ["schema", "id", "headline", "published"]
    assert from_json(ARTICLES, obj) == analysis


# ---- SQLite -------------------------------------------------------------------------------------------------


def test_database_round_trip(tmp_path):
    conn = store.connect(tmp_path / "layers.db")
    keys = [store.add_analysis(conn, a, source="hand") for a in ANALYSES]
    for key, analysis in zip(keys, ANALYSES, strict=True):
        back = store.article(conn, key)
        assert back is not None
        assert back.analysis == analysis  # every layer, every field, in order
        assert back.analysis.to_json() == analysis.to_json()
        assert set(back.identities) == {e.id for e in analysis.entities}
    [speaker] = conn.execute("SELECT speaker FROM quotes WHERE position = 0 AND article = ?", (keys[0],)).fetchone()
    assert conn.execute("SELECT id FROM entities WHERE pk = ?", (speaker,)).fetchone()[0] == "E1"  # a row, not "E1"
    assert conn.execute("SELECT count(*) FROM quotes_fts").fetchone()[0] == sum(len(a.quotes) for a in ANALYSES)


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(f"PRAGMA table_info({table})")]


def _foreign_keys(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(r)[2:] for r in conn.execute(f"PRAGMA foreign_key_list({table})"))


def test_the_migrated_database_is_the_one_the_description_makes():
    migrated = store.connect(":memory:")
    described = sqlite3.connect(":memory:")
    for t in stored.layer_tables():
        for statement in stored.create_statements(t):
            described.execute(statement)
    names = [t.name for t in stored.layer_tables()]
    assert names[:7] == ["removed", "entities", "entity_titles", "mentions", "quotes", "verbatim", "timex"]
    for name in names:
        assert _columns(described, name) == _columns(migrated, name), name  # names, order, types, NOT NULL, keys
        assert _foreign_keys(described, name) == _foreign_keys(migrated, name), name
    check = migrated.execute("SELECT sql FROM sqlite_schema WHERE name = 'quotes'").fetchone()[0]
    assert "CHECK (kind IN ('direct', 'partial', 'indirect'))" in check
    # The articles table was written out by hand, with the store's own columns: the description's are all there.
    articles = {r[1]: r for r in _columns(migrated, "articles")}
    for column in stored.table("articles").values:
        _, name, sql_type, notnull, _, _ = articles[column.name]
        assert (sql_type, bool(notnull)) == (
            stored.SQL_TYPES[str if column.kind == "list" else column.type],
            not column.nullable,
        ), column.name
    assert max(*schema.MIGRATIONS, stored.latest_version()) == schema.SCHEMA_VERSION


def test_a_step_made_from_the_description_is_the_step_written_out():
    """Version 2 added the article's author and site by hand; the description says they came in version 2, and
    what it would add for version 2 is what that step added."""
    by_hand, described = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    for conn in (by_hand, described):
        for statement in schema._statements(schema.MIGRATIONS[1]):
            conn.execute(statement)
    for statement in schema._statements(schema.MIGRATIONS[2]):
        by_hand.execute(statement)
    assert stored.statements_of(2) == [
        'ALTER TABLE "articles" ADD COLUMN "author" TEXT',
        'ALTER TABLE "articles" ADD COLUMN "site" TEXT',
    ]
    for statement in stored.statements_of(2):
        described.execute(statement)
    for name in ("articles", *(t.name for t in stored.layer_tables())):
        assert _columns(described, name) == _columns(by_hand, name), name
    assert schema.migration(schema.SCHEMA_VERSION + 1) == []  # nothing described beyond the latest version


# ---- Spark --------------------------------------------------------------------------------------------------


def _as_read(table: str, row: tuple[Any, ...], structs_as_dicts: bool) -> dict[str, Any]:
    """A row as the tables give it back: a dict by column, a struct as a dict (pyarrow) or a tuple (a Spark Row)."""
    out = dict(zip(spark.columns(table), row, strict=True))
    if structs_as_dicts:
        for layer, column in all_leaves():
            if layer.table == table and column.kind == "list" and column.parts:
                names = [part.flat for part in leaves(column.type)]
                held = out[column.flat]  # None: a list in a nested part that is None
                out[column.flat] = None if held is None else [dict(zip(names, v, strict=True)) for v in held]
    return out


@pytest.mark.parametrize("structs_as_dicts", [True, False], ids=["pyarrow", "spark-rows"])
def test_spark_round_trip(structs_as_dicts):
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in spark.TABLES}
    for analysis in ANALYSES:
        for table, rows in spark.table_rows(analysis, "in.jsonl").items():
            assert all(len(row) == len(spark.columns(table)) for row in rows), table
            tables[table] += [_as_read(table, row, structs_as_dicts) for row in rows]
    back = spark.results(tables)
    for analysis in ANALYSES:
        assert back["in.jsonl", analysis.id] == analysis  # the ids are strings already
    assert spark.contract_objects(tables)["in.jsonl", "every-layer"] == ANALYSES[0].to_dict()
    # Every column of every layer has its column in its table.
    for layer, column in all_leaves():
        assert column.flat in spark.columns(layer.table), (layer.table, column.flat)


# ---- exports ------------------------------------------------------------------------------------------------


def _expected(column: Column, item: Any) -> Any:
    """A column's value in an export row: a list as its JSON."""
    value = value_of(item, column)
    if column.kind == "list" and value is not None:
        return [as_json(v, ARTICLES) for v in value] if column.parts else list(value)
    return value


def test_exports_hold_every_column_of_every_layer(tmp_path):
    conn = store.connect(tmp_path / "export.db")
    for analysis in ANALYSES:
        store.add_analysis(conn, analysis)
    for layer, _, _ in walk(ARTICLES):
        names = list(export.TABLES[layer.table][1])
        rows = list(export.iter_rows(conn, layer.table))
        assert [list(r) for r in rows] == [names] * len(rows)
        items = [(a, item) for a in ANALYSES for item, _ in items_of(a, layer)]
        if {"start", "end"} <= {c.name for c in leaves(layer)} and not layer.position:
            items.sort(key=lambda pair: (ANALYSES.index(pair[0]), pair[1].start))  # the export's order
        assert len(rows) == len(items), layer.table
        for row, (analysis, item) in zip(rows, items, strict=True):
            assert (row["article_id"], row["published"]) == (analysis.id, analysis.published)
            for column in leaves(layer):
                value = row[column.flat]
                kept_whole = column.kind == "list" or column.type is dict  # as JSON text
                value = json.loads(value) if kept_whole and value is not None else value
                assert value == _expected(column, item), (layer.table, column.flat)
        # The same columns in every format.
        out = io.StringIO()
        assert export.export_csv(conn, layer.table, out) == len(rows)
        assert next(csv.reader(io.StringIO(out.getvalue()))) == names
        path = tmp_path / f"{layer.table}.parquet"
        assert export.export_parquet(conn, layer.table, path) == len(rows)
        assert pq.read_table(path).to_pylist() == rows
        if layer is not ARTICLES:
            out = io.StringIO()
            export.export_jsonl(conn, out, layer.table)
            assert [json.loads(line) for line in out.getvalue().splitlines()] == rows
    entities = list(export.iter_rows(conn, "entities"))
    assert [(r["entity"], r["mentions"], json.loads(r["titles"])) for r in entities][:2] == [
        ("E1", 3, ["mayor", "mayor of Springfield"]),
        ("E2", 2, []),
    ]
    out = io.StringIO()
    export.export_jsonl(conn, out)
    objects = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [{k: v for k, v in o.items() if k != "store"} for o in objects] == [a.to_dict() for a in ANALYSES]


def test_a_cue_is_one_value_or_none():
    assert from_json(Quote, {"start": 0, "end": 1, "text": "a", "kind": "direct", "cue": None}).cue is None
    quote = Quote(0, 1, "a", "direct", cue=Cue(2, 6, "said"))
    row = spark.table_rows(Analysis(id=1, text="a", quotes=(quote,)), "x")["quotes"][0]
    assert row[spark.columns("quotes").index("cue")] == "said"
