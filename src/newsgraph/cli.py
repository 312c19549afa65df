"""The command line: `newsgraph analyze FILE`, `newsgraph analyze IN.jsonl -o OUT.jsonl`, `newsgraph schema`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from newsgraph.model import Failure, json_schema
from newsgraph.sources import (
    DEFAULT_MAX_BYTES,
    InputError,
    is_warc,
    parse_published,
    read_directory,
    read_file,
    read_jsonl,
    read_warc,
)
from newsgraph.sources.files import JSONL_SUFFIXES, iter_files
from newsgraph.sources.warc import WARC_SUFFIXES
from newsgraph.spark.command import spark_command

if TYPE_CHECKING:
    from newsgraph.pipeline import Stats

app = typer.Typer(
    name="newsgraph",
    help="Who said what, about whom, and when: structured data from raw news, with character offsets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class Format(StrEnum):
    json = "json"
    report = "report"
    timeml = "timeml"


@app.command()
def analyze(
    input: Annotated[
        str,
        typer.Argument(
            help="An article: .txt or .html file, '-' for standard input; or a batch: a .jsonl file, a .warc or "
            ".warc.gz archive, or a directory (read recursively)."
        ),
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the JSON (or JSONL) here.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) that relative dates are resolved against.")
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="json, a readable report, or TimeML (the text with TIMEX3 tags).")
    ] = Format.json,
    headline: Annotated[
        bool, typer.Option("--headline/--no-headline", help="Is the first non-empty line the headline?")
    ] = True,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for a batch.")] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help="Refuse articles larger than this.")] = DEFAULT_MAX_BYTES,
    show_stats: Annotated[
        bool,
        typer.Option(
            "--stats",
            help="At the end, print on standard error what each stage made and the seconds it took (clean, parse, "
            "entities, quotes, timex; with --workers, summed over the processes).",
        ),
    ] = False,
) -> None:
    """Analyse one article (prints one JSON object) or a batch: JSONL, WARC or a directory (one line out per record)."""
    from newsgraph.pipeline import Stats, analyze_many  # spaCy loads with it: keep `--help` fast

    stats = Stats() if show_stats else None

    # Surrogates (a file name that is not UTF-8 makes them in an id) cannot be encoded; they only occur inside JSON
    # strings, where "\udcff" is their JSON escape, so the output stays valid JSON that reads back the same.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        published = parse_published(published, "--published")
        if output is not None:
            _check_output(output, input)
        records = _batch_records(input, published=published, headline=headline, max_bytes=max_bytes)
        if records is not None:
            _write_batch(analyze_many(records, workers=workers, stats=stats), output, stats)
            return
        article = read_file(input, published=published, headline=headline, max_bytes=max_bytes)
        [result] = analyze_many([article], stats=stats)
        if isinstance(result, Failure):
            _print_stats(stats)
            _fail(result.message)
        if output is not None:
            with _output_file(output) as out:
                out.write(result.to_json(indent=2) + "\n")
    except InputError as e:
        _fail(str(e))
    except OSError as e:  # an output that cannot be written (a folder in the way, a full disk, no permission)
        _fail(f"{e.filename or output or input}: cannot write or read ({e.strerror or e})")
    if format is Format.report:
        from newsgraph.report import print_report

        print_report(result)
        if output is not None:
            err.print(f"[dim]JSON written to {output}[/dim]")
    elif format is Format.timeml:
        from newsgraph.timex.timeml import to_timeml

        sys.stdout.write(to_timeml(result))
    elif output is None:
        sys.stdout.write(result.to_json(indent=2) + "\n")
    _print_stats(stats)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output (newsgraph/1)."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def _batch_records(input: str, **options):
    """The records of a batch input (a JSONL file, a WARC archive, a directory), or None for a single article."""
    path = Path(input)
    if input != "-" and path.is_dir():
        if next(iter_files(path), None) is None:
            raise InputError(input, "is a directory with no article files in it (.txt, .html, .jsonl, .warc)", "empty")
        return read_directory(path, **options)
    if input.lower().endswith(tuple(JSONL_SUFFIXES)):
        _check_batch_input(input)
        return read_jsonl(input, **options)
    if input != "-" and (input.lower().endswith(WARC_SUFFIXES) or (path.is_file() and is_warc(path))):
        _check_batch_input(input)
        return read_warc(input, **options)
    return None


def _check_batch_input(path: str) -> None:
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file", "not_found")
    if p.is_dir():
        raise InputError(path, "is a directory, expected a file", "is_directory")
    try:
        with p.open("rb"):
            pass
    except OSError as e:
        raise InputError(path, f"cannot read ({e.strerror or e})", "unreadable") from None


def _check_output(output: Path, input: str) -> None:
    """Refuse, before any work, an output that is a folder or is the input itself (by any name: a hard or symbolic
    link), which writing would destroy."""
    if output.is_dir():
        raise InputError(str(output), "-o: is a directory, expected a file", "is_directory")
    folder = next((p for p in output.absolute().parents if p.exists()), None)
    if folder is not None and not folder.is_dir():
        raise InputError(str(output), f"-o: {folder} is a file, not a folder", "not_directory")
    if input != "-" and output.exists() and Path(input).exists() and os.path.samefile(input, output):
        raise InputError(str(output), f"-o: is the input {input}; write the output to another file", "same_file")


class _output_file:
    """The output file, written whole or not at all: a hidden temporary file beside it (a directory read skips it)
    renamed over it once everything is written, so that a run that fails leaves the old file as it was, never a
    half-written or emptied one. Through a symbolic link the file it points to is replaced; a device or a pipe
    (/dev/stdout) is written to directly."""

    def __init__(self, output: Path) -> None:
        self.direct = output.exists() and not output.is_file()  # through links: /dev/stdout is a pipe or a terminal
        self.target = output if self.direct else Path(os.path.realpath(output))
        self.temp = self.target.with_name(f".{self.target.name}.{os.getpid()}.tmp")

    def __enter__(self):
        if not self.direct:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        # "backslashreplace": surrogates only occur inside JSON strings, where "\udcff" is their JSON escape.
        self.file = open(self.target if self.direct else self.temp, "w", encoding="utf-8", errors="backslashreplace")
        return self.file

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            self.file.close()
            if not self.direct and kind is None:
                if self.target.exists():
                    shutil.copymode(self.target, self.temp)
                os.replace(self.temp, self.target)
        finally:
            if not self.direct:
                self.temp.unlink(missing_ok=True)


def _write_batch(results, output: Path | None, stats: Stats | None = None) -> None:
    started, count, errors = time.perf_counter(), 0, 0
    with _output_file(output) if output is not None else _stdout() as out:
        for result in results:
            out.write(result.to_json() + "\n")
            count += 1
            errors += isinstance(result, Failure)
    seconds = time.perf_counter() - started
    err.print(f"newsgraph: {count} records in {seconds:.1f} s, {errors} errors", highlight=False)
    _print_stats(stats)


def _print_stats(stats: Stats | None) -> None:
    """`--stats`: what each stage made and its seconds, on standard error."""
    if stats is not None:
        sys.stdout.flush()  # the results first, where both streams go to one terminal
        err.print("newsgraph " + "\n".join(stats.lines()), highlight=False, markup=False, soft_wrap=True)


class _stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()


def _fail(message: str) -> NoReturn:
    err.print(f"newsgraph: error: {message}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(code=1)


# ---- The corpus: `ingest` articles into a database, `export` it, ask it (`quotes`, `people`, `timeline`,
# `headlines`, `claims`) and `serve` it. The work is done in newsgraph.store and newsgraph.web; these commands read
# options and print.

DbOption = Annotated[Path, typer.Option("--db", help="The database file (SQLite).", envvar="NEWSGRAPH_DB")]
DEFAULT_DB = Path("newsgraph.db")
QUERY_HELP = "Dates are YYYY, YYYY-MM or YYYY-MM-DD; --until includes the whole month or year given."


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Articles: .txt or .html files, .jsonl batches, .warc(.gz) archives, directories (read "
            "recursively), '-' for standard input. None: only create or upgrade the database."
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for the analysis.")] = 1,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles that give none.")
    ] = None,
    headline: Annotated[
        bool, typer.Option("--headline/--no-headline", help="Is the first non-empty line of a text the headline?")
    ] = True,
    max_bytes: Annotated[int, typer.Option(min=1, help="Refuse articles larger than this.")] = DEFAULT_MAX_BYTES,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
) -> None:
    """Analyse articles into the database (skipping those already there).

    An article already stored (same URL or same text) is skipped, so running the same command again after an
    interruption resumes where it stopped; each article is committed as soon as it is analysed.
    """
    import sqlite3

    from newsgraph.store import StoreError, connect, ingest, stats, store_error
    from newsgraph.store.terminal import ingest_progress, print_ingest_summary

    paths = paths or []
    try:
        published = parse_published(published, "--published")
        conn = connect(db)
    except (InputError, StoreError) as e:
        _fail(str(e))
    options = {"published": published, "headline": headline, "max_bytes": max_bytes}
    started = time.perf_counter()
    counts = None
    try:
        if paths:
            with ingest_progress(err, paths, enabled=progress) as on_progress:
                counts = ingest(
                    conn, _ingest_records(paths, options), workers=workers, paths=paths, on_progress=on_progress
                )
    except KeyboardInterrupt:
        s = stats(conn)
        err.print(
            f"newsgraph: interrupted; {s.articles} articles are safely stored in {db}. "
            "Run the same command again to resume.",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(code=130) from None
    except sqlite3.DatabaseError as e:  # the file failed under us (damaged, disk full): what is committed stays
        _fail(str(store_error(db, e, writing=True)))
    finally:
        conn.close()
    if counts is not None:
        print_ingest_summary(err, counts, str(db), time.perf_counter() - started)
    else:
        err.print(f"newsgraph: {db} is ready (nothing to ingest)", highlight=False, soft_wrap=True)


def _ingest_records(paths: list[str], options: dict):
    """The records of every path, in order, each paired with the path it came from; a path that cannot be read
    becomes one Failure and the others go on."""
    for path in paths:
        try:
            records = _batch_records(path, **options)
            if records is None:
                yield path, read_file(path, **options)
            else:
                for record in records:
                    yield path, record
        except InputError as e:
            yield path, Failure(path, e.kind, str(e))


@app.command("export")
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = ExportFormat.jsonl,
    table: Annotated[
        str,
        typer.Option(
            help="articles (for jsonl: one contract JSON object per article), quotes, entities, mentions, timex, "
            "claims or removed."
        ),
    ] = "articles",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The file (standard output if absent).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the corpus out for analysis elsewhere: JSONL, CSV or Parquet, one table per file."""
    import sqlite3

    from newsgraph.store import (
        StoreError,
        connect_readonly,
        export_csv,
        export_jsonl,
        export_parquet,
        store_error,
        table_names,
    )

    if table not in table_names():
        _fail(f"--table: no table {table!r}; choose one of {', '.join(table_names())}")
    if format is ExportFormat.parquet and output is None:
        _fail("--format parquet: give a file with -o (Parquet is binary)")
    try:
        conn = connect_readonly(db)
    except StoreError as e:
        _fail(str(e))
    try:
        if format is ExportFormat.parquet:
            assert output is not None  # refused above without -o
            count = export_parquet(conn, table, output)
        else:
            if output is not None:
                output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("w", encoding="utf-8", newline="") if output is not None else _stdout() as out:
                jsonl = format is ExportFormat.jsonl
                count = export_jsonl(conn, out, table) if jsonl else export_csv(conn, table, out)
    except sqlite3.DatabaseError as e:  # a damaged page met on the way
        _fail(str(store_error(db, e)))
    finally:
        conn.close()
    err.print(f"newsgraph: {count} {table} rows" + (f" → {output}" if output else ""), highlight=False)


