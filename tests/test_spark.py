"""The Spark job on local[2]: its Parquet tables hold exactly what `newsgraph analyze` gives for the same WARC and
JSONL inputs, partitioned by publication month, with failed records in the errors table."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastwarc.warc import WarcRecordType

from conftest import EXAMPLE
from newsgraph import nlp
from newsgraph.model import Analysis, Cue, Entity, Failure, Mention, Quote, Removed, Timex
from newsgraph.pipeline import to_article
from newsgraph.spark import DATED_TABLES, TABLES, analyze_partition, columns, contract_objects, table_rows
from warcs import page, record, response

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"

STORY = (
    "<p>The mayor of Springfield, Anna Berg, resigned on Tuesday after a long dispute with the city council over "
    "the budget.</p><p>“I have done what I could,” Ms Berg told reporters. Follow us on Twitter and Facebook</p>"
    "<p>The council will choose a successor next month, officials said in a statement.</p>"
)


def make_warc(path: Path) -> None:
    """Three pages (one dated January by its metadata), an image to skip, and a page with no article (an error)."""
    path.write_bytes(
        b"".join(
            gzip.compress(r)
            for r in [
                record(WarcRecordType.warcinfo, "", b"software: test\r\n", "application/warc-fields"),
                response("https://x.test/1", page(1, STORY)),
                response("https://x.test/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), b"image/png"),
                response("https://x.test/2", page(2, STORY, date_meta="2023-01-27T08:00:00Z")),
                response("https://x.test/empty", b"<html><body></body></html>"),
                response("https://x.test/3", page(3, STORY)),
            ]
        )
    )


def make_jsonl(path: Path) -> None:
    """Articles of three months and none, the bundled example, and two lines that cannot be analysed."""
    records = [
        {"id": "berg", "published": "2023-03-05", "text": "Berg resigns\n\n“I am done,” Anna Berg said yesterday."},
        {"text": "Budget row\n\nThe council said on Monday that the budget would be cut. Follow us on Twitter"},
        {"id": 7, "published": "2022-12-24", "headline": False, "text": "Jens Stoltenberg said NATO would help."},
        {"id": "example", "published": "2023-02-28", "text": EXAMPLE.read_text(encoding="utf-8")},
        {"id": "no-text", "published": "2023-02-28"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def analyze_cli(path: Path, out: Path) -> dict[tuple[str, str], dict]:
    """`newsgraph analyze` of one batch input, keyed as the Spark tables key their rows: (input, id as a string)."""
    subprocess.run([str(NEWSGRAPH), "analyze", str(path), "-o", str(out)], check=True, capture_output=True)
    objects = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {(str(path), str(o["id"])): {**o, "id": str(o["id"])} for o in objects}


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """The job run once on local[2] over a WARC and a JSONL file; the tables read back with pyarrow."""
    from newsgraph.spark import run, session

    tmp = tmp_path_factory.mktemp("spark")
    warc, jsonl, out = tmp / "crawl.warc.gz", tmp / "articles.jsonl", tmp / "tables"
    make_warc(warc)
    make_jsonl(jsonl)
    spark = session("local[2]", {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})
    try:
        counters = run(spark, [str(warc), str(jsonl)], str(out))
    finally:
        spark.stop()
    read = {name: pq.read_table(out / name, partitioning="hive") for name in TABLES}
    tables = {name: table.to_pylist() for name, table in read.items()}
    tables["column names"] = {name: table.column_names for name, table in read.items()}
    expected = analyze_cli(warc, tmp / "warc.jsonl") | analyze_cli(jsonl, tmp / "jsonl.jsonl")
    return counters, tables, expected, out


def test_tables_hold_exactly_what_analyze_gives(job):
    _, tables, expected, _ = job
    assert len(expected) == 10  # the WARC's 3 pages and 1 page without an article; the JSONL's 6 lines
    assert contract_objects(tables) == expected
    # Not only equal: the layers are there to compare (quotes, entities, dates, removed lines, errors).
    assert tables["quotes"] and tables["mentions"] and tables["timex"] and tables["removed"]
    assert sorted(r["type"] for r in tables["errors"]) == ["invalid_json", "missing_text", "no_article"]


def test_counters_count_records_and_failures(job):
    counters, tables, _, _ = job
    assert (counters.records, counters.analysed, counters.failed) == (10, 7, 3)
    assert counters.rows == {name: len(tables[name]) for name in TABLES}
    # The model is loaded once per executor Python process, however many tasks it ran. How many processes Spark
    # starts depends on the machine's load, so the test is that no process loaded it twice, and none was this one.
    pids = counters.model_pids
    assert counters.model_loads == len(pids) == len(set(pids)) >= 1
    assert os.getpid() not in pids


class Adds(list):
    """Stands for a Spark accumulator of lists outside Spark."""

    def add(self, term: list[int]) -> None:
        self.extend(term)


def test_a_process_loads_the_model_once_however_many_partitions_it_runs():
    """What keeps the job's loads one per process: a partition run in a process that ran one before (a reused
    Spark worker) finds the model loaded."""
    loaded_before = nlp.is_loaded()
    loads = Adds()
    for n in range(1, 4):
        items = [("in.jsonl", to_article({"id": n, "text": "Anna Berg said on Monday that it rained."}, n))]
        bundles = list(analyze_partition(iter(items), loads))
        assert [len(b[TABLES.index("articles")]) for b in bundles] == [1]
    assert nlp.is_loaded()
    assert loads == ([] if loaded_before else [os.getpid()])


def test_tables_are_partitioned_by_publication_month(job):
    _, tables, _, out = job
    months = Counter(r["month"] for r in tables["articles"])
    assert months == {"2023-02": 3, "2023-01": 1, "2023-03": 1, "2022-12": 1, None: 1}
    assert (out / "articles" / "month=2023-01").is_dir() and (out / "quotes" / "month=2023-02").is_dir()
    for name in DATED_TABLES:
        for r in tables[name]:
            assert r["month"] == (r["published"][:7] if r["published"] else None)
    # Every table reads back with the documented columns, in order, empty ones too.
    assert tables["column names"] == {name: columns(name) for name in TABLES}


def test_rows_of_one_result():
    mention = Mention(0, 4, "Anna")
    analysis = Analysis(
        id=3,
        text="Anna said it rained yesterday. Follow us",
        published="2023-02-28",
        removed=(Removed(31, 40, "promotion", "Follow us"),),
        entities=(Entity("E1", "Anna", "PERSON", (mention,), ("mayor",)),),
        quotes=(Quote(10, 29, "it rained yesterday", "indirect", "E1", "Anna", Cue(5, 9, "said")),),
        timex=(Timex(20, 29, "yesterday", "DATE", "2023-02-27"),),
    )
    rows = table_rows(analysis, "in.jsonl")
    assert {name: len(r) for name, r in rows.items()} == {
        "articles": 1,
        "removed": 1,
        "entities": 1,
        "mentions": 1,
        "quotes": 1,
        "timex": 1,
        "claims": 0,
        "errors": 0,
    }
    for name, table in rows.items():
        assert all(len(row) == len(columns(name)) for row in table)
    assert columns("mentions") == [
        "source",
        "article_id",
        "published",
        "entity",
        "position",
        "start",
        "end",
        "text",
        "month",
    ]
    assert rows["quotes"][0][10:13] == (5, 9, "said")
    failure = table_rows(Failure(4, "invalid_json", "in.jsonl:4: not valid JSON", 4), "in.jsonl")
    assert failure["errors"] == [("in.jsonl", "4", "invalid_json", "in.jsonl:4: not valid JSON", 4)]
    assert not failure["articles"]


def test_the_module_runs_as_spark_submit_runs_it():
    out = subprocess.run([sys.executable, "-m", "newsgraph.spark", "--help"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Parquet tables" in out.stdout and "--master" in out.stdout
