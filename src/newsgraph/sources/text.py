"""Plain-text articles: decoding bytes, the headline line, the publication date (given, or from a dateline)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeVar

from newsgraph.lexicon import table
from newsgraph.model import Article, RecordId
from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError

# Control characters other than tab, line feed, carriage return and form feed do not occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
# Surrogate code points are halves of UTF-16 pairs, not characters: JSON's "\ud800" escapes put them in a string,
# and they cannot be encoded (spaCy, the output, the database all fail on them).
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def decode(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, tuple[str, ...]]:
    """Bytes of a text file as a string, and warnings about what had to be repaired.

    Invalid UTF-8 is decoded with U+FFFD in place of each bad byte and said in a warning; binary data (NUL bytes, or
    mostly control characters and bad bytes) is refused.

    >>> decode(b"caf\\xe9 society", "x.txt")
    ('caf� society', ('x.txt: invalid UTF-8: 1 byte sequence(s) replaced with U+FFFD',))
    """
    if len(data) > max_bytes:
        raise InputError(
            source, f"too large: {len(data):,} bytes, the limit is {max_bytes:,} (--max-bytes)", "too_large"
        )
    if b"\x00" in data:
        raise InputError(source, "binary data (NUL bytes), expected UTF-8 text", "binary")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        warnings.append(f"{source}: invalid UTF-8: {bad} byte sequence(s) replaced with U+FFFD")
    text = text.removeprefix("\ufeff")
    odd = len(_CONTROL.findall(text)) + text.count("\ufffd")
    if text and odd > 0.1 * len(text):
        raise InputError(source, "binary data (mostly control characters or bytes that are not UTF-8)", "binary")
    return text, tuple(warnings)


def replace_surrogates(text: str, source: str) -> tuple[str, tuple[str, ...]]:
    """`text` with each surrogate code point replaced by U+FFFD (one character for one, so offsets stay), and a
    warning when there were any.

    >>> replace_surrogates("a\\ud800b", "x")
    ('a�b', ('x: 1 lone surrogate(s) (not Unicode characters) replaced with U+FFFD',))
    """
    found = len(_SURROGATE.findall(text))
    if not found:
        return text, ()
    warning = f"{source}: {found} lone surrogate(s) (not Unicode characters) replaced with U+FFFD"
    return _SURROGATE.sub("\ufffd", text), (warning,)


Body = TypeVar("Body", str, bytes, str | bytes)


def repair_fields(
    source: str, body: Body, headline: bool | str | None, url: str | None, warnings: tuple[str, ...]
) -> tuple[Body, bool | str | None, str | None, tuple[str, ...]]:
    """An article's text (or page), headline and URL without lone surrogates (`replace_surrogates`), and its
    warnings with what was replaced in the text."""
    if isinstance(body, str):
        repaired: tuple[str, ...]  # declared: mypy checks this function once per kind of body
        body, repaired = replace_surrogates(body, source)
        warnings = (*warnings, *repaired)
    if isinstance(headline, str):
        headline = replace_surrogates(headline, source)[0]
    if isinstance(url, str):
        url = replace_surrogates(url, source)[0]
    return body, headline, url, warnings


def resolve_headline(text: str, headline: bool | str | None) -> str | None:
    """The headline: the first non-empty line of `text` when `headline` is True or None, the given string, or none.

    >>> resolve_headline("\\n  Big news  \\nBody.", True)
    'Big news'
    """
    if headline is False:
        return None
    if isinstance(headline, str):
        return headline.strip() or None
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def parse_published(value: object, source: str) -> str | None:
    """A publication date as YYYY-MM-DD from an ISO date or date-time string; None stays None.

    >>> parse_published("2023-02-28T09:30:00Z", "x")
    '2023-02-28'
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(source, f"published: expected an ISO date string, got {type(value).__name__}", "invalid_field")
    m = _DATE.match(value.strip())
    if not m:
        raise InputError(source, f"published: {value!r} is not an ISO date (YYYY-MM-DD)", "invalid_field")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError as e:
        raise InputError(source, f"published: {value!r} is not a valid date ({e})", "invalid_field") from None


