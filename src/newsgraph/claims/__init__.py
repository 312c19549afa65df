"""Claims: who asserted what about whom, how surely and when — one `Claim` per proposition of a clause.

    the parse → propositions: subject, predicate, object, arguments (clauses.py)
    the parse → negation, modality, hedges (modality.py)
    the layers → the entities the parts name, the quote that carries the claim (its speaker is the claimant), the
                 time expression of its clause (here)

A claim inside a quote's span is that quote's: "“Ukraine will become a member,” he said" is Stoltenberg's claim
that Ukraine will become a member. Outside every quote it is the article's own voice (`quote` None).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph import lexicon
from newsgraph.claims.clauses import Proposition, Words, propositions
from newsgraph.claims.confidence import confidences
from newsgraph.claims.modality import Certainty, certainty_of, far_off, reporting_head
from newsgraph.model import Claim, ClaimArgument, ClaimPart, Entity, Quote, TextSpan, Timex
from newsgraph.timex.attachment import verb_times

__all__ = ["find_claims"]

REFERRING_BACK = frozenset({"that", "this", "it"})
"""A next sentence about the claim itself ("But that is a long term perspective") starts with, or has as subject."""
CONTRAST = frozenset({"but", "however", "yet", "though"})


def find_claims(
    doc: Doc, entities: Sequence[Entity] = (), quotes: Sequence[Quote] = (), timex: Sequence[Timex] = ()
) -> list[Claim]:
    """The claims of a parsed article, in the order of their verbs, with the entities, quote and time they go with.

    "Sweden and Finland applied to join the alliance." gives two claims: (Sweden, applied to join, the alliance)
    and (Finland, applied to join, the alliance).
    """
    mentions = _Mentions(entities)
    quote_at = _Spans([(q.start, q.end) for q in quotes])
    time_heads = verb_times(doc, timex)
    context_hedges = _context_hedges(doc)
    claims = []
    found = propositions(doc)
    for proposition, confidence in zip(found, confidences(doc, found), strict=True):
        certainty = certainty_of(doc, proposition)
        verb = doc[proposition.verb]
        hedges = certainty.hedges
        if certainty.modality == "future":  # far off is said of what is to come
            hedges += context_hedges.get(verb.sent.start, ())
        quote = quote_at.index(verb.idx)
        speaker = quotes[quote] if quote is not None else None
        claimant = (speaker.speaker, speaker.speaker_name) if speaker else _reporter(doc, proposition, mentions)
        time = next((time_heads[i] for i in (proposition.verb, *proposition.verbs) if i in time_heads), None)
        claims.append(
            _claim(
                doc,
                proposition,
                Certainty(certainty.negated, certainty.modality, hedges),
                mentions,
                quote,
                claimant,
                time,
                confidence,
            )
        )
    return claims


def _claim(
    doc: Doc,
    p: Proposition,
    certainty: Certainty,
    mentions: _Mentions,
    quote: int | None,
    claimant: tuple[str | None, str | None],
    time: int | None,
    confidence: float,
) -> Claim:
    subject = _part(doc, p.subject, mentions)
    obj = _part(doc, p.object, mentions) if p.object is not None else None
    predicate = _span(doc[p.predicate.start : p.predicate.end])
    arguments = tuple(
        ClaimArgument(*_offsets(doc[w.start : w.end]), role=role) for role, w in p.arguments if w.end > w.start
    )
    parts: list[TextSpan] = [subject, predicate, *([obj] if obj else []), *arguments]
    start, end = min(x.start for x in parts), max(x.end for x in parts)
    return Claim(
        start=start,
        end=end,
        text=doc.text[start:end],
        subject=subject,
        predicate=predicate,
        object=obj,
        arguments=arguments,
        negated=certainty.negated,
        modality=certainty.modality,
        hedges=tuple(_span(doc[h.start : h.end]) for h in certainty.hedges),
        confidence=confidence,
        quote=quote,
        claimant=claimant[0],
        claimant_name=claimant[1],
        time=time,
    )


def _holders() -> frozenset[str]:
    return lexicon.words("reporting_verbs") | lexicon.words("claim_attitude_verbs")


def _reporter(doc: Doc, p: Proposition, mentions: _Mentions) -> tuple[str | None, str | None]:
    """Who holds a claim that no quote carries: the subject of the verb that reports its clause ("NATO members
    have agreed [Finland should join]"; "[Ukraine will join NATO], the Secretary-General confirmed"), as (entity
    id, name), the name being the entity's or the subject's words; (None, None) for the article's own voice."""
    verb = doc[p.verbs[0]]
    holders = _holders()
    head = reporting_head(verb)
    if head is None or head.lemma_.lower() not in holders:
        # A reporting verb after the clause it reports, attached below it by the parser ("…, X confirmed": a
        # conjunct without "and", a parataxis).
        head = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("ccomp", "parataxis", "conj") and c.i > verb.i and c.lemma_.lower() in holders
                and not any(g.dep_ in ("dobj", "ccomp") for g in c.children)
                and not any(t.dep_ == "cc" and verb.i < t.i < c.i for t in verb.children)
                and not _introduces_words(c)
            ),
            None,
        )  # fmt: skip
    if head is None:
        return None, None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("it", "there"):
        return None, None
    entity = mentions.entity_at(subject.idx, subject.idx + len(subject))
    words = doc[subject.left_edge.i : subject.i + 1].text
    return entity, mentions.names.get(entity, words) if entity else words


