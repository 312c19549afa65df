from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.quotes.quotation_marks import find_marked_spans


def inside(text: str, nested: bool = False) -> list[str]:
    return [text[s.start : s.end] for s in find_marked_spans(text) if nested or not s.nested]


def test_curly_straight_single_guillemets_and_german_marks():
    assert inside('He said: “Yes, now.” She said "no, never".') == ["Yes, now.", "no, never"]
    assert inside("The minister said ‘we will act’ and left.") == ["we will act"]
    assert inside("Il a dit «peut-être» hier. Er sagte „Ja, gern“ dann.") == ["peut-être", "Ja, gern"]


def test_apostrophes_are_not_quotation_marks():
    assert inside("Putin’s war, the allies’ plans and the ’90s don’t count.") == []
    assert inside("It's the allies' plan, isn't it?") == []


def test_quotes_nested_in_quotes_are_marked_nested():
    spans = find_marked_spans("She said: “He told me ‘never’ twice.”")
    assert [(s.nested, s.level) for s in spans] == [(False, "double"), (True, "single")]
    assert inside("She said: “He told me ‘never’ twice.”") == ["He told me ‘never’ twice."]


def test_quote_running_over_paragraphs():
    text = "He added: “First part.\n“Second part.\n“Last part.”\nNot quoted."
    spans = find_marked_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["First part.", "Second part.", "Last part."]
    assert [(s.closed, s.continues) for s in spans] == [(False, True), (False, True), (True, False)]


def test_unbalanced_marks_never_stop_the_article():
    assert inside("A closing ” alone, then “a real one” here.") == ["a real one"]
    assert inside("“Lost its closer and “closed here.”") == ["closed here."]
    lost = find_marked_spans("He said “we will win the vote\nNext paragraph.")
    assert [(s.closed, s.continues) for s in lost] == [(False, False)]


def test_glued_opening_mark_still_opens():
    assert inside("at series of events“No-one can tell exactly.”") == ["No-one can tell exactly."]


def test_inch_sign_is_not_a_quote():
    assert inside('A 5" screen and a "real quote here".') == ["real quote here"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”\"«»„‘’' \nab.,:")), max_size=300))
def test_any_soup_of_marks_gives_spans_inside_the_text(text):
    for s in find_marked_spans(text):
        assert 0 <= s.start < s.end <= len(text)
        assert "\n" not in text[s.start : s.end]


def test_two_apostrophes_are_one_double_mark():
    text = "''Of course. He wanted to run,'' Mr. Daley said, and ''on espere,'' he added."
    assert inside(text) == ["Of course. He wanted to run,", "on espere,"]


def test_second_double_opener_of_the_same_style_means_the_first_was_lost():
    """`"We won. “Yes,” she said.`: the straight opener never closes; a curly opener after a curly one, or a straight
    after a straight, starts afresh; but a curly pair inside a straight opener is a quote in the quote (a
    transcript's turn, `"PENCE: … “Shark Tank.” …`), and the turn runs to the end of its paragraph."""
    assert inside("“We won. “Yes,” she said.") == ["Yes,"]
    assert inside('"PENCE: He thinks it is “Shark Tank.” But it is not.', nested=True) == [
        "PENCE: He thinks it is “Shark Tank.” But it is not.",
        "Shark Tank.",
    ]
