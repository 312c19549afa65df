"""Hostile input: nothing lost, nothing crashes. Every line of a batch gives one item out, whatever the line holds;
sizes are bounded before reading, not after; text that is not valid Unicode is repaired, not fatal.

These tests need no spaCy model (reading is separate from the analysis), so they are fast.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.model import Article, Failure
from newsgraph.sources import InputError, article_from_html, article_from_text, read_directory, read_jsonl
from newsgraph.sources.files import iter_files
from newsgraph.sources.html import MAX_ELEMENTS, count_elements
from newsgraph.sources.jsonl import line_limit, record_from_line

GOOD = json.dumps({"id": "good", "text": "Mayor quits\nThe mayor resigned on Tuesday."})
HUGE_ID = '{"id": 1' + "0" * 5000 + ', "text": "Mayor quits\\nBody."}'  # past Python's int-string limit
DEEP = "[" * 100_000 + "]" * 100_000  # past the JSON decoder's recursion limit


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n")
    return path


# ---------------------------------------------------------------- one bad line is that line's error


def test_a_line_json_cannot_read_is_a_failure_and_the_batch_goes_on(tmp_path):
    path = write_lines(tmp_path / "in.jsonl", [GOOD, HUGE_ID, DEEP, GOOD])
    items = list(read_jsonl(path))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert [(i.type, i.line, i.id) for i in items[1:3]] == [("invalid_json", 2, 2), ("invalid_json", 3, 3)]
    assert "over 4,300 digits" in items[1].message and "nested too deep" in items[2].message
    assert all(f"{path}:{i.line}" in i.message and "\n" not in i.message for i in items[1:3])


def test_record_from_line_never_raises_on_what_json_cannot_read():
    # The same function reads the lines of `ingest` and of the Spark job, so they are protected too.
    for raw in (HUGE_ID.encode(), DEEP.encode()):
        item = record_from_line(raw, 7, "x.jsonl")
        assert isinstance(item, Failure) and (item.type, item.line) == ("invalid_json", 7)


def test_json_error_messages_read_well():
    item = record_from_line(b'{"text": "cut off', 1, "x.jsonl")
    assert item.message == "x.jsonl:1: not valid JSON (Unterminated string starting at column 10)"
    assert "at at" not in item.message


def test_a_byte_order_mark_on_the_first_line_is_not_part_of_the_record(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (GOOD + "\n" + GOOD + "\n").encode())
    assert [type(i).__name__ for i in read_jsonl(path)] == ["Article", "Article"]


# ---------------------------------------------------------------- sizes are bounded before reading


def test_an_over_long_line_is_skipped_unread_and_the_numbering_goes_on(tmp_path):
    limit = line_limit(100)
    path = write_lines(tmp_path / "long.jsonl", [GOOD, "x" * (limit + 5000), GOOD, b"y" * (limit * 2)])
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # the last line, over-long, has no line break
    items = list(read_jsonl(path, max_bytes=100))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article", "Failure"]
    assert [(i.type, i.line, i.id) for i in items[1::2]] == [("too_large", 2, 2), ("too_large", 4, 4)]
    assert f"{path}:2: line too long: over {limit:,} bytes" in items[1].message
    # The same limit applies to a line handed over whole (as the Spark job does).
    assert record_from_line(b"z" * (limit + 1), 9, "s.jsonl", max_bytes=100).type == "too_large"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_read_only_up_to_the_size_limit():
    # /dev/zero says it has size 0 and never ends: reading it whole would exhaust memory (here: a MemoryError
    # under a 512 MB address-space limit) instead of refusing it as too large.
    script = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))\n"
        "from newsgraph.sources.files import read_bytes\n"
        "read_bytes('/dev/zero', 100)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert b"InputError: /dev/zero: too large: over 100 bytes" in proc.stderr, proc.stderr[-500:]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_directory_read_skips_pipes_and_devices(tmp_path):
    (tmp_path / "a.txt").write_text("Mayor quits\nThe mayor resigned on Tuesday.")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # Something written into the pipe, so that reading it would not block: a pipe is still no article file.
    fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        os.write(fd, b"Words in a pipe\n")
        assert [p.name for p, _ in iter_files(tmp_path)] == ["a.txt"]
    finally:
        os.close(fd)


# ---------------------------------------------------------------- empty batch inputs


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_a_jsonl_file_without_records_is_an_error_alone_and_a_failure_in_a_directory(tmp_path, content):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"empty\.jsonl: empty: no records"):
        list(read_jsonl(path))
    (tmp_path / "a.txt").write_text("Mayor quits\nThe mayor resigned on Tuesday.")
    items = list(read_directory(tmp_path))
    assert [(i.id, type(i).__name__) for i in items] == [("a.txt", "Article"), ("empty.jsonl", "Failure")]
    assert items[1].type == "empty"


def test_blank_lines_before_the_first_record_are_still_one_item_each(tmp_path):
    path = write_lines(tmp_path / "in.jsonl", ["", "  ", GOOD, ""])
    items = list(read_jsonl(path))
    assert [getattr(i, "type", "article") for i in items] == ["empty_line", "empty_line", "article", "empty_line"]
    assert [items[0].line, items[1].line, items[3].line] == [1, 2, 4]


# ---------------------------------------------------------------- text that is not valid Unicode


def test_lone_surrogates_are_replaced_one_for_one_with_a_warning():
    text = "Mayor quits\nThe mayor \ud800 resigned on \udfff Tuesday."
    article = article_from_text(text, "s", headline="Head \udc00")
    assert article.text == text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert len(article.text) == len(text)  # offsets into the text stay right
    assert article.headline == "Head \ufffd"
    assert article.warnings == ("s: 2 lone surrogate(s) (not Unicode characters) replaced with U+FFFD",)


def test_lone_surrogates_from_json_escapes_reach_no_output(tmp_path):
    line = json.dumps({"id": "a\ud800", "text": "Mayor quits\nThe mayor \ud83d resigned.", "headline": "H\udc00"})
    assert "\\ud800" in line  # json.dumps writes the escape, json.loads makes the surrogate again
    [article] = list(read_jsonl(write_lines(tmp_path / "s.jsonl", [line])))
    assert isinstance(article, Article)
    assert (article.id, article.headline) == ("a\ufffd", "H\ufffd") and "\ufffd" in article.text
    assert any("lone surrogate" in w for w in article.warnings)
    failure = record_from_line(json.dumps({"id": "b\udfff"}).encode(), 1, "s.jsonl")
    assert failure.id == "b\ufffd"
    _writable(failure)


def test_lone_surrogates_in_html_are_replaced_with_a_warning():
    body = "<p>The mayor of Springfield resigned on Tuesday \ud800 after a long dispute with the council.</p>" * 3
    article = article_from_html(f"<html><body><article>{body}</article></body></html>", "p")
    assert "\ufffd" in article.text and "\ud800" not in article.text
    assert any("lone surrogate" in w for w in article.warnings)


# ---------------------------------------------------------------- HTML element limit


def test_elements_are_counted_by_their_start_tags():
    assert count_elements("<!DOCTYPE html><html><body><p>1 < 2<br/></p><!-- note --></body></html>") == 4
    huge = "<html><body>" + "<span>x</span>" * (MAX_ELEMENTS + 1) + "</body></html>"
    with pytest.raises(InputError, match=f"about {MAX_ELEMENTS + 3:,}, the limit"):
        article_from_html(huge, "huge")


# ---------------------------------------------------------------- properties: one item per line, never an exception

_SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "\ufeff", "\u2028", "\x00", "\x85"])
_TEXT = st.lists(st.one_of(st.characters(), _SURROGATES), max_size=30).map("".join)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), _TEXT, st.sampled_from(["2023-02-28", "2023-02-30T25"])
)
JSON_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=12
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        key: st.one_of(JSON_VALUES, _TEXT, st.just("Mayor quits\nThe mayor resigned on Tuesday."))
        for key in ("text", "html", "id", "headline", "published", "url")
    },
)
LINES = st.one_of(
    st.binary(max_size=200),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    RECORDS.map(lambda r: json.dumps(r).encode()),
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", errors="surrogatepass")),
).map(lambda line: line.replace(b"\n", b" "))

PROPERTY = settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow], database=None
)


@PROPERTY
@given(st.lists(LINES, min_size=1, max_size=6))
def test_any_lines_give_one_item_each_and_never_an_exception(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        if not any(_has_record(line, first=n == 0) for n, line in enumerate(lines)):
            with pytest.raises(InputError, match="empty: no records"):
                list(read_jsonl(path, max_bytes=2000))
            return
        items = list(read_jsonl(path, max_bytes=2000))
    assert len(items) == len(lines)
    for number, item in enumerate(items, start=1):
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert item.line == number and "\n" not in item.message
        _writable(item)


@PROPERTY
@given(LINES, st.integers(min_value=1, max_value=10**6))
def test_record_from_line_returns_an_item_for_any_bytes(line, number):
    item = record_from_line(line, number, "x.jsonl", max_bytes=2000)
    assert isinstance(item, (Article, Failure))
    if isinstance(item, Failure):
        assert item.line == number and "\n" not in item.message
    _writable(item)


def _has_record(line: bytes, first: bool) -> bool:
    """Is the line anything but blank (after a byte-order mark, on the first line)?"""
    if first:
        line = line.removeprefix(b"\xef\xbb\xbf")
    return bool(line.decode("utf-8", errors="replace").strip())


def _writable(item: Article | Failure) -> None:
    """What is read can be written out as UTF-8 (a surrogate left in any field could not)."""
    json.dumps(dataclasses.asdict(item), ensure_ascii=False).encode("utf-8")
