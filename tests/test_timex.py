"""The time layer: TIMEX3 types and values of single expressions (`normalise`) and of expressions found in parsed
text (`find_timex`), against a Tuesday publication date, 2023-02-28 (ISO week 9)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.nlp import parse
from newsgraph.timex import find_timex, normalise
from newsgraph.timex.calendar import easter, holiday, parse_value, period, shift, shift_value
from newsgraph.timex.words import number

PUBLISHED = "2023-02-28"


def values(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str, str | None]]:
    """(text, type, value) of each time expression found in `text`."""
    return [(t.text, t.type, t.value) for t in find_timex(parse(text), published)]


# ---------------------------------------------------------------------------------------------------------------
# normalise: one expression on its own


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", ("DATE", "2023-02-28")),
        ("yesterday", ("DATE", "2023-02-27")),
        ("tomorrow", ("DATE", "2023-03-01")),
        ("tonight", ("TIME", "2023-02-28TNI")),
        ("this morning", ("TIME", "2023-02-28TMO")),
        ("last night", ("TIME", "2023-02-27TNI")),
        ("yesterday afternoon", ("TIME", "2023-02-27TAF")),
        ("late yesterday", ("DATE", "2023-02-27")),
        ("last week", ("DATE", "2023-W08")),
        ("this week", ("DATE", "2023-W09")),
        ("next week", ("DATE", "2023-W10")),
        ("early next week", ("DATE", "2023-W10")),
        ("last month", ("DATE", "2023-01")),
        ("this month", ("DATE", "2023-02")),
        ("earlier this month", ("DATE", "2023-02")),
        ("next month", ("DATE", "2023-03")),
        ("last year", ("DATE", "2022")),
        ("this year", ("DATE", "2023")),
        ("later this year", ("DATE", "2023")),
        ("next year", ("DATE", "2024")),
        ("the end of the year", ("DATE", "2023")),
        ("the past year", ("DATE", "2022")),
        ("two years ago", ("DATE", "2021")),
        ("three months ago", ("DATE", "2022-11")),
        ("10 days ago", ("DATE", "2023-02-18")),
        ("a week ago", ("DATE", "2023-W08")),
        ("a decade ago", ("DATE", "2013")),
        ("two weeks from now", ("DATE", "2023-W11")),
        ("years ago", ("DATE", "PAST_REF")),
        ("recently", ("DATE", "PAST_REF")),
        ("the past", ("DATE", "PAST_REF")),
        ("now", ("DATE", "PRESENT_REF")),
        ("currently", ("DATE", "PRESENT_REF")),
        ("right now", ("DATE", "PRESENT_REF")),
        ("the future", ("DATE", "FUTURE_REF")),
        ("the near future", ("DATE", "FUTURE_REF")),
    ],
)
def test_relative_to_the_publication_date(text, expected):
    assert normalise(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        # a weekday: the one before in a past clause, the one after in a future clause, the day itself if it is one
        ("Monday", "PAST", "2023-02-27"),
        ("Monday", "FUTURE", "2023-03-06"),
        ("on Friday", "PAST", "2023-02-24"),
        ("on Friday", "FUTURE", "2023-03-03"),
        ("Tuesday", "PAST", "2023-02-28"),
        ("Tuesday", "FUTURE", "2023-02-28"),
        ("Thursday", "PRESENT", "2023-03-02"),
        ("Saturday", "PRESENT", "2023-02-25"),
        ("last Monday", None, "2023-02-27"),
        ("next Monday", None, "2023-03-06"),
        ("last Tuesday", None, "2023-02-21"),
        # a month: the last one in a past clause, the next one in a future clause
        ("in July", "FUTURE", "2023-07"),
        ("in July", "PAST", "2022-07"),
        ("January", "PAST", "2023-01"),
        ("in December", "FUTURE", "2023-12"),
        ("February", "PAST", "2023-02"),
        ("last February", None, "2022-02"),
        ("last May", None, "2022-05"),
        ("this September", None, "2023-09"),
        ("next January", None, "2024-01"),
        ("early March", "FUTURE", "2023-03"),
        # a day of a month
        ("March 3", "FUTURE", "2023-03-03"),
        ("June 3", "PAST", "2022-06-03"),
        ("Feb. 14", "PAST", "2023-02-14"),
        ("Feb. 14", None, "2023-02-14"),
        ("Dec. 24", None, "2022-12-24"),
        # a past clause naming a day weeks ahead means the coming one ("extended the offer to March 20")
        ("March 20", "PAST", "2023-03-20"),
        # seasons
        ("spring", None, "2023-SP"),
        ("in the spring", "FUTURE", "2023-SP"),
        ("last summer", None, "2022-SU"),
        ("this summer", None, "2023-SU"),
        ("last fall", None, "2022-FA"),
        ("the autumn", "PAST", "2022-FA"),
        # quarters and halves: reported once over, so the latest begun unless the clause looks ahead
        ("the third quarter", "PAST", "2022-Q3"),
        ("third-quarter", None, "2022-Q3"),
        ("the first quarter", None, "2023-Q1"),
        ("the second quarter", "FUTURE", "2023-Q2"),
        ("the second half", "FUTURE", "2023-H2"),
        ("the fourth quarter", "PAST", "2022-Q4"),
        ("the latest quarter", None, "2022-Q4"),
        ("the current quarter", None, "2023-Q1"),
        ("next quarter", None, "2023-Q2"),
        # holidays
        ("Christmas", "FUTURE", "2023-12-25"),
        ("Christmas", "PAST", "2022-12-25"),
        ("Thanksgiving Day", "PAST", "2022-11-24"),
        ("last Christmas", None, "2022-12-25"),
        ("Easter", "FUTURE", "2023-04-09"),
        # clock times: on the day of publication, or the day they name
        ("10:35 a.m.", None, "2023-02-28T10:35"),
        ("5 p.m. Friday", "PAST", "2023-02-24T17:00"),
        ("noon", None, "2023-02-28T12:00"),
        ("midnight", None, "2023-02-28T24:00"),
        ("9 a.m. EST Tuesday", None, "2023-02-28T09:00"),
    ],
)
def test_incomplete_dates_resolved_with_the_tense(text, tense, expected):
    assert normalise(text, PUBLISHED, tense=tense)[1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 3, 2021", ("DATE", "2021-03-03")),
        ("3 March 2021", ("DATE", "2021-03-03")),
        ("the 3rd of March, 2021", ("DATE", "2021-03-03")),
        ("Aug. 7, 1998", ("DATE", "1998-08-07")),
        ("Friday, Oct. 23", ("DATE", "2020-10-23")),
        ("Monday, Oct. 26, 1998", ("DATE", "1998-10-26")),
        ("July 1997", ("DATE", "1997-07")),
        ("January of 2020", ("DATE", "2020-01")),
        ("mid-November 1989", ("DATE", "1989-11")),
        ("January last year", ("DATE", "2022-01")),
        ("1999", ("DATE", "1999")),
        ("early 1990", ("DATE", "1990")),
        ("the end of 1994", ("DATE", "1994")),
        ("fiscal 1989", ("DATE", "1989")),
        ("the year two thousand", ("DATE", "2000")),
        ("nineteen ninety-six", ("DATE", "1996")),
        ("2023-02-14", ("DATE", "2023-02-14")),
        ("11/02/89", ("DATE", "1989-11-02")),
        ("25/12/2022", ("DATE", "2022-12-25")),
        ("the summer of 1994", ("DATE", "1994-SU")),
        ("the winter of nineteen ninety-four", ("DATE", "1994-WI")),
        ("the third quarter of 1990", ("DATE", "1990-Q3")),
        ("the fourth quarter of last year", ("DATE", "2022-Q4")),
        ("Q3 2021", ("DATE", "2021-Q3")),
        ("the first half of 2022", ("DATE", "2022-H1")),
        ("the 1990s", ("DATE", "199")),
        ("the late 1970s", ("DATE", "197")),
        ("the '80s", ("DATE", "198")),
        ("the nineties", ("DATE", "199")),
        ("the 1800s", ("DATE", "18")),
        ("the 20th century", ("DATE", "19")),
        ("the twenty-first century", ("DATE", "20")),
        ("this century", ("DATE", "20")),
        ("Easter 2024", ("DATE", "2024-03-31")),
        ("Thanksgiving 2023", ("DATE", "2023-11-23")),
        ("Easter week 2024", ("DATE", "2024-W13")),
        ("the week of March 6", ("DATE", "2023-W10")),
        ("the weekend of March 6, 2021", ("DATE", "2021-W09-WE")),
        ("1200 GMT", ("TIME", "2023-02-28T12:00")),
    ],
)
def test_explicit_dates_weeks_seasons_quarters_decades(text, expected):
    assert normalise(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("four days", ("DURATION", "P4D")),
        ("a year and four days", ("DURATION", "P1Y4D")),
        ("A year and four days", ("DURATION", "P1Y4D")),
        ("three hours", ("DURATION", "PT3H")),
        ("90 minutes", ("DURATION", "PT90M")),
        ("half an hour", ("DURATION", "PT30M")),
        ("an hour and a half", ("DURATION", "PT1H30M")),
        ("a minute and a half", ("DURATION", "PT1M30S")),
        ("2 1/2 years", ("DURATION", "P2Y6M")),
        ("two and a half years", ("DURATION", "P2Y6M")),
        ("twenty-four hours", ("DURATION", "PT24H")),
        ("a couple of years", ("DURATION", "P2Y")),
        ("two decades", ("DURATION", "P20Y")),
        ("three quarters", ("DURATION", "P9M")),
        ("a few weeks", ("DURATION", "PXW")),
        ("several years", ("DURATION", "PXY")),
        ("years", ("DURATION", "PXY")),
        ("decades", ("DURATION", "PXE")),
        ("the past three months", ("DURATION", "P3M")),
        ("the last two weeks", ("DURATION", "P2W")),
        ("the next 14 months", ("DURATION", "P14M")),
        ("the first nine months", ("DURATION", "P9M")),
        ("at least 30 days", ("DURATION", "P30D")),
        ("more than two years", ("DURATION", "P2Y")),
        ("nearly a decade", ("DURATION", "P10Y")),
        ("two-year", ("DURATION", "P2Y")),
        ("10-year", ("DURATION", "P10Y")),
        ("52-week", ("DURATION", "P52W")),
        ("one-day", ("DURATION", "P1D")),
        ("74-year-old", ("DURATION", "P74Y")),
        ("three days later", ("DURATION", "P3D")),
        ("a three-year period", ("DURATION", "P3Y")),
    ],
)
def test_durations(text, expected):
    assert normalise(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("annual", ("SET", "P1Y")),
        ("daily", ("SET", "P1D")),
        ("weekly", ("SET", "P1W")),
        ("hourly", ("SET", "PT1H")),
        ("every day", ("SET", "P1D")),
        ("each year", ("SET", "P1Y")),
        ("every month", ("SET", "P1M")),
        ("every two weeks", ("SET", "P2W")),
        ("every other year", ("SET", "P2Y")),
        ("twice a week", ("SET", "P1W")),
        ("every Monday", ("SET", "XXXX-WXX-1")),
        ("each Thursday", ("SET", "XXXX-WXX-4")),
        ("every July", ("SET", "XXXX-07")),
        ("every summer", ("SET", "XXXX-SU")),
        ("every morning", ("SET", "XXXX-XX-XXTMO")),
        ("Mondays", ("SET", "XXXX-WXX-1")),
        ("Tuesday nights", ("SET", "XXXX-WXX-2TNI")),
        ("weekends", ("SET", "XXXX-WXX-WE")),
    ],
)
def test_sets(text, expected):
    assert normalise(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July", ("DATE", "XXXX-07")),
        ("in July", ("DATE", "XXXX-07")),
        ("yesterday", ("DATE", "XXXX-XX-XX")),
        ("Monday", ("DATE", "XXXX-WXX-1")),
        ("March 3", ("DATE", "XXXX-03-03")),
        ("next week", ("DATE", "XXXX-WXX")),
        ("last month", ("DATE", "XXXX-XX")),
        ("last year", ("DATE", "XXXX")),
        ("two years ago", ("DATE", "XXXX")),
        ("spring", ("DATE", "XXXX-SP")),
        ("the third quarter", ("DATE", "XXXX-Q3")),
        ("Christmas", ("DATE", "XXXX-12-25")),
        ("tonight", ("TIME", "XXXX-XX-XXTNI")),
        ("10 p.m.", ("TIME", "XXXX-XX-XXT22:00")),
        # what is written out needs no publication date
        ("March 3, 2021", ("DATE", "2021-03-03")),
        ("the 1990s", ("DATE", "199")),
        ("now", ("DATE", "PRESENT_REF")),
        ("four days", ("DURATION", "P4D")),
        ("every Monday", ("SET", "XXXX-WXX-1")),
    ],
)
def test_without_a_publication_date_unknown_parts_stay_unknown(text, expected):
    assert normalise(text, None) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("the following day", "2021-03-03", "2021-03-04"),
        ("the next day", "2021-03-03", "2021-03-04"),
        ("the day before", "2021-03-03", "2021-03-02"),
        ("that day", "2021-03-03", "2021-03-03"),
        ("earlier that day", "2021-03-03", "2021-03-03"),
        ("that year", "1995", "1995"),
        ("the previous year", "1995-06", "1994"),
        ("the following month", "1995-06-12", "1995-07"),
        ("a year earlier", "1995", "1994"),
        ("two years later", "1995-06", "1997"),
        ("the previous Friday", "2021-03-03", "2021-02-26"),
    ],
)
def test_anaphoric_expressions_count_from_the_last_date_mentioned(text, reference, expected):
    assert normalise(text, PUBLISHED, reference=reference)[1] == expected


def test_what_is_not_a_time_expression_is_not_read():
    assert normalise("the budget", PUBLISHED) == ("DATE", None)
    assert normalise("the future of NATO", PUBLISHED) == ("DATE", None)


# ---------------------------------------------------------------------------------------------------------------
# find_timex: expressions found in parsed text


def test_the_clause_tense_resolves_weekdays_and_months():
    assert values("The minister said on Monday that talks will resume next week.") == [
        ("Monday", "DATE", "2023-02-27"),
        ("next week", "DATE", "2023-W10"),
    ]
    assert values("The summit will take place in July.") == [("July", "DATE", "2023-07")]
    assert values("The summit took place in July.") == [("July", "DATE", "2022-07")]
    assert values("Leaders will meet on Friday.") == [("Friday", "DATE", "2023-03-03")]
    assert values("Leaders met on Friday.") == [("Friday", "DATE", "2023-02-24")]


def test_signals_and_schedules_point_ahead_or_back():
    assert values("The offer was extended until Friday.") == [("Friday", "DATE", "2023-03-03")]
    assert values("Prices have risen since Friday.") == [("Friday", "DATE", "2023-02-24")]
    assert values("The company declared a dividend payable March 15.") == [("March 15", "DATE", "2023-03-15")]


def test_extents_follow_timeml():
    # the determiner stays with a noun phrase and goes when the expression only modifies a noun
    assert values("Profit rose in the third quarter, the company said.") == [("the third quarter", "DATE", "2022-Q3")]
    assert values("The company posted a third-quarter loss.") == [("third-quarter", "DATE", "2022-Q3")]
    assert values("It has grown over the past three months.")[0][:2] == ("the past three months", "DURATION")
    # a preposition is a signal, not part of the expression; "ago" and "earlier" are
    assert values("Russia invaded Ukraine two years ago.") == [("two years ago", "DATE", "2021")]


def test_words_that_only_look_like_time_expressions_are_left_alone():
    assert values("Prices may rise, and the troops will march on.") == []
    assert values("April Ryan asked a question.") == []
    assert values("The firm reported annual sales of $2 billion and 1,500 workers.") == []
    assert values("They saw the fall of the Berlin Wall.") == []
    assert values("A 45-year-old man was arrested.") == []
    assert values("They will take part in NATO's annual summit.") == [("annual", "SET", "P1Y")]
    # a capitalised "Today" or "Daily" inside a sentence is a title
    assert values("He told Radio 4's Today programme that the Daily Telegraph was wrong.") == []
    assert values("They went to the Winter Olympic Games.") == []
    # a rate is a set ("80,000 barrels a day"), not a duration
    assert values("Demand grew by 80,000 barrels a day.") == [("a day", "SET", "P1D")]
    assert values("NATO, the 74-year-old alliance, will meet.") == [("74-year-old", "DURATION", "P74Y")]


def test_a_year_ago_beside_a_quarter_is_that_quarter_a_year_before():
    found = values("Net income rose in the fourth quarter to $5 million from $3 million a year ago.", "2023-01-26")
    assert found == [("the fourth quarter", "DATE", "2022-Q4"), ("a year ago", "DATE", "2021-Q4")]


def test_without_a_publication_date():
    assert values("The summit will take place in July, two years after the war began.", None) == [
        ("July", "DATE", "XXXX-07"),
        ("two years", "DURATION", "P2Y"),
    ]


def test_offsets_text_and_anchors():
    text = "He said yesterday that the deal, signed on March 3, 2021, had lapsed.\nIt ends next week."
    found = find_timex(parse(text), PUBLISHED)
    assert [t.text for t in found] == ["yesterday", "March 3, 2021", "next week"]
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
    assert [t.anchor for t in found] == [PUBLISHED, None, PUBLISHED]


def test_the_example_article(example_text):
    found = {(t.text, t.value) for t in find_timex(parse(example_text), "2023-02-28")}
    for expected in [
        ("today", "2023-02-28"),
        ("last February", "2022-02"),
        ("74-year-old", "P74Y"),
        ("yesterday", "2023-02-27"),
        ("spring", "2023-SP"),
        ("A year and four days", "P1Y4D"),
        ("next week", "2023-W10"),
        ("annual", "P1Y"),
        ("July", "2023-07"),
    ]:
        assert expected in found


# ---------------------------------------------------------------------------------------------------------------
# the calendar and the number words underneath


def test_calendar():
    day = dt.date(2023, 2, 28)
    assert period(day, "W") == "2023-W09"
    assert period(day, "SEASON") == "2022-WI"
    assert period(dt.date(2021, 1, 3), "W") == "2020-W53"
    assert period(day, "DE") == "202" and period(day, "CE") == "20"
    assert shift(dt.date(2024, 1, 31), 1, "M") == dt.date(2024, 2, 29)
    assert shift_value("1989-Q3", -1, "Y") == "1988-Q3"
    assert shift_value("2023-W01", -1, "W") == "2022-W52"
    assert parse_value("2000-W7") == (dt.date(2000, 2, 14), "W")
    assert parse_value("PRESENT_REF") is None
    assert easter(2000) == dt.date(2000, 4, 23)
    assert holiday("11 4 4", 1999) == dt.date(1999, 11, 25)
    assert holiday("05 -1 1", 2023) == dt.date(2023, 5, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("seventy-four", 74), ("a hundred", 100), ("two thousand", 2000), ("1,500", 1500), ("3 1/2", 3.5)],
)
def test_number_words(text, expected):
    assert number(text) == expected
