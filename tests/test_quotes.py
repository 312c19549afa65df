from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsgraph


def quotes(text: str, **kwargs):
    return newsgraph.analyze(text, headline=False, **kwargs).quotes


def test_example_article_quotes_and_speakers(example):
    direct = [q for q in example.quotes if q.kind in {"direct", "partial"}]
    assert len(direct) == 15
    assert {q.speaker_name for q in direct} == {"Jens Stoltenberg"}
    by_text = {q.text: q for q in direct}
    assert by_text["They have the right to defend themselves."].cue is None  # continues the quote before it
    urged = next(q for q in direct if "sustain and step up" in q.text)
    assert urged.kind == "partial" and urged.cue.text == "urged"
    assert [v.text for v in urged.verbatim] == ["sustain and step up our support to Ukraine"]
    went_on = next(q for q in direct if q.text.startswith("We are also increasingly concerned"))
    assert went_on.cue.text == "went on" and went_on.kind == "direct"


def test_partial_quote_is_the_reported_clause_with_its_verbatim_words():
    [q] = quotes("Mr Smith denied the company was a “party to the fraud”.")
    assert q.kind == "partial"
    assert q.text == "the company was a “party to the fraud”"
    assert [v.text for v in q.verbatim] == ["party to the fraud"]
    assert q.cue.text == "denied" and q.speaker_name == "Smith"


def test_direct_quote_with_cue_after_and_inverted_subject():
    [q] = quotes("“We will not back down,” said Maria Lopez, the city's mayor.")
    assert (q.kind, q.text, q.cue.text, q.speaker_name) == ("direct", "We will not back down,", "said", "Maria Lopez")


def test_pronoun_speaker_and_continuation_over_paragraphs():
    text = (
        "Health minister Anna Berg resigned on Friday.\n"
        "“I have done my part,” she said. “Others must go on.”\n"
        "“It is time for new people.”\n"
    )
    qs = quotes(text)
    assert [q.speaker_name for q in qs] == ["Anna Berg"] * 3
    assert [bool(q.cue) for q in qs] == [True, False, False]


def test_quote_introduced_by_a_colon_paragraph():
    text = "The senator spoke at length. John Kerry said:\n“We must act now on the climate, before it is too late.”"
    [q] = quotes(text)
    assert q.speaker_name == "John Kerry" and q.cue.text == "said"


def test_indirect_speech_and_according_to():
    qs = quotes("The mayor, Tom Hardy, said that the bridge would reopen next week. According to police, the man fled.")
    kinds = [(q.kind, q.text, q.speaker_name) for q in qs]
    assert ("indirect", "the bridge would reopen next week", "Tom Hardy") in kinds
    assert ("indirect", "the man fled", "police") in kinds


def test_organisations_speak():
    [q] = quotes("The Kremlin said the talks had failed because of Western pressure on Kyiv.")
    assert q.kind == "indirect" and q.speaker_name == "Kremlin"


def test_scare_quotes_titles_and_terms_are_not_quotes():
    text = (
        "The so-called “experts” disagreed. She appeared on “Saturday Night Live” last year. "
        "The film “Killers of the Flower Moon” opened."
    )
    assert [q.text for q in quotes(text) if q.kind != "indirect"] == []


def test_single_marks_quote_as_well():
    [q] = quotes("Critics called the plan 'utter nonsense'.")
    assert q.kind == "partial" and q.text == "the plan 'utter nonsense'" and q.cue.text == "called"


def test_unnamed_speaker_is_an_entity_named_by_its_description():
    text = "“The decision is final and there will be no appeal,” a spokesman for the ministry said. He left."
    result = newsgraph.analyze(text, headline=False)
    [q] = result.quotes
    assert q.speaker_name == "a spokesman for the ministry"
    spokesman = result.entity(q.speaker)
    assert spokesman.type == "PERSON" and [m.text for m in spokesman.mentions] == [q.speaker_name, "He"]


def test_unnamed_speaker_without_entity_is_described():
    [q] = quotes("“There will be no appeal,” the ministry's lawyers said.")
    assert q.speaker is None and q.speaker_name == "the ministry's lawyers"


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”\"«»‘’' \nHe said Yes no.,:")), min_size=1, max_size=160))
def test_analyze_never_raises_on_mark_soup_and_offsets_hold(text):
    if not text.strip():  # nothing to analyse: refused as empty, the one error `analyze` may raise on text
        with pytest.raises(newsgraph.InputError, match="empty"):
            newsgraph.analyze(text, headline=False)
        return
    result = newsgraph.analyze(text, headline=False)
    for q in result.quotes:
        assert result.text[q.start : q.end] == q.text
        for v in q.verbatim:
            assert q.start <= v.start < v.end <= q.end and result.text[v.start : v.end] == v.text
        if q.cue:
            assert result.text[q.cue.start : q.cue.end] == q.cue.text
