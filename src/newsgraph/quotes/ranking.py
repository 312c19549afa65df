"""Who said it: a learned ranker over the people, organisations and descriptions that could be a quote's speaker.

The rules of `speakers.py` (the subject of the cue, the agent of a passive, the noun a relative clause hangs on…)
and of `find.py` (a quote with no cue goes on from the one before) give one answer each; here they are generators
of candidates and features, beside what the rules cannot see:

- candidates: the rules' speaker; the cue's subject, its coordinated subjects ("Burton and Nick said"), the agent
  of a passive, the possessor of a subject that is a document ("her statement said"), an apposition of the
  subject; a name after a dash that follows the quote ("“…” – Jane Doe, campaign director"); a name before a
  colon that introduces it; the noun a participle or relative cue hangs on ("footage of Clinton asking, “…”");
  the speaker of the quote before; the person named last before the quote; and every entity mentioned (named,
  described or referred to by a pronoun the entity layer resolved) and every described subject in the quote's
  sentence, the two sentences before it and the one after, outside quotation marks and outside the quote itself;
- features (`FEATURES`): which generators proposed it, its type (person, organisation, place, a description), how
  often the article mentions it, how its nearest mention stands (pronoun, name, subject, subject of a cue, of this
  quote's cue), its distance from the quote and the cue (characters, sentences, paragraphs, its rank among the
  candidates), the quote's kind and whether it has a cue, how many quotes the rules gave it, and for a described
  candidate its head word's learned log-odds of naming the speaker (`data/speaker_heads.tsv`).

One candidate per identity (an entity, or a description's words): its mentions' figures are pooled. A forest of
gradient-boosted trees (`data/speaker_model.json`, trained by `bench/train_speakers.py` on PolNeAR's train split)
scores each, and the best becomes the speaker, unless no candidate reaches the model's decision threshold (then
the quote keeps no speaker rather than a guess).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from spacy.tokens import Doc, Token

from newsgraph.forest import Forest, shipped
from newsgraph.lexicon import feature_weights
from newsgraph.nlp import SUBJECT_DEPS
from newsgraph.quotes.cues import is_cue
from newsgraph.quotes.found import Found
from newsgraph.quotes.marked import dash_attribution
from newsgraph.quotes.speakers import Speaker, Speakers

ROLES = (
    "rule",  # the rules' speaker for this quote
    "rule_continued",  # ... given because the quote goes on from the quote before it (it has no cue)
    "cue_subject",  # the subject of the cue verb
    "cue_subject_conj",  # a subject coordinated with it
    "agent",  # the agent of a passive cue ("was told by X")
    "possessor",  # the possessor of the cue's subject ("her statement said")
    "appos",  # an apposition of the cue's subject
    "cue_head",  # the noun a participle or relative cue hangs on ("footage of Clinton asking, “…”")
    "dash_after",  # a name after a dash right after the quote
    "colon_before",  # a name right before the colon that introduces the quote
    "previous_speaker",  # the rules' speaker of the quote before
    "last_person",  # the person mentioned last before the quote, however far back ("She said…" unresolved)
    "near",  # mentioned near the quote
)
FEATURES = (
    *ROLES,
    "person",
    "organisation",
    "place",
    "description",  # no entity: a described speaker ("a campaign spokesman")
    "log_mentions",  # mentions in the whole article, log(1 + n)
    "window_mentions",  # mentions near the quote
    "pronoun",  # its nearest mention is a pronoun
    "proper",  # ... a proper noun
    "subject",  # ... the subject of a verb
    "subject_of_cue",  # ... of a cue verb
    "subject_of_this_cue",  # ... of this quote's cue
    "distance",  # characters from the quote to its nearest mention, signed (before: negative), / 100
    "cue_distance",  # words from the cue to it, -1 without a cue
    "same_sentence",  # it is in a sentence of the quote
    "sentences_apart",
    "paragraphs_apart",
    "before",  # its nearest mention is before the quote
    "rank",  # 0 for the nearest candidate
    "direct",
    "partial",
    "indirect",
    "cued",
    "opens_paragraph",
    "candidates",
    "rule_quotes",  # quotes of the article the rules gave it
    "rule_known",  # the rules found a speaker for this quote
    "description_words",
    "full_name",  # an entity named with two words or more
    "head_log_odds",  # a description's head word: its learned log-odds of naming the speaker ("spokesman", "ad")
)
"""The features of a candidate, in the order of a row of `features`."""

_PLACES = frozenset({"GPE", "LOC", "NORP", "FAC"})
_WINDOW_BEFORE = 2  # sentences before the quote's first sentence
_WINDOW_AFTER = 1


@dataclass
class Candidate:
    """One possible speaker of a quote: an identity, the generators that proposed it and its mentions near it."""

    speaker: Speaker
    roles: set[str] = field(default_factory=set)
    tokens: list[Token] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return identity(self.speaker)


def identity(speaker: Speaker) -> tuple[str, str]:
    """One key per speaker: its entity, or its description's words (lower case)."""
    if speaker.entity is not None:
        return ("entity", speaker.entity)
    return ("description", (speaker.name or "").lower())


