"""The Spark job: the inputs become (source, Article) records, each partition runs `newsgraph.analyze_many` over
its records, and the results become the Parquet tables of `tables.py`.

In the shape of Common Crawl's cc-pyspark: a small job around one per-record function (`tables.table_rows`), with
named counters (Spark accumulators, shown in the Spark UI and returned by `run`) for what was read, analysed and
failed. The model is loaded once per executor Python process (`nlp.load` is cached per process and Spark reuses
its Python workers across tasks), never once per task or per record: `Counters.model_pids` names the process of
each load, so a process that loaded it twice would show twice.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from newsgraph import nlp
from newsgraph.model import Article, Failure
from newsgraph.pipeline import analyze_many, to_article
from newsgraph.sources import DEFAULT_MAX_BYTES
from newsgraph.sources.jsonl import record_from_line
from newsgraph.spark.inputs import Inputs, check_local, is_manifest, manifest_entry, open_warc
from newsgraph.spark.tables import DATED_TABLES, MONTH, SCHEMAS, TABLES, Row, table_rows

if TYPE_CHECKING:
    from pyspark import RDD, Accumulator, AccumulatorParam
    from pyspark.sql import SparkSession

    _PidsParam = AccumulatorParam[list[int]]
else:
    _PidsParam = object  # pyspark is imported only where Spark runs

Item = tuple[str, Article | Failure]
"""A record on its way to the analysis, with the input path it came from."""
Bundle = tuple[list[Row], ...]
"""The rows of one record for every table, in the order of `TABLES`."""
TASKS_PER_CORE = 8
"""Tasks a core when the records are spread (JSONL, Parquet, fewer WARCs than cores)."""
BUNDLE_SCHEMA = ", ".join(f"{table} array<struct<{SCHEMAS[table]}>>" for table in TABLES)
"""A `Bundle` as a Spark row: a column per table, the list of that table's rows."""

PARQUET_FIELDS = ("id", "text", "html", "published", "url", "headline")
"""The columns of a Parquet input that make a record (the fields of a JSONL record); others are ignored."""


