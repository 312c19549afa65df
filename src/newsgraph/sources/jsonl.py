"""JSONL batches: one record a line, each read into an `Article` or, when it cannot be, a `Failure` in its place."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.model import Article, Failure, RecordId
from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError
from newsgraph.sources.html import article_from_html
from newsgraph.sources.text import article_from_text

_OPTIONAL_STRINGS = ("url",)


def article_from_record(
    record: Any,
    id: RecordId,
    *,
    source: str | None = None,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """An `Article` from one record: {"text" or "html", "id", "published", "url", "headline"}.

    `id` is used when the record has none; `published` and `headline` are defaults that the record's own fields
    override. A record's `headline` may be a string (the headline), false (no headline line) or absent (the first
    non-empty line of the text).
    """
    name = source or f"record {id}"
    if not isinstance(record, dict):
        raise InputError(name, f"expected a JSON object, got {_json_type(record)}", "invalid_record")
    record_id = record.get("id", id)
    if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
        raise InputError(name, f"id: expected a string or an integer, got {_json_type(record_id)}", "invalid_field")
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(name, f"{key}: expected a string, got {_json_type(record[key])}", "invalid_field")
    head = record.get("headline", headline)
    if head is not None and not isinstance(head, (str, bool)):
        raise InputError(name, f"headline: expected a string or false, got {_json_type(head)}", "invalid_field")
    when = record.get("published", published)
    text, html = record.get("text"), record.get("html")
    body = text if text is not None else html
    field = "text" if text is not None else "html"
    if body is None:
        raise InputError(name, 'no "text" or "html" field', "missing_text")
    if not isinstance(body, str):
        raise InputError(name, f"{field}: expected a string, got {_json_type(body)}", "invalid_field")
    size = len(body.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise InputError(name, f"{field}: too large: {size:,} bytes, the limit is {max_bytes:,}", "too_large")
    if field == "html":
        return article_from_html(body, record_id, url=record.get("url"), published=when, headline=head, source=name)
    return article_from_text(body, record_id, headline=head, published=when, url=record.get("url"), source=name)


def read_jsonl(
    path: str | Path,
    *,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    id_prefix: str | None = None,
) -> Iterator[Article | Failure]:
    """Stream the records of a JSONL file in order: one `Article` or `Failure` per line, so lines out = lines in.

    A record without an `id` gets its line number, or "<id_prefix>:<line number>" when `id_prefix` is given (so
    that records of several files in one batch keep distinct ids).
    """
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            item = record_from_line(raw, number, str(path), published=published, headline=headline, max_bytes=max_bytes)
            if id_prefix is not None and item.id == number:
                item = dataclasses.replace(item, id=f"{id_prefix}:{number}")
            yield item


def record_from_line(
    raw: bytes,
    number: int,
    path: str,
    *,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article | Failure:
    """One JSONL line as an `Article`, or a `Failure` naming the file, the line and the problem."""
    name = f"{path}:{number}"
    line = raw.decode("utf-8", errors="replace")
    if not line.strip():
        return Failure(number, "empty_line", f"{name}: empty line, expected a JSON object", number)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return Failure(number, "invalid_json", f"{name}: not valid JSON ({e.msg} at column {e.colno})", number)
    record_id = record.get("id", number) if isinstance(record, dict) else number
    if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
        record_id = number
    try:
        article = article_from_record(
            record, number, source=name, published=published, headline=headline, max_bytes=max_bytes
        )
    except InputError as e:
        return Failure(record_id, e.kind, str(e), number)
    if "\ufffd" in line and b"\xef\xbf\xbd" not in raw:
        warning = f"{name}: invalid UTF-8 in the line, replaced with U+FFFD"
        article = dataclasses.replace(article, warnings=(*article.warnings, warning))
    return article


def _json_type(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        type(None): "null",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
