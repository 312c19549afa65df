"""The rules: each a pattern that finds one kind of time expression and a function that reads its TIMEX3 value.

A rule's function gets the match and a `Context` (the publication date, the tense of the clause, the last date
mentioned) and returns a `Reading` (type, value, anchor), or None when the match is not a time expression after
all ("the future of NATO"). Values follow TimeML's TIMEX3: `2023-02-27`, `2023-W10`, `2023-Q1`, `P1Y4D`,
`PRESENT_REF`; without a publication date what cannot be known stays unknown (`XXXX-07`).

>>> import datetime as dt
>>> read("last February", Context(dt.date(2023, 2, 28)))
Reading(type='DATE', value='2022-02', anchor='2023-02-28', anaphoric=False)
>>> read("a year and four days", Context(None)).value
'P1Y4D'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from newsgraph.timex import calendar as cal
from newsgraph.timex.grammar import DIGIT, TRIGGERS, compile_pattern, content_words, expand
from newsgraph.timex.tense import Tense
from newsgraph.timex.words import (
    DAY_PARTS,
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    REFERENCES,
    SEASONS,
    SETS,
    UNITS,
    WEEKDAYS,
    number,
)


@dataclass(frozen=True, slots=True)
class Context:
    """What a value may depend on: the publication date, the clause's tense, the last date mentioned
    (`reference`, and whether it was written out rather than counted from the publication date), the last
    quarter or half mentioned (what a company's results are about) and the last day mentioned (what a clock time
    is on)."""

    published: dt.date | None
    tense: Tense | None = None
    reference: str | None = None
    reference_explicit: bool = True
    quarter: str | None = None
    day: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """A TIMEX3 type and value; `anchor` is the date it was worked out from, `anaphoric` when that date is the
    last one mentioned rather than the publication date."""

    type: str
    value: str | None
    anchor: str | None = None
    anaphoric: bool = False


Reader = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern and its reader. The pattern is tried at the starts of the `lookback` words before each token
    in `triggers` (lower case; `DIGIT` for any token with a digit) and at that token itself."""

    name: str
    pattern: re.Pattern[str]
    read: Reader
    triggers: frozenset[str]
    lookback: int

    def apply(self, m: re.Match[str], ctx: Context) -> Reading | None:
        """The reading, or None when the arithmetic leaves the calendar (years 1 to 9999: "9,000 years ago")."""
        try:
            return self.read(m, ctx)
        except (ValueError, OverflowError):
            return None


RULES: list[Rule] = []


def rule(name: str, pattern: str, triggers: Iterable[str], lookback: int) -> Callable[[Reader], Reader]:
    """Register a reader under a pattern (in priority order: on equal extents the earlier rule wins)."""

    def register(read: Reader) -> Reader:
        RULES.append(Rule(name, compile_pattern(pattern), read, frozenset(triggers), lookback))
        return read

    return register


# ---------------------------------------------------------------------------------------------------------------
# Helpers


def _low(text: str | None) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


def _published(ctx: Context) -> str | None:
    return ctx.published.isoformat() if ctx.published else None


def _year(text: str | None, ctx: Context) -> int | None:
    """A year written as 1998, '98 or "nineteen ninety-eight"."""
    if not text:
        return None
    low = _low(text)
    if low.isdigit() and len(low) == 4:
        return int(low)
    if low[:1] == "'" and low[1:].isdigit():
        two = int(low[1:])
        # '98 is 1998; '05 is 2005 once the publication date is past it (without one, up to '30)
        now = ctx.published.year if ctx.published else 2025
        return 2000 + two if 2000 + two <= now + 5 else 1900 + two
    words = low.replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(number(" ".join(rest)) or 0) if rest else 2000
    if words and words[0] in {"nineteen", "eighteen", "twenty"}:
        century = {"nineteen": 19, "eighteen": 18, "twenty": 20}[words[0]]
        rest = [w for w in words[1:] if w not in {"hundred", "and"}]
        tail = number(" ".join(rest)) if rest else 0
        return century * 100 + int(tail or 0)
    return None


def _month(text: str) -> int:
    return MONTHS[_low(text).rstrip(".")]


def _day(text: str) -> int:
    low = _low(text)
    if low in ORDINALS:
        return ORDINALS[low]
    return int(re.sub(r"\D", "", low))


def _unit(text: str) -> str:
    return UNITS[_low(text).replace("-", " ")]


def _distance(occurrence: tuple[dt.date, dt.date, str], day: dt.date) -> int:
    start, end, _ = occurrence
    return 0 if start <= day <= end else min(abs((start - day).days), abs((end - day).days))


def _pick(occurrences: list[tuple[dt.date, dt.date, str]], ctx: Context, default: str) -> str | None:
    """Of a calendar thing's occurrences (start, end, value) around the publication date, the one the clause
    means: a past clause the latest that has begun, a future clause the earliest that has not ended, otherwise
    the one in `default` ("nearest": the closest; "current": the publication year's). None when there are none.

    The tense is weak evidence against distance: a past clause naming a month that is a year back when the same
    month is only weeks ahead ("extended the offer to Nov. 20", "told them of cuts in September") nearly always
    means the coming one, so an occurrence within six weeks wins over one more than eight months away."""
    day = ctx.published
    assert day is not None
    if not occurrences:
        return None
    chosen = None
    if ctx.tense == "PAST":
        started = [o for o in occurrences if o[0] <= day]
        chosen = started[-1] if started else None
    elif ctx.tense == "FUTURE":
        ahead = [o for o in occurrences if o[1] >= day]
        chosen = ahead[0] if ahead else None
    if chosen is not None:
        near = min(occurrences, key=lambda o: _distance(o, day))
        if _distance(chosen, day) > 240 and _distance(near, day) <= 45:
            return near[2]
        return chosen[2]
    for start, end, value in occurrences:
        if start <= day <= end:
            return value
    if default == "nearest":
        return min(occurrences, key=lambda o: min(abs((o[0] - day).days), abs((o[1] - day).days)))[2]
    return next((v for s, _, v in occurrences if s.year == day.year), occurrences[0][2])


def _relative(ctx: Context, value: str | None, anaphoric: bool = False) -> Reading:
    anchor = ctx.reference if anaphoric else _published(ctx)
    return Reading("DATE", value, anchor, anaphoric)


def _reference_day(ctx: Context) -> tuple[dt.date, str, bool] | None:
    """The last date mentioned when it is a day, else the publication date: (day, its value, anaphoric)."""
    if ctx.reference:
        parsed = cal.parse_value(ctx.reference)
        if parsed and parsed[1] == "D":
            return parsed[0], ctx.reference[:10], True
    if ctx.published:
        return ctx.published, ctx.published.isoformat(), False
    return None


def _resolve_day(text: str, ctx: Context) -> tuple[str | None, bool]:
    """The day named by "today", "yesterday", a weekday or a month and day: (value, anaphoric)."""
    low = _low(text)
    day = ctx.published
    if low in {"today", "tonight", "yesterday", "tomorrow"}:
        if day is None:
            return "XXXX-XX-XX", False
        offset = {"yesterday": -1, "tomorrow": 1}.get(low, 0)
        return (day + dt.timedelta(days=offset)).isoformat(), False
    m = re.match(r"^(\w+)\.?(?:,?\s+(\w+)\.?\s+(\d+))?", low)
    if m and m[1] in WEEKDAYS:
        if m[2] and m[2] in MONTHS:
            return _month_day(MONTHS[m[2]], int(m[3]), None, ctx), False
        return _weekday(WEEKDAYS[m[1]], None, ctx), False
    m = re.match(r"^(\w+)\.?\s+(\d+)(?:\D*,?\s+(\d{4}))?", low)
    if m and m[1] in MONTHS:
        return _month_day(MONTHS[m[1]], int(m[2]), int(m[3]) if m[3] else None, ctx), False
    return None, False


