"""The checks `find_timex` (timex/find.py) makes of the rules' matches against the parse, one by one, each over a
parse written out by hand (`tests/docs.py`), so that each test states the parse its check is about and fails when
that check is taken out, whatever the model's parse of the sentence. Published on a Tuesday, 2023-02-28."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from docs import parsed
from newsgraph.timex import find_timex

PUBLISHED = "2023-02-28"


def found(doc: Doc) -> list[str]:
    """The texts of the time expressions found."""
    return [t.text for t in find_timex(doc, PUBLISHED)]


def values(doc: Doc) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timex(doc, PUBLISHED)]


# ---------------------------------------------------------------------------------------------------------------
# Choosing among the rules' matches


def test_longest_match_wins():
    """`March 3, 2023` is one date, not the month, the date and the year it holds."""
    doc = parsed(
        "They met on March 3, 2023.",
        """
        0 They  1 nsubj PRON
        1 met   1 ROOT  VERB lemma=meet tag=VBD
        2 on    1 prep  ADP
        3 March 2 pobj  PROPN
        4 3     3 nummod NUM
        5 ,     3 punct PUNCT
        6 2023  3 nummod NUM
        7 .     1 punct PUNCT
        """,
    )
    assert values(doc) == [("March 3, 2023", "DATE", "2023-03-03")]


def test_longest_match_wins_over_an_earlier_rule():
    """`every Monday` (a set) holds `Monday` (a weekday, a rule tried before it): the longer wins."""
    doc = parsed(
        "They met every Monday.",
        """
        0 They   1 nsubj    PRON
        1 met    1 ROOT     VERB lemma=meet tag=VBD
        2 every  3 det      DET
        3 Monday 1 npadvmod PROPN
        4 .      1 punct    PUNCT
        """,
    )
    assert values(doc) == [("every Monday", "SET", "XXXX-WXX-1")]


def test_match_that_reads_as_no_expression_leaves_its_place_to_a_shorter_one():
    """`a year after the war`: "a year after" reads as nothing (no date to count from); "a year" is a duration."""
    doc = parsed(
        "Talks resumed a year after the war.",
        """
        0 Talks   1 nsubj    NOUN
        1 resumed 1 ROOT     VERB lemma=resume tag=VBD
        2 a       3 det      DET
        3 year    4 npadvmod NOUN
        4 after   1 prep     ADP
        5 the     6 det      DET
        6 war     4 pobj     NOUN
        7 .       1 punct    PUNCT
        """,
    )
    assert values(doc) == [("a year", "DURATION", "P1Y")]


@pytest.mark.parametrize(
    ("gap", "space"), [("\n\n", "\\n\\n"), ("    ", "\\s\\s\\s")], ids=["paragraph break", "blanked span"]
)
def test_expression_does_not_reach_across_a_paragraph_break_or_a_blanked_span(gap, space):
    """`They met in May` then a paragraph `2019 was good.` (or four spaces where the cleaner removed text): not
    "May 2019"."""
    doc = parsed(
        f"They met in May{gap}2019 was good.",
        f"""
        0 They 1 nsubj PRON
        1 met  1 ROOT  VERB lemma=meet tag=VBD
        2 in   1 prep  ADP
        3 May  2 pobj  PROPN
        4 {space} 3 dep SPACE
        5 2019 6 nsubj NUM
        6 was  6 ROOT  AUX lemma=be tag=VBD
        7 good 6 acomp ADJ
        8 .    6 punct PUNCT
        """,
    )
    assert found(doc) == ["May"]


def test_expression_may_start_with_an_apostrophe():
    """`big in '80s`: the apostrophe before the word is part of the decade."""
    doc = parsed(
        "It was big in '80s.",
        """
        0 It  1 nsubj PRON
        1 was 1 ROOT  AUX lemma=be tag=VBD
        2 big 1 acomp ADJ
        3 in  1 prep  ADP
        4 '   5 punct PUNCT
        5 80s 3 pobj  NOUN
        6 .   1 punct PUNCT
        """,
    )
    assert values(doc) == [("'80s", "DATE", "198")]


# ---------------------------------------------------------------------------------------------------------------
# Titles and names


_THIS_WEEK_ON_ABC = """
     0 She  1 nsubj PRON
     1 told 1 ROOT  VERB lemma=tell tag=VBD
     2 ABC  6 poss  PROPN
     3 ’s   2 case  PART
     4 “    6 punct PUNCT
     5 This 6 det   DET
     6 Week 1 dobj  PROPN
     7 ”    6 punct PUNCT
     8 on   1 prep  ADP
     9 Sunday 8 pobj PROPN
    10 .    1 punct PUNCT
"""


def test_this_week_capitalised_inside_a_sentence_is_a_title():
    """`She told ABC’s “This Week” on Sunday.`: the programme, though the quotation mark before it lets its first
    word be capitalised."""
    assert found(parsed("She told ABC’s “This Week” on Sunday.", _THIS_WEEK_ON_ABC)) == ["Sunday"]


def test_this_week_capitalised_at_the_start_of_a_sentence_is_a_date():
    """`Talks stalled. This Week they resume.`: at a sentence's start the capitals say nothing."""
    doc = parsed(
        "Talks stalled. This Week they resume.",
        """
        0 Talks   1 nsubj    NOUN
        1 stalled 1 ROOT     VERB lemma=stall tag=VBD
        2 .       1 punct    PUNCT
        3 This    4 det      DET
        4 Week    6 npadvmod PROPN
        5 they    6 nsubj    PRON
        6 resume  6 ROOT     VERB tag=VBP
        7 .       6 punct    PUNCT
        """,
    )
    assert values(doc) == [("This Week", "DATE", "2023-W09")]


