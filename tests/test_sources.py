from __future__ import annotations

import json

import pytest

from newsgraph import analyze_many
from newsgraph.model import Article, Failure
from newsgraph.sources import (
    InputError,
    PageMetadata,
    article_from_html,
    article_from_record,
    article_from_text,
    decode,
    extract,
    find_dateline,
    kind_of,
    parse_published,
    read_directory,
    read_file,
    read_jsonl,
    resolve_headline,
)
from newsgraph.sources.files import date_in_name, iter_files
from newsgraph.sources.html import MAX_ELEMENTS, nesting_depth

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


# ---------------------------------------------------------------- HTML: metadata, limits, languages

FULL_PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Mayor quits | Daily Example</title>
<meta property="og:title" content="Mayor quits after budget row">
<meta property="og:site_name" content="Daily Example">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://daily.example.com/news/mayor-quits">
<meta property="article:published_time" content="2023-03-01T10:00:00Z"></head>
<body><nav>Home | News | Sport</nav><article><h1>Mayor quits</h1>
<p>The mayor of Springfield resigned on Tuesday after a long dispute with the city council over the budget.</p>
<h2>What happens next</h2>
<p>The council will choose a successor at its next meeting, officials said in a statement on Wednesday.</p>
</article><footer>Copyright 2023</footer></body></html>"""

BODY = (
    "<p>The mayor of Springfield resigned on Tuesday after a long dispute with the city council over the budget, "
    "saying she had done what she could for the town.</p>"
    "<p>The council will choose a successor at its next meeting, officials said in a statement on Wednesday.</p>"
)


def test_html_metadata_headline_date_author_site_url_language():
    text, meta = extract(FULL_PAGE)
    assert meta == PageMetadata(
        headline="Mayor quits after budget row",
        published="2023-03-01",
        author="Jane Reporter",
        site="Daily Example",
        url="https://daily.example.com/news/mayor-quits",
        language="en-GB",
        headings=(0, text.index("What happens next")),  # the page's h1 and its h2, by the lines' offsets
    )
    # One paragraph a line, the subheading kept as a line of its own, the navigation and footer left out.
    assert text.split("\n")[1:] == [
        "The mayor of Springfield resigned on Tuesday after a long dispute with the city council over the budget.",
        "What happens next",
        "The council will choose a successor at its next meeting, officials said in a statement on Wednesday.",
    ]


def test_html_author_and_site_reach_the_analysis():
    article = article_from_html(FULL_PAGE, "page")
    assert (article.author, article.site) == ("Jane Reporter", "Daily Example")
    [result] = analyze_many([article])
    assert result.to_dict()["author"] == "Jane Reporter" and result.to_dict()["site"] == "Daily Example"


def test_html_date_falls_back_to_the_url_and_caller_metadata_wins():
    page = f"<html><body><article>{BODY}</article></body></html>"
    url = "https://news.example.com/2022/11/05/mayor-quits.html"
    assert extract(page, url=url)[1].published == "2022-11-05"
    article = article_from_html(page, "p", url=url, published="2022-11-06", headline="Given")
    assert (article.published, article.headline, article.url) == ("2022-11-06", "Given", url)


def test_html_nested_too_deep_or_too_large_is_refused_with_the_reason():
    deep = "<html><body>" + "<div>" * 400 + f"<article>{BODY}</article>" + "</div>" * 400 + "</body></html>"
    with pytest.raises(InputError, match="nested too deep") as info:
        article_from_html(deep, "deep", source="deep.html")
    assert info.value.kind == "too_deep" and "deep.html" in str(info.value)
    huge = "<html><body>" + "<span>x</span>" * (MAX_ELEMENTS + 1) + "</body></html>"
    with pytest.raises(InputError, match="too many elements"):
        article_from_html(huge, "huge")


def test_html_in_another_language_is_read():
    page = (
        "<html><body><article><p>Le maire de Springfield a démissionné mardi après un long conflit avec le conseil "
        "municipal au sujet du budget de la ville.</p><p>Le conseil choisira un successeur lors de sa prochaine "
        "réunion, ont indiqué les responsables dans un communiqué.</p></article></body></html>"
    )
    article = article_from_html(page, "fr", source="fr.html")
    assert "démissionné" in article.text
    assert article.warnings == ()  # the pipeline judges the language (tests/test_language.py)


def test_nesting_depth_counts_elements_not_void_tags():
    assert nesting_depth("<html><body><div><p>x<br><img src=a></p></div></body></html>") == 4


# ---------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("text", "date", "year_given"),
    [
        ("Oil rises\nLONDON, Feb 28, 2023 (Reuters) - Oil prices rose on Tuesday.", "2023-02-28", True),
        ("WASHINGTON, March 3, 2023 — The Senate voted on Friday.", "2023-03-03", True),
        ("Paris, 28 February 2023 (AFP) - Le gouvernement a annoncé.", "2023-02-28", True),
        ("NEW YORK/LONDON, Sept. 5, 2022 (Reuters) - Stocks fell.", "2022-09-05", True),
        ("Headline\nBy Jane Doe\nKYIV, Ukraine, Feb 24, 2022 (AP) — Russia attacked.", "2022-02-24", True),
        # No year in the dateline: the year the article mentions most.
        ("LONDON, Feb 28 (Reuters) - Oil rose to its highest since 2021; in 2023 demand grew.", "2023-02-28", False),
    ],
)
def test_datelines_give_the_publication_date(text, date, year_given):
    found = find_dateline(text)
    assert found is not None and (found.date, found.year_given) == (date, year_given)
    assert text[found.start : found.end].rstrip(" -—").endswith((")", "2023", "2022", "28", "24", "3", "5"))


@pytest.mark.parametrize(
    "text",
    [
        "Oil prices rose on Tuesday, traders said.",
        "The mayor said on March 3, 2023 - that was the day - the budget passed.",
        "LONDON, Feb 28 (Reuters) - Oil rose, traders said.",  # no year anywhere: no date
        "LONDON, Feb 30, 2023 (Reuters) - No such day.",
    ],
)
def test_no_dateline_no_date(text):
    assert find_dateline(text) is None


def test_plain_text_takes_its_date_from_the_dateline_unless_one_is_given():
    text = "Oil rises\nLONDON, Feb 28 (Reuters) - Oil prices rose, the highest since 2021 and 2023."
    article = article_from_text(text, "r")
    assert article.published == "2023-02-28"
    assert "year inferred" in article.warnings[0]
    assert article_from_text(text, "r", published="2023-03-01").published == "2023-03-01"
    assert article_from_text("Oil rises\nOil prices rose on Tuesday.", "r").published is None


# ---------------------------------------------------------------- directories


def test_directories_are_read_recursively_every_kind_by_extension_or_content(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("First story\nThe mayor resigned on Tuesday.", encoding="utf-8")
    (tmp_path / "b" / "page.html").write_text(FULL_PAGE, encoding="utf-8")
    (tmp_path / "b" / "records.jsonl").write_text(
        json.dumps({"text": "Head\nBody one."}) + "\n" + json.dumps({"id": "own", "text": "Head\nTwo."}) + "\n"
    )
    (tmp_path / "b" / "no_extension").write_text(f"<html><body><article>{BODY}</article></body></html>")
    (tmp_path / "c.txt").write_bytes(b"")  # an empty file: an error in its place
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not read
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden\nNot read.")
    assert [(p.name, k) for p, k in iter_files(tmp_path)] == [
        ("a.txt", "text"),
        ("c.txt", "text"),
        ("no_extension", "html"),
        ("page.html", "html"),
        ("records.jsonl", "jsonl"),
    ]
    items = list(read_directory(tmp_path))
    assert [i.id for i in items] == ["a.txt", "c.txt", "b/no_extension", "b/page.html", "b/records.jsonl:1", "own"]
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article", "Article", "Article", "Article"]
    assert items[1].type == "empty" and "c.txt" in items[1].message
    assert items[3].published == "2023-03-01"


def test_kind_of_sniffs_content_when_the_extension_says_nothing(tmp_path):
    cases = {"x1": b'{"text": "a"}\n', "x2": b"<!DOCTYPE html><html></html>", "x3": b"Just words.\n", "x4": b"\x00\x01"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert [kind_of(tmp_path / n) for n in cases] == ["jsonl", "html", "text", None]


def test_plain_text_in_another_language_is_read_not_refused():
    text = (
        "Le maire démissionne\nLe maire de Springfield a démissionné mardi après un long conflit avec le conseil "
        "municipal au sujet du budget de la ville, ont indiqué les responsables dans un communiqué."
    )
    article = article_from_text(text, "fr", source="fr.txt")
    assert article.text == text
    assert article.warnings == ()  # the pipeline judges the language (tests/test_language.py)
    russian = "Мэр Спрингфилда ушёл в отставку во вторник после долгого спора с городским советом о бюджете. " * 3
    assert article_from_text(russian, "ru").text == russian
    assert (
        article_from_text("Mayor quits\n" + "The mayor resigned on Tuesday after a long row. " * 5, "en").warnings == ()
    )


def test_a_date_in_the_file_name_is_the_publication_date_unless_one_is_given(tmp_path):
    path = tmp_path / "breitbart_2016-09-12_health.txt"
    path.write_text("Headline\n\nShe spoke yesterday.\n", encoding="utf-8")
    assert read_file(str(path)).published == "2016-09-12"
    assert read_file(str(path), published="2016-01-01").published == "2016-01-01"
    assert date_in_name("x_2016-13-40_y.txt") is None and date_in_name("20160912.txt") is None
    assert date_in_name("a_2016-13-01_b_2016-10-02.txt") == "2016-10-02"
