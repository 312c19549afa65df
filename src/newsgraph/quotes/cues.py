"""Cues: the words that introduce a quote ("said", "went on", "according to"), from lexicons that are data."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.lexicon import words
from newsgraph.model import Cue


def _phrases() -> dict[str, set[str]]:
    """Lemma → particles that make it a cue phrase ("go" → {"on"})."""
    out: dict[str, set[str]] = {}
    for phrase in words("cue_phrases"):
        verb, _, particle = phrase.partition(" ")
        out.setdefault(verb, set()).add(particle)
    return out


_PHRASES = _phrases()


def particle(token: Token) -> Token | None:
    """The particle of a phrasal cue ("went on": on), if it has one."""
    for child in token.children:
        # The small parser often calls the particle an adverb ("fired back": advmod).
        if (
            child.dep_ in {"prt", "advmod"}
            and child.i == token.i + 1
            and child.lower_ in _PHRASES.get(token.lemma_.lower(), ())
        ):
            return child
    return None


def is_cue(token: Token, reporting_only: bool = False) -> bool:
    """Is this verb a cue? `reporting_only` keeps to verbs that report a whole claim (for indirect speech)."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in words("reporting_verbs"):
        return True
    if reporting_only:
        return False
    return lemma in words("cue_verbs") or particle(token) is not None


def according_to(token: Token) -> bool:
    """Is this the "according" of "according to X"?"""
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def cue_span(token: Token) -> Cue:
    """The cue's span: the verb, with its particle ("went on") or "to" ("according to") when there is one."""
    doc = token.doc
    end_token = particle(token)
    if according_to(token):
        end_token = next(c for c in token.children if c.lower_ == "to")
    if end_token is not None and end_token.i == token.i + 1:
        end = end_token.idx + len(end_token.text)
    else:
        end = token.idx + len(token.text)
    return Cue(token.idx, end, doc.text[token.idx : end])
