"""The learned attributions (`quotes/attributions.py`) over parses written out by hand (`tests/docs.py`): which verbs
are candidates, what the features say, and that the model's threshold decides."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

import forests
from docs import entity, parsed
from newsgraph.forest import Forest
from newsgraph.quotes import attributions, find_quotes
from newsgraph.quotes.attributions import FEATURES, candidates, features, learned_attributions
from newsgraph.quotes.find import found_quotes
from newsgraph.quotes.speakers import Speakers

_PROMISED = """
    0 Ann      1 nsubj PROPN ent=PERSON
    1 promised 1 ROOT  VERB lemma=promise tag=VBD
    2 to       3 aux   PART
    3 cut      1 xcomp VERB lemma=cut
    4 taxes    3 dobj  NOUN
    5 .        1 punct PUNCT
"""


def _promised() -> Doc:
    return parsed("Ann promised to cut taxes.", _PROMISED)


def _forest(score: float, threshold: float = 0.5) -> Forest:
    """Every candidate gets log-odds `score`."""
    return forests.constant(FEATURES, score, threshold)


def test_a_reporting_verb_with_an_infinitive_is_a_candidate():
    doc = _promised()
    [(verb, comp, content)] = candidates(doc, [])
    assert (verb.text, comp.text, doc.text[content[0] : content[1]]) == ("promised", "cut", "to cut taxes")


def test_a_verb_that_reports_no_claim_is_no_candidate():
    """`Ann agreed to cut taxes`: an agreement, narrated; only the reporting verbs' complements are candidates."""
    doc = parsed(
        "Ann agreed to cut taxes.",
        _PROMISED.replace("promised 1 ROOT  VERB lemma=promise", "agreed 1 ROOT VERB lemma=agree"),
    )
    assert candidates(doc, []) == []


def test_an_adverbial_clause_taken_for_a_complement_is_no_candidate():
    doc = parsed(
        "After the tanks rolled in, Ann said nothing.",
        """
        0 After   3 mark  SCONJ
        1 the     2 det   DET
        2 tanks   3 nsubj NOUN
        3 rolled  7 ccomp VERB lemma=roll
        4 in      3 prt   ADP
        5 ,       7 punct PUNCT
        6 Ann     7 nsubj PROPN ent=PERSON
        7 said    7 ROOT  VERB lemma=say
        8 nothing 7 dobj  PRON
        9 .       7 punct PUNCT
        """,
    )
    assert candidates(doc, []) == []


def test_a_complement_a_quote_already_holds_is_no_candidate():
    doc = _promised()
    start = doc.text.index("cut")
    assert candidates(doc, [(start, start + 3)]) == []
    assert len(candidates(doc, [(0, 3)])) == 1  # a quote elsewhere is no obstacle


def test_features_say_what_the_candidate_looks_like():
    doc = _promised()
    ann = entity(doc, "Ann")
    cands = candidates(doc, [])
    row = dict(
        zip(FEATURES, features(doc, cands, Speakers([ann]), {"promise": 1.5, "promise#seen": 2.0})[0], strict=True)
    )
    assert row["lemma_log_odds"] == 1.5 and row["lemma_seen"] == 2.0
    assert row["xcomp"] == 1 and row["to_infinitive"] == 1 and row["ccomp"] == 0 and row["content_before"] == 0
    assert row["subject_person"] == 1 and row["subject_none"] == 0 and row["tag_VBD"] == 1 and row["verb_ROOT"] == 1
    assert row["passive"] == 0 and row["negated"] == 0 and row["verb_quoted"] == 0
    unknown = dict(zip(FEATURES, features(doc, cands, Speakers([]), {})[0], strict=True))
    assert unknown["lemma_log_odds"] == 0 and unknown["subject_person"] == 0 and unknown["subject_noun"] == 1


def test_the_models_threshold_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _promised()
    speakers = Speakers([entity(doc, "Ann")])
    monkeypatch.setattr(attributions, "model", lambda: _forest(1.0))  # p = 0.73
    [found] = learned_attributions(doc, speakers, [])
    assert (found.kind, doc.text[found.start : found.end], found.cue.text, found.speaker.name) == (
        "indirect",
        "to cut taxes",
        "promised",
        "Ann",
    )
    monkeypatch.setattr(attributions, "model", lambda: _forest(1.0, threshold=0.9))
    assert learned_attributions(doc, speakers, []) == []


def test_find_quotes_adds_the_learned_attributions(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _promised()
    ann = entity(doc, "Ann")
    monkeypatch.setattr(attributions, "model", lambda: _forest(3.0))
    assert [q.text for q in find_quotes(doc, [ann], rank=False)] == ["to cut taxes"]
    assert found_quotes(doc, [ann], learned=False).found == []


def test_the_shipped_model_loads_with_its_features():
    attributions.model.cache_clear()
    model = attributions.model()
    assert model.names == FEATURES and len(model.roots) > 10 and 0 < model.threshold_p < 1
    assert attributions.verb_weights()["say#seen"] > 0


def test_a_verb_that_is_already_a_quotes_cue_is_no_candidate():
    doc = _promised()
    assert candidates(doc, [], cues=[doc.text.index("promised")]) == []
