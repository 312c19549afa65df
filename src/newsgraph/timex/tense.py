"""The tense of the clause a time expression sits in, read from the dependency parse.

Incomplete dates are resolved with it: "on Monday" in a past-tense clause is the Monday before the publication
date, in a future clause the Monday after. The governing verb is the nearest verb above the expression; its
auxiliaries and tag give the tense. An infinitive takes the tense of the verb above it, except under verbs that
look ahead ("plans to", "is expected to"), which make it future.

>>> from newsgraph.nlp import parse
>>> doc = parse("The minister said the talks will resume on Monday.")
>>> clause_tense(doc[-3:-1])
'FUTURE'
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from newsgraph.timex.words import word_list

Tense = Literal["PAST", "PRESENT", "FUTURE"]

# "could" is left out: as often the past of "can" ("could not be reached Wednesday") as a possibility ahead.
_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would", "'d", "’d", "may", "might", "should", "must"}
_PERFECT = {"has", "have", "'ve", "’ve", "'s", "’s"}
# Prepositions that fix the direction whatever the verb: deadlines look ahead, "since" looks back.
_FORWARD = {"until", "till", "til", "pending"}
_BACKWARD = {"since"}
_VERBS = {"VERB", "AUX"}


def _governing_verb(span: Span) -> Token | None:
    """The nearest verb above the span (or the sentence's root verb); None in a verbless clause."""
    token = span.root
    for _ in range(12):
        if token.pos_ in _VERBS and not (span.start <= token.i < span.end):
            return token
        if token.head.i == token.i:  # the sentence's root, and not a verb
            return None
        token = token.head
    return None


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """The tense of a verb with its auxiliaries; None when it says nothing (a bare participle, an imperative)."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        # "would have met on Monday" looks back
        return "PAST" if "have" in words else "FUTURE"
    if "could" in words:
        return "PAST" if "have" in words else None
    head = verb.head
    if _is_infinitive(verb) or (verb.dep_ == "xcomp" and verb.tag_ == "VB"):
        if head.i == verb.i or depth > 4:
            return "FUTURE"
        if head.lemma_.lower() in word_list("future_verbs"):
            # "had been scheduled to expire Friday" looks back from a past already over
            return "PAST" if _past_perfect(head) else "FUTURE"
        return verb_tense(head, depth + 1) if head.pos_ in _VERBS | {"ADJ"} else "FUTURE"
    if verb.tag_ == "VBG" and not words and depth <= 4:
        # a participle clause ("will begin withdrawing on Friday", "with troops arriving Tuesday", "take part
        # in planning for the summit") takes the tense of the verb it hangs from
        above = head.head if head.pos_ == "ADP" else head
        if above.i != verb.i and above.pos_ in _VERBS:
            return verb_tense(above, depth + 1)
    if verb.lower_ in {"going", "gon"} and any(c.dep_ == "xcomp" for c in verb.children):
        return "FUTURE"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags:
        return "PAST"
    if words & _PERFECT and (verb.tag_ == "VBN" or "been" in words):
        return "PAST"  # the present perfect, simple or progressive, reports what has happened
    if verb.tag_ == "VBN" and not auxes:
        # a reduced relative clause ("the accord signed Friday") reports what happened
        return "PAST"
    if tags & {"VBZ", "VBP"} or verb.tag_ == "VBG":
        # "is to meet" looks ahead
        if verb.lemma_ == "be" and any(c.dep_ == "xcomp" and _is_infinitive(c) for c in verb.children):
            return "FUTURE"
        return "PRESENT"
    if verb.tag_ == "MD":
        return "FUTURE" if verb.lower_ in _FUTURE_AUX else "PRESENT"
    return None


def _past_perfect(verb: Token) -> bool:
    """ "had been scheduled", "had planned", "had been due": an adjective's copula counts too."""
    tokens = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    if verb.pos_ == "ADJ" and verb.head.i != verb.i:
        tokens += [verb.head, *(c for c in verb.head.children if c.dep_ in {"aux", "auxpass"})]
    return any(t.lower_ in {"had", "'d", "’d"} for t in tokens)


def clause_tense(span: Span) -> Tense | None:
    """PAST, PRESENT or FUTURE for the clause `span` is in; None where the parse says nothing (a headline).

    A few words next to the expression say more than the verb: "until Tuesday" is ahead, "since Tuesday" and
    "Tuesday's ruling" behind; a verb of scheduling puts its date ahead ("has scheduled a news conference
    Thursday").
    """
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in _BACKWARD:
        return "PAST"
    if span.start >= 3 and doc[span.start - 3 : span.start].text.lower() in {"as early as", "as soon as"}:
        return "FUTURE"  # "could come as early as Tuesday"
    if span.end < len(doc) and doc[span.end].lower_ in {"'s", "’s"} and doc[span.end].tag_ == "POS":
        return "PAST"  # "Wednesday's ruling": named after it happened
    if any(t.pos_ == "ADJ" and t.lemma_.lower() in word_list("schedule_verbs") for t in _path_up(span)):
        return "FUTURE"  # "a dividend payable Dec. 15", "effective Feb. 1"
    verb = _governing_verb(span)
    if verb is not None and _past_perfect(verb):
        return "PAST"  # "until Thursday, they had not called him a suspect"
    if before in _FORWARD:
        return "FUTURE"
    if verb is None:
        return None
    if verb.lemma_.lower() in word_list("schedule_verbs") and verb.tag_ not in {"VBD", "VBN"}:
        return "FUTURE"
    if verb.lemma_.lower() in word_list("schedule_verbs") and verb.tag_ == "VBN" and _has_aux(verb):
        return "FUTURE"  # "has scheduled a news conference Thursday", "is expected Friday"
    return verb_tense(verb)


def _path_up(span: Span, steps: int = 3) -> list[Token]:
    """The few tokens above the span's root, nearest first, up to the first verb."""
    out = []
    token = span.root
    for _ in range(steps):
        if token.head.i == token.i:
            break
        token = token.head
        out.append(token)
        if token.pos_ in _VERBS:
            break
    return out


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
