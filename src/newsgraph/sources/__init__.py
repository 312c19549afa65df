"""Where articles come from: plain text, HTML and JSONL records, each read into an `Article`.

Every reader raises `InputError` (naming the input and the problem) for input it cannot read; batch readers turn
that into a `Failure` in the record's place so that the run goes on.
"""

from newsgraph.sources.errors import DEFAULT_MAX_BYTES, InputError
from newsgraph.sources.files import read_file
from newsgraph.sources.html import article_from_html
from newsgraph.sources.jsonl import article_from_record, read_jsonl
from newsgraph.sources.text import article_from_text, decode, parse_published, resolve_headline

__all__ = [
    "DEFAULT_MAX_BYTES",
    "InputError",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "decode",
    "parse_published",
    "read_file",
    "read_jsonl",
    "resolve_headline",
]
