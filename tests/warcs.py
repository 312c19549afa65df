"""WARC records made in tests: an HTML page as an HTTP response record, as a crawler writes it."""

from __future__ import annotations

import io

from fastwarc.warc import WarcRecord, WarcRecordType


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
