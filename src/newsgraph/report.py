"""A readable report of one analysis for the terminal (rich): who said what first, what was claimed, then who, when,
and what went."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.model import Analysis


def render(analysis: Analysis) -> Group:
    """The report as a rich renderable: the headline check, quotes, claims, entities, dates, removed spans and
    warnings."""
    parts: list[RenderableType] = []
    title = analysis.headline or str(analysis.id)
    meta = f"published {analysis.published or 'unknown'} · {len(analysis.text):,} characters"
    parts.append(Panel(Text(title, style="bold"), subtitle=meta, subtitle_align="left"))
    if analysis.headline_check is not None:
        parts.append(_headline_check(analysis))

    quotes = Table(title=f"Who said what ({len(analysis.quotes)} quotes)", title_justify="left", expand=True)
    quotes.add_column("speaker", style="bold cyan", ratio=2)
    quotes.add_column("cue", style="magenta", ratio=1, no_wrap=True, min_width=8)
    quotes.add_column("kind", style="dim", ratio=1, no_wrap=True, min_width=8)
    quotes.add_column("quote", ratio=8)
    for q in analysis.quotes:
        # A direct quote is the words inside the marks; partial and indirect ones are reported clauses as written.
        words = f"“{q.text}”" if q.kind == "direct" else q.text
        quotes.add_row(Text(q.speaker_name or "?"), Text(q.cue.text if q.cue else "—"), q.kind, Text(words))
    parts.append(quotes)

    parts.append(_claims(analysis))

    spoke = Counter(q.speaker for q in analysis.quotes if q.speaker)
    entities = Table(title=f"Entities ({len(analysis.entities)})", title_justify="left", expand=True)
    entities.add_column("name", style="bold", ratio=3)
    entities.add_column("type", ratio=1, no_wrap=True, min_width=6)
    entities.add_column("titles", ratio=4)
    entities.add_column("mentions", justify="right", ratio=1, no_wrap=True, min_width=8)
    entities.add_column("quotes", justify="right", ratio=1, no_wrap=True, min_width=6)
    for e in sorted(analysis.entities, key=lambda e: (-spoke[e.id], -len(e.mentions), e.id)):
        entities.add_row(Text(e.name), e.type, Text("; ".join(e.titles)), str(len(e.mentions)), str(spoke[e.id] or ""))
    parts.append(entities)

    dates = Table(title=f"When ({len(analysis.timex)} time expressions)", title_justify="left", expand=True)
    dates.add_column("expression", ratio=3)
    dates.add_column("type", ratio=1, no_wrap=True, min_width=8)
    dates.add_column("value", style="green", ratio=2)
    dates.add_column("context", style="dim", ratio=6)
    for t in analysis.timex:
        dates.add_row(Text(t.text), t.type, Text(t.value or "?"), Text(_context(analysis.text, t.start, t.end)))
    parts.append(dates)

    removed = Table(title=f"Removed as not article ({len(analysis.removed)})", title_justify="left", expand=True)
    removed.add_column("reason", style="yellow", ratio=2)
    removed.add_column("text", style="strike", ratio=8)
    for r in analysis.removed:
        removed.add_row(Text(r.reason), Text(r.text))
    parts.append(removed)

    for w in analysis.warnings:
        parts.append(Text(f"warning: {w}", style="yellow"))
    return Group(*parts)


def _headline_check(analysis: Analysis) -> RenderableType:
    """The headline's stance towards the body and each overstatement with its evidence."""
    check = analysis.headline_check
    assert check is not None
    p = ", ".join(f"{k} {v:.2f}" for k, v in check.probabilities.items())
    out = Text.assemble(("Headline check: ", "bold"), (check.stance, "bold magenta"), f" ({p})")
    if not check.overstatement:
        out.append("; no overstatement found", style="dim")
    for f in check.overstatement:
        out.append(f"\n  “{f.headline.text}”: ", style="bold yellow")
        out.append(f.why)
        for e in f.evidence:
            out.append(f"\n    ← {e.text}", style="dim")
    return out


def _claims(analysis: Analysis) -> Table:
    """Who claimed what, how surely: the claims, most confident first within their order in the text."""
    table = Table(title=f"What was claimed ({len(analysis.claims)} claims)", title_justify="left", expand=True)
    table.add_column("claimant", style="bold cyan", ratio=2)
    table.add_column("subject", ratio=3)
    table.add_column("predicate", style="magenta", ratio=3)
    table.add_column("object", ratio=4)
    table.add_column("how", style="green", ratio=2)
    table.add_column("when", style="dim", ratio=1)
    for c in analysis.claims:
        how = ("not " if c.negated else "") + c.modality
        if c.hedges:
            how += " (" + ", ".join(h.text for h in c.hedges) + ")"
        when = analysis.timex[c.time].value or "?" if c.time is not None else ""
        table.add_row(
            Text(c.claimant_name or "(article)"),
            Text(c.subject.text),
            Text(c.predicate.text),
            Text(c.object.text if c.object else ""),
            Text(how),
            Text(when),
        )
    return table


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"…{left}[{text[start:end]}]{right}…"


def print_report(analysis: Analysis, console: Console | None = None) -> None:
    if console is None:
        # Piped output gets 80 columns by default, too narrow for quotes; a terminal keeps its own width.
        console = Console()
        console.width = min(160, max(120, console.width))
    console.print(render(analysis))