def _introduces_words(verb: Token) -> bool:
    """Does the verb go on to what was said ("…, Mr Stoltenberg said: “…”")? Then it reports those words, not the
    clause before it."""
    doc = verb.doc
    after = next((t for t in doc[verb.right_edge.i + 1 :] if not t.is_space), None)
    return after is not None and (after.text == ":" or after.is_quote)


def _offsets(span: Span) -> tuple[int, int, str]:
    return span.start_char, span.end_char, span.text


def _span(span: Span) -> TextSpan:
    return TextSpan(*_offsets(span))


def _part(doc: Doc, words: Words, mentions: _Mentions) -> ClaimPart:
    span = doc[words.start : words.end]
    head = doc[words.head]
    return ClaimPart(*_offsets(span), entity=mentions.entity_at(head.idx, head.idx + len(head)))


class _Mentions:
    """The entity whose mention holds a stretch of text."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.names = {e.id: e.name for e in entities}
        self.starts = [s for s, _, _ in spans]
        self.spans = spans

    def entity_at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self.starts, start) - 1
        while i >= 0 and self.spans[i][0] > start - 200:
            s, e, entity = self.spans[i]
            if s <= start and end <= e:
                return entity
            i -= 1
        return None


class _Spans:
    """Which of some non-overlapping spans holds an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.order = sorted(range(len(spans)), key=lambda i: spans[i])
        self.spans = spans
        self.starts = [spans[i][0] for i in self.order]

    def index(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0:
            i = self.order[k]
            if self.spans[i][0] <= offset < self.spans[i][1]:
                return i
        return None


def _context_hedges(doc: Doc) -> dict[int, tuple[Words, ...]]:
    """Far-off words said of a sentence by the next one, in the same paragraph ("…Ukraine will become a member. But
    at the same time that is a long term perspective"): {the first sentence's start: the words}."""
    out: dict[int, tuple[Words, ...]] = {}
    sents = list(doc.sents)
    for before, after in itertools.pairwise(sents):
        between = doc.text[before.end_char : after.start_char]
        if "\n" in between or "\n" in after.text.strip():
            continue
        words = [t for t in after if not t.is_punct and not t.is_space]
        if not words:
            continue
        about_it = words[0].lower_ in CONTRAST | REFERRING_BACK or any(
            t.lower_ in REFERRING_BACK and t.dep_ in ("nsubj", "nsubjpass") for t in words
        )
        if not about_it:
            continue
        found = []
        for match in far_off().finditer(after.text):
            span = doc.char_span(after.start_char + match.start(), after.start_char + match.end(), "expand")
            if span is not None:
                found.append(Words(span.start, span.end, span.root.i))
        if found:
            out[before.start] = tuple(found)
    return out
