"""`newsgraph spark`: the command that runs the job, for the command line (`cli.py` adds it to `newsgraph`) and for
`spark-submit` (`__main__.py`), which runs it without the rest of the command line."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from newsgraph.sources import DEFAULT_MAX_BYTES, InputError, parse_published


class SaveMode(StrEnum):
    error = "error"
    overwrite = "overwrite"
    append = "append"


def spark_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="WARC archives (.warc, .warc.gz: local, http(s):// or s3://), JSONL files, Parquet files or folders "
            "(JSONL's fields as columns), and lists of paths (.paths, .paths.gz, as Common Crawl's warc.paths.gz)."
        ),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="The folder of the Parquet tables (local, s3a://, hdfs://).")
    ],
    master: Annotated[
        str | None,
        typer.Option(help="local[*], local[2], spark://HOST:7077, yarn… Default: spark-submit's, else local[*]."),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option(min=1, help="Tasks that share the analysis (default: one per WARC, at least eight a core)."),
    ] = None,
    mode: Annotated[
        SaveMode, typer.Option(help="When the tables exist: error, overwrite, or append.")
    ] = SaveMode.error,
    input_base: Annotated[
        str | None,
        typer.Option(
            help="Prefix of relative paths in a .paths list: https://data.commoncrawl.org/, s3://commoncrawl/."
        ),
    ] = None,
    conf: Annotated[list[str] | None, typer.Option("--conf", help="A Spark setting KEY=VALUE (repeatable).")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for records that give none.")
    ] = None,
    headline: Annotated[
        bool, typer.Option("--headline/--no-headline", help="Is the first non-empty line of a text the headline?")
    ] = True,
    max_bytes: Annotated[int, typer.Option(min=1, help="Refuse articles larger than this.")] = DEFAULT_MAX_BYTES,
) -> None:
    """Analyse a corpus with Apache Spark into Parquet tables (articles, removed, entities, mentions, quotes, timex,
    errors), partitioned by publication month. Records that fail go to the errors table; the run goes on."""
    from newsgraph.spark.job import run, session  # pyspark, spaCy: only when the command runs

    settings = dict(item.split("=", 1) for item in conf or [] if "=" in item)
    if len(settings) != len(conf or []):
        _fail("--conf: expected KEY=VALUE")
    try:
        published = parse_published(published, "--published")
        spark = session(master, settings)
        counters = run(
            spark,
            inputs,
            output,
            partitions=partitions,
            mode="errorifexists" if mode is SaveMode.error else mode.value,
            input_base=input_base,
            published=published,
            headline=headline,
            max_bytes=max_bytes,
        )
    except InputError as e:
        _fail(str(e))
    _err.print(f"newsgraph spark: {counters} → {output}", highlight=False, soft_wrap=True)


def _fail(message: str) -> NoReturn:
    _err.print(f"newsgraph: error: {message}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(code=1)


_err = Console(stderr=True)


def main(args: list[str] | None = None) -> None:
    """`python -m newsgraph.spark IN… -o OUT`, `spark-submit …/newsgraph/spark/__main__.py IN… -o OUT`: the
    `newsgraph spark` command on its own."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(spark_command)
    app(args, prog_name="newsgraph spark")
