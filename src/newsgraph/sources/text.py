"""Plain-text articles: decoding bytes, the headline line, the publication date."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.model import Article, RecordId
from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError

# Control characters other than tab, line feed, carriage return and form feed do not occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def decode(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, tuple[str, ...]]:
    """Bytes of a text file as a string, and warnings about what had to be repaired.

    Invalid UTF-8 is decoded with U+FFFD in place of each bad byte and said in a warning; binary data (NUL bytes, or
    mostly control characters and bad bytes) is refused.

    >>> decode(b"caf\\xe9", "x.txt")
    ('caf�', ('x.txt: invalid UTF-8: 1 byte sequence(s) replaced with U+FFFD',))
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
    if not text.strip():
        raise InputError(name, "empty: no text to analyse", "empty")
    return Article(
        id=id,
        text=text,
        headline=resolve_headline(text, headline),
        published=parse_published(published, name),
        url=url,
        warnings=warnings,
    )