_MONTHS = {name: int(number) for name, number in table("timex_months").items()}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))


def _date(order: str, tag: str) -> str:
    """A date pattern, month first ("Feb 28, 2023") or day first ("28 February 2023"), with named groups."""
    month = rf"(?P<month{tag}>{_MONTH_NAMES})\.?"
    day = rf"(?P<day{tag}>[0-3]?\d)(?:st|nd|rd|th)?"
    year = rf"(?:,?\s+(?P<year{tag}>(?:19|20)\d\d))?"
    return rf"{month}\s+{day}{year}" if order == "md" else rf"{day}\s+{month}{year}"


# "LONDON, Feb 28 (Reuters) -", "WASHINGTON, March 3, 2023 —", "Paris, 28 February 2023 (AFP) -": a place in
# capitals or capitalised words, the date, an optional agency in brackets, then a dash or colon.
_PLACE = r"(?:[A-Z][\w.'’-]*(?:[ /][A-Z][\w.'’-]*){0,4}(?:,\s*[A-Z][\w.'’ -]{1,30})?,\s+)?"
_AGENCY = r"(?:\s*\([^()\n]{1,40}\))?"
_DATELINE = re.compile(
    rf"^\s*{_PLACE}(?:{_date('md', '')}|{_date('dm', '2')}){_AGENCY}\s*[-–—:]",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"(?<![\d£$€])((?:19|20)\d\d)(?![\d%])")
_DATELINE_LINES = 5


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the top of an article: the date it gives, where it is, and whether the year was given."""

    date: str  # YYYY-MM-DD
    start: int
    end: int
    year_given: bool


def find_dateline(text: str, today: dt.date | None = None) -> Dateline | None:
    """The dateline of a news article (in its first lines), as a date, or None.

    A dateline without a year ("LONDON, Feb 28 (Reuters) -") takes the year the article mentions most (the latest
    of those tied), not after `today`; with no year in the text there is no date.

    >>> find_dateline("Oil rises\\nLONDON, Feb 28, 2023 (Reuters) - Oil prices rose on Tuesday.").date
    '2023-02-28'
    >>> find_dateline("Oil rises\\nLONDON, Feb 28 (Reuters) - Oil prices rose, the highest since 2021 and 2023.").date
    '2023-02-28'
    >>> find_dateline("Oil prices rose on Tuesday.") is None
    True
    """
    today = today or dt.date.today()
    offset = 0
    for n, line in enumerate(text.split("\n")):
        if n >= _DATELINE_LINES:
            break
        m = _DATELINE.match(line)
        offset_here = offset
        offset += len(line) + 1
        if m is None:
            continue
        month = _MONTHS[(m["month"] or m["month2"]).lower()]
        day = int(m["day"] or m["day2"])
        given = m["year"] or m["year2"]
        year = int(given) if given else _likely_year(text, today)
        if year is None:
            return None
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        return Dateline(date.isoformat(), offset_here + m.start(), offset_here + m.end(), given is not None)
    return None


def _likely_year(text: str, today: dt.date) -> int | None:
    counts: dict[int, int] = {}
    for m in _ANY_YEAR.finditer(text):
        year = int(m.group(1))
        if year <= today.year:
            counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def article_from_text(
    text: str,
    id: RecordId,
    *,
    headline: bool | str | None = True,
    published: str | None = None,
    url: str | None = None,
    warnings: tuple[str, ...] = (),
    source: str | None = None,
) -> Article:
    """An `Article` from plain text, which is kept exactly as given: every offset will point into it."""
    name = source or str(id)
    text, headline, url, warnings = repair_fields(name, text, headline, url, warnings)
    if not text.strip():
        raise InputError(name, "empty: no text to analyse", "empty")
    date = parse_published(published, name)
    if date is None:
        dateline = find_dateline(text)
        if dateline is not None:
            date = dateline.date
            if not dateline.year_given:
                said = text[dateline.start : dateline.end].strip()
                warnings = (*warnings, f"{name}: publication date {date} from the dateline {said!r}, year inferred")
    return Article(
        id=id,
        text=text,
        headline=resolve_headline(text, headline),
        published=date,
        url=url,
        warnings=warnings,
    )