def _month_day(month: int, day: int, year: int | None, ctx: Context) -> str | None:
    if year is not None:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if ctx.published is None:
        return f"XXXX-{month:02d}-{day:02d}"
    occurrences = []
    for y in range(ctx.published.year - 1, ctx.published.year + 2):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        occurrences.append((d, d, d.isoformat()))
    return _pick(occurrences, ctx, "nearest") if occurrences else None


def _weekday(weekday: int, rel: str | None, ctx: Context) -> str:
    """The date of a weekday: "last Monday" is the one before the publication date, "next Monday" the one after;
    a bare "Monday" is the one the clause's tense points to (the publication day itself when it is a Monday)."""
    day = ctx.published
    if day is None:
        return f"XXXX-WXX-{weekday}"
    back = (day.isoweekday() - weekday) % 7
    before = day - dt.timedelta(days=back or 7)
    after = day + dt.timedelta(days=(weekday - day.isoweekday()) % 7 or 7)
    if rel in {"last", "past", "previous", "this past"}:
        return before.isoformat()
    if rel in {"next", "coming", "this coming", "following"}:
        return after.isoformat()
    if rel == "this":
        return (day + dt.timedelta(days=weekday - day.isoweekday())).isoformat()
    if back == 0:
        return day.isoformat()
    if ctx.tense == "FUTURE":
        return after.isoformat()
    if ctx.tense == "PRESENT" and (after - day) < (day - before):
        # the present tense of a schedule ("they meet Monday") or of a headline: the nearer one
        return after.isoformat()
    return before.isoformat()


def _rel_shift(rel: str | None) -> int | None:
    rel = _low(rel)
    rel = rel[4:] if rel.startswith("the ") else rel
    if rel in {"last", "past", "previous", "preceding", "this past", "prior", "latest", "most recent"}:
        return -1
    if rel in {"next", "coming", "following", "this coming", "upcoming"}:
        return 1
    if rel in {"this", "current", "same", "present", "full"}:
        return 0
    return None


def _duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: P2Y, PT3H, PXD for a vague amount; halves go down to the next unit (P2Y6M).

    >>> _duration(2.5, "Y"), _duration(1.5, "H"), _duration(None, "DE"), _duration(3, "Q")
    ('P2Y6M', 'PT1H30M', 'PXE', 'P9M')
    """
    if amount is None:
        # TimeML writes a vague number of decades, centuries, millennia as PXE, PXC, PXL
        vague = {"MIN": "TXM", "H": "TXH", "S": "TXS", "DE": "XE", "CE": "XC", "ML": "XL", "WE": "XWE"}
        return "P" + vague.get(unit, "X" + unit)
    scaled = {"Q": ("M", 3), "DE": ("Y", 10), "CE": ("Y", 100), "ML": ("Y", 1000), "WE": ("D", 2)}
    if unit in scaled:
        unit, factor = scaled[unit]
        amount *= factor
    whole = int(amount)
    rest = amount - whole
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
    parts = [(whole, unit)] if whole or not rest else []
    if rest and unit in smaller:
        sub, factor = smaller[unit]
        parts.append((round(rest * factor), sub))
    return _join_duration(parts)


def _join_duration(parts: list[tuple[int, str]]) -> str:
    order = ["Y", "M", "W", "D", "H", "MIN", "S"]
    total: dict[str, int] = {}
    for n, unit in parts:
        total[unit] = total.get(unit, 0) + n
    date = "".join(f"{total[u]}{u}" for u in order[:4] if u in total)
    time = "".join(f"{total[u]}{'M' if u == 'MIN' else u}" for u in order[4:] if u in total)
    return "P" + date + ("T" + time if time else "") if date or time else "PXX"


def _occurrences_yearly(start_of: Callable[[int], tuple[dt.date, dt.date, str]], ctx: Context):
    assert ctx.published is not None
    return [start_of(y) for y in range(ctx.published.year - 1, ctx.published.year + 2)]


def _month_period(month: int) -> Callable[[int], tuple[dt.date, dt.date, str]]:
    def occurrence(year: int) -> tuple[dt.date, dt.date, str]:
        start = dt.date(year, month, 1)
        return start, cal.add_months(start, 1) - dt.timedelta(days=1), f"{year:04d}-{month:02d}"

    return occurrence


def _season_period(code: str) -> Callable[[int], tuple[dt.date, dt.date, str]]:
    def occurrence(year: int) -> tuple[dt.date, dt.date, str]:
        start = dt.date(year, cal.SEASON_START[code], 1)
        return start, cal.add_months(start, 3) - dt.timedelta(days=1), f"{year:04d}-{code}"

    return occurrence


def _quarter_period(q: int, unit: str = "Q") -> Callable[[int], tuple[dt.date, dt.date, str]]:
    months = 3 if unit == "Q" else 6

    def occurrence(year: int) -> tuple[dt.date, dt.date, str]:
        start = dt.date(year, months * (q - 1) + 1, 1)
        return start, cal.add_months(start, months) - dt.timedelta(days=1), f"{year:04d}-{unit}{q}"

    return occurrence


def _quarter_reference(ctx: Context) -> str | None:
    """The last date mentioned when it is a quarter or a half ("the third quarter") of about the publication
    year: what "a year ago", "year-earlier" and "the quarter" are counted from in a company's results."""
    if not ctx.quarter:
        return None
    parsed = cal.parse_value(ctx.quarter)
    if parsed is None or parsed[1] not in {"Q", "H"}:
        return None
    if ctx.published and abs(parsed[0].year - ctx.published.year) > 1:
        return None
    return ctx.quarter


def _last_completed(ctx: Context, unit: str = "Q") -> str | None:
    if ctx.published is None:
        return None
    return cal.period(cal.shift(ctx.published, -1, unit), unit)


@cache
def _context_pattern(pattern: str, after: bool) -> re.Pattern[str]:
    body = expand(pattern)
    return re.compile(r"\s*(?:" + body + ")" if after else "(?:" + body + r")\s*$", re.I)


def _follows(m: re.Match[str], pattern: str) -> bool:
    """Whether the text right after the match starts with `pattern` (a regular expression, case-insensitive,
    which may name the grammar's pieces)."""
    return _context_pattern(pattern, True).match(m.string, m.end(), m.end() + 60) is not None


def _precedes(m: re.Match[str], pattern: str) -> bool:
    """Whether the text right before the match ends with `pattern`."""
    return _context_pattern(pattern, False).search(m.string[max(0, m.start() - 40) : m.start()]) is not None


# ---------------------------------------------------------------------------------------------------------------
# Clock times: "10:35 a.m.", "5 p.m. EST Nov. 9", "noon Saturday", "4 in the morning"