_TODAY_PROGRAMME = """
    0 Radio     4 poss     PROPN
    1 4         0 nummod   NUM
    2 ’s        0 case     PART
    3 Today     4 compound PROPN
    4 programme 5 nsubj    NOUN
    5 aired     5 ROOT     VERB lemma=air tag=VBD
    6 it        5 dobj     PRON
    7 .         5 punct    PUNCT
"""


def test_word_capitalised_inside_a_sentence_is_a_title():
    """`Radio 4’s Today programme aired it.`: "Today" is the programme."""
    assert found(parsed("Radio 4’s Today programme aired it.", _TODAY_PROGRAMME)) == []


def test_word_capitalised_after_a_colon_opens_a_sentence():
    """`He said: Today we act.`: after punctuation a capital is a sentence's."""
    doc = parsed(
        "He said: Today we act.",
        """
        0 He    1 nsubj    PRON
        1 said  1 ROOT     VERB lemma=say tag=VBD
        2 :     1 punct    PUNCT
        3 Today 5 npadvmod NOUN
        4 we    5 nsubj    PRON
        5 act   1 ccomp    VERB tag=VBP
        6 .     1 punct    PUNCT
        """,
    )
    assert values(doc) == [("Today", "DATE", "2023-02-28")]


def test_word_capitalised_after_a_line_break_opens_a_sentence():
    """`Talks stall` then a line `Today they resume`, parsed as one sentence: a line break starts a heading."""
    doc = parsed(
        "Talks stall\nToday they resume",
        """
        0 Talks  1 nsubj    NOUN
        1 stall  1 ROOT     VERB tag=VBP
        2 \\n    1 dep      SPACE
        3 Today  5 npadvmod NOUN
        4 they   5 nsubj    PRON
        5 resume 1 conj     VERB tag=VBP
        """,
    )
    assert found(doc) == ["Today"]


def test_word_capitalised_where_the_parse_starts_a_sentence_opens_it():
    """`Talks stall Today they resume`, a headline run into the text with no punctuation: the parse's sentence
    start is enough."""
    doc = parsed(
        "Talks stall Today they resume",
        """
        0 Talks  1 nsubj    NOUN
        1 stall  1 ROOT     VERB tag=VBP
        2 Today  4 npadvmod NOUN
        3 they   4 nsubj    PRON
        4 resume 4 ROOT     VERB tag=VBP
        """,
    )
    assert found(doc) == ["Today"]


