"""Which verb a time expression dates (`timex/attachment.py`), and so the time of a quote: on parses written out by
hand (tests/docs.py)."""

from __future__ import annotations

from docs import parsed
from newsgraph.model import Quote, Timex
from newsgraph.timex.attachment import quotes_with_times, verb_times

SAID = parsed(
    "He said on Tuesday that NATO will meet in July.",
    """
    0 He      1 nsubj PRON
    1 said    1 ROOT  VERB lemma=say tag=VBD
    2 on      1 prep  ADP
    3 Tuesday 2 pobj  PROPN
    4 that    7 mark  SCONJ
    5 NATO    7 nsubj PROPN
    6 will    7 aux   AUX
    7 meet    1 ccomp VERB
    8 in      7 prep  ADP
    9 July    8 pobj  PROPN
    10 .      1 punct PUNCT
    """,
)


def timex_of(doc, *words: str) -> list[Timex]:
    out = []
    for w in words:
        at = doc.text.index(w)
        out.append(Timex(at, at + len(w), w, "DATE", None))
    return out


def quote_of(doc, words: str) -> Quote:
    at = doc.text.index(words)
    return Quote(at, at + len(words), words, "indirect")


def test_a_time_dates_the_verb_above_it_through_its_preposition():
    assert verb_times(SAID, timex_of(SAID, "Tuesday", "July")) == {1: 0, 7: 1}


def test_a_quote_is_dated_by_a_time_of_a_verb_inside_it_not_by_when_it_was_said():
    quote = quote_of(SAID, "NATO will meet in July")
    (dated,) = quotes_with_times(SAID, [quote], timex_of(SAID, "Tuesday", "July"))
    assert dated.time == 1
    (undated,) = quotes_with_times(SAID, [quote], timex_of(SAID, "Tuesday"))
    assert undated.time is None


def test_a_time_inside_a_noun_phrase_dates_no_verb_and_no_quote():
    doc = parsed(
        "She said the July summit failed.",
        """
        0 She    1 nsubj PRON
        1 said   1 ROOT  VERB lemma=say tag=VBD
        2 the    4 det   DET
        3 July   4 compound PROPN
        4 summit 5 nsubj NOUN
        5 failed 1 ccomp VERB lemma=fail tag=VBD
        6 .      1 punct PUNCT
        """,
    )
    assert verb_times(doc, timex_of(doc, "July")) == {}
    (quote,) = quotes_with_times(doc, [quote_of(doc, "the July summit failed")], timex_of(doc, "July"))
    assert quote.time is None
