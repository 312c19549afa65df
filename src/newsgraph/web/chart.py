"""The chart of a claim timeline, laid out on the server for an inline SVG (no script): x is the claim's date, one
lane a predicate, one mark a claim, coloured by its modality; a negated claim is a hollow mark struck through.

The layout is plain numbers and words (`Chart`); the template (`templates/claims_timeline.html`) writes the SVG,
escaping every word, as it escapes everything else. A date known only to the month or the year is drawn at its
first day. Claims with no date have no place on the x axis: the chart counts them (`undated`), the table lists them.

>>> from newsgraph.store.queries import ClaimTimeline
>>> claim_chart(ClaimTimeline("Turkey", None, (), (), 0)) is None  # nothing to draw
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.store.queries import ClaimRow, ClaimTimeline

WIDTH = 760
LABELS = 170  # the lane labels, left of the plot
RIGHT = 24
TOP = 16
LANE = 34  # the height of a lane
AXIS = 34  # the date axis, below the lanes
RADIUS = 6
SPREAD = 2 * RADIUS + 2  # the distance between the marks of the claims of one lane on one date
MAX_LABEL = 24  # characters of a lane's label; the whole predicate is its tooltip
MAX_TICKS = 7

MODALITY_COLOURS: dict[str, str] = {  # Okabe and Ito's colours, told apart by colour-blind readers too
    "asserted": "#0072b2",
    "future": "#e69f00",
    "possible": "#009e73",
    "necessary": "#d55e00",
    "hypothetical": "#cc79a7",
    "question": "#56b4e9",
}
OTHER_COLOUR = "#5f6670"


@dataclass(frozen=True, slots=True)
class Lane:
    """One predicate's row: its label (cut to MAX_LABEL characters), the whole predicate and its middle's y."""

    label: str
    predicate: str
    y: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Mark:
    """One claim on the chart: where, how it looks (`colour` of its modality; `negated`: hollow and struck through),
    its tooltip and the link to it in its article."""

    x: float
    y: float
    colour: str
    modality: str
    negated: bool
    title: str
    href: str
    claim: ClaimRow


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: float  # the plot's left and right edges, and the y of its date axis
    right: float
    axis: float
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    undated: int
    legend: tuple[tuple[str, str], ...]  # (modality, colour) of the modalities drawn


def day_of(value: str) -> date:
    """The first day of a date given as YYYY, YYYY-MM or YYYY-MM-DD.

    >>> day_of("2023"), day_of("2023-03"), day_of("2023-03-07")
    (datetime.date(2023, 1, 1), datetime.date(2023, 3, 1), datetime.date(2023, 3, 7))
    """
    year, month, day = [*value.split("-"), "1", "1"][:3]
    return date(int(year), int(month), int(day))


def claim_title(claim: ClaimRow) -> str:
    """What hovering a mark shows: the claim, who claims it, how, when, and in which article."""
    how = [claim.modality] + (["negated"] if claim.negated else []) + list(claim.hedges)
    who = claim.claimant_name or "the article"
    where = claim.headline or claim.article_id
    return f"{claim.text} · claimed by {who} · {', '.join(how)} · {claim.date or 'undated'} · {where}"


def claim_chart(timeline: ClaimTimeline) -> Chart | None:
    """The layout of the chart of a claim timeline; None when no claim has a date."""
    groups = [g for g in timeline.groups if g.date is not None]
    if not groups:
        return None
    lanes = [p for p in timeline.predicates if any(g.predicate == p for g in groups)]
    lane_y = {p: TOP + LANE * i + LANE / 2 for i, p in enumerate(lanes)}
    days = [day_of(g.date) for g in groups if g.date is not None]
    first, last = min(days), max(days)
    pad = timedelta(days=15) if first == last else timedelta(days=max(1, math.ceil((last - first).days * 0.04)))
    lo, hi = first - pad, last + pad
    left, right = float(LABELS), float(WIDTH - RIGHT)

    def x_of(day: date) -> float:
        return round(left + (right - left) * (day - lo).days / (hi - lo).days, 1)

    marks = []
    for g in groups:
        assert g.date is not None
        x = x_of(day_of(g.date))
        for i, claim in enumerate(g.claims):
            offset = (i - (len(g.claims) - 1) / 2) * SPREAD  # the claims of one day side by side
            marks.append(
                Mark(
                    x=round(x + offset, 1),
                    y=lane_y[g.predicate],
                    colour=MODALITY_COLOURS.get(claim.modality, OTHER_COLOUR),
                    modality=claim.modality,
                    negated=claim.negated,
                    title=claim_title(claim),
                    href=f"/article/{claim.article}#c{claim.position}",
                    claim=claim,
                )
            )
    axis = TOP + LANE * len(lanes)
    drawn = {m.modality for m in marks}
    return Chart(
        width=WIDTH,
        height=int(axis + AXIS),
        left=left,
        right=right,
        axis=axis,
        lanes=tuple(Lane(_cut(p), p, lane_y[p]) for p in lanes),
        ticks=tuple(Tick(x_of(day), label) for day, label in _ticks(lo, hi)),
        marks=tuple(marks),
        undated=sum(len(g.claims) for g in timeline.groups if g.date is None),
        legend=tuple((m, c) for m, c in MODALITY_COLOURS.items() if m in drawn)
        + tuple((m, OTHER_COLOUR) for m in sorted(drawn - set(MODALITY_COLOURS))),
    )


def _cut(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """At most MAX_TICKS dates between lo and hi, evenly stepped in years, months or days, with their labels.

    >>> [label for _, label in _ticks(date(2022, 11, 20), date(2023, 4, 10))]
    ['2022-12', '2023-01', '2023-02', '2023-03', '2023-04']
    """
    span = (hi - lo).days
    if span > 3 * 366:
        years = list(range(lo.year + (lo > date(lo.year, 1, 1)), hi.year + 1))
        step = max(1, math.ceil(len(years) / MAX_TICKS))
        return [(date(y, 1, 1), str(y)) for y in years[::step]]
    if span > 75:
        months = []
        year, month = lo.year, lo.month
        if lo.day != 1:  # the first whole month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        while date(year, month, 1) <= hi:
            months.append(date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        step = max(1, math.ceil(len(months) / MAX_TICKS))
        return [(d, f"{d.year}-{d.month:02d}") for d in months[::step]]
    step = max(1, math.ceil(span / MAX_TICKS))
    return [(lo + timedelta(days=n), (lo + timedelta(days=n)).isoformat()) for n in range(0, span + 1, step)]
