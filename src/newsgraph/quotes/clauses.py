"""Reported clauses: the part of a sentence that a cue reports (`Trump said [the system was rigged]`)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.quotes.quotation_marks import MARKS

_NOT_CONTENT = frozenset(
    {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "mark", "cc", "prt", "agent"}
)


def path_to(cue: Token, inner: Token, limit: int = 10) -> Token | None:
    """The child of `cue` under which `inner` hangs, or None when `inner` does not hang on `cue`."""
    t = inner
    for _ in range(limit):
        if t.head == cue and t != cue:
            return t
        if t.head == t:
            return None
        t = t.head
    return None


def reported_clause(cue: Token, inner: Token) -> tuple[int, int] | None:
    """Character span of the complement of `cue` that holds `inner`, or None.

    `told CNN that Trump is a “faker”` → `Trump is a “faker”`: the addressee is not part of what was said.
    """
    child = path_to(cue, inner)
    if child is None or child.dep_ in _NOT_CONTENT:
        return None
    return trim(cue.doc, child.left_edge.i, child.right_edge.i + 1)


def clause_of(token: Token) -> tuple[int, int] | None:
    """Character span of a whole clause headed by `token` (its subtree), trimmed."""
    return trim(token.doc, token.left_edge.i, token.right_edge.i + 1)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range [start, end) as a character span without a leading "that", edge punctuation and spaces.
    Quotation marks at an edge stay when their partner is inside the span (`was a “party to the conflict”`)."""

    def is_mark(tok: Token) -> bool:
        return tok.text in MARKS

    def edge_punct(i: int, leading: bool) -> bool:
        tok = doc[i]
        if tok.is_space:
            return True
        if leading and tok.dep_ == "mark" and tok.lower_ in {"that", "whether"}:
            return True
        if not tok.is_punct:
            return False
        if is_mark(tok):
            inner = range(i + 1, end) if leading else range(start, i)
            return not any(is_mark(doc[k]) for k in inner)
        return True

    while start < end and edge_punct(start, True):
        start += 1
    while end > start and edge_punct(end - 1, False):
        end -= 1
    if end <= start:
        return None
    return balance_marks(doc.text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def balance_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span over the closing mark of a quote it opens (`is “ongoing` → `is “ongoing.”`): the parse
    often hangs the mark, and a full stop before it, outside the clause."""
    inside = text[start:end]
    if inside.count("“") > inside.count("”"):
        close = text.find("”", end, end + 3)
        if close >= 0:
            return start, close + 1
    return start, end