def test_set_word_capitalised_inside_a_sentence_is_a_title():
    """`It told The Daily Telegraph.`: no set "daily" there."""
    doc = parsed(
        "It told The Daily Telegraph.",
        """
        0 It        1 nsubj    PRON
        1 told      1 ROOT     VERB lemma=tell tag=VBD
        2 The       4 det      DET
        3 Daily     4 compound PROPN
        4 Telegraph 1 dobj     PROPN
        5 .         1 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_month_or_weekday_inside_a_name_is_no_date():
    """`Man Friday left.` with "Friday" inside the name the entity tagger found."""
    doc = parsed(
        "Man Friday left.",
        """
        0 Man    1 compound PROPN ent=PERSON
        1 Friday 2 nsubj    PROPN ent=PERSON
        2 left   2 ROOT     VERB lemma=leave tag=VBD
        3 .      2 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_month_or_weekday_that_starts_a_name_is_no_date():
    """`April Ryan asked.`: "April" is the first word of a name the entity tagger found."""
    doc = parsed(
        "April Ryan asked.",
        """
        0 April 1 compound PROPN ent=PERSON
        1 Ryan  2 nsubj    PROPN ent=PERSON
        2 asked 2 ROOT     VERB lemma=ask tag=VBD
        3 .     2 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_season_that_starts_an_event_name_is_no_date():
    """`Winter Olympic Games open.`: an event's name."""
    doc = parsed(
        "Winter Olympic Games open.",
        """
        0 Winter  2 compound PROPN ent=EVENT
        1 Olympic 2 compound PROPN ent=EVENT
        2 Games   3 nsubj    PROPN ent=EVENT
        3 open    3 ROOT     VERB tag=VBP
        4 .       3 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_year_in_an_event_name_is_still_a_year():
    """`They won the 2000 Olympics.`"""
    doc = parsed(
        "They won the 2000 Olympics.",
        """
        0 They     1 nsubj  PRON
        1 won      1 ROOT   VERB lemma=win tag=VBD
        2 the      4 det    DET
        3 2000     4 nummod NUM   ent=EVENT
        4 Olympics 1 dobj   PROPN ent=EVENT
        5 .        1 punct  PUNCT
        """,
    )
    assert values(doc) == [("2000", "DATE", "2000")]


def test_date_of_several_words_that_starts_a_law_name_is_still_a_date():
    """`March 2020 CARES Act`: the tagger takes the date into the law's name; a date of more than one word stays a
    date (a single word there does not: `1964 Civil Rights Act`)."""
    doc = parsed(
        "They passed the March 2020 CARES Act and the 1964 Civil Rights Act.",
        """
         0 They   1 nsubj    PRON
         1 passed 1 ROOT     VERB lemma=pass tag=VBD
         2 the    6 det      DET
         3 March  6 compound PROPN ent=LAW
         4 2020   3 nummod   NUM   ent=LAW
         5 CARES  6 compound PROPN ent=LAW
         6 Act    1 dobj     PROPN ent=LAW
         7 and    6 cc       CCONJ
         8 the   12 det      DET
         9 1964  12 nummod   NUM   ent=B-LAW
        10 Civil 11 compound PROPN ent=LAW
        11 Rights 12 compound PROPN ent=LAW
        12 Act    6 conj     PROPN ent=LAW
        13 .      1 punct    PUNCT
        """,
    )
    assert found(doc) == ["March 2020"]


def test_month_that_is_a_compound_of_a_name_is_no_date():
    """`June Carter sang.`: a name the entity tagger missed the first word of."""
    doc = parsed(
        "June Carter sang.",
        """
        0 June   1 compound PROPN
        1 Carter 2 nsubj    PROPN ent=PERSON
        2 sang   2 ROOT     VERB lemma=sing tag=VBD
        3 .      2 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_month_that_is_a_compound_of_a_place_is_a_date():
    """`The June Washington summit ended.` parsed with "June" hung on the place: still the month."""
    doc = parsed(
        "The June Washington summit ended.",
        """
        0 The        3 det      DET
        1 June       2 compound PROPN
        2 Washington 3 compound PROPN ent=GPE
        3 summit     4 nsubj    NOUN
        4 ended      4 ROOT     VERB lemma=end tag=VBD
        5 .          4 punct    PUNCT
        """,
    )
    assert found(doc) == ["June"]


def test_month_compound_of_a_name_that_the_tagger_calls_a_date_is_a_date():
    """`June Carter sang.` with "June" tagged DATE: the entity tagger has the last word."""
    doc = parsed(
        "June Carter sang.",
        """
        0 June   1 compound PROPN ent=DATE
        1 Carter 2 nsubj    PROPN ent=PERSON
        2 sang   2 ROOT     VERB lemma=sing tag=VBD
        3 .      2 punct    PUNCT
        """,
    )
    assert found(doc) == ["June"]


def test_month_name_that_is_a_verb_is_no_date():
    """`May I ask? It ends in May.`: "May" the verb, capitalised at the start of its sentence, and the month."""
    doc = parsed(
        "May I ask? It ends in May.",
        """
        0 May  2 aux   AUX tag=MD
        1 I    2 nsubj PRON
        2 ask  2 ROOT  VERB tag=VB
        3 ?    2 punct PUNCT
        4 It   5 nsubj PRON
        5 ends 5 ROOT  VERB lemma=end tag=VBZ
        6 in   5 prep  ADP
        7 May  6 pobj  PROPN
        8 .    5 punct PUNCT
        """,
    )
    assert [t.start for t in find_timex(doc, PUBLISHED)] == [doc.text.rindex("May")]


# ---------------------------------------------------------------------------------------------------------------
# Bare numbers as years


def test_number_after_a_year_cue_is_a_year():
    """`He was born in 1990.`: "in" makes the number a year."""
    doc = parsed(
        "He was born in 1990.",
        """
        0 He   2 nsubjpass PRON
        1 was  2 auxpass   AUX  lemma=be tag=VBD
        2 born 2 ROOT      VERB lemma=bear tag=VBN
        3 in   2 prep      ADP
        4 1990 3 pobj      NUM
        5 .    2 punct     PUNCT
        """,
    )
    assert values(doc) == [("1990", "DATE", "1990")]


def test_number_with_nothing_that_makes_it_a_year_is_no_year():
    doc = parsed(
        "He has 1990 reasons.",
        """
        0 He      1 nsubj  PRON
        1 has     1 ROOT   VERB lemma=have tag=VBZ
        2 1990    3 nummod NUM
        3 reasons 1 dobj   NOUN
        4 .       1 punct  PUNCT
        """,
    )
    assert found(doc) == []


def test_number_before_a_plural_noun_is_a_count_even_after_a_year_cue():
    """`Since 2000 units were sold.`: "since" would make a year, but "units" makes a count."""
    doc = parsed(
        "Since 2000 units were sold.",
        """
        0 Since 4 prep      ADP
        1 2000  2 nummod    NUM
        2 units 0 pobj      NOUN
        3 were  4 auxpass   AUX lemma=be tag=VBD
        4 sold  4 ROOT      VERB lemma=sell tag=VBN
        5 .     4 punct     PUNCT
        """,
    )
    assert found(doc) == []


def test_number_the_entity_tagger_calls_a_date_is_a_year_whatever_follows():
    """`They sold 1990 shares.` with "1990" tagged DATE: the tagger outweighs both the count and the missing cue."""
    doc = parsed(
        "They sold 1990 shares.",
        """
        0 They   1 nsubj  PRON
        1 sold   1 ROOT   VERB lemma=sell tag=VBD
        2 1990   3 nummod NUM  ent=DATE
        3 shares 1 dobj   NOUN
        4 .      1 punct  PUNCT
        """,
    )
    assert found(doc) == ["1990"]


def test_number_after_a_number_sign_is_no_year_even_if_tagged_a_date():
    """`They sold issue #1990.`: a number, whatever the entity tagger says."""
    doc = parsed(
        "They sold issue #1990.",
        """
        0 They  1 nsubj  PRON
        1 sold  1 ROOT   VERB lemma=sell tag=VBD
        2 issue 1 dobj   NOUN
        3 #     4 nmod   SYM
        4 1990  2 nummod NUM ent=DATE
        5 .     1 punct  PUNCT
        """,
    )
    assert found(doc) == []


def test_spoken_year_is_a_year_without_a_cue():
    """`It was nineteen ninety-six.`"""
    doc = parsed(
        "It was nineteen ninety-six.",
        """
        0 It       1 nsubj  PRON
        1 was      1 ROOT   AUX lemma=be tag=VBD
        2 nineteen 5 nummod NUM
        3 ninety   5 nummod NUM
        4 -        5 punct  PUNCT
        5 six      1 attr   NUM
        6 .        1 punct  PUNCT
        """,
    )
    assert values(doc) == [("nineteen ninety-six", "DATE", "1996")]


@pytest.mark.parametrize(
    ("text", "rows", "expected"),
    [
        (
            "Mid-1990 sales fell.",
            """
            0 Mid-1990 1 nummod NUM
            1 sales    2 nsubj  NOUN
            2 fell     2 ROOT   VERB lemma=fall tag=VBD
            3 .        2 punct  PUNCT
            """,
            "Mid-1990",
        ),
        (
            "Fiscal 1989 sales fell.",
            """
            0 Fiscal 1 amod   ADJ
            1 1989   2 nummod NUM
            2 sales  3 nsubj  NOUN
            3 fell   3 ROOT   VERB lemma=fall tag=VBD
            4 .      3 punct  PUNCT
            """,
            "Fiscal 1989",
        ),
        (
            "The year 2000 sales fell.",
            """
            0 The   1 det      DET
            1 year  3 compound NOUN
            2 2000  1 nummod   NUM
            3 sales 4 nsubj    NOUN
            4 fell  4 ROOT     VERB lemma=fall tag=VBD
            5 .     4 punct    PUNCT
            """,
            "year 2000",
        ),
        (
            "1990 period sales fell.",
            """
            0 1990   1 nummod   NUM
            1 period 2 compound NOUN
            2 sales  3 nsubj    NOUN
            3 fell   3 ROOT     VERB lemma=fall tag=VBD
            4 .      3 punct    PUNCT
            """,
            "1990 period",
        ),
    ],
    ids=["modifier", "fiscal", "year", "period"],
)
def test_year_written_with_a_word_that_makes_it_one_needs_no_further_check(text, rows, expected):
    """`Mid-1990`, `Fiscal 1989`, `the year 2000`, `1990 period`: the words say it is a year, even before a count."""
    assert found(parsed(text, rows)) == [expected]


# ---------------------------------------------------------------------------------------------------------------
# Ages: a duration only when said of a thing


def _aged(text: str, noun: str, noun_fields: str = "", old_head: int = 6) -> Doc:
    """`The 74-year-old <noun> met.`, with the age hung on token `old_head` (the noun, 6, by default)."""
    return parsed(
        text,
        f"""
        0 The  6 det      DET
        1 74   3 nummod   NUM
        2 -    3 punct    PUNCT
        3 year 5 npadvmod NOUN
        4 -    5 punct    PUNCT
        5 old  {old_head} amod ADJ
        6 {noun} 7 nsubj NOUN {noun_fields}
        7 met  7 ROOT     VERB lemma=meet tag=VBD
        8 .    7 punct    PUNCT
        """,
    )


def test_age_of_a_thing_is_a_duration_without_its_determiner():
    """`The 74-year-old alliance met.` → "74-year-old", P74Y."""
    assert values(_aged("The 74-year-old alliance met.", "alliance")) == [("74-year-old", "DURATION", "P74Y")]


def test_age_of_a_person_is_no_time_expression():
    assert found(_aged("The 74-year-old man met.", "man")) == []


def test_age_of_things_counts_by_lemma_and_by_word():
    """`treaties` (lemma "treaty"), and `building` whatever its lemma."""
    assert found(_aged("The 74-year-old treaties met.", "treaties", "lemma=treaty")) == ["74-year-old"]
    assert found(_aged("The 74-year-old building met.", "building", "lemma=build")) == ["74-year-old"]


def test_age_of_an_organisation_the_tagger_found_is_a_duration():
    """`The 74-year-old Acme met.` with "Acme" tagged ORG."""
    doc = parsed(
        "The 74-year-old Acme met.",
        """
        0 The  6 det      DET
        1 74   3 nummod   NUM
        2 -    3 punct    PUNCT
        3 year 5 npadvmod NOUN
        4 -    5 punct    PUNCT
        5 old  6 amod     ADJ
        6 Acme 7 nsubj    PROPN ent=ORG
        7 met  7 ROOT     VERB lemma=meet tag=VBD
        8 .    7 punct    PUNCT
        """,
    )
    assert found(doc) == ["74-year-old"]


def test_age_of_a_person_named_like_a_thing_is_no_time_expression():
    """`The 74-year-old Church met.` with "Church" a person."""
    doc = parsed(
        "The 74-year-old Church met.",
        """
        0 The    6 det      DET
        1 74     3 nummod   NUM
        2 -      3 punct    PUNCT
        3 year   5 npadvmod NOUN
        4 -      5 punct    PUNCT
        5 old    6 amod     ADJ
        6 Church 7 nsubj    PROPN ent=PERSON
        7 met    7 ROOT     VERB lemma=meet tag=VBD
        8 .      7 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_age_hung_on_a_word_that_is_no_noun_is_no_time_expression():
    """`The 74-year-old record` parsed with "record" a verb: whose age it is, the parse does not say."""
    doc = parsed(
        "The 74-year-old record it.",
        """
        0 The    6 det      DET
        1 74     3 nummod   NUM
        2 -      3 punct    PUNCT
        3 year   5 npadvmod NOUN
        4 -      5 punct    PUNCT
        5 old    6 nsubj    ADJ
        6 record 6 ROOT     VERB tag=VBP
        7 it     6 dobj     PRON
        8 .      6 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_age_said_of_a_thing_before_it_is_no_time_expression():
    """`The alliance, 74 years old, met.`: only an age before its noun is read as the thing's."""
    doc = parsed(
        "The alliance, 74 years old, met.",
        """
        0 The      1 det      DET
        1 alliance 7 nsubj    NOUN
        2 ,        1 punct    PUNCT
        3 74       4 nummod   NUM
        4 years    5 npadvmod NOUN
        5 old      1 amod     ADJ
        6 ,        1 punct    PUNCT
        7 met      7 ROOT     VERB lemma=meet tag=VBD
        8 .        7 punct    PUNCT
        """,
    )
    assert found(doc) == []


def test_age_loses_its_determiner_even_where_a_comma_follows():
    """`The 74-year-old, troubled alliance met.`: an age's determiner is always its noun's."""
    doc = parsed(
        "The 74-year-old, troubled alliance met.",
        """
         0 The      8 det      DET
         1 74       3 nummod   NUM
         2 -        3 punct    PUNCT
         3 year     5 npadvmod NOUN
         4 -        5 punct    PUNCT
         5 old      8 amod     ADJ
         6 ,        8 punct    PUNCT
         7 troubled 8 amod     ADJ
         8 alliance 9 nsubj    NOUN
         9 met      9 ROOT     VERB lemma=meet tag=VBD
        10 .        9 punct    PUNCT
        """,
    )
    assert found(doc) == ["74-year-old"]


# ---------------------------------------------------------------------------------------------------------------
# Set words: "daily", "annual"


def test_daily_is_a_set():
    doc = parsed(
        "The paper is published daily.",
        """
        0 The       1 det       DET
        1 paper     3 nsubjpass NOUN
        2 is        3 auxpass   AUX  lemma=be tag=VBZ
        3 published 3 ROOT      VERB lemma=publish tag=VBN
        4 daily     3 advmod    ADV
        5 .         3 punct     PUNCT
        """,
    )
    assert values(doc) == [("daily", "SET", "P1D")]


def test_average_daily_is_a_statistic_not_a_set():
    """`The average daily volume rose.`"""
    doc = parsed(
        "The average daily volume rose.",
        """
        0 The     3 det   DET
        1 average 3 amod  ADJ
        2 daily   3 amod  ADJ
        3 volume  4 nsubj NOUN
        4 rose    4 ROOT  VERB lemma=rise tag=VBD
        5 .       4 punct PUNCT
        """,
    )
    assert found(doc) == []


def test_annual_is_a_set_only_for_a_gathering_that_recurs():
    """`The annual NATO summit opened.` (the summit "annual" hangs on, past "NATO") against `Annual sales rose.`"""
    summit = parsed(
        "The annual NATO summit opened.",
        """
        0 The    3 det      DET
        1 annual 3 amod     ADJ
        2 NATO   3 compound PROPN
        3 summit 4 nsubj    NOUN
        4 opened 4 ROOT     VERB lemma=open tag=VBD
        5 .      4 punct    PUNCT
        """,
    )
    sales = parsed(
        "Annual sales rose.",
        """
        0 Annual 1 amod  ADJ
        1 sales  2 nsubj NOUN
        2 rose   2 ROOT  VERB lemma=rise tag=VBD
        3 .      2 punct PUNCT
        """,
    )
    assert values(summit) == [("annual", "SET", "P1Y")]
    assert found(sales) == []


def test_annual_right_before_a_gathering_is_a_set_whatever_the_parse_hangs_it_on():
    """`The annual summit organisers met.` with "annual" hung on "organisers": the next word is the summit."""
    doc = parsed(
        "The annual summit organisers met.",
        """
        0 The        3 det      DET
        1 annual     3 compound ADJ
        2 summit     3 compound NOUN
        3 organisers 4 nsubj    NOUN
        4 met        4 ROOT     VERB lemma=meet tag=VBD
        5 .          4 punct    PUNCT
        """,
    )
    assert found(doc) == ["annual"]


# ---------------------------------------------------------------------------------------------------------------
# Extents: the leading determiner (TimeML)


def _quarter(text: str, after_row: str = "") -> Doc:
    """`Profit fell in the third quarter[ <word>].`, "quarter" hung on "in", and the row of the word after it."""
    rows = f"""
        0 Profit  1 nsubj  NOUN
        1 fell    1 ROOT   VERB lemma=fall tag=VBD
        2 in      1 prep   ADP
        3 the     5 det    DET
        4 third   5 amod   ADJ
        5 quarter 2 pobj   NOUN
        {after_row}
    """
    n = 7 if after_row else 6
    return parsed(text, rows + f"\n{n} . 1 punct PUNCT")


def test_determiner_stays_with_a_noun_phrase():
    """`in the third quarter` → "the third quarter"."""
    doc = _quarter("Profit fell in the third quarter.")
    assert found(doc) == ["the third quarter"]


def test_possessive_determiner_is_left_out():
    """`in its latest quarter` → "latest quarter"."""
    doc = parsed(
        "Profit fell in its latest quarter.",
        """
        0 Profit  1 nsubj PRON
        1 fell    1 ROOT  VERB lemma=fall tag=VBD
        2 in      1 prep  ADP
        3 its     5 poss  PRON
        4 latest  5 amod  ADJ
        5 quarter 2 pobj  NOUN
        6 .       1 punct PUNCT
        """,
    )
    assert values(doc) == [("latest quarter", "DATE", "2022-Q4")]


def test_determiner_of_a_noun_the_expression_modifies_is_left_out():
    """`the third-quarter loss` → "third-quarter"."""
    doc = parsed(
        "They had the third-quarter loss.",
        """
        0 They    1 nsubj PRON
        1 had     1 ROOT  VERB lemma=have tag=VBD
        2 the     6 det   DET
        3 third   5 amod  ADJ
        4 -       5 punct PUNCT
        5 quarter 6 compound NOUN
        6 loss    1 dobj  NOUN
        7 .       1 punct PUNCT
        """,
    )
    assert found(doc) == ["third-quarter"]


def test_determiner_stays_where_the_next_word_hangs_on_the_expression_as_an_apposition():
    """`in the third quarter results…` with "results" parsed as in apposition: still "the third quarter"."""
    doc = _quarter("Profit fell in the third quarter results.", "6 results 5 appos NOUN")
    assert found(doc) == ["the third quarter"]


def test_determiner_is_left_out_where_the_next_word_hangs_on_the_expression():
    """`in the third quarter results…` with "results" hung on "quarter" (not as an apposition): the expression
    modifies it."""
    doc = _quarter("Profit fell in the third quarter results.", "6 results 5 dep NOUN")
    assert found(doc) == ["third quarter"]


def test_determiner_is_left_out_where_the_next_word_is_a_compound():
    """`in the third quarter Acme results…` with "Acme" a compound of a noun further on."""
    doc = parsed(
        "Profit fell in the third quarter Acme results.",
        """
        0 Profit  1 nsubj    NOUN
        1 fell    1 ROOT     VERB lemma=fall tag=VBD
        2 in      1 prep     ADP
        3 the     5 det      DET
        4 third   5 amod     ADJ
        5 quarter 2 pobj     NOUN
        6 Acme    7 compound PROPN
        7 results 1 npadvmod NOUN
        8 .       1 punct    PUNCT
        """,
    )
    assert found(doc) == ["third quarter"]


# ---------------------------------------------------------------------------------------------------------------
# Reading in text order: the last date mentioned, the last quarter, the last day, the clause's tense


_NEXT_DAY = """
     0 On    4 prep     ADP
     1 March 0 pobj     PROPN
     2 3     1 nummod   NUM
     3 talks 4 nsubj    NOUN
     4 began 4 ROOT     VERB lemma=begin tag=VBD
     5 .     4 punct    PUNCT
     6 The   8 det      DET
     7 next  8 amod     ADJ
     8 day  10 npadvmod NOUN
     9 they 10 nsubj    PRON
    10 ended 10 ROOT    VERB lemma=end tag=VBD
    11 .    10 punct    PUNCT
"""


def test_anaphoric_expression_counts_from_the_last_date_mentioned():
    """`On March 3 talks began. The next day they ended.` → March 4, not the day after publication."""
    doc = parsed("On March 3 talks began. The next day they ended.", _NEXT_DAY)
    assert values(doc) == [("March 3", "DATE", "2023-03-03"), ("The next day", "DATE", "2023-03-04")]


def test_anaphoric_expression_does_not_become_the_date_later_ones_count_from():
    """A second "the next day" counts from March 3 again: only dates written out are references."""
    doc = parsed(
        "On March 3 talks began. The next day they ended. The next day they met.",
        _NEXT_DAY
        + """
        12 The  14 det      DET
        13 next 14 amod     ADJ
        14 day  16 npadvmod NOUN
        15 they 16 nsubj    PRON
        16 met  16 ROOT     VERB lemma=meet tag=VBD
        17 .    16 punct    PUNCT
        """,
    )
    assert [t.value for t in find_timex(doc, PUBLISHED)] == ["2023-03-03", "2023-03-04", "2023-03-04"]


def test_duration_is_no_date_to_count_from():
    """`On March 3 talks began. For two days they met. The next day they ended.`: still March 4."""
    doc = parsed(
        "On March 3 talks began. For two days they met. The next day they ended.",
        """
         0 On    4 prep     ADP
         1 March 0 pobj     PROPN
         2 3     1 nummod   NUM
         3 talks 4 nsubj    NOUN
         4 began 4 ROOT     VERB lemma=begin tag=VBD
         5 .     4 punct    PUNCT
         6 For  10 prep     ADP
         7 two   8 nummod   NUM
         8 days  6 pobj     NOUN
         9 they 10 nsubj    PRON
        10 met  10 ROOT     VERB lemma=meet tag=VBD
        11 .    10 punct    PUNCT
        12 The  14 det      DET
        13 next 14 amod     ADJ
        14 day  16 npadvmod NOUN
        15 they 16 nsubj    PRON
        16 ended 16 ROOT    VERB lemma=end tag=VBD
        17 .    16 punct    PUNCT
        """,
    )
    assert [t.value for t in find_timex(doc, PUBLISHED)] == ["2023-03-03", "P2D", "2023-03-04"]


_TWO_YEARS_EARLIER = """
     6 Two      7 nummod   NUM
     7 years    8 npadvmod NOUN
     8 earlier 10 advmod   ADV
     9 they    10 nsubj    PRON
    10 fell    10 ROOT     VERB lemma=fall tag=VBD
    11 .       10 punct    PUNCT
"""


def test_years_earlier_count_from_a_year_written_out():
    """`In 2010, sales rose. Two years earlier they fell.` → 2008."""
    doc = parsed(
        "In 2010, sales rose. Two years earlier they fell.",
        """
        0 In    4 prep  ADP
        1 2010  0 pobj  NUM
        2 ,     4 punct PUNCT
        3 sales 4 nsubj NOUN
        4 rose  4 ROOT  VERB lemma=rise tag=VBD
        5 .     4 punct PUNCT
        """
        + _TWO_YEARS_EARLIER,
    )
    assert [t.value for t in find_timex(doc, PUBLISHED)] == ["2010", "2008"]


def test_years_earlier_do_not_count_from_a_year_itself_counted_from_publication():
    """`Last year, sales rose. Two years earlier they fell.`: "last year" is no date written out, so "two years
    earlier" counts from the publication date (2021), not from 2022."""
    doc = parsed(
        "Last year, sales rose. Two years earlier they fell.",
        """
        0 Last  1 amod     ADJ
        1 year  4 npadvmod NOUN
        2 ,     4 punct    PUNCT
        3 sales 4 nsubj    NOUN
        4 rose  4 ROOT     VERB lemma=rise tag=VBD
        5 .     4 punct    PUNCT
        """
        + _TWO_YEARS_EARLIER,
    )
    assert [t.value for t in find_timex(doc, PUBLISHED)] == ["2022", "2021"]


def test_the_quarter_is_the_last_quarter_mentioned():
    """`In the third quarter of 2022 sales rose. In the quarter profit fell.` → 2022-Q3 both."""
    doc = parsed(
        "In the third quarter of 2022 sales rose. In the quarter profit fell.",
        """
         0 In      7 prep   ADP
         1 the     3 det    DET
         2 third   3 amod   ADJ
         3 quarter 0 pobj   NOUN
         4 of      3 prep   ADP
         5 2022    4 pobj   NUM
         6 sales   7 nsubj  NOUN
         7 rose    7 ROOT   VERB lemma=rise tag=VBD
         8 .       7 punct  PUNCT
         9 In     13 prep   ADP
        10 the    11 det    DET
        11 quarter 9 pobj   NOUN
        12 profit 13 nsubj  NOUN
        13 fell   13 ROOT   VERB lemma=fall tag=VBD
        14 .      13 punct  PUNCT
        """,
    )
    assert values(doc) == [("the third quarter of 2022", "DATE", "2022-Q3"), ("the quarter", "DATE", "2022-Q3")]


def test_clock_time_is_on_the_last_day_mentioned():
    """`On March 3 they met at 3 p.m.` → 3 p.m. on March 3."""
    doc = parsed(
        "On March 3 they met at 3 p.m.",
        """
        0 On    4 prep   ADP
        1 March 0 pobj   PROPN
        2 3     1 nummod NUM
        3 they  4 nsubj  PRON
        4 met   4 ROOT   VERB lemma=meet tag=VBD
        5 at    4 prep   ADP
        6 3     7 nummod NUM
        7 p.m.  5 pobj   NOUN
        """,
    )
    assert values(doc) == [("March 3", "DATE", "2023-03-03"), ("3 p.m.", "TIME", "2023-03-03T15:00")]


@pytest.mark.parametrize(
    ("text", "rows", "expected"),
    [
        (
            "Talks resumed on Monday.",
            """
            0 Talks   1 nsubj PRON
            1 resumed 1 ROOT  VERB lemma=resume tag=VBD
            2 on      1 prep  ADP
            3 Monday  2 pobj  PROPN
            4 .       1 punct PUNCT
            """,
            "2023-02-27",
        ),
        (
            "Talks will resume on Monday.",
            """
            0 Talks  2 nsubj PRON
            1 will   2 aux   AUX tag=MD
            2 resume 2 ROOT  VERB tag=VB
            3 on     2 prep  ADP
            4 Monday 3 pobj  PROPN
            5 .      2 punct PUNCT
            """,
            "2023-03-06",
        ),
    ],
    ids=["past", "future"],
)
def test_weekday_is_read_with_the_tense_of_its_clause(text, rows, expected):
    [monday] = find_timex(parsed(text, rows), PUBLISHED)
    assert monday.value == expected


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (
            "It aired on The Now Show.",
            """
            0 It    1 nsubj    PRON
            1 aired 1 ROOT     VERB lemma=air tag=VBD
            2 on    1 prep     ADP
            3 The   5 det      DET
            4 Now   5 compound PROPN
            5 Show  2 pobj     PROPN
            6 .     1 punct    PUNCT
            """,
        ),
        (
            "They staged Summer Nights.",
            """
            0 They   1 nsubj    PRON
            1 staged 1 ROOT     VERB lemma=stage tag=VBD
            2 Summer 3 compound PROPN
            3 Nights 1 dobj     PROPN
            4 .      1 punct    PUNCT
            """,
        ),
        (
            "She hosts This week in Tech.",
            """
            0 She   1 nsubj    PRON
            1 hosts 1 ROOT     VERB lemma=host tag=VBZ
            2 This  3 det      DET
            3 week  1 dobj     PROPN
            4 in    3 prep     ADP
            5 Tech  4 pobj     PROPN
            6 .     1 punct    PUNCT
            """,
        ),
    ],
    ids=["reference", "season", "relative unit"],
)
def test_other_words_capitalised_inside_a_sentence_are_titles(text, rows):
    """`The Now Show`, `Summer Nights`, `This week in Tech`."""
    assert found(parsed(text, rows)) == []


def test_determiner_left_out_takes_the_white_space_after_it():
    """`the  third-quarter loss` (two spaces) → "third-quarter", not " third-quarter"."""
    doc = parsed(
        "They had the  third-quarter loss.",
        """
        0 They    1 nsubj    PRON
        1 had     1 ROOT     VERB lemma=have tag=VBD
        2 the     7 det      DET
        3 \\s     7 dep      SPACE
        4 third   6 amod     ADJ
        5 -       6 punct    PUNCT
        6 quarter 7 compound NOUN
        7 loss    1 dobj     NOUN
        8 .       1 punct    PUNCT
        """,
    )
    assert found(doc) == ["third-quarter"]


def test_clock_time_is_on_the_last_day_mentioned_even_after_a_month():
    """`On March 3 they met. In April they met again at 3 p.m.`: April is no day; 3 p.m. stays on March 3."""
    doc = parsed(
        "On March 3 they met. In April they met again at 3 p.m.",
        """
         0 On    4 prep   ADP
         1 March 0 pobj   PROPN
         2 3     1 nummod NUM
         3 they  4 nsubj  PRON
         4 met   4 ROOT   VERB lemma=meet tag=VBD
         5 .     4 punct  PUNCT
         6 In    9 prep   ADP
         7 April 6 pobj   PROPN
         8 they  9 nsubj  PRON
         9 met   9 ROOT   VERB lemma=meet tag=VBD
        10 again 9 advmod ADV
        11 at    9 prep   ADP
        12 3    13 nummod NUM
        13 p.m. 11 pobj   NOUN
        """,
    )
    assert [t.value for t in find_timex(doc, PUBLISHED)] == ["2023-03-03", "2023-04", "2023-03-03T15:00"]


def test_date_with_no_calendar_value_is_no_date_to_count_from():
    """`On March 3 talks began. Now they wait. The next day they ended.`: "now" (PRESENT_REF) is no day to count
    from; the next day is still March 4."""
    doc = parsed(
        "On March 3 talks began. Now they wait. The next day they ended.",
        """
         0 On    4 prep     ADP
         1 March 0 pobj     PROPN
         2 3     1 nummod   NUM
         3 talks 4 nsubj    NOUN
         4 began 4 ROOT     VERB lemma=begin tag=VBD
         5 .     4 punct    PUNCT
         6 Now   8 advmod   ADV
         7 they  8 nsubj    PRON
         8 wait  8 ROOT     VERB tag=VBP
         9 .     8 punct    PUNCT
        10 The  12 det      DET
        11 next 12 amod     ADJ
        12 day  14 npadvmod NOUN
        13 they 14 nsubj    PRON
        14 ended 14 ROOT    VERB lemma=end tag=VBD
        15 .    14 punct    PUNCT
        """,
    )
    assert [t.value for t in find_timex(doc, PUBLISHED)] == ["2023-03-03", "PRESENT_REF", "2023-03-04"]


def test_year_ago_counts_from_the_last_half_mentioned():
    """`Profit rose in the first half of 2022. The year-ago profit was lower.` → the first half of 2021."""
    doc = parsed(
        "Profit rose in the first half of 2022. The year-ago profit was lower.",
        """
         0 Profit  1 nsubj    NOUN
         1 rose    1 ROOT     VERB lemma=rise tag=VBD
         2 in      1 prep     ADP
         3 the     5 det      DET
         4 first   5 amod     ADJ
         5 half    2 pobj     NOUN
         6 of      5 prep     ADP
         7 2022    6 pobj     NUM
         8 .       1 punct    PUNCT
         9 The    13 det      DET
        10 year   12 npadvmod NOUN
        11 -      12 punct    PUNCT
        12 ago    13 amod     ADJ
        13 profit 14 nsubj    NOUN
        14 was    14 ROOT     AUX lemma=be tag=VBD
        15 lower  14 acomp    ADJ
        16 .      14 punct    PUNCT
        """,
    )
    assert values(doc) == [("the first half of 2022", "DATE", "2022-H1"), ("year-ago", "DATE", "2021-H1")]
