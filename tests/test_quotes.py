from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.quotes import find_quote_spans


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_curly_straight_and_guillemet_quotes():
    assert spans('He said: “Yes, now.” She said "no, never" and «peut-être».') == [
        "Yes, now.",
        "no, never",
        "peut-être",
    ]


def test_quote_running_over_paragraphs_is_one_span_per_paragraph():
    text = "He added: “First part.\n“Second part.\n“Last part.”\nNot quoted."
    assert spans(text) == ["First part.", "Second part.", "Last part."]


def test_unbalanced_marks_are_skipped_not_fatal():
    assert spans("An opening “ with no end.\nAnd a closing ” alone.") == []
    assert spans("“Unclosed here and “closed here.”") == ["closed here."]


def test_inch_mark_after_a_digit_does_not_open_a_quote():
    assert spans('A 5" screen and a "real quote here".') == ["real quote here"]


SOUP = st.text(alphabet=st.sampled_from(list("“”\"«»„‘’' \nab.,")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(SOUP)
def test_any_soup_of_marks_yields_spans_inside_the_text(text):
    for s in find_quote_spans(text):
        assert 0 <= s.start < s.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('“”"«» \nHe said Yes no.,')), min_size=1, max_size=120))
def test_analyze_never_raises_on_mark_soup_and_offsets_hold(text):
    if not text.strip():
        return
    result = newsgraph.analyze(text, headline=False)
    for q in result.quotes:
        assert result.text[q.start : q.end] == q.text


def test_speaker_through_pronoun_and_continuation():
    text = (
        "Minister quits\n"
        "Health minister Anna Berg resigned on Friday.\n"
        "“I have done my part,” she said.\n"
        "“Now it is time for others.”\n"
    )
    result = newsgraph.analyze(text)
    assert [q.speaker_name for q in result.quotes] == ["Anna Berg", "Anna Berg"]
    assert result.quotes[0].cue.text == "said"
    assert result.quotes[1].cue is None
