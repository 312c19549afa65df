"""Where articles come from: plain text, HTML, JSONL records, WARC archives and directories, each read into an
`Article`.

Every reader raises `InputError` (naming the input and the problem) for input it cannot read; batch readers turn
that into a `Failure` in the record's place so that the run goes on.
"""

from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError
from newsgraph.sources.files import kind_of, read_directory, read_file
from newsgraph.sources.html import PageMetadata, article_from_html, extract
from newsgraph.sources.jsonl import article_from_record, read_jsonl
from newsgraph.sources.text import (
    Dateline,
    article_from_text,
    decode,
    find_dateline,
    parse_published,
    resolve_headline,
)
from newsgraph.sources.warc import is_warc, read_warc

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Dateline",
    "InputError",
    "PageMetadata",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "decode",
    "extract",
    "find_dateline",
    "is_warc",
    "kind_of",
    "parse_published",
    "read_directory",
    "read_file",
    "read_jsonl",
    "read_warc",
    "resolve_headline",
]
