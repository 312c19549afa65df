"""The corpus in the terminal (rich): the ingest progress bar and the tables of `quotes`, `people`, `timeline`,
`headlines` and `claims`, plus their CSV and JSON forms for scripts. The command line only chooses; what is shown
is decided here.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from newsgraph.store.ingest import IngestCounts
from newsgraph.store.ingest import Progress as IngestProgress
from newsgraph.store.queries import ClaimPeriod, ClaimRow, HeadlineRow, Person, QuoteRow, TimelineEntry


class _RateColumn(ProgressColumn):
    """Articles per second over rich's recent window: what the machine is doing now, not the average."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:5.1f} articles/s" if speed else "    – articles/s", style="cyan")


@contextmanager
def ingest_progress(console: Console, paths: Sequence[str], enabled: bool = True) -> Iterator[Any]:
    """A progress bar for `ingest`: records done of the estimated total, articles/s, errors and the time left.

    Yields the `on_progress` callback for `newsgraph.store.ingest`. The total is counted in a background thread
    (reading headers only), so the first articles are analysed while it is counted; until then the bar pulses.
    """
    progress = Progress(
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        _RateColumn(),
        TextColumn("[red]{task.fields[failed]} errors[/red]"),
        TextColumn("ETA"),
        TimeRemainingColumn(compact=True),
        console=console,
        disable=not enabled,
        transient=False,
    )
    task = progress.add_task("ingest", total=None, added=0, skipped=0, failed=0)

    def count() -> None:
        total = estimate_records(paths)
        if total is not None:
            progress.update(task, total=max(total, progress.tasks[0].completed))

    if enabled:
        threading.Thread(target=count, name="newsgraph-count", daemon=True).start()

    def on_progress(event: IngestProgress) -> None:
        c = event.counts
        progress.update(task, completed=c.seen, added=c.added, skipped=c.skipped, failed=c.failed)
        if event.outcome == "failed" and event.message:
            # One line per error, whole (soft_wrap), so that it can be grepped and copied.
            progress.console.print(Text.assemble(("error ", "red"), event.message), soft_wrap=True, highlight=False)

    with progress:
        yield on_progress


def estimate_records(paths: Iterable[str]) -> int | None:
    """About how many records the inputs hold (one per text or HTML file, one per JSONL line, one per HTML page
    in a WARC); None when it cannot be told (standard input, a pipe: counting would take the records that the
    ingest is to read). For the progress bar only.
    """
    from newsgraph.sources.files import iter_files, kind_of

    total = 0
    try:
        for path in paths:
            p = Path(path)
            if path == "-" or not (p.is_dir() or p.is_file()):
                return None
            files = iter_files(p) if p.is_dir() else [(p, kind_of(p) or "text")]
            for file, kind in files:
                total += _records_in(file, kind)
    except Exception:  # an estimate must never stop the ingest; the bar just pulses instead
        return None
    return total


def _records_in(path: Path, kind: str) -> int:
    if kind == "jsonl":
        with path.open("rb") as f:
            return sum(1 for _ in f)
    if kind == "warc":
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        with path.open("rb") as f:
            records = ArchiveIterator(
                f, parse_http=True, record_types=WarcRecordType.response | WarcRecordType.resource
            )
            return sum(1 for r in records if "html" in ((r.http_content_type if r.is_http else "") or "").lower())
    return 1


def print_ingest_summary(console: Console, counts: IngestCounts, db: str, seconds: float) -> None:
    rate = counts.seen / seconds if seconds > 0 else 0.0
    console.print(
        f"newsgraph: {counts.added} added, {counts.skipped} already stored, {counts.failed} errors "
        f"in {seconds:.1f} s ({rate:.1f} records/s) → {db}",
        highlight=False,
        soft_wrap=True,
    )


# ---- quotes, people, timeline ------------------------------------------------------------------------------


def quotes_table(rows: Sequence[QuoteRow], total: int, width: int = 120) -> Table:
    """Quotes as a table; the article column only where the terminal is wide enough (`width` columns)."""
    shown = f"{len(rows)} of {total}" if total > len(rows) else str(total)
    table = Table(title=f"Who said what ({shown} quotes)", title_justify="left", expand=True)
    table.add_column("date", no_wrap=True, style="dim", min_width=10)
    table.add_column("speaker", style="bold cyan", ratio=2)
    table.add_column("cue", style="magenta", no_wrap=True)
    table.add_column("quote", ratio=6)
    wide = width >= 110
    if wide:
        table.add_column("article", style="dim", ratio=2, no_wrap=True, overflow="ellipsis")
    for q in rows:
        cells: list[str | Text] = [
            q.published or "—",
            Text(q.speaker_name or "?"),
            Text(q.cue or "—"),
            Text(f"“{q.text}”" if q.kind == "direct" else q.text),
        ]
        if wide:
            cells.append(Text(q.headline or str(q.article_id)))
        table.add_row(*cells)
    return table