@dataclass
class Context:
    """What the ranker needs to know of the article: its parse, entities, quotes and paragraphs."""

    doc: Doc
    speakers: Speakers
    found: Sequence[Found]
    paragraph_starts: list[int]
    quoted: list[tuple[int, int]]  # the spans inside quotation marks, sorted
    rule_quotes: Counter[tuple[str, str]]  # identity -> quotes the rules gave it
    sentence_starts: list[int]  # the token index where each sentence starts
    people: list[int] = field(default_factory=list)  # the last word of each person's mention outside quotation marks

    @classmethod
    def of(cls, doc: Doc, speakers: Speakers, found: Sequence[Found], paragraph_starts: list[int]) -> Context:
        direct = {(f.start, f.end) for f in found if f.kind == "direct"}
        quoted = sorted({v for f in found for v in f.verbatim} | direct)
        rule = Counter(identity(f.speaker) for f in found if f.speaker.known)
        ctx = cls(doc, speakers, found, paragraph_starts, quoted, rule, [s.start for s in doc.sents])
        for t in doc:
            entity = speakers.entity_at(t)
            if entity is None or speakers.types.get(entity) != "PERSON" or ctx.in_quotation(t):
                continue
            if t.i + 1 >= len(doc) or speakers.entity_at(doc[t.i + 1]) != entity:
                ctx.people.append(t.i)
        return ctx

    def in_quotation(self, token: Token) -> bool:
        k = bisect.bisect_right(self.quoted, (token.idx, 1 << 62)) - 1
        return k >= 0 and self.quoted[k][0] <= token.idx < self.quoted[k][1]

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def sentence(self, token: Token) -> int:
        return bisect.bisect_right(self.sentence_starts, token.i) - 1

    def sentences_of(self, f: Found) -> tuple[int, int]:
        """The first and last sentence the quote is in."""
        span = self.doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or not len(span):
            return (-10, -10)
        return self.sentence(span[0]), self.sentence(span[-1])


