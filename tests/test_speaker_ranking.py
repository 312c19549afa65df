"""The speaker ranker (`quotes/ranking.py`) and the rules it was given with it, over parses written out by hand
(`tests/docs.py`): each candidate generator proposes who it says, the features say what they measure, and the
choice follows the model's scores (a forest written here) and its decision threshold."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc

from docs import entity, parsed, token
from newsgraph.forest import Forest, shipped
from newsgraph.model import Entity
from newsgraph.quotes import find_quotes, ranking
from newsgraph.quotes.find import found_quotes
from newsgraph.quotes.marked import dash_attribution
from newsgraph.quotes.ranking import FEATURES, ROLES, Candidate, candidates, features, rank_speakers
from newsgraph.quotes.speakers import Speaker, Speakers

_DASHED = """
    0  “        2  punct PUNCT
    1  We       2  nsubj PRON tag=PRP
    2  won      2  ROOT  VERB lemma=win
    3  .        2  punct PUNCT
    4  ”        2  punct PUNCT
    5  ―        2  punct PUNCT
    6  Jane     7  compound PROPN ent=PERSON
    7  Doe      2  npadvmod PROPN ent=PERSON
    8  \\n      7  dep   SPACE
    9  “        11 punct PUNCT
    10 It       11 nsubj PRON tag=PRP
    11 is       11 ROOT  AUX lemma=be
    12 over     11 acomp ADV
    13 .        11 punct PUNCT
    14 ”        11 punct PUNCT
    15 –        11 punct PUNCT
    16 Tom      17 compound PROPN ent=PERSON
    17 Smith    11 npadvmod PROPN ent=PERSON
    18 ,        17 punct PUNCT
    19 campaign 20 compound NOUN
    20 director 17 appos NOUN
"""
_DASHED_TEXT = "“We won.” ― Jane Doe\n“It is over.” – Tom Smith, campaign director"


def _dashed() -> tuple[Doc, list[Entity]]:
    doc = parsed(_DASHED_TEXT, _DASHED)
    return doc, [entity(doc, "Jane Doe"), entity(doc, "Tom Smith", id="E2")]


def _forest(feature: str, above: float, below: float, threshold: float = 0.5) -> Forest:
    """One tree of one split: log-odds `above` when `feature` > 0.5, else `below`."""
    return Forest(
        {
            "features": list(FEATURES),
            "feature": [FEATURES.index(feature), 0, 0],
            "threshold": [0.5, 1e308, 1e308],
            "left": [1, 1, 2],
            "right": [2, 1, 2],
            "value": [0.0, below, above],
            "roots": [0],
            "depth": 1,
            "decision_threshold": threshold,
        }
    )


# ---------------------------------------------------------------- the rules given with the ranker


def test_a_name_after_a_dash_after_the_quote_is_its_speaker_and_the_dash_its_cue():
    doc, ents = _dashed()
    quotes = find_quotes(doc, ents, rank=False)
    assert [(q.text, q.speaker_name, q.cue.text if q.cue else None) for q in quotes] == [
        ("We won.", "Jane Doe", "―"),
        ("It is over.", "Tom Smith", "–"),  # the name's description after a comma is no obstacle
    ]


def test_a_dash_name_must_end_its_line_or_go_on_with_a_comma():
    """`“…” — Trump went on to…`: a dash opening a sentence of the article is no attribution."""
    doc = parsed(
        "“We won.” — Trump went home",
        """
        0 “     2 punct PUNCT
        1 We    2 nsubj PRON tag=PRP
        2 won   2 ROOT  VERB lemma=win
        3 .     2 punct PUNCT
        4 ”     2 punct PUNCT
        5 —     7 punct PUNCT
        6 Trump 7 nsubj PROPN ent=PERSON
        7 went  2 parataxis VERB lemma=go
        8 home  7 advmod ADV
        """,
    )
    assert dash_attribution(doc, doc.text.index("”")) is None
    named = dash_attribution(*_end_of_first_quote())
    assert named is not None and named.i == token(_dashed()[0], "Doe").i


def _end_of_first_quote() -> tuple[Doc, int]:
    doc, _ = _dashed()
    return doc, doc.text.index("”")


def test_an_indefinite_pronoun_describes_its_speaker_a_personal_one_needs_the_entity_layer():
    doc = parsed(
        "Some believe it. He said it.",
        """
        0 Some    1 nsubj PRON tag=DT
        1 believe 1 ROOT  VERB lemma=believe
        2 it      1 dobj  PRON tag=PRP
        3 .       1 punct PUNCT
        4 He      5 nsubj PRON tag=PRP
        5 said    5 ROOT  VERB lemma=say
        6 it      5 dobj  PRON tag=PRP
        7 .       5 punct PUNCT
        """,
    )
    speakers = Speakers([])
    assert speakers.of_cue(token(doc, "believe")) == Speaker(None, "Some", token(doc, "Some"))
    he = speakers.of_cue(token(doc, "said"))
    assert not he.known and he.token == token(doc, "He")


# ---------------------------------------------------------------- candidates


_POSSESSED = """
    0  Ann       1  nsubj PROPN ent=PERSON
    1  spoke     1  ROOT  VERB lemma=speak
    2  .         1  punct PUNCT
    3  Her       4  poss  PRON tag=PRP$
    4  statement 5  nsubj NOUN
    5  said      5  ROOT  VERB lemma=say
    6  Bob       9  nsubj PROPN ent=PERSON
    7  and       6  cc    CCONJ
    8  Cy        6  conj  PROPN ent=PERSON
    9  had       5  ccomp VERB lemma=have
    10 lost      9  dobj  NOUN
    11 .         5  punct PUNCT
