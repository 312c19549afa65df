"""Reading one article from a path (or standard input): text or HTML, by extension or content."""

from __future__ import annotations

import sys
from pathlib import Path

from newsgraph.model import Article
from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError
from newsgraph.sources.html import article_from_html
from newsgraph.sources.text import article_from_text, decode

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file (or of standard input for "-"), refusing what is missing, a directory or too large."""
    name = "<stdin>" if path == "-" else path
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "no such file", "not_found")
        if p.is_dir():
            raise InputError(path, "is a directory, expected a file", "is_directory")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"too large: {size:,} bytes, the limit is {max_bytes:,} (--max-bytes)", "too_large")
        try:
            data = p.read_bytes()
        except OSError as e:
            raise InputError(path, f"cannot read ({e.strerror})", "unreadable") from None
    if len(data) > max_bytes:
        raise InputError(name, f"too large: over {max_bytes:,} bytes (--max-bytes)", "too_large")
    if not data.strip():
        raise InputError(name, "empty: no text to analyse", "empty")
    return data


def looks_like_html(path: str, text: str) -> bool:
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<head" in head and "<body" in text[:100_000].lower())


def read_file(
    path: str,
    *,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """One article from a plain-text or HTML file, or from standard input when `path` is "-"."""
    name = "<stdin>" if path == "-" else path
    data = read_bytes(path, max_bytes)
    text, warnings = decode(data, name, max_bytes)
    article_id = "stdin" if path == "-" else Path(path).stem
    if looks_like_html(path, text):
        return article_from_html(
            text, article_id, published=published, headline=headline, warnings=warnings, source=name
        )
    return article_from_text(text, article_id, headline=headline, published=published, warnings=warnings, source=name)
