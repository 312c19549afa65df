"""Quotes: the words between quotation marks, their cue ("said", "warned") and their speaker.

Quotation marks are paired per paragraph; a quote that runs over several paragraphs (each paragraph opens with a
mark, only the last one closes it) is one quote per paragraph. Unbalanced marks never stop the article: a mark that
cannot be paired is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.lexicon import words
from newsgraph.model import Cue, Entity, Quote

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The inside of one pair of quotation marks (marks excluded)."""

    start: int
    end: int
    closed: bool  # False when the quote runs on into the next paragraph


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """The spans inside quotation marks, paragraph by paragraph; never raises, whatever the marks.

    >>> [(s.start, s.end) for s in find_quote_spans('He said: “Yes.” Then "no".')]
    [(10, 14), (22, 24)]
    """
    spans: list[QuoteSpan] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for p, (p_start, p_end) in enumerate(paragraphs):
        opened_at: int | None = None
        closer = ""
        for i in range(p_start, p_end):
            ch = text[i]
            if opened_at is None:
                if ch in OPENERS and _can_open(text, i):
                    opened_at, closer = i, OPENERS[ch]
            elif ch == closer and i > opened_at + 1:
                spans.append(QuoteSpan(opened_at + 1, i, True))
                opened_at = None
            elif ch in OPENERS and ch != closer and ch != '"' and _can_open(text, i):
                opened_at, closer = i, OPENERS[ch]  # a second opener: the first one was never closed
        if opened_at is not None and p + 1 < len(paragraphs):
            nxt = text[paragraphs[p + 1][0] : paragraphs[p + 1][0] + 1]
            if nxt in OPENERS:  # the news convention for a quote that goes on into the next paragraph
                end = p_end
                while end > opened_at + 1 and text[end - 1].isspace():
                    end -= 1
                if end > opened_at + 1:
                    spans.append(QuoteSpan(opened_at + 1, end, False))
    return spans


def _can_open(text: str, i: int) -> bool:
    """A straight double mark opens only where a quote can start (not after a letter: `5" screen`)."""
    if text[i] != '"':
        return True
    return i == 0 or not text[i - 1].isalnum()


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Quotes with their kind, cue and speaker, in text order."""
    text = doc.text
    owner = _mention_owner(entities)
    names = {e.id: e.name for e in entities}
    quotes: list[Quote] = []
    previous: Quote | None = None
    for span in find_quote_spans(text):
        content = text[span.start : span.end]
        if len(_WORD.findall(content)) < 3 and not span.closed:
            continue
        if _is_scare_quote(content):
            continue
        kind = "partial" if _starts_lowercase(content) else "direct"
        cue_token = _find_cue(doc, span)
        speaker = _speaker(cue_token, owner, entities, span.start) if cue_token is not None else None
        if cue_token is None and previous is not None and previous.speaker and _continues(text, previous, span):
            speaker = previous.speaker
        cue = _cue_span(cue_token) if cue_token is not None else None
        quote = Quote(
            start=span.start,
            end=span.end,
            text=content,
            kind=kind,
            speaker=speaker,
            speaker_name=names.get(speaker) if speaker else None,
            cue=cue,
        )
        quotes.append(quote)
        previous = quote
    return quotes


def _starts_lowercase(content: str) -> bool:
    first = next((c for c in content if c.isalpha()), "")
    return first.islower()


def _is_scare_quote(content: str) -> bool:
    """One or two words in marks, used as a term or a title rather than reported as said."""
    return len(_WORD.findall(content)) <= 2 and not content.rstrip().endswith((".", "!", "?", ","))


def _continues(text: str, previous: Quote, span: QuoteSpan) -> bool:
    """Does this quote, with no cue of its own, go on from the previous one? Only when nothing but marks and
    line breaks lies between them, or the paragraph is nothing but the quote."""
    between = text[previous.end : span.start]
    if not _WORD.search(between):
        return True
    line_start = text.rfind("\n", 0, span.start) + 1
    return not _WORD.search(text[line_start : span.start]) and "\n" in between


def _sentences_around(doc: Doc, span: QuoteSpan) -> list[Span]:
    first = doc.char_span(span.start, span.end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return []
    start_sent, end_sent = first[0].sent, first[-1].sent
    sents = [start_sent] if start_sent == end_sent else [start_sent, end_sent]
    return sents


def _find_cue(doc: Doc, span: QuoteSpan) -> Token | None:
    """The reporting verb nearest to the quote, in its sentence but outside the quote."""
    best: tuple[int, Token] | None = None
    cues = words("cue_verbs")
    for sent in _sentences_around(doc, span):
        for tok in sent:
            if span.start <= tok.idx < span.end:
                continue
            if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in cues:
                distance = span.start - tok.idx if tok.idx < span.start else tok.idx - span.end
                if best is None or distance < best[0]:
                    best = (distance, tok)
    return best[1] if best else None


def _cue_span(token: Token) -> Cue:
    end = token.idx + len(token.text)
    # Phrasal cues: "went on", "pointed out".
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.dep_ == "prt":
        end = nxt.idx + len(nxt.text)
    return Cue(token.idx, end, token.doc.text[token.idx : end])


def _mention_owner(entities: list[Entity]) -> dict[int, str]:
    """Character offset of every mention character → entity id."""
    owner: dict[int, str] = {}
    for e in entities:
        for m in e.mentions:
            for i in range(m.start, m.end):
                owner[i] = e.id
    return owner


def _speaker(cue: Token, owner: dict[int, str], entities: list[Entity], before: int) -> str | None:
    """The entity that speaks through `cue`: its subject (or the subject of the verb it hangs on)."""
    verb = cue
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            subject = subjects[0]
            for tok in subject.subtree:
                if tok.idx in owner:
                    return owner[tok.idx]
            if subject.lower_ in PRONOUNS:
                return _last_person_before(entities, subject.idx)
            return None
        if verb.head == verb:
            break
        verb = verb.head
    return _last_person_before(entities, before)


def _last_person_before(entities: list[Entity], offset: int) -> str | None:
    best: tuple[int, str] | None = None
    for e in entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            if m.end <= offset and (best is None or m.end > best[0]):
                best = (m.end, e.id)
    return best[1] if best else None
