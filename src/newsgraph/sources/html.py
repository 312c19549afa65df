"""HTML pages: the article text and its metadata, extracted with trafilatura."""

from __future__ import annotations

from newsgraph.model import Article, RecordId
from newsgraph.sources.errors import InputError
from newsgraph.sources.text import parse_published


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

    Metadata given by the caller (`published`, `url`, a headline string) wins over what the page says.
    """
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    name = source or str(id)
    if not html.strip():
        raise InputError(name, "empty: no HTML to read", "empty")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
        )
    except Exception as e:  # trafilatura and lxml raise many kinds on broken pages
        raise InputError(name, f"unreadable HTML ({type(e).__name__}: {e})", "invalid_html") from None
    text = (doc.text or "").strip() if doc else ""
    if not text:
        raise InputError(name, "no article text found in the HTML page", "no_article")
    if isinstance(headline, str):
        title: str | None = headline.strip() or None
    elif headline is False:
        title = None
    else:
        title = (doc.title or "").strip() or None
    return Article(
        id=id,
        text=text,
        headline=title,
        published=parse_published(published, name) or _page_date(doc.date),
        url=url or doc.url,
        warnings=warnings,
    )


def _page_date(value: str | None) -> str | None:
    try:
        return parse_published(value, "page")
    except InputError:
        return None
