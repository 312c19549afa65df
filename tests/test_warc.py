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
from newsgraph.sources import is_warc, read_warc
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


def test_a_file_that_is_not_a_warc_is_one_error(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\n" * 10)
    [item] = list(read_warc(path))
    assert isinstance(item, Failure) and item.type == "damaged_warc"


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
