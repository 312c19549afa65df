"""WARC and WARC.gz files (web archives such as Common Crawl's CC-NEWS): one article per HTML response record.

Records are streamed with fastwarc, one at a time, so memory stays flat however large the file: only the record
being read is held. Records that are not HTML pages (requests, metadata, images, redirects) are skipped; each HTML
page becomes an `Article` with the URL and, when the page gives no publication date, the date of the record
(`WARC-Target-URI`, `WARC-Date`). A record that cannot be read (cut short, too large, a page with no article)
becomes a `Failure` in its place; a damaged stretch of a compressed file (truncated or corrupt gzip) becomes one
`Failure`, and reading resumes at the next intact record when there is one. A file that is empty, is not a WARC
at all (a gzip of something else) or holds no HTML page raises `InputError` when read: nothing is silently lost.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.model import Article, Failure
from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError
from newsgraph.sources.html import article_from_html

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08")
_WARC_START = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")
_SCAN_CHUNK = 1 << 20


def is_warc(path: str | Path) -> bool:
    """Is the file a WARC (by extension, or by its first bytes: "WARC/1." or a gzip member holding them)?"""
    name = str(path).lower()
    if name.endswith(WARC_SUFFIXES):
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(512)
    except OSError:
        return False
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/1.")


def read_warc(
    path: str | Path,
    *,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Failure]:
    """Stream the HTML pages of a WARC (or WARC.gz) file as Articles, in file order; a bad record as a Failure.

    `published` is the date for pages whose own metadata and record both lack one (a record always has one, so in
    practice it is unused); `headline` works as for HTML input.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name = str(path)
    wanted = WarcRecordType.response | WarcRecordType.resource
    offset, failures, items = 0, 0, 0
    with open(path, "rb") as f:
        _check_start(f, name)
        while True:
            f.seek(offset)
            last = offset
            try:
                records = ArchiveIterator(f, parse_http=True, record_types=wanted, auto_decode="all")
                for record in records:
                    last = record.stream_pos
                    item = _item(record, name, published, headline, max_bytes)
                    if item is not None:
                        items += 1
                        yield item
                if not items:  # only requests, metadata, images…: say so rather than give nothing
                    raise InputError(name, "empty: no records (no HTML pages in the archive)", "empty")
                return
            except InputError:
                raise
            except Exception as e:  # fastwarc raises StreamError (and others) on damaged data
                items += 1
                failures += 1
                where = f"{name} at byte {last:,}"
                yield Failure(
                    f"{Path(name).name}#damaged-{failures}",
                    "damaged_warc",
                    f"{where}: cannot read on ({type(e).__name__}: {e}); the records before were read",
                )
                resume = _next_record(f, last + 1)
                if resume is None:
                    return
                offset = resume


def _item(record, name: str, published: str | None, headline: bool | str | None, max_bytes: int):
    """The Article (or Failure) of one record, or None for a record that is not an HTML page."""
    headers = record.headers
    record_id = (headers.get("WARC-Record-ID") or f"{Path(name).name}@{record.stream_pos}").strip("<>")
    url = headers.get("WARC-Target-URI") or None
    source = f"{name}: record {record_id}" + (f" ({url})" if url else "")
    http = record.http_headers if record.is_http else None
    if http is not None:
        status = http.status_code or 0
        content_type = (record.http_content_type or "").lower()
        if not 200 <= status < 300 or not content_type.startswith(_HTML_TYPES):
            return None
    else:
        content_type = (headers.get("Content-Type") or "").lower()
        if not content_type.startswith(_HTML_TYPES):
            return None
    length = record.content_length
    if length > max_bytes:
        return Failure(record_id, "too_large", f"{source}: too large: {length:,} bytes, the limit is {max_bytes:,}")
    payload = record.reader.read(max_bytes + 1)  # a compressed body may decode to far more than its length
    if len(payload) > max_bytes:
        return Failure(record_id, "too_large", f"{source}: too large: over {max_bytes:,} bytes decoded")
    # A body decoded from gzip or chunks has another length than the record says; any other body must be whole.
    encoded = http is not None and (http.get("Content-Encoding") or http.get("Transfer-Encoding"))
    if not encoded and len(payload) < length:
        return Failure(record_id, "truncated", f"{source}: record cut short ({len(payload):,} of {length:,} bytes)")
    charset = (record.http_charset if http is not None else None) or "utf-8"
    try:
        html = payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        html = payload.decode("utf-8", errors="replace")
    try:
        article = article_from_html(html, record_id, url=url, headline=headline, source=source)
    except InputError as e:
        return Failure(record_id, e.kind, str(e))
    if article.published is None:
        day = _record_day(headers.get("WARC-Date")) or published
        if day is not None:
            article = dataclasses.replace(article, published=day)
    return article


def _check_start(f: BinaryIO, name: str) -> None:
    """Refuse a file that is empty or does not begin with a WARC record (compressed or not)."""
    head = f.read(4096)
    f.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error as e:
            raise InputError(name, f"not a WARC archive: its gzip data cannot be read ({e})", "not_warc") from None
    if not head.strip():
        raise InputError(name, "empty: no records", "empty")
    if not head.lstrip().startswith(b"WARC/"):
        raise InputError(name, "not a WARC archive (it does not begin with a WARC/1.x record)", "not_warc")


def _record_day(value: str | None) -> str | None:
    """The day of a WARC-Date ("2023-02-28T10:00:00Z" -> "2023-02-28")."""
    if not value:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", value.strip())
    return m.group(1) if m else None


def _next_record(f: BinaryIO, start: int) -> int | None:
    """The offset of the next intact record at or after `start`: in a compressed file a gzip member that opens
    with "WARC/1.", in an uncompressed one a "WARC/1." line."""
    f.seek(0)
    compressed = f.read(2) == b"\x1f\x8b"
    pos = start
    while True:
        f.seek(pos)
        chunk = f.read(_SCAN_CHUNK + 64)
        if not chunk:
            return None
        if compressed:
            for m in _GZIP_MEMBER.finditer(chunk):
                at = pos + m.start()
                f.seek(at)
                try:
                    head = zlib.decompressobj(wbits=31).decompress(f.read(4096), 16)
                except zlib.error:
                    continue
                if head.startswith(b"WARC/1."):
                    return at
        else:
            line = _WARC_START.search(chunk)
            if line is not None:
                return pos + line.start() + (chunk[line.start() : line.start() + 1] == b"\n")
        pos += _SCAN_CHUNK
