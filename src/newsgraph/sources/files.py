"""Reading articles from paths: one file (text or HTML, by extension or content), standard input, or a directory
read recursively, where every supported kind is found by its extension or its content (text, HTML, JSONL, WARC).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from newsgraph.model import Article, Failure, RecordId
from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError
from newsgraph.sources.html import article_from_html
from newsgraph.sources.jsonl import read_jsonl
from newsgraph.sources.text import article_from_text, decode
from newsgraph.sources.warc import WARC_SUFFIXES, is_warc, read_warc

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file (or of standard input for "-"), refusing what is missing, a directory or too large.

    At most `max_bytes` + 1 bytes are read, whatever the file: pipes and devices (/dev/zero) say they have size 0.
    """
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
            with p.open("rb") as f:
                data = f.read(max_bytes + 1)
        except OSError as e:
            raise InputError(path, f"cannot read ({e.strerror or e})", "unreadable") from None
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


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_name(path: str) -> str | None:
    """The date (YYYY-MM-DD) a file's name holds, as archives often name their articles
    ("nyt_2016-10-14_debate.txt"); None when it holds none, or none that is a real date.

    >>> date_in_name("corpus/breitbart_2016-09-30_trump-rally.txt"), date_in_name("000_a742a6c18eb4b43a.txt")
    ('2016-09-30', None)
    """
    for m in _NAME_DATE.finditer(Path(path).name):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            continue
    return None


def read_file(
    path: str,
    *,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    id: RecordId | None = None,
) -> Article:
    """One article from a plain-text or HTML file, or from standard input when `path` is "-".

    Its id is `id`, else the file name without its extension ("stdin" for standard input). Its publication date
    is `published`, else the date its file name holds (`date_in_name`), else, for a page, what the page says.
    """
    name = "<stdin>" if path == "-" else path
    data = read_bytes(path, max_bytes)
    text, warnings = decode(data, name, max_bytes)
    article_id = id if id is not None else "stdin" if path == "-" else Path(path).stem
    if published is None and path != "-":
        published = date_in_name(path)
    if looks_like_html(path, text):
        return article_from_html(
            text, article_id, published=published, headline=headline, warnings=warnings, source=name
        )
    return article_from_text(text, article_id, headline=headline, published=published, warnings=warnings, source=name)


def kind_of(path: str | Path) -> str | None:
    """What a file holds: "warc", "jsonl", "html" or "text"; None for what newsgraph does not read (images,
    archives, binaries, hidden files).

    The extension decides when it is known; otherwise the first bytes do.
    """
    p = Path(path)
    name = p.name.lower()
    if name.startswith("."):
        return None
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    try:
        with p.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    if head.startswith((b"\x1f\x8b", b"WARC/1.")):
        return "warc" if is_warc(p) else None
    if b"\x00" in head:
        return None
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # a bad byte well inside the sample, not a character cut at its end
            return None
        sample = head[: e.start].decode("utf-8")
    stripped = sample.lstrip()
    if stripped.startswith("{"):
        return "jsonl"
    if looks_like_html(str(p), sample):
        return "html"
    return "text" if stripped else None


def iter_files(root: str | Path) -> Iterator[tuple[Path, str]]:
    """(path, kind) of every readable file under `root`, recursively, in sorted order; hidden folders skipped."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if not path.is_file():  # a pipe or a device would block or never end; a broken link has nothing
                continue
            kind = kind_of(path)
            if kind is not None:
                yield path, kind


def read_directory(
    root: str | Path,
    *,
    published: str | None = None,
    headline: bool | str | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Failure]:
    """Every article under a directory, file by file in sorted order: texts and pages one each, JSONL files one per
    line, WARC files one per HTML record. A file that cannot be read becomes a `Failure` and the rest goes on.

    Ids are the file's path relative to `root` ("2023/feb/a.txt"); JSONL records without an id get
    "<path>:<line>", WARC records their record id.
    """
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "not a directory", "not_found" if not root.exists() else "not_directory")
    for path, kind in iter_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            if kind == "warc":
                yield from read_warc(path, published=published, headline=headline, max_bytes=max_bytes)
            elif kind == "jsonl":
                yield from read_jsonl(path, published=published, headline=headline, max_bytes=max_bytes, id_prefix=rel)
            else:
                yield read_file(str(path), published=published, headline=headline, max_bytes=max_bytes, id=rel)
        except InputError as e:
            yield Failure(rel, e.kind, str(e))
        except OSError as e:  # a file that vanished or cannot be opened mid-way
            yield Failure(rel, "unreadable", f"{path}: cannot read ({e.strerror or e})")
