"""Does the headline say what the article says: its stance towards the body (`stance.py`) and where it claims
more than the body supports (`overstatement.py`).

The body is the article's text after the headline when the text starts with it (plain-text articles do), with the
cleaner's removed spans blanked, as every stage reads it. `read_body` reads it into a `BodyReading` that holds no
parse (the pipeline keeps the parse's sentences, `overstatement.sentences_of`), so that a body that comes with many
headlines (syndicated copies, FNC-1's pairs) is read once and checked against each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph import nlp
from newsgraph.headline import features, stance
from newsgraph.headline.overstatement import Sentence, find_overstatement
from newsgraph.model import HeadlineCheck, Quote


@dataclass(frozen=True)
class BodyReading:
    """What the headline check reads of a body: the stance features' profile, its sentences and its quotes."""

    text: str
    start: int  # where the body starts in `text` (after the headline)
    profile: features.Body
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]


def body_start(text: str, headline: str | None) -> int:
    """Where the body starts: after the headline when the text starts with it, else at 0.

    >>> body_start("Ukraine will join NATO\\nKyiv will…", "Ukraine will join NATO")
    22
    """
    if headline and headline.strip():
        stripped = text.lstrip()
        if stripped.startswith(headline.strip()):
            return len(text) - len(stripped) + len(headline.strip())
    return 0


def read_body(
    text: str, blanked: str, headline: str | None, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> BodyReading | None:
    """The reading of an article's body: `blanked` is its text with the removed spans blanked, `sentences` its
    sentences (`overstatement.sentences_of` its parse), `quotes` its quotes; None when nothing follows the headline."""
    start = body_start(text, headline)
    body = blanked[start:]
    if not body.strip():
        return None
    profile = features.body_of(body, stance.model().vocabulary)
    kept = tuple(s for s in sentences if s.end > start)
    return BodyReading(text, start, profile, kept, tuple(q for q in quotes if q.start >= start))


def check_headline(
    headline: str | None, body: BodyReading | None, headline_doc: Doc | None = None
) -> HeadlineCheck | None:
    """The check of a headline against a body; None when there is no headline or no body. `headline_doc` is the
    headline's parse when the caller made it in a batch (else it is parsed here)."""
    [check] = check_headlines([(headline, body, headline_doc)])
    return check


Pair = tuple[str | None, BodyReading | None, Doc | None]


def check_headlines(pairs: Sequence[Pair]) -> list[HeadlineCheck | None]:
    """The checks of many (headline, body, headline's parse or None) at once, in order: the stance model scores
    them in one pass."""
    wanted = [i for i, (headline, body, _) in enumerate(pairs) if body is not None and headline and headline.strip()]
    scored = stance.stances([(pairs[i][0] or "", pairs[i][1].profile) for i in wanted])  # type: ignore[union-attr]
    out: list[HeadlineCheck | None] = [None] * len(pairs)
    for i, (label, probabilities) in zip(wanted, scored, strict=True):
        headline, body, doc = pairs[i]
        assert headline is not None and body is not None
        doc = doc if doc is not None else nlp.parse(headline)
        findings = find_overstatement(headline, doc, body.text, body.sentences, body.quotes)
        out[i] = HeadlineCheck(label, probabilities, findings)  # type: ignore[arg-type]
    return out