@app.command("quotes", epilog=QUERY_HELP)
def quotes_command(
    speaker: Annotated[str | None, typer.Option(help="Said by: part of the speaker's name.")] = None,
    about: Annotated[str | None, typer.Option(help="About: an entity named in the quote.")] = None,
    contains: Annotated[str | None, typer.Option(help="With all these words (word* for a prefix).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many (0: all).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, for scripts.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, for scripts.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Who said what: quotes with their speaker, cue, date and article, oldest first."""
    from newsgraph.store import QuoteFilter, QuoteRow, select_quotes
    from newsgraph.store.terminal import quotes_table

    where = QuoteFilter(speaker, about, contains, since, until, limit=limit or None)
    with _corpus(db) as conn:
        page = _ask(lambda: select_quotes(conn, where))
    _print_rows(page.items, QuoteRow, as_json, as_csv, lambda width: quotes_table(page.items, page.total, width))


@app.command("people")
def people_command(
    everyone: Annotated[bool, typer.Option("--all", help="Everyone named, not only those quoted.")] = False,
    type: Annotated[str | None, typer.Option("--type", help="Only this type: PERSON, ORG, GPE…")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many (0: all).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, for scripts.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, for scripts.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Speakers, most quoted first, with how many quotes and articles and the titles they are given."""
    from newsgraph.store import Person, people
    from newsgraph.store.terminal import people_table

    with _corpus(db) as conn:
        page = _ask(lambda: people(conn, everyone=everyone, type=type, limit=limit or None))
    _print_rows(page.items, Person, as_json, as_csv, lambda width: people_table(page.items, page.total))


@app.command("timeline", epilog="ENTITY matches a name exactly (any case) or, failing that, any name containing it.")
def timeline_command(
    entity: Annotated[str, typer.Argument(help="A name: 'Jens Stoltenberg', 'Stoltenberg', 'NATO'.")],
    limit: Annotated[int, typer.Option(min=0, help="At most this many events (0: all).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, for scripts.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, for scripts.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """The dated mentions and quotes of an entity across the corpus, oldest first."""
    from newsgraph.store import TimelineEntry, timeline
    from newsgraph.store.terminal import timeline_table

    with _corpus(db) as conn:
        rows = _ask(lambda: timeline(conn, entity, limit=limit or None))
    if not rows and not (as_json or as_csv):
        _fail(f"no entity called {entity!r} in {db}; `newsgraph people --all` lists them")
    _print_rows(rows, TimelineEntry, as_json, as_csv, lambda width: timeline_table(rows, entity, width))


@app.command("headlines")
def headlines_command(
    flagged: Annotated[bool, typer.Option("--flagged", help="Only headlines that claim more than the body.")] = False,
    limit: Annotated[int, typer.Option(min=0, help="At most this many (0: all).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, for scripts.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, for scripts.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Does the headline say what the article says: each headline's stance towards its body and, where it claims
    more than the body supports, why and the body's words that show it; newest first."""
    from newsgraph.store import HeadlineRow, headlines
    from newsgraph.store.terminal import headlines_table

    with _corpus(db) as conn:
        page = _ask(lambda: headlines(conn, flagged=flagged, limit=limit or None))
    _print_rows(
        page.items, HeadlineRow, as_json, as_csv, lambda width: headlines_table(page.items, page.total, flagged)
    )


@app.command("claims", epilog=QUERY_HELP)
def claims_command(
    subject: Annotated[str | None, typer.Option(help="The subject: an entity's name, or words of it.")] = None,
    object: Annotated[str | None, typer.Option(help="The object: an entity's name, or words of it.")] = None,
    predicate: Annotated[
        str | None, typer.Option(help="The verb, or the start of a word of it: 'join' finds joins, joined, joining.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Dated on or after (the claim's date, else the article's).")] = None,
    until: Annotated[str | None, typer.Option(help="Dated on or before.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many (0: all).")] = 0,
    by: Annotated[
        str | None, typer.Option(help="'week' or 'month': a line a period (claims, negated, claimants, predicates).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, for scripts.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, for scripts.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Who claims what: the claims (subject, predicate, object) with their modality, negation, hedges and claimant,
    ordered by their date: the date they state where they state one, else the article's. With --by, what was
    claimed week by week (or month by month) and by whom."""
    from newsgraph.store import ClaimPeriod, ClaimRow, claim_periods, claims
    from newsgraph.store.terminal import claim_periods_table, claims_table

    with _corpus(db) as conn:
        page = _ask(lambda: claims(conn, subject, object, predicate, since, until, limit=limit or None))
    if by is not None:
        periods = _ask(lambda: claim_periods(page.items, by))
        _print_rows(periods, ClaimPeriod, as_json, as_csv, lambda width: claim_periods_table(periods, by))
        return
    _print_rows(page.items, ClaimRow, as_json, as_csv, lambda width: claims_table(page.items, page.total, width))


@app.command("serve")
def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="The address to listen on; 0.0.0.0 opens it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port.")] = 8000,
) -> None:
    """Serve the web UI and the JSON API (/api, OpenAPI at /api/openapi.json) over the database, read-only."""
    from newsgraph.store import StoreError
    from newsgraph.web import ServeError, serve

    def listening(url: str) -> None:  # said only once it is true: the database opened and the port bound
        err.print(f"newsgraph: serving {db} at {url} (Ctrl-C to stop)", highlight=False)

    try:
        serve(db, host=host, port=port, on_listening=listening)
    except (StoreError, ServeError) as e:
        _fail(str(e))


class _corpus:
    """A read-only connection to the database for one question; a missing, foreign or damaged file is a one-line
    error, whether met on opening it or on the way to the answer."""

    def __init__(self, db: Path) -> None:
        self.db = db

    def __enter__(self):
        from newsgraph.store import StoreError, connect_readonly

        try:
            self.conn = connect_readonly(self.db)
        except StoreError as e:
            _fail(str(e))
        return self.conn

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        import sqlite3

        from newsgraph.store import store_error

        self.conn.close()
        if isinstance(error, sqlite3.DatabaseError):  # a damaged page, met by the query
            _fail(str(store_error(self.db, error)))


def _ask(question):
    """The answer to a store query; a bad query (a wrong date, nothing to search for) is a one-line error."""
    from newsgraph.store import QueryError

    try:
        return question()
    except QueryError as e:
        _fail(str(e))


def _print_rows(rows, kind: type, as_json: bool, as_csv: bool, table) -> None:
    from newsgraph.store.terminal import write_csv, write_json

    if as_json and as_csv:
        _fail("--json and --csv: choose one")
    if as_json:
        write_json(rows, sys.stdout)
    elif as_csv:
        write_csv(rows, sys.stdout, kind)
    else:
        out = Console()
        out.print(table(out.width))


# ---- Spark: the same analysis as a Spark job, for corpora larger than one machine (the command and the work are in
# newsgraph.spark, so that `spark-submit` runs the same command without this module).

app.command("spark")(spark_command)


def main() -> None:
    # SIGTERM (a `kill`, a scheduler ending the job) stops a command as Ctrl-C does: ingest keeps what it stored and
    # says so, outputs are not left half-written, worker processes end (newsgraph.pipeline).
    signal.signal(signal.SIGTERM, _terminated)
    app()


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
