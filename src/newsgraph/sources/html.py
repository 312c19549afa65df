"""HTML pages: the article text and its metadata, extracted with trafilatura (the date falling back to htmldate).

The text keeps one paragraph a line, so that the cleaner (`newsgraph.clean`) and the parse see paragraphs; the
same plain-text cleaning then applies to it as to any article. Pages that cannot hold an article (nothing found,
too many elements, nested too deep for the HTML parser) are refused with the reason; a page whose text is not
English is read as any other (the pipeline finds its language and leaves the English-only layers empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import Article, RecordId
from newsgraph.sources.errors import InputError
from newsgraph.sources.text import parse_published, repair_fields, replace_surrogates

if TYPE_CHECKING:
    from trafilatura.settings import Document

MAX_ELEMENTS = 200_000
"""Pages with more tags than this are refused: extraction time grows with the tree, and no article needs so many."""
SHORT_TEXT = 1000
"""Below this many characters an extraction that favours precision is checked against the balanced one."""
MAX_DEPTH = 255
"""The HTML parser (libxml2) stops building the tree below this depth, so a page nested deeper loses its text."""

# A start tag opens an element; end tags, comments, doctypes and a "<" in text ("a < b") do not.
_START_TAG = re.compile(r"<[A-Za-z]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
        "keygen",
    ]
)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about its article: headline, publication date (YYYY-MM-DD), author, site, URL, language.

    Any of them may be None when the page does not say.
    """

    headline: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    headings: tuple[int, ...] = ()  # start offsets of the text's lines that the page marks as headings


