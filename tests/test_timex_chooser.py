"""The time layer's candidates (`timex/candidates.py`) and the learned choice between them (`timex/chooser.py`):
what each generator and transform proposes, the features that describe a candidate, and how a forest's scores
and the margin decide, with forests written out by hand so that what is pinned is the choosing, not a model."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from docs import parsed
from newsgraph.forest import Forest
from newsgraph.timex import find_timex
from newsgraph.timex.candidates import DROP, FEATURES, INDEX, Candidate, Setting, features, generate, shape, transforms
from newsgraph.timex.chooser import choose
from newsgraph.timex.find import expressions
from newsgraph.timex.rules import RULES, Context, Reading

PUBLISHED = dt.date(2023, 2, 28)  # a Tuesday


def stump(feature: str, score: float) -> Forest:
    """A forest of one tree: `score` log-odds for a candidate with `feature` above 0.5, 0 for the rest."""
    return Forest(
        {
            "features": list(FEATURES),
            "depth": 1,
            "roots": [0],
            "feature": [INDEX[feature], 0, 0],
            "threshold": [0.5, 1e308, 1e308],
            "left": [1, 1, 2],
            "right": [2, 1, 2],
            "value": [0.0, 0.0, score],
        }
    )


MONDAY = """
    0 They   1 nsubj PRON
    1 met    1 ROOT  VERB lemma=meet tag=VBD
    2 Monday 1 npadvmod PROPN
    3 .      1 punct PUNCT
