"""Calendar arithmetic and TIMEX3 values: a date seen at a granularity, shifted by whole units.

A TIMEX3 date value names a period at some granularity: a day (`2023-02-28`), an ISO week (`2023-W09`), a month
(`2023-02`), a quarter (`2023-Q1`), a half (`2023-H1`), a season (`2023-WI`), a year, a decade (`202`) or a
century (`20`). Relative expressions are a reference date shifted by whole units and seen at the unit's
granularity: "two years ago" is the publication date minus two years, seen as a year.

>>> import datetime as dt
>>> d = dt.date(2023, 2, 28)
>>> period(shift(d, -1, "Y"), "Y"), period(shift(d, 1, "W"), "W"), period(d, "Q"), period(d, "SEASON")
('2022', '2023-W10', '2023-Q1', '2022-WI')
>>> shift_value("1989-Q3", -1, "Y"), shift_value("1998-08-07", 1, "D")
('1988-Q3', '1998-08-08')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

GRANULARITIES = ("D", "W", "M", "Q", "H", "SEASON", "Y", "DE", "CE")

# Which season a month is in (meteorological seasons; December opens the winter named after its own year).
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, keeping the day of the month where it exists (Jan 31 + 1 month = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """`day` moved by `n` units (D, W, WE, M, Q, H, Y, DE, CE, SEASON).

    >>> shift(dt.date(2020, 2, 29), 1, "Y")
    datetime.date(2021, 2, 28)
    """
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit in {"W", "WE"}:
        return day + dt.timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "H": 6, "SEASON": 12, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        raise ValueError(f"cannot shift by unit {unit!r}")
    return add_months(day, n * months)


def season_of(day: dt.date) -> tuple[int, str]:
    """The season `day` falls in, as (year, code); January and February belong to the previous year's winter."""
    code = _SEASON_OF_MONTH.get(day.month, "FA")
    return (day.year - 1 if day.month < 3 else day.year), code


def period(day: dt.date, granularity: str) -> str:
    """The TIMEX3 value of the period at `granularity` that contains `day`.

    >>> period(dt.date(1998, 1, 1), "W"), period(dt.date(1998, 8, 7), "DE"), period(dt.date(1998, 8, 7), "WE")
    ('1998-W01', '199', '1998-W32-WE')
    """
    if granularity == "D":
        return day.isoformat()
    if granularity in {"W", "WE"}:
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == "WE" else "")
    if granularity == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "H":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if granularity == "SEASON":
        year, code = season_of(day)
        return f"{year:04d}-{code}"
    if granularity == "Y":
        return f"{day.year:04d}"
    if granularity == "DE":
        return f"{day.year // 10:03d}"
    if granularity == "CE":
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d?)(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)


def parse_value(value: str) -> tuple[dt.date, str] | None:
    """A TIMEX3 date value as (the first day of its period, its granularity); None when it is not a plain date.

    >>> parse_value("1989-Q3"), parse_value("2000-W7")
    ((datetime.date(1989, 7, 1), 'Q'), (datetime.date(2000, 2, 14), 'W'))
    """
    m = _VALUE.match(value)
    if not m:
        return None
    year = int(m["y"])
    try:
        if m["d"]:
            return dt.date(year, int(m["m"]), int(m["d"])), "D"
        if m["m"]:
            return dt.date(year, int(m["m"]), 1), "M"
        if m["w"]:
            return dt.date.fromisocalendar(year, int(m["w"]), 1), "WE" if m["we"] else "W"
        if m["q"]:
            return dt.date(year, 3 * int(m["q"]) - 2, 1), "Q"
        if m["h"]:
            return dt.date(year, 6 * int(m["h"]) - 5, 1), "H"
        if m["s"]:
            return dt.date(year, SEASON_START[m["s"]], 1), "SEASON"
        return dt.date(year, 1, 1), "Y"
    except ValueError:
        return None


def shift_value(value: str, n: int, unit: str) -> str | None:
    """A TIMEX3 date value moved by `n` units, at its own granularity (None when it is not a plain date)."""
    parsed = parse_value(value)
    if parsed is None:
        return None
    day, granularity = parsed
    try:
        return period(shift(day, n, unit), granularity)
    except ValueError:
        return None


def coarser(granularity: str, unit: str) -> str:
    """The coarser of a value's granularity and a unit's ("a year before March 1989" is still a month)."""
    order = {g: i for i, g in enumerate(GRANULARITIES)}
    order["WE"] = order["W"]
    if granularity not in order or unit not in order:
        return granularity
    return granularity if order[granularity] >= order[unit] else unit


def nth_weekday(year: int, month: int, n: int, weekday: int) -> dt.date:
    """The `n`th ISO `weekday` (Monday = 1) of a month; n = -1 is the last one.

    >>> nth_weekday(2023, 11, 4, 4)  # Thanksgiving
    datetime.date(2023, 11, 23)
    """
    if n < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm).

    >>> easter(2024)
    datetime.date(2024, 3, 31)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday(rule: str, year: int) -> dt.date | None:
    """The date of a holiday in `year` from its rule in `timex_holidays.txt` (None when the rule is not valid).

    >>> holiday("12-25", 2023), holiday("11 4 4", 2023), holiday("easter-2", 2024), holiday("election", 2024)
    (datetime.date(2023, 12, 25), datetime.date(2023, 11, 23), datetime.date(2024, 3, 29), datetime.date(2024, 11, 5))
    """
    try:
        if rule == "election":
            return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
        if rule.startswith("easter"):
            return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
        if re.fullmatch(r"\d\d-\d\d", rule):
            month, day = rule.split("-")
            return dt.date(year, int(month), int(day))
        month, n, weekday = rule.split()
        return nth_weekday(year, int(month), int(n), int(weekday))
    except ValueError:
        return None
