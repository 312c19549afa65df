"""WARC input: HTML responses streamed as articles, the rest skipped, damaged records and files reported in place."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastwarc.warc import WarcRecordType

from newsgraph.model import Article, Failure
from newsgraph.sources import InputError, is_warc, read_directory, read_warc
from warcs import page, record, response

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"

STORY = (
    "<p>The mayor of Springfield resigned on Tuesday after a long dispute with the city council over the "
    "budget, saying she had done what she could.</p>"
    "<p>The council will choose a successor at its next meeting, officials said in a statement.</p>"
)


def archive(compressed: bool = True) -> list[bytes]:
    """The records of a small crawl: pages 1-3 with a request, an image, a redirect and metadata between."""
    out = [record(WarcRecordType.warcinfo, "", b"software: test\r\n", "application/warc-fields")]
    out.append(record(WarcRecordType.request, "https://x.test/1", b"GET /1 HTTP/1.1\r\n\r\n", "application/http"))
    out.append(response("https://x.test/1", page(1, STORY)))
    out.append(response("https://x.test/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), b"image/png"))
    out.append(response("https://x.test/old", b"moved", status=b"301 Moved Permanently"))
    out.append(response("https://x.test/2", page(2, STORY, date_meta="2023-02-27T08:00:00Z")))
    out.append(record(WarcRecordType.metadata, "https://x.test/2", b"fetchTimeMs: 12\r\n", "application/warc-fields"))
    out.append(response("https://x.test/3", page(3, STORY)))
    return [gzip.compress(r) for r in out] if compressed else out


@pytest.mark.parametrize("compressed", [True, False])
def test_html_responses_become_articles_and_the_rest_is_skipped(tmp_path, compressed):
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(b"".join(archive(compressed)))
    assert is_warc(path)
    items = list(read_warc(path))
    assert all(isinstance(i, Article) for i in items)
    assert [i.url for i in items] == ["https://x.test/1", "https://x.test/2", "https://x.test/3"]
    assert [i.headline for i in items] == ["Story 1", "Story 2", "Story 3"]
    # The page's own date wins; the record's date stands in for pages without one.
    assert [i.published for i in items] == ["2023-02-28", "2023-02-27", "2023-02-28"]
    assert all(str(i.id).startswith("urn:uuid:") for i in items)
    assert "resigned on Tuesday" in items[0].text and "story number 1" in items[0].text


def test_a_truncated_gzip_cuts_the_last_record_short_and_the_rest_is_read(tmp_path):
    data = b"".join(archive())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:-40])  # the last member loses its end
    items = list(read_warc(path))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Failure"]
    assert items[2].type == "truncated" and "cut short" in items[2].message and str(path) in items[2].message


def test_a_corrupt_record_in_the_middle_is_one_error_and_reading_resumes_after_it(tmp_path):
    members = archive()
    broken = members[5][:20] + b"\x00" * 40 + members[5][60:]  # page 2's gzip member, damaged
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(b"".join([*members[:5], broken, *members[6:]]))
    items = list(read_warc(path))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    assert items[1].type == "damaged_warc" and "the records before were read" in items[1].message
    assert items[2].url == "https://x.test/3"


def test_a_record_over_the_size_limit_is_an_error_in_its_place(tmp_path):
    path = tmp_path / "big.warc.gz"
    path.write_bytes(b"".join(archive()))
    items = list(read_warc(path, max_bytes=300))
    assert items and all(isinstance(i, Failure) and i.type == "too_large" for i in items)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("fake.warc", b"this is not an archive\n" * 10, "not a WARC archive"),
        ("fake.warc.gz", gzip.compress(b"this is not an archive\n" * 10), "not a WARC archive"),
        ("bad.warc.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 40, "not a WARC archive: its gzip data cannot be read"),
        ("zero.warc.gz", b"", "empty: no records"),
        ("zero.warc", b"", "empty: no records"),
        ("blank.warc.gz", gzip.compress(b""), "empty: no records"),
    ],
    ids=["text", "gzip-of-text", "bad-gzip", "zero-bytes-gz", "zero-bytes", "gzip-of-nothing"],
)
def test_a_file_that_is_not_a_warc_or_is_empty_is_an_error_not_zero_records(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem) as info:
        list(read_warc(path))
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)
    # In a directory (or among several inputs) it is one error record, and the rest is read.
    (tmp_path / "note.txt").write_text("Mayor quits\nThe mayor resigned on Tuesday.")
    items = {i.id: i for i in read_directory(tmp_path)}
    assert {k: type(i).__name__ for k, i in items.items()} == {name: "Failure", "note.txt": "Article"}
    assert problem in items[name].message


def test_an_archive_without_html_pages_says_so(tmp_path):
    path = tmp_path / "no-pages.warc.gz"
    members = archive()
    path.write_bytes(b"".join([members[0], members[1], members[3], members[4]]))  # info, request, image, redirect
    with pytest.raises(InputError, match="empty: no records \\(no HTML pages in the archive\\)"):
        list(read_warc(path))


def test_a_body_that_decodes_to_more_than_the_limit_is_not_read_whole(tmp_path):
    # A small record whose gzip body decodes to a megabyte: refused by what it decodes to, reading no more.
    body = gzip.compress(page(9, "<p>" + "word " * 200_000 + "</p>"))
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
    http += b"Content-Length: %d\r\n\r\n" % len(body) + body
    path = tmp_path / "bomb.warc"
    path.write_bytes(record(WarcRecordType.response, "https://x.test/9", http, "application/http; msgtype=response"))
    [item] = list(read_warc(path, max_bytes=100_000))
    assert isinstance(item, Failure) and item.type == "too_large" and "over 100,000 bytes decoded" in item.message


def test_cli_analyses_every_article_of_a_warc_and_of_a_directory(tmp_path):
    warc = tmp_path / "in" / "crawl.warc.gz"
    warc.parent.mkdir()
    members = archive()
    warc.write_bytes(b"".join(members)[:-40])
    (tmp_path / "in" / "note.txt").write_text("Mayor quits\nLONDON, Feb 28, 2023 (Reuters) - The mayor resigned.")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([str(NEWSGRAPH), "analyze", str(warc), "-o", str(out)], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line.get("url") for line in lines[:2]] == ["https://x.test/1", "https://x.test/2"]
    assert lines[2]["error"]["type"] == "truncated" and lines[2]["id"].startswith("urn:uuid:")
    proc = subprocess.run([str(NEWSGRAPH), "analyze", str(tmp_path / "in"), "-o", str(out)], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4 and lines[-1]["id"] == "note.txt" and lines[-1]["published"] == "2023-02-28"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [("text.warc.gz", gzip.compress(b"just some text\n" * 20), "not a WARC archive"), ("zero.warc.gz", b"", "empty")],
    ids=["gzip-of-text", "zero-bytes"],
)
def test_cli_refuses_an_archive_that_is_not_one_or_is_empty(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([str(NEWSGRAPH), "analyze", str(path), "-o", str(out)], capture_output=True, timeout=300)
    assert proc.returncode == 1
    message = proc.stderr.decode().strip()
    assert len(message.splitlines()) == 1 and str(path) in message and problem in message, message
    assert not out.exists()
