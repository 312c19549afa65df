"""Time expressions and their TimeML TIMEX3 values, normalised against the publication date.

A pure-Python temporal tagger over the article's one spaCy parse: rules (patterns built from the lexicons in
`data/timex_*.txt`) find DATE, TIME, DURATION and SET expressions; the parse checks them and gives the tense that
resolves incomplete dates ("on Monday" in a past clause is the Monday before); values follow TIMEX3.

- `find_timex(doc, published)`: the stage, in text order (`find.py`);
- `normalise(text, published)`: the type and value of one expression on its own (`rules.py`);
- `calendar.py`: periods, shifts and holidays; `tense.py`: the clause's tense; `words.py`: the lexicons.
- `candidates.py` and `chooser.py`: other values for each expression and a learned choice between them (used only
  when a model trained by `bench/train_timex_chooser.py` ships); `attachment.py`: the verb an expression dates.

>>> normalise("yesterday", "2023-02-28")
('DATE', '2023-02-27')
>>> normalise("in July", "2023-02-28", tense="FUTURE")
('DATE', '2023-07')
"""

from __future__ import annotations

import datetime as dt

from newsgraph.timex.find import find_timex
from newsgraph.timex.rules import Context, read
from newsgraph.timex.tense import Tense

__all__ = ["find_timex", "normalise"]

_SIGNALS = ("in ", "on ", "at ", "since ", "until ", "by ", "for ", "during ")


def normalise(
    text: str,
    published: str | dt.date | None = None,
    *,
    tense: Tense | None = None,
    reference: str | None = None,
) -> tuple[str, str | None]:
    """TIMEX3 type and value of one expression, read without its article: ("DATE", None) when not understood.

    `published` is the date relative expressions count from, `tense` the tense of the expression's clause
    (PAST, PRESENT, FUTURE) and `reference` the value of the last date mentioned before it. A leading
    preposition ("in July") is read past.

    >>> normalise("a year and four days")
    ('DURATION', 'P1Y4D')
    >>> normalise("July")
    ('DATE', 'XXXX-07')
    """
    day = dt.date.fromisoformat(published) if isinstance(published, str) else published
    text = " ".join(text.split())
    context = Context(day, tense, reference)
    reading = read(text, context)
    low = text.lower()
    signal = next((s for s in _SIGNALS if low.startswith(s)), None)
    if reading is None and signal:
        reading = read(text[len(signal) :], context)
    if reading is None:
        return "DATE", None
    return reading.type, reading.value
