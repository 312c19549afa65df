"""The newsgraph pipeline as an Apache Spark job, for corpora larger than one machine (a month of CC-NEWS).

    newsgraph spark CC-NEWS.warc.paths.gz --input-base https://data.commoncrawl.org/ -o s3a://bucket/newsgraph/
    spark-submit --master yarn "$(python -c 'import newsgraph.spark as s; print(s.SUBMIT_FILE)')" IN… -o OUT

Each partition runs the same `newsgraph.analyze_many` as `newsgraph analyze`, so the tables hold exactly what it
gives; the model is loaded once per executor process. The tables (`tables.SCHEMAS`) are written as Parquet, one
folder each under the output, partitioned by publication month: articles, removed, entities, mentions, quotes,
timex, and errors (the records that could not be analysed, with the reason).
"""

from pathlib import Path

from newsgraph.spark.job import Counters, analyze_partition, run, session
from newsgraph.spark.tables import DATED_TABLES, SCHEMAS, TABLES, columns, contract_objects, month_of, table_rows

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