def cue_token(doc: Doc, f: Found) -> Token | None:
    """The word of the quote's cue (its verb; "according" of "according to")."""
    if f.cue is None:
        return None
    span = doc.char_span(f.cue.start, f.cue.end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def candidates(ctx: Context, index: int) -> list[Candidate]:
    """The candidates for the speaker of quote `index` of `ctx.found`, the nearest first."""
    doc, speakers, f = ctx.doc, ctx.speakers, ctx.found[index]
    out: dict[tuple[str, str], Candidate] = {}

    def add(token: Token | None, role: str, speaker: Speaker | None = None) -> None:
        if speaker is None:
            if token is None:
                return
            speaker = speakers.of_token(token)
        if not speaker.known:
            return
        c = out.setdefault(identity(speaker), Candidate(speaker))
        c.roles.add(role)
        if token is not None and token not in c.tokens:
            c.tokens.append(token)

    if f.speaker.known:
        add(f.speaker.token, "rule_continued" if f.cue is None else "rule", f.speaker)
        if f.cue is None:
            out[identity(f.speaker)].roles.add("rule")
    previous = next((p for p in reversed(ctx.found[:index]) if p.speaker.known), None)
    if previous is not None:
        add(previous.speaker.token, "previous_speaker", previous.speaker)
    cue = cue_token(doc, f)
    if cue is not None:
        for child in cue.children:
            if child.dep_ in SUBJECT_DEPS and not _inside(child, f):
                add(child, "cue_subject")
                for conj in child.conjuncts:
                    add(conj, "cue_subject_conj")
                for c in child.children:
                    if c.dep_ == "poss":
                        add(c, "possessor")
                    elif c.dep_ == "appos":
                        add(c, "appos")
            elif child.dep_ == "agent":
                add(next((c for c in child.children if c.dep_ == "pobj"), None), "agent")
        if cue.dep_ in {"acl", "relcl"} and cue.head.pos_ in {"NOUN", "PROPN", "PRON"} and not _inside(cue.head, f):
            add(cue.head, "cue_head")
    add(dash_attribution(doc, f.end), "dash_after")
    add(_before_colon(doc, f), "colon_before")
    for token in _window_tokens(ctx, f):
        add(token, "near")
    first = doc.char_span(f.start, f.end, alignment_mode="expand")
    if first is not None and len(first):
        k = bisect.bisect_left(ctx.people, first.start) - 1
        if k >= 0:
            add(doc[ctx.people[k]], "last_person")
    return sorted(out.values(), key=lambda c: _nearest(c, f)[1])


def head_word(c: Candidate) -> str:
    """The head word (lemma) of a described candidate ("spokesman" of "a campaign spokesman"), "" for an entity."""
    token = c.speaker.token
    return token.lemma_.lower() if c.speaker.entity is None and token is not None else ""


@cache
def head_weights() -> dict[str, float]:
    """The learned head-word lexicon (`data/speaker_heads.tsv`, made by `bench/train_speakers.py`)."""
    return feature_weights("speaker_heads")


def features(ctx: Context, index: int, cands: Sequence[Candidate], heads: dict[str, float] | None = None) -> np.ndarray:
    """The `FEATURES` of each candidate of quote `index`, one row a candidate (`heads`: the head-word lexicon to
    use, the shipped one by default)."""
    heads = head_weights() if heads is None else heads
    f = ctx.found[index]
    doc = ctx.doc
    cue = cue_token(doc, f)
    first_sent, last_sent = ctx.sentences_of(f)
    paragraph = ctx.paragraph(f.start)
    cues_seen: dict[int, bool] = {}
    rows = []
    for rank, c in enumerate(cands):
        token, _ = _nearest(c, f)
        entity = c.speaker.entity
        kind = ctx.speakers.types.get(entity, "") if entity else ""
        roles = [float(r in c.roles) for r in ROLES]
        if token is not None:
            head = token.head
            if head.i not in cues_seen:
                cues_seen[head.i] = is_cue(head)
            k = ctx.sentence(token)
            sent_gap = first_sent - k if k < first_sent else max(0, k - last_sent)
            signed = (token.idx - f.end if token.idx >= f.end else token.idx - f.start) / 100
            tok = [
                float(token.pos_ == "PRON"),
                float(token.pos_ == "PROPN"),
                float(token.dep_ in SUBJECT_DEPS),
                float(token.dep_ in SUBJECT_DEPS and cues_seen[head.i]),
                float(cue is not None and token.dep_ in SUBJECT_DEPS and head == cue),
                signed,
                float(abs(token.i - cue.i)) if cue is not None else -1.0,
                float(sent_gap == 0),
                float(min(sent_gap, 5)),
                float(min(abs(ctx.paragraph(token.idx) - paragraph), 3)),
                float(token.idx < f.start),
            ]
        else:
            tok = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0, 6.0, 4.0, 0.0]
        name = c.speaker.name or ""
        rows.append(
            [
                *roles,
                float(kind == "PERSON"),
                float(kind == "ORG"),
                float(kind in _PLACES),
                float(entity is None),
                math.log1p(ctx.speakers.mentions.get(entity, 0)) if entity else 0.0,
                float(len(c.tokens)),
                *tok,
                float(rank),
                float(f.kind == "direct"),
                float(f.kind == "partial"),
                float(f.kind == "indirect"),
                float(f.cue is not None),
                float(f.opens_paragraph),
                float(len(cands)),
                float(ctx.rule_quotes.get(c.key, 0)),
                float(f.speaker.known),
                float(len(name.split())) if entity is None else 0.0,
                float(entity is not None and len(name.split()) >= 2),
                heads.get(head_word(c), 0.0),
            ]
        )
    return np.array(rows, dtype=np.float64).reshape(len(cands), len(FEATURES))


