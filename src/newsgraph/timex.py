"""Time expressions and their TimeML TIMEX3 values, normalised against the publication date.

A first version: the expressions are the parse's DATE and TIME entities; the values are those that follow
directly from the words and the publication date. Anything it cannot normalise keeps `value` None.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span

from newsgraph.model import Timex

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "0Y", "century": "00Y"}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
SETS = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D"}

_AGE = re.compile(r"^(\d+)-(year|month|week|day)-old$", re.I)
_DURATION = re.compile(
    r"^(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:year|month|week|day)s?"
    r"(?:\s*,?\s*(?:and\s+)?)?)+$",
    re.I,
)
_PART = re.compile(
    r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(year|month|week|day)s?", re.I
)


def find_timex(doc: Doc, published: str | None) -> list[Timex]:
    """Time expressions in text order, each with its TIMEX3 type and value (None when not normalised)."""
    anchor = dt.date.fromisoformat(published) if published else None
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        span = _trim(ent)
        if span is None:
            continue
        kind, value = normalise(span.text, ent.label_, anchor)
        out.append(Timex(span.start_char, span.end_char, span.text, kind, value))
    return out


def _trim(ent: Span) -> Span | None:
    tokens = [t for t in ent if not t.is_space]
    while tokens and tokens[0].lower_ in {"the", "'s", "’s"}:
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "’s"}):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return ent.doc[tokens[0].i : tokens[-1].i + 1]


def normalise(text: str, label: str, anchor: dt.date | None) -> tuple[str, str | None]:
    """TIMEX3 type and value of one expression (value None when it cannot be worked out).

    >>> normalise("yesterday", "DATE", dt.date(2023, 2, 28))
    ('DATE', '2023-02-27')
    """
    low = " ".join(text.lower().split())
    if low in SETS:
        return "SET", SETS[low]
    m = _AGE.match(low)
    if m:
        return "DURATION", f"P{m[1]}{m[2][0].upper()}"
    if _DURATION.match(low):
        return "DURATION", _duration_value(low)
    if label == "TIME":
        return "TIME", None
    return "DATE", _date_value(low, anchor)


def _duration_value(low: str) -> str:
    parts = {}
    for number, unit in _PART.findall(low):
        n = NUMBERS.get(number.lower()) or int(number)
        parts[unit.lower()] = parts.get(unit.lower(), 0) + n
    value = "P" + "".join(f"{parts[u]}{UNITS[u]}" for u in ("year", "month", "week", "day") if u in parts)
    return value if value != "P" else "PXX"


def _date_value(low: str, anchor: dt.date | None) -> str | None:
    if low in {"now", "currently", "at the moment"}:
        return "PRESENT_REF"
    if re.fullmatch(r"(19|20)\d\d", low):
        return low
    m = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})", low) or None
    if m and m[2] in MONTHS:
        return f"{m[3]}-{MONTHS[m[2]]:02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", low)
    if m and m[1] in MONTHS:
        return f"{m[3]}-{MONTHS[m[1]]:02d}-{int(m[2]):02d}"
    m = re.fullmatch(r"([a-z]+)\.?,?\s+(\d{4})", low)
    if m and m[1] in MONTHS:
        return f"{m[2]}-{MONTHS[m[1]]:02d}"
    if anchor is None:
        if low in MONTHS:
            return f"XXXX-{MONTHS[low]:02d}"
        return None
    if low == "today":
        return anchor.isoformat()
    if low == "yesterday":
        return (anchor - dt.timedelta(days=1)).isoformat()
    if low == "tomorrow":
        return (anchor + dt.timedelta(days=1)).isoformat()
    if low in MONTHS:
        return f"{anchor.year}-{MONTHS[low]:02d}"
    if low in SEASONS:
        return f"{anchor.year}-{SEASONS[low]}"
    m = re.fullmatch(r"(last|next|this)\s+(week|month|year|[a-z]+)", low)
    if m:
        shift = {"last": -1, "next": 1, "this": 0}[m[1]]
        if m[2] == "year":
            return str(anchor.year + shift)
        if m[2] == "week":
            year, week, _ = (anchor + dt.timedelta(weeks=shift)).isocalendar()
            return f"{year}-W{week:02d}"
        if m[2] == "month":
            month = anchor.month - 1 + shift
            return f"{anchor.year + month // 12}-{month % 12 + 1:02d}"
        if m[2] in MONTHS:
            year = anchor.year + (shift if shift else 0)
            if shift == -1 and MONTHS[m[2]] < anchor.month:
                year = anchor.year
            if shift == 1 and MONTHS[m[2]] > anchor.month:
                year = anchor.year
            return f"{year}-{MONTHS[m[2]]:02d}"
    return None
