"""Titles the article gives a person: the words before the name (`NATO chief Jens Stoltenberg`, `former Norwegian
PM Mr Stoltenberg`), a title word in the mention (`President Putin`) and appositions (`Sarah Sanders, a White
House spokeswoman,`).

The words before a name are read from the surface, not the parse: the small model often misparses such runs of
capitalised words ("PM" as punctuation), while their shape is regular.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.entities.names import Group, honorific, title_word
from newsgraph.lexicon import words

MAX_TITLE_WORDS = 7
_STOP_POS = frozenset({"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "INTJ", "SPACE"})


def is_title_noun(token: Token) -> bool:
    """Is this word the head of a title (chief, minister, PM, spokeswoman)?"""
    return token.lower_.rstrip(".") in words("titles")


def add_titles(doc: Doc, groups: list[Group]) -> None:
    """Collect each person's titles from every one of their named mentions."""
    for group in groups:
        if group.label != "PERSON":
            continue
        for ref in group.refs:
            if ref.kind != "name":
                continue
            mention = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if mention is None:
                continue
            for title in titles_at(mention):
                group.add_title(title)


def titles_at(mention: Span) -> list[str]:
    """The titles given at one mention of a person."""
    doc = mention.doc
    out: list[str] = []
    in_mention = [t for t in mention if title_word(t) and not honorific(t)]
    start = mention.start
    while start > 0 and honorific(doc[start - 1]):
        start -= 1
    run = _title_run(doc, start)
    if run or in_mention:
        words_ = [*run, *in_mention]
        out.append(" ".join(t.text for t in words_) if not run else _join(run, in_mention))
    root = mention.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            title = _apposition_title(doc, child)
            if title:
                out.append(title)
    return out


def _join(run: list[Token], extra: list[Token]) -> str:
    doc = run[0].doc
    text = doc[run[0].i : run[-1].i + 1].text
    return " ".join([text, *(t.text for t in extra)])


def _title_run(doc: Doc, end: int) -> list[Token]:
    """The run of title words that ends just before token `end`, if its last word is a title noun."""
    i = end - 1
    if i < 0 or not is_title_noun(doc[i]) or doc[i].is_sent_start:
        return []
    first = i
    while first - 1 >= 0 and end - (first - 1) <= MAX_TITLE_WORDS:
        tok = doc[first - 1]
        if not _may_be_in_title(tok) or doc[first].is_sent_start:
            break
        first -= 1
    # A sentence-initial capitalised word is not part of the title unless it is a title word itself.
    while first < i and doc[first].is_sent_start and not _title_like(doc[first]):
        first += 1
    return list(doc[first : i + 1])


def _may_be_in_title(tok: Token) -> bool:
    if tok.is_space or tok.lower_ in {"'s", "’s"}:
        return False
    if tok.text == "-" or tok.text == "of":
        return True  # Secretary-General, Secretary of State
    if tok.is_punct or tok.pos_ in _STOP_POS:
        return False
    return tok.text[:1].isupper() or tok.pos_ in {"ADJ", "NOUN", "PROPN"}


def _title_like(tok: Token) -> bool:
    return is_title_noun(tok) or tok.ent_type_ in {"NORP", "ORG", "GPE"}


def _apposition_title(doc: Doc, head: Token) -> str:
    """`, a White House spokeswoman,` → "White House spokeswoman"; "" when the apposition is not a title."""
    if not is_title_noun(head):
        return ""
    tokens = [t for t in head.subtree if t.i >= head.left_edge.i]
    stop = next((k for k, t in enumerate(tokens) if t.i > head.i and (t.is_punct or t.dep_ == "relcl")), len(tokens))
    tokens = tokens[:stop]
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].is_punct):
        tokens = tokens[1:]
    if not tokens or len(tokens) > MAX_TITLE_WORDS + 3:
        return ""
    return doc[tokens[0].i : tokens[-1].i + 1].text
