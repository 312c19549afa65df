from __future__ import annotations

import json

import pytest

from newsgraph.model import Article, Failure
from newsgraph.sources import (
    InputError,
    article_from_html,
    article_from_record,
    decode,
    parse_published,
    read_file,
    read_jsonl,
    resolve_headline,
)

PAGE = """<!DOCTYPE html><html><head><title>Mayor quits | Daily Example</title>
<meta property="article:published_time" content="2023-03-01T10:00:00Z"></head>
<body><nav>Home | News | Sport</nav><article><h1>Mayor quits</h1>
<p>The mayor of Springfield resigned on Tuesday after a long dispute with the city council over the budget.</p>
<p>“I have done what I could,” she told reporters outside the town hall, adding that she would stay on until May.</p>
<p>The council will choose a successor at its next meeting, officials said in a statement on Wednesday.</p>
</article><footer>Copyright 2023</footer></body></html>"""


def test_decode_replaces_invalid_utf8_and_says_so():
    text, warnings = decode("café society, ".encode() + b"\xff\xfe" + b" and the rest of a long line", "a.txt")
    assert text.startswith("café ") and "\ufffd" in text
    assert len(warnings) == 1 and "a.txt" in warnings[0] and "invalid UTF-8" in warnings[0]


def test_decode_refuses_binary_and_oversized_input():
    with pytest.raises(InputError, match=r"a\.bin: binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.bin")
    with pytest.raises(InputError, match=r"big\.txt: too large"):
        decode(b"x" * 101, "big.txt", max_bytes=100)


def test_headline_is_first_non_empty_line_a_given_string_or_none():
    assert resolve_headline("\n\n  Title here \nBody", True) == "Title here"
    assert resolve_headline("Title\nBody", "Given") == "Given"
    assert resolve_headline("Title\nBody", False) is None


def test_published_accepts_dates_and_datetimes_and_names_bad_values():
    assert parse_published("2023-02-28", "x") == "2023-02-28"
    assert parse_published("2023-02-28T23:59:00+01:00", "x") == "2023-02-28"
    assert parse_published(None, "x") is None
    with pytest.raises(InputError, match="published"):
        parse_published("2023-02-30", "x")
    with pytest.raises(InputError, match="not an ISO date"):
        parse_published("yesterday", "x")


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x00\x01\x02binary", "binary")],
)
def test_read_file_refuses_bad_files_naming_them(tmp_path, content, problem):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_file(str(path))
    assert str(path) in str(info.value) and problem in str(info.value)


def test_read_file_refuses_missing_paths_directories_and_large_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_file(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_file(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    with pytest.raises(InputError, match="too large"):
        read_file(str(big), max_bytes=50)


def test_read_file_keeps_plain_text_exactly(tmp_path):
    raw = "Headline\r\n\r\nBody line one.\r\nBody “two”.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode())
    article = read_file(str(path), published="2023-01-02")
    assert article.text == raw
    assert article.headline == "Headline"
    assert article.published == "2023-01-02"
    assert article.id == "a"


def test_html_page_gives_article_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    article = read_file(str(path))
    assert "resigned on Tuesday" in article.text
    assert "Home | News" not in article.text and "Copyright" not in article.text
    assert "\n" in article.text  # paragraphs stay paragraphs
    assert article.published == "2023-03-01"
    assert article.headline and "Mayor quits" in article.headline


def test_html_without_article_is_an_error():
    with pytest.raises(InputError, match="no article text"):
        article_from_html("<html><body><script>var x = 1;</script></body></html>", "p1")


def test_record_fields_are_checked():
    article = article_from_record({"id": "r", "text": "Head\nBody.", "headline": False, "url": "http://x"}, 1)
    assert isinstance(article, Article) and article.headline is None and article.url == "http://x"
    with pytest.raises(InputError, match='no "text" or "html"'):
        article_from_record({"id": "r"}, 1)
    with pytest.raises(InputError, match="text: expected a string, got a number"):
        article_from_record({"text": 42}, 1)
    with pytest.raises(InputError, match="headline: expected a string or false"):
        article_from_record({"text": "x", "headline": 3}, 1)
    with pytest.raises(InputError, match="expected a JSON object"):
        article_from_record(["text"], 1)


def test_read_jsonl_gives_one_item_per_line_with_line_numbers(tmp_path):
    lines = [
        json.dumps({"id": "good", "text": "Headline\nA body."}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": ["a list"]}),
        "",
        json.dumps({"text": "Second good one.\nBody."}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(read_jsonl(path))
    assert len(items) == len(lines)
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Failure", "Failure", "Article"]
    assert items[0].id == "good" and items[5].id == 6
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.line for f in failures] == [2, 3, 4, 5]
    assert [f.type for f in failures] == ["invalid_json", "missing_text", "invalid_field", "empty_line"]
    assert failures[1].id == "no-text"
    assert all(f"{path}:{f.line}" in f.message for f in failures)


def test_read_jsonl_warns_about_invalid_utf8_in_a_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 society\\nBody."}\n')
    [article] = list(read_jsonl(path))
    assert isinstance(article, Article)
    assert "\ufffd" in article.text and "invalid UTF-8" in article.warnings[0]