def extract(html: str | bytes, *, url: str | None = None, source: str = "page") -> tuple[str, PageMetadata]:
    """The article text of an HTML page (one paragraph a line) and its metadata.

    Raises `InputError` when the page has no article text, or is too large or too deeply nested to hold one.

    >>> text, meta = extract("<html><head><title>Mayor quits</title></head><body><article>"
    ...     "<p>The mayor of Springfield resigned on Tuesday after a long dispute with the council.</p>"
    ...     "<p>The council will choose a successor at its next meeting, officials said.</p>"
    ...     "</article></body></html>")
    >>> text.splitlines()[0]
    'The mayor of Springfield resigned on Tuesday after a long dispute with the council.'
    >>> meta.headline
    'Mayor quits'
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    html = replace_surrogates(html, source)[0]  # lxml cannot encode them; the caller warns
    if not html.strip():
        raise InputError(source, "empty: no HTML to read", "empty")
    n_elements = count_elements(html)
    if n_elements > MAX_ELEMENTS:
        raise InputError(
            source, f"too many elements (about {n_elements:,}, the limit is {MAX_ELEMENTS:,})", "too_large"
        )
    try:
        # Tables are kept (articles put figures in them); favouring precision leaves out more of the page around
        # the article, which the benchmark (../shared/tools/extract_eval.py) prefers. When that finds little, the
        # balanced setting is asked too and the longer text wins: precision sometimes keeps only a teaser.
        doc = _bare_extraction(html, url, favor_precision=True)
        if doc is None or len(doc.text or "") < SHORT_TEXT:
            balanced = _bare_extraction(html, url, favor_precision=False)
            if balanced is not None and len(balanced.text or "") > 2 * len((doc.text or "") if doc else ""):
                doc = balanced
    except Exception as e:  # trafilatura and lxml raise many kinds on broken pages
        raise InputError(source, f"unreadable HTML ({type(e).__name__}: {e})", "invalid_html") from None
    text = _paragraphs(doc.text if doc is not None else None)
    if not text:
        depth = nesting_depth(html)
        if depth > MAX_DEPTH:
            raise InputError(
                source, f"nested too deep to read ({depth} levels, the parser stops at {MAX_DEPTH})", "too_deep"
            )
        raise InputError(source, "no article text found in the HTML page", "no_article")
    assert doc is not None  # the text came from it
    meta = PageMetadata(
        headline=_clean(doc.title),
        published=_page_date(doc.date) or _htmldate(html, url),
        author=_clean(doc.author),
        site=_clean(doc.sitename) or _clean(doc.hostname),
        url=_clean(doc.url) or url,
        language=_clean(doc.language) or _declared_language(html),
        headings=heading_lines(text, doc.body),
    )
    return text, meta


def article_from_html(
    html: str | bytes,
    id: RecordId,
    *,
    url: str | None = None,
    published: str | None = None,
    headline: bool | str | None = True,
    warnings: tuple[str, ...] = (),
    source: str | None = None,
) -> Article:
    """The article in an HTML page: its main text (paragraphs separated by line breaks), headline, date and URL.

    Metadata given by the caller (`published`, `url`, a headline string) wins over what the page says; the page's
    date falls back to htmldate (URL, meta tags, visible dates).
    """
    name = source or str(id)
    html, headline, url, warnings = repair_fields(name, html, headline, url, warnings)
    text, meta = extract(html, url=url, source=name)
    if isinstance(headline, str):
        title: str | None = headline.strip() or None
    elif headline is False:
        title = None
    else:
        title = meta.headline
    return Article(
        id=id,
        text=text,
        headline=title,
        published=parse_published(published, name) or meta.published,
        url=url or meta.url,
        author=meta.author,
        site=meta.site,
        warnings=warnings,
        headings=meta.headings,
    )


def _bare_extraction(html: str, url: str | None, favor_precision: bool) -> Document | None:
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=favor_precision,
    )
    assert not isinstance(doc, dict)  # a dict only when asked for with as_dict=True
    return doc


def heading_lines(text: str, body: object) -> tuple[int, ...]:
    """The start offsets of the lines of `text` that trafilatura's tree (`body`) has as headings (`<head>`, from
    the page's h1-h6): the article's own subheadings, which the cleaner must not take for other stories' headlines.

    >>> from lxml import etree
    >>> body = etree.fromstring("<body><p>One.</p><head rend='h2'>What next</head><p>Two.</p></body>")
    >>> heading_lines("One.\\nWhat next\\nTwo.", body)
    (5,)
    """
    if body is None or not hasattr(body, "iter"):
        return ()
    heads = {" ".join("".join(el.itertext()).split()) for el in body.iter("head")}
    heads.discard("")
    out, pos = [], 0
    for line in text.split("\n"):
        if " ".join(line.split()) in heads:
            out.append(pos)
        pos += len(line) + 1
    return tuple(out)


def count_elements(html: str) -> int:
    """How many elements a page has: its start tags (each element has one; end tags and comments are not counted).

    >>> count_elements("<!DOCTYPE html><html><body><p>1 < 2<br/></p><!-- note --></body></html>")
    4
    """
    return sum(1 for _ in _START_TAG.finditer(html))


def nesting_depth(html: str) -> int:
    """The deepest nesting of elements in a page, counted from its tags (void elements do not nest).

    >>> nesting_depth("<html><body><div><p>x<br></p></div></body></html>")
    4
    """
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _paragraphs(text: str | None) -> str:
    """trafilatura's text, stripped, with runs of blank lines made one line break: one paragraph a line."""
    if not text:
        return ""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.IGNORECASE)


def _declared_language(html: str) -> str | None:
    """The language the page declares (`<html lang="en-GB">` -> "en-GB")."""
    m = _LANG.search(html[:5000])
    return m.group(1) if m else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _page_date(value: str | None) -> str | None:
    try:
        return parse_published(value, "page")
    except InputError:
        return None


def _htmldate(html: str, url: str | None) -> str | None:
    """The page's date by htmldate, original publication rather than last update, without guessing from text."""
    try:
        from htmldate import find_date

        return _page_date(find_date(html, url=url, original_date=True, extensive_search=False))
    except Exception:  # htmldate fails on odd pages: no date is the answer then
        return None
