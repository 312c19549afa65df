"""The newsgraph pipeline as an Apache Spark job, for corpora larger than one machine (a month of CC-NEWS).

    newsgraph spark CC-NEWS.warc.paths.gz --input-base https://data.commoncrawl.org/ -o s3a://bucket/newsgraph/
    spark-submit --master yarn "$(python -c 'import newsgraph.spark as s; print(s.SUBMIT_FILE)')" IN… -o OUT

Each partition runs the same `newsgraph.analyze_many` as `newsgraph analyze`, so the tables hold exactly what it
gives; the model is loaded once per executor process. The tables (`tables.SCHEMAS`) are written as Parquet, one
folder each under the output, partitioned by publication month: articles, removed, entities, mentions, quotes,
timex, and errors (the records that could not be analysed, with the reason).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.spark.tables import DATED_TABLES, SCHEMAS, TABLES, columns, contract_objects, month_of, table_rows

if TYPE_CHECKING:
    from newsgraph.spark.job import Counters, analyze_partition, run, session

SUBMIT_FILE = Path(__file__).with_name("__main__.py")
"""The file to give `spark-submit` (it runs `newsgraph spark` with the arguments that follow it)."""

__all__ = [
    "DATED_TABLES",
    "SCHEMAS",
    "SUBMIT_FILE",
    "TABLES",
    "Counters",
    "analyze_partition",
    "columns",
    "contract_objects",
    "month_of",
    "run",
    "session",
    "table_rows",
]

_JOB = frozenset({"Counters", "analyze_partition", "run", "session"})


def __getattr__(name: str) -> Any:
    # The job imports the pipeline, and with it spaCy: the command line, which takes `newsgraph spark` from
    # `command.py`, loads it only when the command runs.
    if name in _JOB:
        return getattr(importlib.import_module("newsgraph.spark.job"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
