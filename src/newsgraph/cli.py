"""The command line: `newsgraph analyze FILE`, `newsgraph analyze IN.jsonl -o OUT.jsonl`, `newsgraph schema`."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsgraph.model import Failure, json_schema
from newsgraph.sources import DEFAULT_MAX_BYTES, InputError, parse_published, read_file, read_jsonl

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


BATCH_SUFFIXES = (".jsonl", ".ndjson")


@app.command()
def analyze(
    input: Annotated[
        str, typer.Argument(help="An article: .txt or .html file, '-' for standard input; or a .jsonl batch.")
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the JSON (or JSONL) here.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) that relative dates are resolved against.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="json, or a readable report.")] = Format.json,
    headline: Annotated[
        bool, typer.Option("--headline/--no-headline", help="Is the first non-empty line the headline?")
    ] = True,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for a batch.")] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help="Refuse articles larger than this.")] = DEFAULT_MAX_BYTES,
) -> None:
    """Analyse one article (prints one JSON object) or a JSONL batch (one line out per line in, same order)."""
    from newsgraph.pipeline import analyze_many  # spaCy loads with it: keep `--help` fast

    try:
        published = parse_published(published, "--published")
        if input.lower().endswith(BATCH_SUFFIXES):
            _check_batch_input(input)
            records = read_jsonl(input, published=published, headline=headline, max_bytes=max_bytes)
            _write_batch(analyze_many(records, workers=workers), output)
            return
        article = read_file(input, published=published, headline=headline, max_bytes=max_bytes)
    except InputError as e:
        _fail(str(e))
    [result] = analyze_many([article])
    if isinstance(result, Failure):
        _fail(result.message)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(result.to_json(indent=2) + "\n", encoding="utf-8")
    if format is Format.report:
        from newsgraph.report import print_report

        print_report(result)
        if output is not None:
            err.print(f"[dim]JSON written to {output}[/dim]")
    elif output is None:
        sys.stdout.write(result.to_json(indent=2) + "\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output (newsgraph/1)."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def _check_batch_input(path: str) -> None:
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file", "not_found")
    if p.is_dir():
        raise InputError(path, "is a directory, expected a file", "is_directory")


def _write_batch(results, output: Path | None) -> None:
    started, count, errors = time.perf_counter(), 0, 0
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") if output is not None else _stdout() as out:
        for result in results:
            out.write(result.to_json() + "\n")
            count += 1
            errors += isinstance(result, Failure)
    seconds = time.perf_counter() - started
    err.print(f"newsgraph: {count} records in {seconds:.1f} s, {errors} errors", highlight=False)


class _stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()


def _fail(message: str) -> None:
    err.print(f"newsgraph: error: {message}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(code=1)


def main() -> None:
    app()
