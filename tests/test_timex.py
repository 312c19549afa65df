from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.timex import normalise

ANCHOR = dt.date(2023, 2, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", ("DATE", "2023-02-28")),
        ("yesterday", ("DATE", "2023-02-27")),
        ("tomorrow", ("DATE", "2023-03-01")),
        ("last February", ("DATE", "2022-02")),
        ("next week", ("DATE", "2023-W10")),
        ("last year", ("DATE", "2022")),
        ("July", ("DATE", "2023-07")),
        ("spring", ("DATE", "2023-SP")),
        ("March 3, 2021", ("DATE", "2021-03-03")),
        ("3 March 2021", ("DATE", "2021-03-03")),
        ("1999", ("DATE", "1999")),
        ("74-year-old", ("DURATION", "P74Y")),
        ("four days", ("DURATION", "P4D")),
        ("annual", ("SET", "P1Y")),
    ],
)
def test_normalise(text, expected):
    assert normalise(text, "DATE", ANCHOR) == expected


def test_without_publication_date_unknown_parts_stay_unknown():
    assert normalise("July", "DATE", None) == ("DATE", "XXXX-07")
    assert normalise("yesterday", "DATE", None) == ("DATE", None)