@cache
def model() -> Forest:
    """The shipped ranker (`data/speaker_model.json`, made by `bench/train_speakers.py`)."""
    return shipped("speaker_model", FEATURES, "bench/train_speakers.py")


def rank_speakers(ctx: Context, forest: Forest | None = None) -> list[Speaker]:
    """The speaker the ranker chooses for each quote of `ctx.found`, in order (the rules' speakers are read, not
    changed: every quote is judged against the same rule figures, as in training)."""
    forest = model() if forest is None else forest
    out = []
    for i, f in enumerate(ctx.found):
        cands = candidates(ctx, i)
        if not cands:
            out.append(f.speaker)
            continue
        p = forest.probability(features(ctx, i, cands))
        best = int(np.argmax(p))
        out.append(cands[best].speaker if p[best] >= forest.threshold_p else Speaker(None, None))
    return out


# ---------------------------------------------------------------- generators


def _inside(token: Token, f: Found) -> bool:
    return f.start <= token.idx < f.end


def _before_colon(doc: Doc, f: Found) -> Token | None:
    """`Trump: “…”`: the word before a colon right before the quote."""
    before = doc.text[: f.start].rstrip(" \u00a0\"“'‘")
    if not before.endswith(":"):
        return None
    span = doc.char_span(max(0, len(before) - 40), len(before) - 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    last = span[-1]
    return last if last.pos_ in {"PROPN", "NOUN", "PRON"} else None


def _window_tokens(ctx: Context, f: Found) -> list[Token]:
    """Mentions of entities (the last word of each) and described subjects near the quote, outside quotation marks
    and the quote."""
    doc, speakers = ctx.doc, ctx.speakers
    first, last = ctx.sentences_of(f)
    if first < 0:
        return []
    starts = ctx.sentence_starts
    lo = starts[max(0, first - _WINDOW_BEFORE)]
    hi = starts[last + 1 + _WINDOW_AFTER] if last + 1 + _WINDOW_AFTER < len(starts) else len(doc)
    out = []
    for token in doc[lo:hi]:
        if _inside(token, f) or ctx.in_quotation(token):
            continue
        entity = speakers.entity_at(token)
        if entity is not None:
            if token.i + 1 >= len(doc) or speakers.entity_at(doc[token.i + 1]) != entity:
                out.append(token)
        elif token.dep_ in SUBJECT_DEPS and token.pos_ == "NOUN":
            out.append(token)
    return out


def _nearest(c: Candidate, f: Found) -> tuple[Token | None, int]:
    """The candidate's mention nearest the quote, and its distance in characters."""
    best: tuple[Token | None, int] = (None, 1 << 30)
    for t in c.tokens:
        gap = f.start - t.idx if t.idx < f.start else max(0, t.idx - f.end)
        if gap < best[1]:
            best = (t, gap)
    return best