"""


def test_the_rules_reading_comes_first_the_other_tenses_after_and_not_a_time_last():
    doc = parsed("They met Monday.", MONDAY)
    (found,) = expressions(doc, PUBLISHED.isoformat())
    values = [(c.value, sorted(c.sources)) for c in found.candidates]
    assert values[0] == ("2023-02-27", ["past", "present", "rule", "untensed"])
    assert ("2023-03-06", ["future"]) in values  # the Monday ahead, had the clause been future
    assert found.candidates[-1] == Candidate(None, None, frozenset({DROP}))
    assert len(found.rows) == len(found.candidates) and all(len(r) == len(FEATURES) for r in found.rows)


def test_the_last_day_mentioned_and_the_publication_date_are_anchors_of_their_own():
    rule = next(r for r in RULES if r.name == "relative_unit")
    m = rule.pattern.match("the following day")
    ctx = Context(PUBLISHED, "PAST", reference="2023-01-10", day="2023-01-10")
    default = rule.apply(m, ctx)
    sources = {c.value: c.sources for c in generate(rule, m, ctx, default)}
    assert default.value == "2023-01-11" and "rule" in sources["2023-01-11"]
    assert "published" in sources["2023-03-01"]  # counted from the publication date instead


@pytest.mark.parametrize(
    ("reading", "words", "source", "expected"),
    [
        (Reading("DATE", "2023-W08"), "last week", "unspecified", ("DATE", "2023-WXX")),
        (Reading("DATE", "2023-W08"), "last week", "week_month", ("DATE", "2023-02")),
        (Reading("DATE", "2023-W08"), "last week", "as_duration", ("DURATION", "P1W")),
        (Reading("DATE", "2023-W08"), "last week", "to_year", ("DATE", "2023")),
        (Reading("DATE", "2022-Q3"), "the quarter", "unspecified", ("DATE", "2022-QX")),
        (Reading("DATE", "2023-02-27"), "monday", "to_month", ("DATE", "2023-02")),
        (Reading("DATE", "2023-02-22"), "wednesday night", "add_day_part", ("TIME", "2023-02-22TNI")),
        (Reading("TIME", "2023-02-22TNI"), "wednesday night", "drop_day_part", ("DATE", "2023-02-22")),
        (Reading("DATE", "2023-W09"), "this week", "present_ref", ("DATE", "PRESENT_REF")),
        (Reading("DURATION", "PXY"), "recent years", "as_reference", ("DATE", "PAST_REF")),
        (Reading("DURATION", "PXM"), "coming months", "as_reference", ("DATE", "FUTURE_REF")),
        (Reading("DATE", "PAST_REF"), "months ago", "as_vague_duration", ("DURATION", "PXM")),
        (Reading("DATE", "198"), "the 1980s", "x_digits", ("DATE", "198X")),
        (Reading("DATE", "19"), "the 20th century", "x_digits", ("DATE", "19XX")),
        (Reading("DURATION", "P10Y"), "a decade", "native_unit", ("DURATION", "P1E")),
        (Reading("DURATION", "P6M"), "two quarters", "native_unit", ("DURATION", "P2Q")),
        (Reading("DURATION", "PT24H"), "24 hours", "native_unit", ("DURATION", "P1D")),
        (Reading("DATE", "198"), "the past decade", "as_duration", ("DURATION", "P10Y")),
        (Reading("DATE", "2021"), "two years ago", "as_duration", ("DURATION", "P2Y")),
    ],
)
def test_each_transform_proposes_the_value_the_corpora_also_give(reading, words, source, expected):
    out = [(r.type, r.value) for s, r in transforms(reading, words, PUBLISHED) if s == source]
    assert out == [expected]


def test_a_transform_proposes_nothing_that_does_not_fit():
    assert not [s for s, _ in transforms(Reading("DATE", "2023-W08"), "last week", PUBLISHED) if s == "present_ref"]
    assert not [s for s, _ in transforms(Reading("DURATION", "PXY"), "years", PUBLISHED) if s == "as_reference"]
    assert not [s for s, _ in transforms(Reading("DATE", "2023-02-27"), "monday", PUBLISHED) if s == "add_day_part"]


def test_features_say_where_a_candidate_lies_against_the_publication_date():
    doc = parsed("They met Monday.", MONDAY)
    setting = Setting("weekday", "Monday", doc[2:3], Context(PUBLISHED, "PAST"), 0.5, 0, 0)
    before, after = (
        Candidate("DATE", "2023-02-27", frozenset({"rule"})),
        Candidate("DATE", "2023-03-06", frozenset({"future"})),
    )
    rows = features([before, after], setting)
    assert rows[0][INDEX["days_from_published"]] == -1 and rows[0][INDEX["before_published"]] == 1
    assert rows[1][INDEX["days_from_published"]] == 6 and rows[1][INDEX["after_published"]] == 1
    assert rows[0][INDEX["src_rule"]] == 1 and rows[1][INDEX["src_future"]] == 1 and rows[1][INDEX["src_rule"]] == 0
    assert rows[0][INDEX["rule_weekday"]] == rows[1][INDEX["rule_weekday"]] == 1
    assert rows[0][INDEX["tense_past"]] == 1 and rows[0][INDEX["dep_npadvmod"]] == 1


@pytest.mark.parametrize(
    ("value", "type_", "kind"),
    [
        ("2023-02-27", "DATE", "day"),
        ("2023-W08", "DATE", "week"),
        ("2023-Q1", "DATE", "quarter"),
        ("198", "DATE", "decade"),
        ("P1W", "DURATION", "duration"),
        ("PRESENT_REF", "DATE", "ref"),
        ("2023-02-22TNI", "TIME", "time"),
        ("XXXX-02", "DATE", "unknown"),
    ],
)
def test_shape_names_the_kind_of_value(value, type_, kind):
    assert shape(Candidate(type_, value, frozenset())) == kind


def test_another_candidate_is_taken_only_when_it_beats_the_rules_reading_by_the_margin():
    doc = parsed("They met Monday.", MONDAY)
    prefers_future = stump("src_future", 2.0)
    assert [t.value for t in find_timex(doc, PUBLISHED.isoformat(), chooser=prefers_future, margin=1.0)] == [
        "2023-03-06"
    ]
    assert [t.value for t in find_timex(doc, PUBLISHED.isoformat(), chooser=prefers_future, margin=3.0)] == [
        "2023-02-27"
    ]
    assert [t.value for t in find_timex(doc, PUBLISHED.isoformat(), chooser=None)] == ["2023-02-27"]


def test_the_margin_is_the_models_own_unless_given():
    forest = stump("src_future", 2.0)
    forest.meta["margin"] = 2.5
    candidates = [Candidate("DATE", "a", frozenset({"rule"})), Candidate("DATE", "b", frozenset({"future"}))]
    rows = [[0.0] * len(FEATURES), [0.0] * len(FEATURES)]
    rows[1][INDEX["src_future"]] = 1.0
    assert choose(forest, [(candidates, rows)])[0].value == "a"
    assert choose(forest, [(candidates, rows)], margin=1.0)[0].value == "b"


def test_not_a_time_expression_chosen_leaves_the_expression_out():
    doc = parsed("They met Monday.", MONDAY)
    assert find_timex(doc, PUBLISHED.isoformat(), chooser=stump("src_drop", 5.0), margin=0.0) == []


def test_without_a_shipped_model_the_rules_reading_stands():
    doc = parsed("They met Monday.", MONDAY)
    assert find_timex(doc, PUBLISHED.isoformat()) == find_timex(doc, PUBLISHED.isoformat(), chooser=None)
    assert expressions(doc, PUBLISHED.isoformat(), with_candidates=False)[0].candidates == []


def test_feature_names_are_unique_and_say_what_they_capture():
    assert len(set(FEATURES)) == len(FEATURES)
    assert all(re.fullmatch(r"[a-z_0-9]+", f) for f in FEATURES)