def people_table(rows: Sequence[Person], total: int) -> Table:
    shown = f"{len(rows)} of {total}" if total > len(rows) else str(total)
    table = Table(title=f"Speakers ({shown})", title_justify="left", expand=True)
    table.add_column("name", style="bold", ratio=3)
    table.add_column("type", no_wrap=True, min_width=6)
    table.add_column("quotes", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("titles", ratio=5)
    for p in rows:
        table.add_row(Text(p.name), p.type, str(p.quotes), str(p.articles), Text("; ".join(p.titles)))
    return table


def timeline_table(rows: Sequence[TimelineEntry], name: str, width: int = 120) -> Table:
    """Timeline events as a table; the article column only where the terminal is wide enough (`width` columns)."""
    names = sorted({r.name for r in rows})
    events = f"{len(rows)} event{'s' if len(rows) != 1 else ''}"
    table = Table(title=f"Timeline of {', '.join(names) or name} ({events})", title_justify="left", expand=True)
    table.add_column("date", no_wrap=True, style="dim", min_width=10)
    table.add_column("what", no_wrap=True)
    if len(names) > 1:
        table.add_column("who", style="bold cyan", ratio=2)
    table.add_column("text", ratio=6)
    wide = width >= 110
    if wide:
        table.add_column("article", style="dim", ratio=2, no_wrap=True, overflow="ellipsis")
    for r in rows:
        what = Text(f"{r.cue or 'quote'}", style="magenta") if r.kind == "quote" else Text(f"named ×{r.mentions}")
        cells: list[Any] = [r.published or "—", what]
        if len(names) > 1:
            cells.append(Text(r.name))
        cells.append(Text(r.text))
        if wide:
            cells.append(Text(r.headline or str(r.article_id)))
        table.add_row(*cells)
    return table


def headlines_table(rows: Sequence[HeadlineRow], total: int, flagged: bool) -> Table:
    """Headline checks as a table: the stance and, for a flagged headline, its overstated words, why and evidence."""
    shown = f"{len(rows)} of {total}" if total > len(rows) else str(total)
    title = f"{'Flagged headlines' if flagged else 'Headlines'} ({shown})"
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("date", no_wrap=True, style="dim", min_width=10)
    table.add_column("stance", no_wrap=True)
    table.add_column("headline", style="bold", ratio=4)
    table.add_column("overstatement: why, and the body's words", ratio=6)
    for r in rows:
        found = Text()
        for i, (words, why) in enumerate(zip(r.overstated, r.why, strict=True)):
            found.append(("\n" if i else "") + f"“{words}”: ", style="magenta")
            found.append(why)
        for e in r.evidence:
            found.append(f"\n  ← {e}", style="dim")
        table.add_row(r.published or "—", r.stance, Text(r.headline), found)
    return table


def claims_table(rows: Sequence[ClaimRow], total: int, width: int = 120) -> Table:
    """Claims as a table: date, who claims it, subject, predicate (negated and modality marked), object; the article
    column only where the terminal is wide enough (`width` columns)."""
    shown = f"{len(rows)} of {total}" if total > len(rows) else str(total)
    table = Table(title=f"Claims ({shown})", title_justify="left", expand=True)
    table.add_column("date", no_wrap=True, style="dim", min_width=10)
    table.add_column("claimant", style="bold cyan", ratio=2)
    table.add_column("subject", ratio=3)
    table.add_column("predicate", style="magenta", ratio=2)
    table.add_column("object", ratio=3)
    wide = width >= 110
    if wide:
        table.add_column("article", style="dim", ratio=2, no_wrap=True, overflow="ellipsis")
    for c in rows:
        # A negated claim says so, unless its predicate already does ("will not be"; a denial: "was").
        says_not = re.search(r"\b(not|never)\b|n't", c.predicate, re.IGNORECASE) is not None
        predicate = Text(("not " if c.negated and not says_not else "") + c.predicate)
        if c.modality != "asserted":
            predicate.append(f" ({c.modality})", style="dim")
        if c.hedges:
            predicate.append(f" [{', '.join(c.hedges)}]", style="dim")
        cells: list[str | Text] = [
            c.date or "—",
            Text(c.claimant_name or "article", style="" if c.claimant_name else "dim italic"),
            Text(_part(c.subject, c.subject_name)),
            predicate,
            Text(_part(c.object, c.object_name) if c.object is not None else "—"),
        ]
        if wide:
            cells.append(Text(c.headline or str(c.article_id)))
        table.add_row(*cells)
    return table


def _part(words: str | None, name: str | None) -> str:
    """A claim's subject or object: its words, and the entity's name where that says more ("her (Anna Berg)")."""
    if name and words and name.casefold() not in words.casefold():
        return f"{words} ({name})"
    return words or ""


def write_json(rows: Sequence[Any], out: IO[str]) -> None:
    """Rows (dataclasses) as one JSON array, for scripts."""
    json.dump([dataclasses.asdict(r) for r in rows], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(rows: Sequence[Any], out: IO[str], kind: type) -> None:
    """Rows (dataclasses of type `kind`) as CSV with a header line, even when there are none; tuple fields are
    joined with "; "."""
    fields = [f.name for f in dataclasses.fields(kind)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for r in rows:
        values = [getattr(r, f) for f in fields]
        writer.writerow(["; ".join(v) if isinstance(v, tuple) else v for v in values])


def claim_periods_table(periods: Sequence[ClaimPeriod], by: str) -> Table:
    """What was claimed per week or month: the count, how many negated, the claimants and predicates most used."""
    table = Table(title=f"Claims by {by} ({len(periods)} {by}s)", title_justify="left", expand=True)
    table.add_column(by, no_wrap=True, style="dim", min_width=8)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("negated", justify="right", no_wrap=True)
    table.add_column("claimants", style="bold cyan", ratio=3)
    table.add_column("predicates", style="magenta", ratio=3)
    for p in periods:
        table.add_row(
            p.period, str(p.claims), str(p.negated), Text("; ".join(p.claimants)), Text("; ".join(p.predicates))
        )
    return table
