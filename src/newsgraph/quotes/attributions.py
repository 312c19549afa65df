"""Attributions the rules leave out: reported speech and stated belief in constructions the rules do not read,
learned from PolNeAR's annotations of every attribution in news.

A candidate is a reporting verb (`data/reporting_verbs.txt`: verbs that report a whole claim) with a clausal
complement that no quote of the rules already holds: `X is expected [to win]`, `X promised [to cut taxes]`, a
complement with a marker the rules distrust, a subject the parse did not link. PolNeAR also attributes agreements,
orders and intentions ("NATO members have agreed Finland should join", "Putin ordered his forces to invade"); those
read as the article's own narration, not as anybody's words, and are left out. The features (`FEATURES`) say
what kind of attribution a candidate looks like:

- the verb: how often its lemma introduced an attribution in the training data (`data/attribution_verbs.tsv`, a
  smoothed log-odds learned by `bench/train_attributions.py`, and how often the lemma was seen there), its form
  (past, present, -ing, participle, with a modal), passive, negated, its place in the sentence (root, inside
  another clause, inside quotation marks);
- the complement: a finite clause or an infinitive, introduced by "that" / "whether" / nothing, before or after
  the verb, its length, whether it has its own subject;
- the source: the verb's subject as the entity layer and the parse see it (a person, an organisation, another
  entity, a personal pronoun, a first-person one, a noun, none).

A forest of gradient-boosted trees (`data/attribution_model.json`) scores each candidate; those at or above its
decision threshold (set by the trainer on leave-one-publisher-out predictions) become indirect quotes, with the
verb as the cue and its subject, resolved as the rules resolve a cue's subject, as the speaker.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from functools import cache

import numpy as np
from spacy.tokens import Doc, Token

from newsgraph.forest import Forest, shipped
from newsgraph.lexicon import feature_weights, words
from newsgraph.nlp import SUBJECT_DEPS
from newsgraph.quotes.clauses import clause_of
from newsgraph.quotes.cues import cue_span
from newsgraph.quotes.found import Found
from newsgraph.quotes.indirect import reports
from newsgraph.quotes.quotation_marks import find_marked_spans, word_count
from newsgraph.quotes.speakers import Speakers

_COMPLEMENTS = frozenset({"ccomp", "xcomp"})
_FIRST_PERSON = frozenset({"i", "we"})
_TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")
_VERB_DEPS = ("ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp")
MIN_WORDS = 2

FEATURES = (
    "lemma_log_odds",  # the lemma's learned log-odds of introducing an attribution
    "lemma_seen",  # log(1 + times the lemma headed a candidate in the training data)
    *(f"tag_{t}" for t in _TAGS),
    "modal",
    "passive",
    "negated",
    *(f"verb_{d}" for d in _VERB_DEPS),
    "verb_quoted",  # the verb is inside quotation marks
    "ccomp",
    "xcomp",
    "mark_that",
    "mark_whether",  # whether / if
    "to_infinitive",
    "content_words",  # log(1 + words of the complement)
    "content_subject",  # the complement has a subject of its own
    "subject_person",
    "subject_organisation",
    "subject_entity",  # another entity
    "subject_pronoun",
    "subject_first_person",
    "subject_noun",
    "subject_none",
    "sentence_position",  # the verb's place in its sentence, 0 to 1
    "content_before",  # the complement comes before the verb
)
"""The features of a candidate attribution, in the order of a row of `features`."""


@cache
def verb_weights() -> dict[str, float]:
    """The learned lemma lexicon: `lemma` → log-odds, `lemma#seen` → log(1 + times seen)."""
    return feature_weights("attribution_verbs")


@cache
def model() -> Forest:
    """The shipped attribution model (`data/attribution_model.json`, made by `bench/train_attributions.py`)."""
    return shipped("attribution_model", FEATURES, "bench/train_attributions.py")


def candidates(
    doc: Doc, taken: Iterable[tuple[int, int]], cues: Iterable[int] = ()
) -> list[tuple[Token, Token, tuple[int, int]]]:
    """(verb, complement head, content span) for each verb with a clausal complement (after it, or before it: "Y will
    win, he predicted") whose content overlaps none of the spans in `taken` (the quotes found already) and does not
    hold the verb itself; a verb that is already a quote's cue (starting at a character of `cues`) is none."""
    spans = sorted(taken)
    reporting = words("reporting_verbs")
    used = set(cues)
    out = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in reporting or verb.idx in used:
            continue
        for comp in verb.children:
            if comp.dep_ not in _COMPLEMENTS or (comp.dep_ == "ccomp" and not reports(comp)):
                continue  # "…, after Moscow's tanks rolled in, he said": an adverbial clause, not what was said
            content = clause_of(comp)
            if content is None or word_count(doc.text[content[0] : content[1]]) < MIN_WORDS:
                continue
            if any(s < content[1] and content[0] < e for s, e in spans) or any(s <= verb.idx < e for s, e in spans):
                continue
            out.append((verb, comp, content))
            break
    return out


def features(
    doc: Doc, cands: list[tuple[Token, Token, tuple[int, int]]], speakers: Speakers, lexicon: dict[str, float]
) -> np.ndarray:
    """The `FEATURES` of each candidate, one row a candidate (`lexicon`: the lemma weights to use)."""
    quoted = _in_marks(doc.text)
    rows = []
    for verb, comp, content in cands:
        lemma = verb.lemma_.lower()
        kids = list(verb.children)
        subject = next((c for c in kids if c.dep_ in SUBJECT_DEPS), None)
        if subject is None and verb.dep_ in {"xcomp", "conj"}:  # "wants to say…", "spoke and said…"
            subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
        entity = speakers.entity_at(subject) if subject is not None else None
        kind = speakers.types.get(entity, "") if entity else ""
        marks = {c.lower_ for c in comp.children if c.dep_ in {"mark", "aux"}}
        sent = verb.sent
        rows.append(
            [
                lexicon.get(lemma, 0.0),
                lexicon.get(f"{lemma}#seen", 0.0),
                *(float(verb.tag_ == t) for t in _TAGS),
                float(any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids)),
                float(any(c.dep_ in {"auxpass", "nsubjpass"} for c in kids)),
                float(any(c.dep_ == "neg" for c in kids)),
                *(float(verb.dep_ == d) for d in _VERB_DEPS),
                float(_inside(quoted, verb.idx)),
                float(comp.dep_ == "ccomp"),
                float(comp.dep_ == "xcomp"),
                float("that" in marks),
                float(bool(marks & {"whether", "if"})),
                float(comp.dep_ == "xcomp" and "to" in marks),
                math.log1p(word_count(doc.text[content[0] : content[1]])),
                float(any(c.dep_ in SUBJECT_DEPS for c in comp.children)),
                float(kind == "PERSON"),
                float(kind == "ORG"),
                float(bool(kind) and kind not in {"PERSON", "ORG"}),
                float(subject is not None and entity is None and subject.pos_ == "PRON"),
                float(subject is not None and subject.lower_ in _FIRST_PERSON),
                float(subject is not None and entity is None and subject.pos_ in {"NOUN", "PROPN"}),
                float(subject is None),
                (verb.i - sent.start) / max(1, len(sent) - 1),
                float(comp.i < verb.i),
            ]
        )
    return np.array(rows, dtype=np.float64).reshape(len(cands), len(FEATURES))


def learned_attributions(
    doc: Doc, speakers: Speakers, taken: Iterable[tuple[int, int]], cues: Iterable[int] = ()
) -> list[Found]:
    """Indirect quotes of the verbs the model judges to attribute their complement to their subject (`taken` and
    `cues` as in `candidates`)."""
    forest = model()
    cands = candidates(doc, taken, cues)
    if not cands:
        return []
    p = forest.probability(features(doc, cands, speakers, verb_weights()))
    out = []
    for (verb, _, content), score in zip(cands, p, strict=True):
        if score >= forest.threshold_p:
            out.append(Found(content[0], content[1], "indirect", cue_span(verb), speakers.of_cue(verb)))
    return out


def _in_marks(text: str) -> list[tuple[int, int]]:
    return sorted((m.start, m.end) for m in find_marked_spans(text))


def _inside(spans: list[tuple[int, int]], char: int) -> bool:
    k = bisect.bisect_right(spans, (char, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= char < spans[k][1]