@dataclass(frozen=True)
class Counters:
    """What one run did: records read, analysed and failed (exact counts of the tables' rows, not accumulators
    that a retried task would count twice), the rows of each table, and the executor processes that loaded the
    model (one per Python worker process, however many tasks it ran)."""

    records: int
    analysed: int
    failed: int
    model_loads: int
    seconds: float
    rows: dict[str, int]
    model_pids: tuple[int, ...] = ()
    """The process id of each load of the model (`model_loads` of them, sorted): distinct unless a process loaded
    it twice."""

    def __str__(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        return (
            f"{self.records} records in {self.seconds:.1f} s ({rate:.1f}/s): {self.analysed} analysed, "
            f"{self.failed} failed; the model loaded in {self.model_loads} executor processes"
        )


def session(master: str | None = None, conf: dict[str, str] | None = None, app_name: str = "newsgraph") -> SparkSession:
    """A SparkSession: on `master` when given, on the cluster of `spark-submit` when run under it, else `local[*]`.

    A local run's Python workers use this interpreter (the one with newsgraph and its model installed).
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this driver and set the master
    if master is not None or not submitted:
        master = master or "local[*]"
        builder = builder.master(master)
        if master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = builder.config("spark.python.worker.reuse", "true")  # keep each worker's loaded model across tasks
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run(
    spark: SparkSession,
    inputs: Iterable[str],
    output: str,
    *,
    partitions: int | None = None,
    mode: str = "errorifexists",
    input_base: str | None = None,
    published: str | None = None,
    headline: bool | str = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Counters:
    """Analyse every record of `inputs` and write the tables under `output` (`output/articles`, …, `output/errors`).

    `inputs` are WARC files (.warc, .warc.gz; local, http(s):// or s3://), JSONL files (.jsonl), Parquet files or
    folders with JSONL's fields as columns, and lists of such paths (.paths, .paths.gz; entries relative to
    `input_base` when given). `partitions`: how many tasks share the analysis (default: one per WARC, or
    `TASKS_PER_CORE` a core when there are fewer WARCs than cores; JSONL split in at least that many). `mode`:
    Spark's save mode (errorifexists, overwrite, append). `published`, `headline`, `max_bytes` work as for
    `newsgraph analyze`. Raises `InputError` on the driver for an input of an unknown kind or a local file that is
    not there.
    """
    started = time.perf_counter()
    sc = spark.sparkContext
    options = {"published": published, "headline": headline, "max_bytes": max_bytes}
    found = Inputs()
    for path in _expand(spark, inputs, input_base):
        check_local(path)
        found.add(path)
    model_loads: Accumulator[list[int]] = sc.accumulator([], _Pids())
    items = _items(spark, found, options, partitions)
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    # One row a record, holding its rows of every table (`BUNDLE_SCHEMA`): the results cross from Python to the
    # JVM once, are kept there (spilling to disk) and each table is written from them by the JVM alone, rather
    # than by Python workers reading the results again for each table. Counting the rows runs the analysis.
    results = items.mapPartitions(partial(analyze_partition, model_loads=model_loads))
    # Not verified value by value in Python (a sixth of the job's time): `table_rows` builds them to the schemas,
    # and tests/test_spark.py reads every table back against `newsgraph analyze`.
    bundles = spark.createDataFrame(results, BUNDLE_SCHEMA, verifySchema=False)
    bundles = bundles.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = bundles.select(*[F.sum(F.size(table)).alias(table) for table in TABLES]).first()
        assert counts is not None  # an aggregate without grouping is one row
        rows = {table: int(counts[table] or 0) for table in TABLES}
        for table in TABLES:
            frame = bundles.select(F.explode(table).alias("row")).select("row.*")
            writer = frame.write.mode(mode)
            # An empty table is written unpartitioned: one file with the schema, so that it reads back as empty.
            if table in DATED_TABLES and rows[table]:
                writer = writer.partitionBy(MONTH)
            writer.parquet(f"{output.rstrip('/')}/{table}")
    finally:
        bundles.unpersist()
    analysed, failed = rows["articles"], rows["errors"]
    pids = tuple(sorted(model_loads.value))
    return Counters(analysed + failed, analysed, failed, len(pids), time.perf_counter() - started, rows, pids)


class _Pids(_PidsParam):
    """What a `model_loads` accumulator adds up (pyspark's `AccumulatorParam`, without importing pyspark here):
    lists of process ids, joined."""

    def zero(self, value: list[int]) -> list[int]:
        return []

    def addInPlace(self, value1: list[int], value2: list[int]) -> list[int]:
        value1.extend(value2)
        return value1


def analyze_partition(items: Iterable[Item], model_loads: Accumulator[list[int]] | None = None) -> Iterator[Bundle]:
    """Run one partition's records through `analyze_many` (in input order, batched through the parser) and yield
    each result's rows. This is the whole of the work an executor does. When this partition's records load the
    model, this process's id is added to `model_loads`."""
    sources: deque[str] = deque()  # analyze_many reads a batch ahead: the sources of the records in flight

    def records() -> Iterator[Article | Failure]:
        for source, item in items:
            sources.append(source)
            yield item

    loaded = nlp.is_loaded()
    for result in analyze_many(records()):
        if not loaded and nlp.is_loaded():
            loaded = True
            if model_loads is not None:
                model_loads.add([os.getpid()])
        rows = table_rows(result, sources.popleft())
        yield tuple(rows[name] for name in TABLES)


def _expand(spark: SparkSession, inputs: Iterable[str], base: str | None) -> Iterator[str]:
    """The inputs with each list of paths (.paths, .paths.gz, read by Spark: local, s3a:// or hdfs://) replaced by
    its entries."""
    for path in inputs:
        if not is_manifest(path):
            yield path
            continue
        check_local(path)
        for entry in spark.sparkContext.textFile(path).collect():
            if entry.strip():
                yield manifest_entry(entry, path, base)


def _items(spark: SparkSession, found: Inputs, options: dict[str, Any], partitions: int | None) -> RDD[Item]:
    sc = spark.sparkContext
    # Many small tasks rather than one a core: the cores finish together rather than one working alone through
    # the last large task (the model stays loaded in the reused Python workers).
    spread = partitions or TASKS_PER_CORE * sc.defaultParallelism
    rdds: list[RDD[Item]] = []
    if found.warc:
        # One task per archive, reading and analysing its records as they stream (cc-pyspark's shape); with fewer
        # archives than cores, the records are spread over `spread` tasks so that every core works.
        warc = sc.parallelize(found.warc, len(found.warc)).flatMap(partial(_warc_items, options=options))
        if partitions or len(found.warc) < sc.defaultParallelism:
            warc = warc.repartition(spread)
        rdds.append(warc)
    if found.jsonl:
        # Lines split at "\n" only, as Python reads them, so that line numbers (ids) are those of `analyze`.
        sc._jsc.hadoopConfiguration().set("textinputformat.record.delimiter", "\n")
        for path in found.jsonl:
            lines = sc.textFile(path, minPartitions=spread, use_unicode=False).zipWithIndex()
            rdds.append(lines.map(partial(_jsonl_item, path=path, options=options)))
    for path in found.parquet:
        frame = spark.read.parquet(path)
        frame = frame.select(*[c for c in PARQUET_FIELDS if c in frame.columns])
        rows = frame.rdd.zipWithIndex().map(partial(_parquet_item, path=path, options=options))
        rdds.append(rows.repartition(partitions) if partitions else rows)
    if not rdds:
        return sc.emptyRDD()
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)


def _warc_items(path: str, options: dict[str, Any]) -> Iterator[Item]:
    for item in open_warc(path, options):
        yield path, item


def _jsonl_item(line: tuple[bytes, int], path: str, options: dict[str, Any]) -> Item:
    raw, index = line
    return path, record_from_line(raw, index + 1, path, **options)


def _parquet_item(row: tuple[Any, int], path: str, options: dict[str, Any]) -> Item:
    """A Parquet row as a JSONL record: a null column is an absent field; without `id`, the row number from 1."""
    values, index = row
    record = {key: value for key, value in values.asDict().items() if value is not None}
    return path, to_article(record, index + 1, **options)
