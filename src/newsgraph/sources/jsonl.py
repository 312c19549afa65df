"""JSONL batches: one record a line, each read into an `Article` or, when it cannot be, a `Failure` in its place."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.model import Article, Failure, RecordId
from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError
from newsgraph.sources.html import article_from_html
from newsgraph.sources.text import article_from_text, replace_surrogates

_OPTIONAL_STRINGS = ("url",)
_BOM = b"\xef\xbb\xbf"
_SKIP_CHUNK = 1 << 20
"""Bytes read at a time while skipping the rest of an over-long line, so that memory stays flat."""


def line_limit(max_bytes: int) -> int:
    """The longest JSONL line read for articles of at most `max_bytes`: JSON escapes ("\\u00e9", "\\n") take up to
    six bytes for one byte of text, and the other fields need room too. Longer lines are refused unread."""
    return 6 * max_bytes + 65_536


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
    if isinstance(record_id, str):
        record_id = replace_surrogates(record_id, name)[0]
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
    that records of several files in one batch keep distinct ids). A line longer than `line_limit(max_bytes)` is
    skipped unread (a `Failure` in its place), so that memory stays bounded however long a line is.

    A file with no record at all (no bytes, or only blank lines) raises `InputError` "empty: no records" when it is
    read: a batch reader turns that into one `Failure` for the file.
    """
    limit = line_limit(max_bytes)
    options: dict[str, Any] = {"published": published, "headline": headline, "max_bytes": max_bytes}
    blank = 0  # blank lines before the first record, held back until a record shows the file is not empty
    with open(path, "rb") as f:
        number = 0
        while raw := f.readline(limit + 1):
            number += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := f.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                item: Article | Failure = _too_long(f"{path}:{number}", number, limit)
            else:
                item = record_from_line(raw, number, str(path), **options)
            if blank == number - 1 and isinstance(item, Failure) and item.type == "empty_line":
                blank += 1
                continue
            for held in range(1, blank + 1):
                yield _with_prefix(record_from_line(b"", held, str(path), **options), held, id_prefix)
            blank = 0
            yield _with_prefix(item, number, id_prefix)
    if number == blank:
        raise InputError(str(path), "empty: no records" + (" (only blank lines)" if number else ""), "empty")


def _with_prefix(item: Article | Failure, number: int, id_prefix: str | None) -> Article | Failure:
    if id_prefix is not None and item.id == number:
        return dataclasses.replace(item, id=f"{id_prefix}:{number}")
    return item


def _too_long(name: str, number: int, limit: int) -> Failure:
    return Failure(number, "too_large", f"{name}: line too long: over {limit:,} bytes (--max-bytes)", number)


def record_from_line(
    raw: bytes,
    number: int,
    path: str,
    *,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article | Failure:
    """One JSONL line as an `Article`, or a `Failure` naming the file, the line and the problem; never raises, so
    that one bad line cannot end a batch (here, in `newsgraph ingest` or in a Spark task)."""
    name = f"{path}:{number}"
    if len(raw) > line_limit(max_bytes):
        return _too_long(name, number, line_limit(max_bytes))
    if number == 1:
        raw = raw.removeprefix(_BOM)  # a byte-order mark some editors put at the start of a UTF-8 file
    line = raw.decode("utf-8", errors="replace")
    if not line.strip():
        return Failure(number, "empty_line", f"{name}: empty line, expected a JSON object", number)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        # Some of json's messages end in "at" ("Unterminated string starting at"): the column completes them.
        problem = f"{e.msg.removesuffix(' at')} at column {e.colno}"
        return Failure(number, "invalid_json", f"{name}: not valid JSON ({problem})", number)
    except RecursionError:  # arrays or objects nested thousands deep
        return Failure(number, "invalid_json", f"{name}: cannot read the JSON (nested too deep)", number)
    except Exception as e:  # ValueError for a number of more digits than Python converts, or any other limit
        digits = sys.get_int_max_str_digits()
        too_long = "integer string conversion" in str(e)
        problem = f"a number of over {digits:,} digits" if too_long else f"{type(e).__name__}: {e}"
        return Failure(number, "invalid_json", f"{name}: cannot read the JSON ({problem})", number)
    record_id = record.get("id", number) if isinstance(record, dict) else number
    if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
        record_id = number
    if isinstance(record_id, str):
        record_id = replace_surrogates(record_id, name)[0]
    try:
        article = article_from_record(
            record, number, source=name, published=published, headline=headline, max_bytes=max_bytes
        )
    except InputError as e:
        return Failure(record_id, e.kind, str(e), number)
    except Exception as e:  # whatever else a hostile record finds (a library's limit): this line's error
        return Failure(record_id, "invalid_record", f"{name}: cannot read the record ({type(e).__name__}: {e})", number)
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
