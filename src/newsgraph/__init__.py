"""newsgraph: who said what, about whom, and when, from raw news, with character offsets into the text.

>>> import newsgraph
>>> result = newsgraph.analyze("Big news\\n“We will win,” Jane Doe said yesterday.", published="2023-02-28")
>>> [(q.text, q.speaker_name) for q in result.quotes]  # doctest: +SKIP
[('We will win,', 'Jane Doe')]
"""

from __future__ import annotations

from typing import Any

from newsgraph.model import Analysis, Article, Cue, Entity, Failure, Mention, Quote, Removed, Timex, json_schema
from newsgraph.sources import InputError, article_from_text, decode


def __getattr__(name: str) -> Any:
    # The pipeline imports spaCy, which takes a second: commands that only read the database (`newsgraph quotes`,
    # `--help`) should not pay for it, so it is imported on first use.
    if name in {"analyze_many", "analyze_batch"}:
        from newsgraph import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Cue",
    "Entity",
    "Failure",
    "InputError",
    "Mention",
    "Quote",
    "Removed",
    "Timex",
    "analyze",
    "analyze_many",
    "json_schema",
]


def analyze(
    text: str, published: str | None = None, headline: bool | str = True, id: str | int = "text", **kwargs: Any
) -> Analysis:
    """Analyse one article given as plain text.

    `published` (YYYY-MM-DD) is the date relative expressions ("yesterday") are resolved against; `headline` True
    takes the first non-empty line as the headline, a string gives it, False says there is none. Raises
    `InputError` for input that cannot be analysed (not text, empty, a bad date or headline), `RuntimeError` when
    the analysis itself fails.

    Bytes are decoded as UTF-8, with a warning in the result: its offsets count characters of the decoded text,
    not bytes. Lone surrogates (which JSON's "\\ud800" escapes make) are replaced with U+FFFD, with a warning.
    """
    from newsgraph.pipeline import analyze_batch

    name = str(kwargs.get("source") or id)
    if not isinstance(id, (str, int)) or isinstance(id, bool):
        raise InputError(name, f"id: expected a string or an integer, got {type(id).__name__}", "invalid_field")
    if headline is not None and not isinstance(headline, (bool, str)):
        raise InputError(name, f"headline: expected a string or a bool, got {type(headline).__name__}", "invalid_field")
    if isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
        text, repaired = decode(data, name, max_bytes=len(data))  # no size limit here, as for a str
        said = f"{name}: given bytes, decoded as UTF-8; offsets count characters of the decoded text"
        kwargs["warnings"] = (*kwargs.get("warnings", ()), said, *repaired)
    elif not isinstance(text, str):
        raise InputError(name, f"expected the article as a str, got {type(text).__name__}", "invalid_input")
    article = article_from_text(text, id, headline=headline, published=published, **kwargs)
    [result] = analyze_batch([article])
    if isinstance(result, Failure):
        raise RuntimeError(result.message)
    return result
