"""Indirect speech without quotation marks: `X said (that) …`, `X told Y …`, `according to X, …`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.quotes.clauses import clause_of, trim
from newsgraph.quotes.cues import according_to, cue_span, is_cue
from newsgraph.quotes.found import Found
from newsgraph.quotes.quotation_marks import word_count
from newsgraph.quotes.speakers import Speakers

MIN_WORDS = 3


def indirect_quotes(doc: Doc, speakers: Speakers) -> list[Found]:
    """Reported clauses of reporting verbs and of "according to", with their speakers."""
    out: list[Found] = []
    for tok in doc:
        if according_to(tok):
            found = _according_to(doc, tok, speakers)
        elif is_cue(tok, reporting_only=True):
            found = _reported(tok, speakers)
        else:
            continue
        if found is not None and word_count(doc.text[found.start : found.end]) >= MIN_WORDS:
            out.append(found)
    return out


def _reported(cue: Token, speakers: Speakers) -> Found | None:
    complement = next((c for c in cue.children if c.dep_ == "ccomp" and reports(c)), None)
    if complement is None:
        return None
    speaker = speakers.of_cue(cue)
    if speaker.token is None:
        return None  # no subject at all ("is said to be"): nobody to attribute it to
    clause = clause_of(complement)
    if clause is None:
        return None
    return Found(clause[0], clause[1], "indirect", cue_span(cue), speaker)


def _according_to(doc: Doc, according: Token, speakers: Speakers) -> Found | None:
    """`According to police, the man fled.` / `The man fled, according to police.`: the rest of the sentence."""
    sent = according.sent
    phrase_start, phrase_end = according.left_edge.i, according.right_edge.i + 1
    if phrase_start - sent.start <= sent.end - phrase_end:
        clause = trim(doc, phrase_end, sent.end)
    else:
        clause = trim(doc, sent.start, phrase_start)
    if clause is None:
        return None
    speaker = speakers.of_cue(according)
    return Found(clause[0], clause[1], "indirect", cue_span(according), speaker)


def reports(complement: Token) -> bool:
    """A complement introduced by "after", "when", "because"… is a misparsed adverbial clause, not speech."""
    marks = [c.lower_ for c in complement.children if c.dep_ == "mark"]
    return all(m in {"that", "whether", "if"} for m in marks)
