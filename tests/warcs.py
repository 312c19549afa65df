"""WARC records made in tests: a news page as an HTTP response record, as a crawler writes it."""

from __future__ import annotations

import io

from fastwarc.warc import WarcRecord, WarcRecordType


def page(n: int, story: str, date_meta: str | None = None) -> bytes:
    """Page n of a news site: title and heading "Story n", the story's paragraphs, one line of its own, and the
    publication date in the page's metadata when given."""
    meta = f'<meta property="article:published_time" content="{date_meta}">' if date_meta else ""
    return (
        f"<html><head><title>Story {n}</title>{meta}</head><body><article><h1>Story {n}</h1>{story}"
        f"<p>This is story number {n}.</p></article></body></html>"
    ).encode()


def record(kind: WarcRecordType, uri: str, block: bytes, content_type: str) -> bytes:
    r = WarcRecord()
    r.init_headers(len(block), kind)
    r.headers["WARC-Target-URI"] = uri
    r.headers["WARC-Date"] = "2023-02-28T10:00:00Z"
    r.headers["Content-Type"] = content_type
    r.set_bytes_content(block)
    buf = io.BytesIO()
    r.write(buf)
    return buf.getvalue()


def response(
    uri: str, body: bytes, content_type: bytes = b"text/html; charset=utf-8", status: bytes = b"200 OK"
) -> bytes:
    http = b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type
    http += b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    return record(WarcRecordType.response, uri, http, "application/http; msgtype=response")