@rule(
    "time",
    r"""(?:(?:around|about|approximately|shortly\s+before|shortly\s+after|just\s+before|just\s+after)\s+)?
    (?: (?P<h>\d{1,2})(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm><AMPM>)
      | (?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)(?!\d|\s*[-–]\s*\d)
      | (?P<hw><NUM_WORD>|\d{1,2})\s+o['’]clock
      | (?P<named>noon|midnight|midday|mid-day)
      | (?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s*<TZ>)
      | (?P<hm>\d{1,2}|<NUM_WORD>)\s+in\s+the\s+(?P<mpart>morning|afternoon|evening|night) )
    (?:\s+(?:<TZ>|local\s+time))?
    (?:\s*,?\s+(?:on\s+)?(?P<day>today|tonight|yesterday|tomorrow
        |<WEEKDAY_FULL>(?:,?\s+<MONTH>\s*<DAY>)?|<MONTH>\s*<DAY>(?:,?\s+<YEAR>)?))?""",
    (DIGIT, "noon", "midnight", "midday", "mid", "clock"),
    3,
)
def _read_time(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["named"]:
        clock = DAY_PARTS[_low(m["named"])]
    else:
        hour_text = m["h"] or m["h24"] or m["hw"] or m["hm"] or m["hhmm"]
        hour = int(hour_text) if hour_text.isdigit() else int(number(hour_text) or -1)
        minute = int(m["min"] or m["min24"] or m["mm"] or 0)  # "1200 GMT": military time
        ampm = _low(m["ampm"] or "").replace(".", "").replace(" ", "")
        part = _low(m["mpart"])
        if ampm == "pm" or part in {"afternoon", "evening"} or (part == "night" and hour >= 6):
            hour = hour % 12 + 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if not 0 <= hour <= 24 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
    if m["day"]:
        day, anaphoric = _resolve_day(m["day"], ctx)
        written_out = re.search(r"\d{4}", m["day"]) is not None
        anchor = None if written_out else _published(ctx)
    else:
        # "at 10 a.m.": on the day last mentioned, or the day of publication
        ref = _reference_day(Context(ctx.published, reference=ctx.day or ctx.reference))
        day, anaphoric = (ref[1], ref[2]) if ref else ("XXXX-XX-XX", False)
        anchor = day if anaphoric else _published(ctx)
    value = f"{day}T{clock}" if day else None
    return Reading("TIME", value, anchor, anaphoric)


# ---------------------------------------------------------------------------------------------------------------
# Calendar dates: "Aug. 7, 1998", "Friday, Oct. 23", "the 3rd of March", "1998-08-07", "11/02/89"


@rule(
    "date",
    r"""(?:(?P<wd><WEEKDAY>)\s*,?\s+(?:the\s+)?)?
    (?: (?P<mon><MONTH>)\s*(?P<day><DAY>|<ORDINAL>)(?:(?:\s*,\s*|\s+)(?P<year><YEAR>|<YEAR2>))?
      | (?:the\s+)?(?P<day2><DAY>|<ORDINAL>)\s+(?:of\s+)?(?P<mon2><MONTH>)(?:\s*,?\s+(?P<year2><YEAR>))? )""",
    TRIGGERS["month"],
    4,
)
def _read_date(m: re.Match[str], ctx: Context) -> Reading | None:
    month = _month(m["mon"] or m["mon2"])
    day_text = m["day"] or m["day2"]
    if m["mon2"] and not re.search(r"\d|of", m[0]) and _low(day_text) not in ORDINALS:
        return None
    day = _day(day_text)
    year = _year(m["year"] or m["year2"], ctx)
    if not 1 <= day <= 31:
        return None
    if m["wd"] and year is None and ctx.published is not None:
        # "Friday, Oct. 23": the year in which that day is that weekday, nearest the publication date first
        weekday = WEEKDAYS[_low(m["wd"]).rstrip(".")]
        near = ctx.published.year
        years = sorted(range(near - 3, near + 2), key=lambda y: abs(y - near))
        for y in years:
            try:
                if dt.date(y, month, day).isoweekday() == weekday:
                    year = y
                    break
            except ValueError:
                return None
    value = _month_day(month, day, year, ctx)
    return Reading("DATE", value, None if year is not None else _published(ctx))


@rule(
    "week_of",
    r"""the\s+(?P<kind>week|weekend)\s+of\s+(?P<mon><MONTH>)\s*(?P<day><DAY>)(?:\s*,?\s+(?P<year><YEAR>))?""",
    TRIGGERS["month"],
    5,
)
def _read_week_of(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the week of March 6": the ISO week that day falls in."""
    value = _month_day(_month(m["mon"]), _day(m["day"]), _year(m["year"], ctx), ctx)
    parsed = cal.parse_value(value) if value else None
    if parsed is None:
        return Reading("DATE", "XXXX-WXX-WE" if _low(m["kind"]) == "weekend" else "XXXX-WXX")
    unit = "WE" if _low(m["kind"]) == "weekend" else "W"
    return Reading("DATE", cal.period(parsed[0], unit), None if m["year"] else _published(ctx))


@rule(
    "numeric_date",
    r"""(?P<y>1[5-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)
      | (?P<a>0?[1-9]|[12]\d|3[01])/(?P<b>0?[1-9]|[12]\d|3[01])/(?P<y2>(?:19|20)\d\d|\d\d)(?![\d/])
      | (?P<d3>0?[1-9]|[12]\d|3[01])\.(?P<m3>0?[1-9]|1[0-2])\.(?P<y3>(?:19|20)\d\d)(?!\d)""",
    (DIGIT,),
    0,
)
def _read_numeric_date(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["y"]:
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    elif m["y3"]:
        year, month, day = int(m["y3"]), int(m["m3"]), int(m["d3"])
    else:
        a, b, year = int(m["a"]), int(m["b"]), int(m["y2"])
        # American order (month first) unless the first number cannot be a month
        month, day = (a, b) if a <= 12 else (b, a)
        if month > 12:
            return None
        if year < 100:
            year = _year(f"'{year:02d}", ctx) or 1900 + year
    try:
        return Reading("DATE", dt.date(year, month, day).isoformat())
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------------
# Months: "July 1997", "January this year", "late November", "last February", "in July"


@rule(
    "month_year",
    r"""(?:(?P<mod><MOD>)[\s-]*)?
    (?: (?P<mon><MONTH>)(?:\s+of)?\s*,?\s+(?P<year><YEAR>|<YEAR2>|<SPOKEN_YEAR>)
      | (?P<mon2><MONTH_FULL>)\s+(?:of\s+)?(?P<rel>this|last|next|the\s+previous|the\s+following)\s+year )""",
    TRIGGERS["month"],
    5,
)
def _read_month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    month = _month(m["mon"] or m["mon2"])
    if m["year"]:
        year = _year(m["year"], ctx)
        return Reading("DATE", f"{year:04d}-{month:02d}") if year else None
    shift = _rel_shift(m["rel"]) or 0
    if ctx.published is None:
        return Reading("DATE", f"XXXX-{month:02d}")
    return _relative(ctx, f"{ctx.published.year + shift:04d}-{month:02d}")


@rule(
    "month",
    r"""(?:(?P<mod><MOD>)[\s-]*)?(?:(?P<rel>this\s+past|this\s+coming|last|this|next|past|coming)\s+)?
    (?P<mon><MONTH_FULL>)""",
    TRIGGERS["month"],
    5,
)
def _read_month(m: re.Match[str], ctx: Context) -> Reading | None:
    month = _month(m["mon"])
    if ctx.published is None:
        return Reading("DATE", f"XXXX-{month:02d}")
    day = ctx.published
    rel = _low(m["rel"])
    if rel in {"this past", "this coming"}:
        tense: Tense = "PAST" if rel == "this past" else "FUTURE"
        occurrences = _occurrences_yearly(_month_period(month), ctx)
        return _relative(ctx, _pick(occurrences, Context(day, tense), "current"))
    shift = _rel_shift(m["rel"])
    if shift == -1:
        # "last May" is this year's May once it is over, but the month just gone is "last month": "last
        # February" in March is the February a year before
        year = day.year if month < day.month - 1 else day.year - 1
    elif shift == 1:
        year = day.year if month > day.month else day.year + 1
    elif shift == 0:
        year = day.year
    else:
        return _relative(ctx, _pick(_occurrences_yearly(_month_period(month), ctx), ctx, "nearest"))
    return _relative(ctx, f"{year:04d}-{month:02d}")


# ---------------------------------------------------------------------------------------------------------------
# Years, decades, centuries: "1998", "fiscal 1989", "the year two thousand", "the 1990s", "the 20th century"


@rule(
    "year",
    r"""(?:the\s+)?(?:(?P<mod><MOD>)[\s-]*)?
    (?:(?P<fiscal>fiscal(?:\s+year)?\s+|FY\s?)(?P<fyear><YEAR>|<YEAR2>|\d\d)
      | (?:the\s+year\s+)?(?P<year><YEAR>|<SPOKEN_YEAR>))
    (?:\s+(?P<period>period|quarter))?""",
    (DIGIT, *TRIGGERS["spoken_year"]),
    6,
)
def _read_year(m: re.Match[str], ctx: Context) -> Reading | None:
    text = m["fyear"] or m["year"]
    if m["fyear"] and len(text) == 2:
        text = "'" + text
    year = _year(text, ctx)
    if year is None:
        return None
    if m[0].lower().startswith("the") and not (m["period"] or "year" in m[0].lower() or m["mod"]):
        return None  # "the 1990 budget": the determiner belongs to the noun; the year alone is read by itself
    quarter = _quarter_reference(ctx)
    if m["period"] and quarter and quarter[5] == "Q":
        # "the 1988 period" beside "the third quarter": that quarter of 1988
        return Reading("DATE", f"{year:04d}-{quarter[5:]}", quarter, True)
    if m["period"] == "quarter":
        latest = _last_completed(ctx)
        # "the 1988 quarter": the quarter under discussion, in 1988
        return Reading("DATE", f"{year:04d}-{latest[5:]}", _published(ctx)) if latest else None
    return Reading("DATE", f"{year:04d}")


@rule(
    "decade",
    r"""(?:the\s+)?(?:(?P<mod><MOD>)[\s-]*)?
    (?: (?P<dec>1[0-9]{2}0|20[0-9]0)['’]?s
      | ['’](?P<dec2>\d0)['’]?s
      | (?<=the\s)(?P<decw>(?:nineteen[\s-]+)?<DECADE_WORD>)
      | (?<=the\s)(?P<decw2>(?:mid|early|late)[\s-]+<DECADE_WORD>))""",
    (DIGIT, *TRIGGERS["decade"]),
    6,
)
def _read_decade(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["dec"]:
        year = int(m["dec"])
        if year % 100 == 0:
            return Reading("DATE", f"{year // 100:02d}")  # "the 1800s" is a century
        return Reading("DATE", f"{year // 10:03d}")
    if m["dec2"]:
        year = _year("'" + m["dec2"], ctx) or 1900 + int(m["dec2"])
        return Reading("DATE", f"{year // 10:03d}")
    words = _low(m["decw"] or m["decw2"]).replace("-", " ").split()
    tens = int(number(words[-1][:-3] + "y") or 0) if words[-1].endswith("ies") else 0
    if not tens:
        return None
    century = 19
    if "nineteen" not in words and ctx.published and 2000 + tens <= ctx.published.year:
        century = 20
    return Reading("DATE", f"{century * 10 + tens // 10:03d}")


@rule(
    "century",
    r"""(?:the\s+)?(?:(?P<mod><MOD>)[\s-]*)?
    (?: (?P<ord><ORDINAL>)[\s-]+century
      | (?P<rel>this|last|next|the\s+(?:past|last|next|previous|current|new|coming))\s+century)""",
    ("century",),
    6,
)
def _read_century(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["ord"]:
        return Reading("DATE", f"{_day(m['ord']) - 1:02d}")
    if ctx.published is None:
        return Reading("DATE", "XX")
    shift = _rel_shift(m["rel"])
    if shift is None:
        shift = 1 if "new" in _low(m["rel"]) else 0
    return _relative(ctx, f"{ctx.published.year // 100 + shift:02d}")


# ---------------------------------------------------------------------------------------------------------------
# Quarters and halves: "the third quarter of 1990", "third-quarter", "fiscal 1989's first half", "Q3 2023",
# "the latest quarter", "the year-ago quarter"


@rule(
    "quarter",
    r"""(?:the\s+)?
    (?:(?P<qyear><YEAR>)(?:['’]s)?\s+|fiscal\s+(?P<fyear><YEAR>)(?:['’]s)?\s+|(?P<yrel>this|last|next)\s+year['’]s\s+)?
    (?:(?:fiscal|calendar)[\s-]+)?
    (?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?:(?:fiscal|calendar)[\s-]+)?
    (?P<unit>quarter|half)
    (?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?:year\s+)?(?P<year2><YEAR>|<YEAR2>)|(?P<rel2>this|last|next|the\s+current|the\s+previous|the\s+next)\s+(?:fiscal\s+)?year))?
    | (?-i:Q)(?P<qn>[1-4])(?:\s+(?P<qy><YEAR>))?
    | (?P<qn2>[1-4])(?-i:Q)(?P<qy2>\d\d)?""",
    (DIGIT, "quarter", "half"),
    7,
)
def _read_quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["qn"] or m["qn2"]:
        q = int(m["qn"] or m["qn2"])
        year = _year(m["qy"], ctx) if m["qy"] else _year("'" + m["qy2"], ctx) if m["qy2"] else None
        unit = "Q"
    else:
        unit = "Q" if _low(m["unit"]) == "quarter" else "H"
        ordinal = _low(m["ord"])
        q = {"final": -1, "last": -1}.get(ordinal) or _day(ordinal)
        if unit == "H" and q not in {1, 2, -1}:
            return None
        year = None
        for group in ("qyear", "fyear", "year2"):
            if m[group]:
                year = _year(m[group], ctx)
        rel = m["yrel"] or m["rel2"]
        if rel and ctx.published:
            year = ctx.published.year + (_rel_shift(rel) or 0)
        if q == -1:
            if year is None:
                # "the last quarter": the one before the publication date's
                value = _last_completed(ctx, unit)
                return _relative(ctx, value) if value else Reading("DATE", f"XXXX-{unit}X")
            q = 4 if unit == "Q" else 2
    if year is not None:
        return Reading("DATE", f"{year:04d}-{unit}{q}")
    if ctx.published is None:
        return Reading("DATE", f"XXXX-{unit}{q}")
    return _relative(ctx, _business_period(q, unit, ctx))


def _business_period(q: int, unit: str, ctx: Context) -> str:
    """The year of a quarter or half named without one: results are reported after the period, so it is the
    latest one that has begun; a future clause means the next one once this year's is more than a quarter over
    ("third-quarter profit will fall" in October is still this year's third quarter)."""
    assert ctx.published is not None
    day = ctx.published
    start, end, value = _quarter_period(q, unit)(day.year)
    if ctx.tense == "FUTURE":
        if (day - end).days > 92:
            return _quarter_period(q, unit)(day.year + 1)[2]
        return value
    if start <= day:
        return value
    return _quarter_period(q, unit)(day.year - 1)[2]


@rule(
    "relative_quarter",
    r"""(?:the\s+|its\s+|their\s+)?
    (?:(?P<rel>latest|current|past|previous|prior|last|next|coming|following|same|comparable|corresponding|most\s+recent|recent|this|that)\s+)?
    (?:(?P<ago>year-ago|year-earlier|year\s+earlier|prior-year|previous-year|year-before|last-year)\s+)?
    (?:fiscal\s+)?(?P<unit>quarter|period)
    (?:\s+(?P<tail>a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year|the\s+year\s+before|of\s+the\s+previous\s+year))?""",
    ("quarter", "period"),
    6,
)
def _read_relative_quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    rel, ago, unit = _low(m["rel"]), m["ago"] or m["tail"], _low(m["unit"])
    starts_with_the = _low(m[0]).startswith(("the ", "its ", "their "))
    if not (rel or ago) and (unit == "period" or not starts_with_the):
        return None  # "a quarter of the vote", "the period": not a time without more
    if unit == "period" and rel in {"this", "that", "same", "recent"} and not ago:
        return None
    if rel == "that" and unit == "quarter":
        rel = "same"
    reference = _quarter_reference(ctx)
    if reference and reference[5] != "Q":
        reference = None
    if rel in {"latest", "most recent", "recent", "past", "previous", "prior", "last"}:
        value, anaphoric = _last_completed(ctx), False
    elif rel in {"current", "this"}:
        value, anaphoric = (cal.period(ctx.published, "Q") if ctx.published else None), False
    elif rel in {"next", "coming", "following"}:
        value = cal.period(cal.shift(ctx.published, 1, "Q"), "Q") if ctx.published else None
        anaphoric = False
    elif reference:
        value, anaphoric = reference, True
    elif ctx.tense in {"PRESENT", "FUTURE"} and not ago and ctx.published:
        value, anaphoric = cal.period(ctx.published, "Q"), False
    else:
        value, anaphoric = _last_completed(ctx), False
    if value and ago:
        # "the year-ago quarter" is named after the one under discussion: never itself the one discussed
        value, anaphoric = cal.shift_value(value, -1, "Y"), True
    if value is None:
        return Reading("DATE", "XXXX-QX")
    return Reading("DATE", value, reference if anaphoric and reference else _published(ctx), anaphoric)


@rule("year_ago", r"(?P<ago>year-ago|year-earlier|year-before|prior-year|year-previous)", ("year",), 0)
def _read_year_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    quarter = _quarter_reference(ctx)
    if quarter:
        return _relative(ctx, cal.shift_value(quarter, -1, "Y"), anaphoric=True)
    if ctx.published is None:
        return Reading("DATE", "XXXX")
    return _relative(ctx, f"{ctx.published.year - 1:04d}")


# ---------------------------------------------------------------------------------------------------------------
# Seasons: "spring", "last fall", "the summer of 1994", "the winter of nineteen ninety-four"


@rule(
    "season",
    r"""(?:the\s+)?(?:(?P<mod><MOD>)[\s-]*)?
    (?:(?P<rel>this\s+past|this\s+coming|last|this|next|past|coming|previous|following)\s+)?
    (?P<season><SEASON>)(?:\s+(?:of\s+)?(?P<year><YEAR>|<YEAR2>|<SPOKEN_YEAR>))?""",
    TRIGGERS["season"],
    6,
)
def _read_season(m: re.Match[str], ctx: Context) -> Reading | None:
    code = SEASONS[_low(m["season"])]
    low = _low(m[0])
    if m["year"]:
        year = _year(m["year"], ctx)
        return Reading("DATE", f"{year:04d}-{code}") if year else None
    if not m["rel"] and _follows(m, r"of\b|in\b|from\b|to\b|and\s+rise|\d|'s\s+(?!\w+\s+(?:season|term|session))"):
        return None  # "the fall of Saigon", "a fall in prices", "spring's bloom"
    alone = m.start() == 0 and m.end() == len(m.string)  # read on its own, as by `normalise`
    bare = not (m["rel"] or m["mod"] or low.startswith("the") or alone)
    cue = r"\b(?:in|during|by|until|till|since|through|this|next|last|early|late|as|for|of)"
    if _low(m["season"]) in {"fall", "spring"} and bare and not _precedes(m, cue):
        return None  # "prices fall", "a spring": the verb, the water
    if ctx.published is None:
        return Reading("DATE", f"XXXX-{code}")
    rel = _low(m["rel"])
    if rel in {"this past", "this coming", "past", "coming"}:
        tense: Tense = "PAST" if rel.endswith("past") else "FUTURE"
        occurrences = _occurrences_yearly(_season_period(code), ctx)
        return _relative(ctx, _pick(occurrences, Context(ctx.published, tense), "current"))
    shift = _rel_shift(m["rel"])
    if shift is not None and shift != 0:
        return _relative(ctx, f"{ctx.published.year + shift:04d}-{code}")
    if shift == 0:
        return _relative(ctx, f"{ctx.published.year:04d}-{code}")
    return _relative(ctx, _pick(_occurrences_yearly(_season_period(code), ctx), ctx, "current"))


# ---------------------------------------------------------------------------------------------------------------
# Holidays: "Thanksgiving Day", "last Christmas", "Easter 2024"


@rule(
    "holiday",
    r"""(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<hol><HOLIDAY>)
    (?:\s+(?P<week>week|weekend))?(?:\s+(?P<year><YEAR>))?(?:\s+(?P<week2>week|weekend))?""",
    TRIGGERS["holiday"],
    5,
)
def _read_holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    if not m["hol"][:1].isupper():
        return None
    rule_text = HOLIDAYS[_low(m["hol"])]
    if m["year"]:
        day = cal.holiday(rule_text, int(m["year"]))
        week = m["week"] or m["week2"]
        if day and week:
            return Reading("DATE", cal.period(day, "WE" if _low(week) == "weekend" else "W"))
        return Reading("DATE", day.isoformat()) if day else None
    if ctx.published is None:
        fixed = re.fullmatch(r"(\d\d)-(\d\d)", rule_text)
        return Reading("DATE", f"XXXX-{fixed[1]}-{fixed[2]}" if fixed else "XXXX-XX-XX")
    occurrences = []
    for y in range(ctx.published.year - 1, ctx.published.year + 2):
        day = cal.holiday(rule_text, y)
        if day:
            occurrences.append((day, day, day.isoformat()))
    shift = _rel_shift(m["rel"])
    shifted: dict[int, Tense] = {-1: "PAST", 1: "FUTURE"}
    tense = shifted.get(shift or 0, ctx.tense)
    if shift and ctx.published in [o[0] for o in occurrences]:
        occurrences = [o for o in occurrences if o[0] != ctx.published]
    value = _pick(occurrences, Context(ctx.published, tense, ctx.reference), "nearest")
    week = m["week"] or m["week2"]
    if value and week:
        # "Easter week", "the Thanksgiving weekend": the week the holiday falls in
        unit = "WE" if _low(week) == "weekend" else "W"
        value = cal.period(dt.date.fromisoformat(value), unit)
    return _relative(ctx, value)


# ---------------------------------------------------------------------------------------------------------------
# Days and parts of days: "today", "tonight", "late yesterday", "this morning", "last night", "Friday",
# "last Friday", "Wednesday night", "early Tuesday"


@rule(
    "day",
    r"""(?:(?P<mod>early|late|earlier|later|mid|mid-)\s*)?
    (?: (?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)
        (?:\s+(?P<part><DAY_PART>))?
      | (?P<this>this|last|tomorrow|yesterday)\s+(?P<part2>morning|afternoon|evening|night|mid-afternoon|midafternoon)
      | (?P<overnight>overnight)
      | (?P<mid>mid[\s-]?afternoon|mid[\s-]?morning|midday) )""",
    (*TRIGGERS["day_part"], "today", "tonight", "yesterday", "tomorrow", "midday"),
    4,
)
def _read_day(m: re.Match[str], ctx: Context) -> Reading | None:
    word = _low(m["word"] or m["this"])
    part = _low(m["part"] or m["part2"])
    if m["overnight"]:
        if _follows(m, r"[a-z]"):  # "overnight rates", "an overnight stay"
            return None
        word, part = "last", "night"
    if m["mid"]:
        word, part = "today", _low(m["mid"]).replace(" ", "-")
    if word == "tonight":
        part = part or "night"
    if word == "last" and part != "night":
        word = "yesterday"
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
    days = offset.get(word, -1 if word == "last" else 0)
    day = "XXXX-XX-XX" if ctx.published is None else (ctx.published + dt.timedelta(days=days)).isoformat()
    if part:
        code = DAY_PARTS.get(part) or DAY_PARTS.get(part.rstrip("s"))
        if code is None:
            return None
        return Reading("TIME", f"{day}T{code}", _published(ctx))
    return Reading("DATE", day, _published(ctx))


@rule(
    "weekday",
    r"""(?:(?P<mod>early|late|earlier|later|mid)\s+)?
    (?:(?P<rel>this\s+past|this\s+coming|last|this|next|past|coming|the\s+previous|the\s+following|the\s+next|previous|following)\s+)?
    (?P<wd><WEEKDAY_FULL>)(?:\s+(?P<part><DAY_PART>))?""",
    TRIGGERS["weekday"],
    3,
)
def _read_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    weekday = WEEKDAYS[_low(m["wd"])]
    rel = _low(m["rel"])
    part = _low(m["part"])
    anaphoric = False
    if (rel.startswith("the ") and rel != "the next") or rel in {"previous", "following"}:
        # "the previous Friday", "the following Monday": counted from the last day mentioned
        ref = _reference_day(ctx)
        if ref is None:
            return Reading("DATE", f"XXXX-WXX-{weekday}")
        base, _, anaphoric = ref
        value = _weekday(weekday, rel.replace("the ", ""), Context(base, ctx.tense))
    else:
        value = _weekday(weekday, rel.replace("the ", "") or None, ctx)
    anchor = ctx.reference if anaphoric else _published(ctx)
    if part and part.endswith("s"):
        code = DAY_PARTS.get(part) or DAY_PARTS.get(part.rstrip("s"))
        return Reading("SET", f"XXXX-WXX-{weekday}T{code}")  # "Tuesday nights"
    # "Wednesday night" keeps the day's value: that is how the TimeML news corpora mostly annotate it (as
    # often as not with the weekday alone as the extent), though the guidelines would add TNI
    return Reading("DATE", value, anchor, anaphoric)


# ---------------------------------------------------------------------------------------------------------------
# Units relative to now or to the last date mentioned: "last week", "this year", "earlier this month",
# "the following day", "that year", "the weekend", "year-end", "two years ago", "a year earlier"


@rule(
    "relative_unit",
    r"""(?:(?P<mod><MOD>|earlier\s+in|later\s+in|early\s+in|late\s+in|earlier|later|early|late)\s*)?
    (?P<rel>this\s+past|this\s+coming|the\s+current|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous
      |the\s+preceding|the\s+following|the\s+same|the\s+latest|the\s+most\s+recent|the\s+prior|the\s+full
      |this|last|next|past|coming|current|previous|following|that|the)
    \s+(?P<kind>fiscal\s+|calendar\s+|financial\s+|school\s+|full\s+)?
    (?P<unit>year|month|week|weekend|decade|day|morning|afternoon|evening|night|fortnight)
    (?:\s+(?P<tail>or\s+so|(?:before|after|earlier|later)(?=\s*(?:[,.;:!?)]|$|and\b|but\b))))?""",
    (*TRIGGERS["unit"], *TRIGGERS["day_part"]),
    8,
)
def _read_relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    rel = _low(m["rel"])
    unit_word = _low(m["unit"])
    tail = _low(m["tail"])
    mod = _low(m["mod"])
    if tail in {"before", "after"} and not _follows(m, r"[,.;:!?)]|$|and\b|but\b"):
        return None  # "the day before the vote": the expression is the event's, not a date
    unit = {"year": "Y", "month": "M", "week": "W", "weekend": "WE", "decade": "DE", "fortnight": "W"}.get(
        unit_word, "D"
    )
    part = DAY_PARTS.get(unit_word) if unit == "D" and unit_word != "day" else None
    bare = rel == "the"
    if (
        bare
        and unit_word not in {"weekend", "year"}
        and not (mod.startswith("the ") and unit in {"M", "W"})
        and tail not in {"before", "after"}
    ):
        return None  # "the day", "the week", "the night": too often not a time of their own
    if bare and unit_word == "year" and not mod:
        if _follows(m, r"(?:ended|ending|to\s+date|through|that\s+ended|which\s+ended)\b"):
            return Reading("DURATION", "P1Y")  # "the year ended Sept. 30": a fiscal year, counted
        return _relative(ctx, f"{ctx.published.year:04d}") if ctx.published else Reading("DATE", "XXXX")
    if bare and unit_word == "year":
        rel = "this"
    anaphoric_rels = {"the previous", "the preceding", "the following", "the same", "that", "previous", "following"}
    anaphoric = rel in anaphoric_rels or (rel == "the next" and unit == "D") or tail in {"before", "after"}
    anaphoric = anaphoric or (bare and part is not None)
    if rel == "the last" and tail == "":
        rel = "the past"
    shift = _rel_shift(rel) if not bare else 0
    if tail in {"before", "earlier"}:
        shift = -1
    elif tail in {"after", "later"}:
        shift = 1
    if rel in {"that"}:
        shift = 0
    if shift is None:
        return None
    if unit == "WE" and bare:
        # "the weekend": the one just past, or the coming one in a future clause
        on_weekend = ctx.published is not None and ctx.published.isoweekday() >= 6
        shift = 0 if on_weekend or ctx.tense == "FUTURE" else -1
    if anaphoric:
        if ctx.reference and cal.parse_value(ctx.reference):
            base, granularity = cal.parse_value(ctx.reference)  # type: ignore[misc]
            if unit == "D" and granularity != "D":
                return None  # "that day" after "in 1987": not a day we can name
            gran = "D" if unit == "D" else cal.coarser(granularity, unit) if unit != "WE" else "WE"
            try:
                value = cal.period(cal.shift(base, shift, unit), gran)
            except ValueError:
                return None
            return _with_part(Reading("DATE", value, ctx.reference, True), part)
        if ctx.published is None:
            return _with_part(Reading("DATE", _unknown(unit)), part)
    if ctx.published is None:
        return _with_part(Reading("DATE", _unknown(unit)), part)
    try:
        value = cal.period(cal.shift(ctx.published, shift, unit), unit if unit != "DE" else "DE")
    except ValueError:
        return None
    return _with_part(_relative(ctx, value), part)


def _unknown(unit: str) -> str:
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "DE": "XXX"}.get(unit, "XXXX-XX-XX")


def _with_part(reading: Reading, part: str | None) -> Reading:
    if not part or reading.value is None:
        return reading
    return Reading("TIME", f"{reading.value}T{part}", reading.anchor, reading.anaphoric)


@rule(
    "year_end",
    r"""(?:(?:around|by|at|until)\s+(?=year))?(?:the\s+)?(?P<which>year|month|quarter)(?:-|\s+|['’]s\s+)end""",
    ("year", "month", "quarter"),
    3,
)
def _read_year_end(m: re.Match[str], ctx: Context) -> Reading | None:
    which = _low(m["which"])
    if m[0].lower().startswith(("by", "at", "until")):
        return None
    if ctx.published is None:
        return Reading("DATE", {"year": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}[which])
    unit = {"year": "Y", "month": "M", "quarter": "Q"}[which]
    day = ctx.published
    if ctx.tense == "PAST" and unit == "Y" and day.month <= 3:
        day = cal.shift(day, -1, "Y")
    return _relative(ctx, cal.period(day, unit))


@rule(
    "ago",
    r"""(?:(?P<approx><APPROX>)\s+)?(?:(?P<n><NUM>|<VAGUE>)[\s-]+)?(?P<unit><UNIT>)(?:\s+or\s+so)?
    \s+(?P<dir>ago|earlier|later|before|after|back|from\s+now|hence|previously|since)""",
    TRIGGERS["unit"],
    9,
)
def _read_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    direction = _low(m["dir"])
    unit = _unit(m["unit"])
    if direction in {"before", "after", "since"} and not _follows(m, r"[,.;:!?)]|$|and\b|but\b|when\b"):
        return None  # "two years after the war": a duration and a signal, read by the duration rule
    if direction in {"earlier", "later"} and _follows(m, r"than\b"):
        return None
    if direction == "back" and not _follows(m, r"[,.;:!?)]|$"):
        return None
    amount = number(m["n"]) if m["n"] else None
    plural = _low(m["unit"]).endswith("s")
    if m["n"] is None and not plural:
        amount = 1.0  # "a year ago" without the article ("year ago"): read as one
    if (m["n"] is None and plural) or (m["n"] and amount is None):
        if unit in {"D", "W"} and direction in {"earlier", "later"}:
            return Reading("DURATION", _duration(None, unit))  # "a few days later"
        vague = "FUTURE_REF" if direction in {"later", "after", "from now", "hence"} else "PAST_REF"
        return Reading("DATE", vague, _published(ctx))
    assert amount is not None
    sign = 1 if direction in {"later", "after", "from now", "hence"} else -1
    anaphoric = direction not in {"ago", "back", "from now", "hence"}
    if anaphoric and unit in {"D", "W"} and direction in {"earlier", "later"}:
        # "three days later": TimeML news corpora read the span of days, not the day it lands on
        return Reading("DURATION", _duration(amount, unit))
    if unit in {"H", "MIN", "S"}:
        if anaphoric:
            return None  # "an hour later": the duration is the expression, "later" its signal
        # "two hours ago": the day it happened is all that is known without a clock time to count from
        ref = _reference_day(ctx if anaphoric else Context(ctx.published))
        return Reading("DATE", ref[1] if ref else "XXXX-XX-XX", ref[1] if ref else None, anaphoric and bool(ref))
    whole = int(amount)
    if amount != whole:
        # "two and a half years ago": count in the next unit down
        unit, whole = {"Y": ("M", int(amount * 12)), "M": ("D", int(amount * 30))}.get(unit, (unit, whole))
    quarter = _quarter_reference(ctx)
    if quarter and unit == "Y" and sign < 0 and whole == 1:
        # "profit fell from $5 million a year ago" beside "the third quarter": that quarter a year before
        value = cal.shift_value(quarter, -whole, "Y")
        return Reading("DATE", value, quarter, True)
    if anaphoric and ctx.reference and (ctx.reference_explicit or unit not in {"Y", "DE", "CE"}):
        # "a year earlier" counts from a date written out; after "last year" it is a year before the
        # publication, as news corpora read it, not two
        parsed = cal.parse_value(ctx.reference)
        if parsed:
            base, granularity = parsed
            # "a year earlier" than a day is still read as a year; "two days later" than one is a day
            granularity = cal.coarser(granularity, unit) if unit in {"Y", "DE", "CE"} else granularity
            try:
                value = cal.period(cal.shift(base, sign * whole, unit), granularity)
            except ValueError:
                return None
            return Reading("DATE", value, ctx.reference, True)
    if ctx.published is None:
        return Reading("DATE", _unknown(unit))
    granularity = {"Q": "Q", "DE": "Y", "CE": "Y", "ML": "Y", "WE": "W"}.get(unit, unit)  # "a decade ago": a year
    try:
        value = cal.period(cal.shift(ctx.published, sign * whole, unit if unit != "ML" else "CE"), granularity)
    except ValueError:
        return None
    return _relative(ctx, value)


# ---------------------------------------------------------------------------------------------------------------
# Durations: "four days", "a year and four days", "the past three months", "two-year", "74-year-old",
# "2 1/2 hours", "several years", "the first nine months", "decades"


@rule(
    "duration",
    r"""(?:(?P<approx>(?!(?:over|under|within)\s+the\b)<APPROX>)\s+)?(?:the\s+)?
    (?:(?P<rel><DURATION_REL>)\s+)?
    (?P<n><NUM>|<VAGUE>)(?:\s*(?:to|or|-|–)\s*(?P<n_to><NUM>))?(?:\s+(?:more|additional|further|extra|other))?
    [\s-]+(?:<UNIT_QUALIFIER>[\s-]+)?(?P<unit><UNIT>)
    (?:\s*,?\s+(?:and\s+|(?!an?\s))(?P<n2><NUM>)[\s-]+(?P<unit2><UNIT>))?
    (?P<half>\s+and\s+a\s+half)?
    (?P<old>[\s-]+old)?""",
    TRIGGERS["unit"],
    10,
)
def _read_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = _unit(m["unit"])
    n_text = _low(m["n"])
    if re.fullmatch(r"1\d{3}|20\d\d", n_text):
        return None  # "the 1988 quarter": a year, not a count
    if unit == "Q" and (_follows(m, r"of\b") or "-" in m[0]):
        return None  # "three-quarters of", "a quarter of the vote": a fraction
    if n_text in {"a", "an"} and not m["rel"] and not m["approx"]:
        if _precedes(m, _AMOUNT):
            # "$1.76 a year", "80,000 barrels a day", "twice a week": a rate, which TimeML reads as a set
            return Reading("SET", _duration(1, unit)) if unit not in {"S", "Q"} else None
        if unit == "S" and not _follows(m, r"[,.;:!?)]|$"):
            return None  # "a second term", "a second or third person": the ordinal
    if n_text in {"a", "an", "one"} and m["unit"].lower().endswith("s") and m["unit"].lower() not in {"hrs", "yrs"}:
        return None
    amount = number(n_text)
    if amount is not None and amount == 0:
        return None
    if m["half"] and amount is not None:
        amount += 0.5
    if amount is not None and unit in {"Y", "DE", "CE"} and amount > 5000:
        return None
    parts_value = _duration(amount, unit)
    if m["n2"] and m["unit2"]:
        second = number(m["n2"])
        if amount is None or second is None:
            return Reading("DURATION", parts_value)
        first = _duration(amount, unit)
        other = _duration(second, _unit(m["unit2"]))
        parts_value = _merge_durations(first, other)
    # an age ("74-year-old") is read like any duration; the parse decides whether it is a thing's (find.py)
    return Reading("DURATION", parts_value)


# An amount and up to two words after it: "a day" after it is a rate ("80,000 barrels a day", "twice a week").
_AMOUNT = r"(?:\d[\d,.]*%?|\bmillion|\bbillion|\bthousand|\bhundred|\btimes|\btwice|\bonce|\bpercent|\bcents?)"
_AMOUNT += r"(?:\s+(?-i:[a-z]+)){0,2}"


def _merge_durations(a: str, b: str) -> str:
    parts: list[tuple[int, str]] = []
    for value in (a, b):
        date, _, time = value[1:].partition("T")
        parts += [(int(n), u) for n, u in re.findall(r"(\d+)([YMWD])", date)]
        parts += [(int(n), "MIN" if u == "M" else u) for n, u in re.findall(r"(\d+)([HMS])", time)]
    return _join_duration(parts)


@rule(
    "duration_period",
    r"""(?:an?\s+|the\s+)?(?P<n><NUM>)[\s-]+(?P<unit><UNIT1>)[\s-]+(?P<noun><PERIOD_NOUN>)""",
    TRIGGERS["unit"],
    4,
)
def _read_duration_period(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "a three-year period", "a one-year term": the noun names the span, so it belongs to the expression."""
    amount = number(m["n"])
    return Reading("DURATION", _duration(amount, _unit(m["unit"]))) if amount else None


@rule(
    "vague_duration",
    r"""(?:(?P<approx>(?!(?:over|under|within)\s+the\b)<APPROX>)\s+)?(?:the\s+)?
    (?:(?P<rel>past|last|next|coming|recent|ensuing|following|previous|early|first|intervening|same|many|several|few)\s+)?
    (?P<unit>years|months|weeks|days|decades|centuries|hours|minutes|quarters)(?P<long>[\s-]+long)?""",
    TRIGGERS["unit"],
    6,
)
def _read_vague_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    if _follows(m, r"old\b|of\s+age|['’]\s|apart\b") or _precedes(m, r"matter\s+of"):
        return None  # "a matter of days", "minutes apart": an amount, not a period
    if m["unit"][0].isupper() and m.start() > 0 and m.string[m.start() - 2 : m.start()].strip() not in {"", ".", '"'}:
        return None  # "60 Minutes": a title
    unit = _unit(m["unit"])
    return Reading("DURATION", _duration(None, unit))


@rule("single_unit_adjective", r"(?P<unit>day|year|month|week|hour|decade)-long", TRIGGERS["unit"], 0)
def _read_single_unit_adjective(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DURATION", _duration(1, _unit(m["unit"])))


# ---------------------------------------------------------------------------------------------------------------
# Sets: "every Monday", "each year", "annual", "daily", "twice a week", "Tuesday nights"


@rule(
    "set",
    r"""(?:(?P<times>once|twice|thrice|(?:<NUM>)\s+times)\s+)?
    (?P<every>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?(?:(?P<n><NUM>)\s+)?
    (?P<unit><UNIT>|<WEEKDAY_FULL>|<MONTH_FULL>|morning|afternoon|evening|night|<SEASON>)""",
    (*TRIGGERS["unit"], *TRIGGERS["weekday"], *TRIGGERS["month"], *TRIGGERS["day_part"], *TRIGGERS["season"]),
    7,
)
def _read_set(m: re.Match[str], ctx: Context) -> Reading | None:
    every = _low(m["every"])
    if every in {"a", "an"} and not m["times"]:
        return None  # "$1.76 a year" is rarely marked; "a year" alone is a duration
    if every == "each" and _follows(m, r"of\b"):
        return None
    word = _low(m["unit"])
    if word in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[word]}")
    if word in MONTHS:
        return Reading("SET", f"XXXX-{MONTHS[word]:02d}")
    if word in SEASONS:
        return Reading("SET", f"XXXX-{SEASONS[word]}")
    if word in DAY_PARTS:
        return Reading("SET", f"XXXX-XX-XXT{DAY_PARTS[word]}")
    unit = _unit(word)
    amount = number(m["n"]) if m["n"] else 1.0
    if m["other"]:
        amount = 2.0
    if amount is None:
        return None
    return Reading("SET", _duration(amount, unit))


@rule("set_word", r"(?P<word><SET_WORD>)", content_words(SETS), 2)
def _read_set_word(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", SETS[_low(m["word"])])


@rule(
    "set_weekdays",
    r"(?P<wd><WEEKDAYS>)(?:\s+(?P<part>mornings|afternoons|evenings|nights))?|(?P<we>weekends)",
    TRIGGERS["weekdays"],
    1,
)
def _read_set_weekdays(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["we"]:
        return Reading("SET", "XXXX-WXX-WE")
    weekday = WEEKDAYS[_low(m["wd"])[:-1]]
    part = DAY_PARTS.get(_low(m["part"])) if m["part"] else None
    return Reading("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))


# ---------------------------------------------------------------------------------------------------------------
# The present, the past and the future: "now", "currently", "recently", "the future"


@rule("reference", r"(?P<word><REFERENCE>)", content_words(REFERENCES), 4)
def _read_reference(m: re.Match[str], ctx: Context) -> Reading | None:
    word = _low(m["word"])
    if word in {"the future", "the past", "the present"} and _follows(m, r"of\b|tense\b|\d|<NUM>|<VAGUE>"):
        return None  # "the future of NATO", "the past three summers"
    if word == "now" and _follows(m, r"that\b|-|defunct\b|famous\b"):
        return None
    if word == "current" and _follows(m, r"<CURRENT_THING>\b"):
        return None
    return Reading("DATE", REFERENCES[word])


# ---------------------------------------------------------------------------------------------------------------


def read(text: str, ctx: Context) -> Reading | None:
    """The reading of a whole expression by the rule that matches all of it (the longest, then the earliest rule).

    >>> import datetime as dt
    >>> read("the past three months", Context(dt.date(2023, 2, 28))).value
    'P3M'
    """
    best: tuple[int, int, Reading] | None = None
    for priority, r in enumerate(RULES):
        m = r.pattern.fullmatch(text)
        if m is None:
            continue
        reading = r.apply(m, ctx)
        if reading is not None and (best is None or priority < best[1]):
            best = (len(text), priority, reading)
    return best[2] if best else None