"""


def _possessed() -> tuple[Doc, list[Entity]]:
    doc = parsed("Ann spoke. Her statement said Bob and Cy had lost.", _POSSESSED)
    return doc, [entity(doc, "Ann", "Her"), entity(doc, "Bob", id="E2"), entity(doc, "Cy", id="E3")]


def _roles(cands: list[Candidate]) -> dict[str, set[str]]:
    return {c.speaker.name or "": c.roles for c in cands}


def test_the_possessor_of_a_document_subject_is_a_candidate():
    """`Her statement said…`: the statement's owner, whom the entity layer knows as Ann, is proposed."""
    doc, ents = _possessed()
    ctx = found_quotes(doc, ents)
    [f] = ctx.found
    roles = _roles(candidates(ctx, 0))
    assert f.speaker.name == "Her statement"  # the rules take the statement itself
    assert "possessor" in roles["Ann"] and "near" in roles["Ann"]
    assert {"rule", "cue_subject"} <= roles["Her statement"]
    assert "Bob" not in roles  # inside the reported clause: what is said, not who says it


def test_coordinated_subjects_are_candidates():
    doc = parsed(
        "Bob and Cy said the deal was dead.",
        """
        0 Bob  3 nsubj PROPN ent=PERSON
        1 and  0 cc    CCONJ
        2 Cy   0 conj  PROPN ent=PERSON
        3 said 3 ROOT  VERB lemma=say
        4 the  5 det   DET
        5 deal 6 nsubj NOUN
        6 was  3 ccomp AUX lemma=be
        7 dead 6 acomp ADJ
        8 .    3 punct PUNCT
        """,
    )
    ctx = found_quotes(doc, [entity(doc, "Bob"), entity(doc, "Cy", id="E2")])
    roles = _roles(candidates(ctx, 0))
    assert "cue_subject" in roles["Bob"] and "cue_subject_conj" in roles["Cy"]


def test_the_dash_name_and_the_speaker_of_the_quote_before_are_candidates():
    doc, ents = _dashed()
    ctx = found_quotes(doc, ents)
    second = _roles(candidates(ctx, 1))
    assert {"rule", "dash_after"} <= second["Tom Smith"]
    assert {"previous_speaker", "last_person"} <= second["Jane Doe"]  # the person named last before the quote
    assert "last_person" not in _roles(candidates(ctx, 0)).get("Jane Doe", set())  # named after it, not before


def test_candidates_come_nearest_first_and_features_say_where_they_stand():
    doc, ents = _dashed()
    ctx = found_quotes(doc, ents)
    cands = candidates(ctx, 1)
    assert [c.speaker.name for c in cands] == ["Jane Doe", "Tom Smith"]  # "Doe" ends just before the quote
    x = features(ctx, 1, cands)
    assert x.shape == (2, len(FEATURES))
    other, row = (dict(zip(FEATURES, r, strict=True)) for r in x)
    assert row["rule"] == 1 and other["rule"] == 0 and other["previous_speaker"] == 1
    assert row["person"] == 1 and row["proper"] == 1 and row["full_name"] == 1 and row["description"] == 0
    assert row["distance"] > 0 and other["distance"] < 0  # after the quote / before it
    assert row["rank"] == 1 and other["rank"] == 0 and row["candidates"] == 2
    assert row["direct"] == 1 and row["cued"] == 1 and row["rule_quotes"] == 1
    assert other["sentences_apart"] >= 1 and row["before"] == 0 and other["before"] == 1


