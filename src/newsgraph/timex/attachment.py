"""Which verb a time expression belongs to, and so which claim or quote it dates.

"NATO will decide in July" dates the deciding; "the July summit" and "July's vote" do not date a verb (the
expression is part of a noun phrase), and "He said on Tuesday that NATO will meet in July" dates the saying with
Tuesday and the meeting with July. The claims layer gives a claim the time of its verb; a quote gets the time of a
verb inside it: what the quoted words are about, not when they were said.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.model import Quote, Timex

NOT_A_VERBS_TIME = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "poss", "compound", "amod", "appos"})
"""Dependencies that put an expression inside a noun phrase or make it an argument: "July's vote", "the July
summit", "Tuesday was chosen"; the walk up to the verb stops there."""


def verb_times(doc: Doc, timex: Sequence[Timex]) -> dict[int, int]:
    """{the verb a time expression belongs to: its index in `timex`}, the first for each verb: up the tree from the
    expression's head to the first verb, through adverbs and prepositional phrases, not through a noun phrase."""
    out: dict[int, int] = {}
    for n, t in enumerate(timex):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        node: Token = span.root
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i and node.dep_ not in NOT_A_VERBS_TIME:
            node = node.head
        if node.pos_ in ("VERB", "AUX"):
            out.setdefault(node.i, n)
    return out


def quotes_with_times(doc: Doc, quotes: Sequence[Quote], timex: Sequence[Timex]) -> list[Quote]:
    """The quotes, each with `time` the index in `timex` of the first expression inside it that dates a verb inside
    it (the quoted clause's own time); None where the quoted words name no time."""
    by_verb = verb_times(doc, timex)
    if not by_verb:
        return list(quotes)
    dated = sorted((n, doc[verb].idx) for verb, n in by_verb.items())
    out = []
    for q in quotes:
        time = next(
            (n for n, at in dated if q.start <= at < q.end and q.start <= timex[n].start and timex[n].end <= q.end),
            None,
        )
        out.append(dataclasses.replace(q, time=time) if time is not None else q)
    return out
