"""The tables the Spark job writes: one flat row per item of each layer, with the article's key on every row.

Plain Python, no Spark: `table_rows(result, source)` turns one `Analysis` (or `Failure`) into the rows of every
table, so the rows can be checked without a cluster and the job stays a thin wrapper around them.

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

from collections.abc import Iterable, Mapping
from typing import Any

from newsgraph.model import SCHEMA_ID, Analysis, Failure, Result

MONTH = "month"
"""The partition column of every table but `errors`."""

_KEY = "source string, article_id string"
_DATED = f"{_KEY}, published string"
_SPAN = "`start` int, `end` int, text string"
_IN_MONTH = f"{MONTH} string"

# Each table's Spark schema as a DDL string, in the order `table_rows` builds its tuples. Offsets are character
# offsets into `articles.text` (Python string indices, end exclusive), as in the contract's JSON.
SCHEMAS: dict[str, str] = {
    "articles": (
        f"{_DATED}, url string, author string, site string, headline string, text string, warnings array<string>, "
        f"{_IN_MONTH}"
    ),
    "removed": f"{_DATED}, position int, {_SPAN}, reason string, {_IN_MONTH}",
    "entities": f"{_DATED}, position int, entity string, name string, type string, titles array<string>, {_IN_MONTH}",
    "mentions": f"{_DATED}, entity string, position int, {_SPAN}, {_IN_MONTH}",
    "quotes": (
        f"{_DATED}, position int, {_SPAN}, kind string, speaker string, speaker_name string, "
        "cue_start int, cue_end int, cue string, verbatim array<struct<`start`: int, `end`: int, text: string>>, "
        f"{_IN_MONTH}"
    ),
    "timex": f"{_DATED}, position int, {_SPAN}, type string, value string, anchor string, {_IN_MONTH}",
    "errors": f"{_KEY}, type string, message string, line int",
}
"""Table name → Spark DDL schema. `errors` holds the records that could not be analysed, with the reason."""

TABLES = tuple(SCHEMAS)
DATED_TABLES = tuple(name for name in TABLES if name != "errors")
"""The tables partitioned by `month`."""

Row = tuple[Any, ...]


def month_of(published: str | None) -> str | None:
    """The partition of a publication date: "2023-02-28" → "2023-02"; None stays None."""
    return published[:7] if published else None


def table_rows(result: Result, source: str) -> dict[str, list[Row]]:
    """The rows of every table for one result: an `Analysis` fills the layer tables, a `Failure` one error row."""
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    if isinstance(result, Failure):
        rows["errors"].append((source, str(result.id), result.type, result.message, result.line))
        return rows
    a: Analysis = result
    key = (source, str(a.id), a.published)
    month = month_of(a.published)
    rows["articles"].append((*key, a.url, a.author, a.site, a.headline, a.text, list(a.warnings), month))
    rows["removed"] = [(*key, i, r.start, r.end, r.text, r.reason, month) for i, r in enumerate(a.removed)]
    for n, e in enumerate(a.entities):
        rows["entities"].append((*key, n, e.id, e.name, e.type, list(e.titles), month))
        rows["mentions"] += [(*key, e.id, i, m.start, m.end, m.text, month) for i, m in enumerate(e.mentions)]
    for i, q in enumerate(a.quotes):
        cue = (q.cue.start, q.cue.end, q.cue.text) if q.cue else (None, None, None)
        verbatim = [(v.start, v.end, v.text) for v in q.verbatim]
        rows["quotes"].append(
            (*key, i, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_name, *cue, verbatim, month)
        )
    rows["timex"] = [(*key, i, t.start, t.end, t.text, t.type, t.value, t.anchor, month) for i, t in enumerate(a.timex)]
    return rows


def columns(table: str) -> list[str]:
    """The column names of a table, in order (for documentation and for reading rows back)."""
    names, depth, current = [], 0, ""
    for ch in SCHEMAS[table] + ",":
        depth += ch == "<"
        depth -= ch == ">"
        if ch == "," and depth == 0:
            names.append(current.strip().split(" ", 1)[0].strip("`"))
            current = ""
        else:
            current += ch
    return names


def contract_objects(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The contract's JSON object of each article (or the error line of each failed record), rebuilt from the rows
    of the tables as dicts (`spark.read.parquet(…).collect()` rows' `asDict()`, or pyarrow's `to_pylist()`),
    keyed by (source, article_id). What the tables hold is exactly what `newsgraph analyze` prints, but that the
    id is a string.
    """
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in tables["articles"]:
        out[r["source"], r["article_id"]] = {
            "schema": SCHEMA_ID,
            "id": r["article_id"],
            "headline": r["headline"],
            "published": r["published"],
            "url": r["url"],
            "author": r["author"],
            "site": r["site"],
            "text": r["text"],
            "removed": [],
            "entities": [],
            "quotes": [],
            "timex": [],
            "warnings": list(r["warnings"] or []),
        }

    def ordered(table: str) -> list[Mapping[str, Any]]:
        return sorted(tables[table], key=lambda r: (r["source"], r["article_id"], r["position"]))

    def span(r: Mapping[str, Any]) -> dict[str, Any]:
        return {"start": r["start"], "end": r["end"], "text": r["text"]}

    for r in ordered("removed"):
        out[r["source"], r["article_id"]]["removed"].append({**span(r), "reason": r["reason"]})
    entities: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in ordered("entities"):
        entity = {
            "id": r["entity"],
            "name": r["name"],
            "type": r["type"],
            "titles": list(r["titles"] or []),
            "mentions": [],
        }
        entities[r["source"], r["article_id"], r["entity"]] = entity
        out[r["source"], r["article_id"]]["entities"].append(entity)
    for r in ordered("mentions"):
        entities[r["source"], r["article_id"], r["entity"]]["mentions"].append(span(r))
    for r in ordered("quotes"):
        cue = None if r["cue_start"] is None else {"start": r["cue_start"], "end": r["cue_end"], "text": r["cue"]}
        out[r["source"], r["article_id"]]["quotes"].append(
            {
                **span(r),
                "kind": r["kind"],
                "speaker": r["speaker"],
                "speaker_name": r["speaker_name"],
                "cue": cue,
                "verbatim": [dict(v) for v in r["verbatim"] or []],
            }
        )
    for r in ordered("timex"):
        timex = {**span(r), "type": r["type"], "value": r["value"]}
        if r["anchor"] is not None:
            timex["anchor"] = r["anchor"]
        out[r["source"], r["article_id"]]["timex"].append(timex)
    for r in tables["errors"]:
        error = {"type": r["type"], "message": r["message"]}
        if r["line"] is not None:
            error["line"] = r["line"]
        out[r["source"], r["article_id"]] = {"id": r["article_id"], "error": error}
    return out