# ---------------------------------------------------------------- the choice


def test_the_best_scored_candidate_is_the_speaker():
    doc, ents = _dashed()
    ctx = found_quotes(doc, ents)
    chosen = rank_speakers(ctx, _forest("previous_speaker", 3.0, -3.0))
    # This model trusts only the speaker of the quote before: the first quote has none, the second gets Jane Doe.
    assert [s.name for s in chosen] == [None, "Jane Doe"]
    chosen = rank_speakers(ctx, _forest("dash_after", 3.0, -3.0))
    assert [s.name for s in chosen] == ["Jane Doe", "Tom Smith"]


def test_below_the_decision_threshold_a_quote_keeps_no_speaker():
    doc, ents = _dashed()
    ctx = found_quotes(doc, ents)
    chosen = rank_speakers(ctx, _forest("dash_after", 1.0, -3.0, threshold=0.9))  # sigmoid(1) = 0.73
    assert not any(s.known for s in chosen)


def test_find_quotes_takes_the_rankers_choice():
    doc, ents = _possessed()
    ranking.model.cache_clear()
    ranked = find_quotes(doc, ents)
    assert len(ranked) == 1 and ranked[0].speaker_name in {"Ann", "Her statement"}
    assert find_quotes(doc, ents, rank=False)[0].speaker_name == "Her statement"


def test_the_shipped_ranker_loads_with_its_features():
    model = ranking.model()
    assert model.names == FEATURES and len(model.roots) > 10 and 0 <= model.threshold_p < 0.5
    assert set(ROLES) <= set(FEATURES)


def test_a_model_trained_on_other_features_is_refused() -> None:
    with pytest.raises(RuntimeError, match="train_speakers"):
        shipped("speaker_model", (*FEATURES[:-1], "something_else"), "bench/train_speakers.py")


def test_a_quote_without_candidates_keeps_the_rules_speaker():
    doc = parsed(
        "“We won the match today.”",
        """
        0 “     2 punct PUNCT
        1 We    2 nsubj PRON tag=PRP
        2 won   2 ROOT  VERB lemma=win
        3 the   4 det   DET
        4 match 2 dobj  NOUN
        5 today 2 npadvmod NOUN
        6 .     2 punct PUNCT
        7 ”     2 punct PUNCT
        """,
    )
    ctx = found_quotes(doc, [])
    assert len(ctx.found) == 1 and candidates(ctx, 0) == []
    assert rank_speakers(ctx, _forest("rule", 3.0, -3.0)) == [ctx.found[0].speaker]
    assert np.array_equal(features(ctx, 0, []), np.zeros((0, len(FEATURES))))


def test_the_noun_a_participle_cue_hangs_on_is_a_candidate():
    """`The ad shows Ann asking, “Why?”`: the cue "asking" hangs on Ann, whom the rules do not reach."""
    doc = parsed(
        "The ad shows Ann asking, “Why not?”",
        """
        0 The    1 det   DET
        1 ad     2 nsubj NOUN
        2 shows  2 ROOT  VERB lemma=show
        3 Ann    2 dobj  PROPN ent=PERSON
        4 asking 3 acl   VERB lemma=ask
        5 ,      4 punct PUNCT
        6 “      4 punct PUNCT
        7 Why    4 ccomp ADV
        8 not    7 neg   PART
        9 ?      4 punct PUNCT
        10 ”     4 punct PUNCT
        """,
    )
    ctx = found_quotes(doc, [entity(doc, "Ann")])
    [f] = ctx.found
    assert f.cue is not None and f.cue.text == "asking"
    assert "cue_head" in _roles(candidates(ctx, 0))["Ann"]


def test_a_descriptions_head_word_is_read_from_the_lexicon():
    doc, ents = _possessed()
    ctx = found_quotes(doc, ents)
    cands = candidates(ctx, 0)
    described = next(c for c in cands if c.speaker.entity is None)
    assert ranking.head_word(described) == "statement"
    row = dict(zip(FEATURES, features(ctx, 0, [described], {"statement": -2.0})[0], strict=True))
    assert row["head_log_odds"] == -2.0 and row["description"] == 1
    named = next(c for c in cands if c.speaker.entity is not None)
    assert ranking.head_word(named) == ""
    assert dict(zip(FEATURES, features(ctx, 0, [named], {"": 5.0})[0], strict=True))["head_log_odds"] == 5.0
    assert ranking.head_weights()  # the shipped lexicon
