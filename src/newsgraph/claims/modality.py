"""How surely a proposition is put: negation, modality and the hedges that weaken it, from the parse.

- negated: "not", "n't", "never" on a verb of the predicate; a clause reported under a denial verb ("He denied
  [NATO was a party to the conflict]") is negated too: what the claimant asserts is its opposite.
- modality: "question" in a sentence that ends with "?"; "hypothetical" in a clause of condition ("if…") and for
  "would" (but "would" in a clause reported after a verb in the past is the future of then: "declared Kyiv would
  join" → future); else the first modal of the predicate by `claim_modals.txt` ("will" → future, "could" →
  possible, "should" → necessary; "plans to", "is expected to" → future); else "asserted".
- hedges: the words of `claim_hedges.txt` and the far-off phrases of `headline_far_off.txt` in the clause's own
  words ("eventually", "reportedly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from newsgraph import lexicon
from newsgraph.claims.clauses import Proposition, Words
from newsgraph.model import Modality

CONDITIONS = frozenset({"if", "unless"})
REPORTED_MARKS = frozenset({"that", "whether", "if"})
"""The conjunctions a reported clause may open with ("said that…", "asked whether…")."""


@dataclass(frozen=True, slots=True)
class Certainty:
    negated: bool
    modality: Modality
    hedges: tuple[Words, ...]


@cache
def modals() -> dict[str, Modality]:
    return lexicon.table("claim_modals")  # type: ignore[return-value]


@cache
def _denials() -> frozenset[str]:
    return lexicon.words("headline_denials")


@cache
def _hedge_words() -> frozenset[str]:
    return lexicon.words("claim_hedges")


@cache
def far_off() -> re.Pattern[str]:
    """The far-off phrases as one pattern of whole words, longest first."""
    phrases = sorted(lexicon.entries("headline_far_off"), key=len, reverse=True)
    words = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in phrases)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def certainty_of(doc: Doc, proposition: Proposition) -> Certainty:
    """The negation, modality and hedges of one proposition."""
    verbs = [doc[i] for i in proposition.verbs]
    negated = any(_negates(c) for v in verbs for c in v.children)
    if _reported_under(verbs[0], _denials()):
        negated = not negated
    return Certainty(negated, _modality(verbs), _hedges(doc, proposition, verbs))


def _negates(token: Token) -> bool:
    return token.dep_ == "neg" or (token.dep_ == "advmod" and token.lower_ in ("not", "never"))


def _modality(verbs: list[Token]) -> Modality:
    first = verbs[0]
    if _in_question(first):
        return "question"
    if _in_condition(first):
        return "hypothetical"
    table = modals()
    for verb in verbs:
        for child in sorted(verb.children, key=lambda t: t.i):
            if child.dep_ == "aux" and child.tag_ == "MD":
                word = child.lower_.strip("'") if child.lower_ != "'ll" else "'ll"
                modality = table.get(child.lower_) or table.get(word)
                if modality == "hypothetical" and _reported_after_past(first):
                    return "future"
                if modality:
                    return modality
    for verb in verbs[:-1]:  # "plans to build", "has to go", "is going to win"
        if modality := table.get(verb.lemma_.lower()):
            return "future" if modality == "hypothetical" else modality
    return "asserted"


def _in_question(token: Token) -> bool:
    sent = token.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "”", "'", "’", "''")), None)
    return last is not None and last.text == "?"


def _in_condition(token: Token) -> bool:
    """Is the verb in a clause of condition ("if NATO acts"), or the consequence of one ("…it would act")?"""
    node = token
    while True:
        if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in node.children):
            return True
        if node.dep_ != "conj" or node.head.i == node.i:
            break
        node = node.head
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
        for c in token.children
    ) and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in token.children)


def reporting_head(token: Token) -> Token | None:
    """The verb whose reported clause holds `token` ("declared [Kyiv would join]"), or None."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("ccomp", "parataxis") and node.head.pos_ in ("VERB", "AUX"):
        # A clause with a conjunction of time or cause ("after Moscow's tanks rolled…, he said") is not what was
        # said, whatever label the parser gave it.
        if any(c.dep_ == "mark" and c.lower_ not in REPORTED_MARKS for c in node.children):
            return None
        return node.head
    return None


def _reported_under(token: Token, lemmas: frozenset[str]) -> bool:
    head = reporting_head(token)
    return head is not None and head.lemma_.lower() in lemmas


def _reported_after_past(token: Token) -> bool:
    head = reporting_head(token)
    return head is not None and head.tag_ in ("VBD", "VBN")


def _hedges(doc: Doc, proposition: Proposition, verbs: list[Token]) -> tuple[Words, ...]:
    words = _hedge_words()
    found = [Words(c.i, c.i + 1, c.i) for v in verbs for c in v.children if c.dep_ == "advmod" and c.lower_ in words]
    clause = doc[proposition.clause.start : proposition.clause.end]
    own = {v.i for v in verbs}
    for match in far_off().finditer(clause.text):
        span = doc.char_span(
            clause.start_char + match.start(), clause.start_char + match.end(), alignment_mode="expand"
        )
        if span is not None and clause_verb(span.root) in own:
            found.append(Words(span.start, span.end, span.root.i))
    return tuple(sorted(set(found), key=lambda w: w.start))


def clause_verb(token: Token) -> int | None:
    """The verb of the clause a word is in: up the tree to the first verb (None in a sentence without one)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node.i if node.pos_ in ("VERB", "AUX") else None
