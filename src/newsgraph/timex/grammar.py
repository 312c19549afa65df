r"""The pieces the rules' patterns are made of, built once from the lexicons.

A rule's pattern is a verbose regular expression that names these pieces in angle brackets (`<MONTH>`,
`<NUM>`), so that the patterns read like the expressions they find and the word lists stay in data files.
Being verbose, a pattern's spaces match nothing: white space between words is written `\s+`.

>>> bool(compile_pattern(r"<NUM>\s+<UNIT>").fullmatch("twenty-four hours"))
True
>>> bool(compile_pattern(r"<NUM> <UNIT>").fullmatch("twenty-four hours"))
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsgraph.timex.words import (
    APPROXIMATORS,
    CURRENT_THINGS,
    DAY_PARTS,
    DECADES,
    DURATION_RELATIONS,
    HOLIDAYS,
    MODIFIERS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PERIOD_NOUNS,
    REFERENCES,
    SEASONS,
    SETS,
    UNIT_QUALIFIERS,
    UNITS,
    WEEKDAYS,
)


def alternation(words: Iterable[str], dot: bool = False) -> str:
    """A non-capturing alternation of words, longest first, spaces matching any white space."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        part = r"\s+".join(re.escape(w) for w in word.split())
        parts.append(part + (r"\.?" if dot else ""))
    return "(?:" + "|".join(parts) + ")"


def capitalised(words: Iterable[str], dot: bool = False) -> str:
    """Like `alternation`, but only in Title or UPPER case, even inside a case-insensitive pattern."""
    forms = {f for w in words for f in (w.title(), w.upper())}
    return "(?-i:" + alternation(forms, dot) + ")"


_SMALL = [w for w, k in NUMBER_WORDS.items() if k.isdigit() and 0 < int(k) < 20 and " " not in w]
_TENS = [w for w, k in NUMBER_WORDS.items() if k.isdigit() and int(k) in range(20, 100, 10)]
_UNITS_1_9 = [w for w, k in NUMBER_WORDS.items() if k.isdigit() and 0 < int(k) < 10 and w not in {"a", "an"}]
_FULL_MONTHS = [max((w for w in MONTHS if MONTHS[w] == n), key=len) for n in range(1, 13)]
_SHORT_MONTHS = [w for w in MONTHS if w not in _FULL_MONTHS]
_FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]
_SHORT_WEEKDAYS = [w for w in WEEKDAYS if not w.endswith("day")]

_word_number = (
    "(?:" + alternation(_TENS) + r"(?:[\s-]+" + alternation(_UNITS_1_9) + ")?"
    "|" + alternation(w for w in _SMALL if w not in {"a", "an", "single", "no"}) + ")"
)


PIECES: dict[str, str] = {
    # a month name; abbreviations need a full stop or a day number after them, so "Mar" alone is not a month
    "MONTH": "(?:" + capitalised(_FULL_MONTHS) + "|" + capitalised(_SHORT_MONTHS) + r"\.?)",
    "MONTH_FULL": capitalised(_FULL_MONTHS),
    "WEEKDAY": "(?:" + capitalised(_FULL_WEEKDAYS) + "|" + capitalised(_SHORT_WEEKDAYS) + r"\.)",
    "WEEKDAY_FULL": capitalised(_FULL_WEEKDAYS),
    "WEEKDAYS": capitalised(w + "s" for w in _FULL_WEEKDAYS),
    "SEASON": alternation(SEASONS),
    "DAY_PART": alternation(DAY_PARTS),
    "HOLIDAY": alternation(HOLIDAYS),
    "YEAR": r"(?:1[0-9]{3}|20[0-9]{2})(?![\d,.]\d|-\d)",
    "YEAR2": r"['’]\d\d(?!\w)",
    # "nineteen ninety-six", "two thousand", "two thousand and one"
    "SPOKEN_YEAR": (
        r"(?:(?:nineteen|eighteen|twenty)[\s-]+(?:hundred(?:\s+and)?[\s-]+)?" + _word_number + r"(?![\s-]+hundred)"
        r"|two\s+thousand(?:(?:\s+and)?[\s-]+" + _word_number + ")?)"
    ),
    "DAY": r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
    "ORDINAL": "(?:" + alternation(w for w in ORDINALS if w not in {"last", "final"}) + r"|\d{1,2}(?:st|nd|rd|th))",
    "NUM_WORD": (
        "(?:" + _word_number + r"(?:[\s-]+(?:hundred|thousand)(?:(?:\s+and)?[\s-]+" + _word_number + ")?)?"
        r"|(?:a|one)\s+(?:hundred|thousand)|a\s+dozen|dozen)"
    ),
    "VAGUE": alternation(w for w, k in NUMBER_WORDS.items() if k == "X"),
    "UNIT": alternation(UNITS),
    "UNIT1": alternation(w for w in UNITS if not w.endswith("s") or w in {"hrs", "yrs", "mins", "secs"}),
    "APPROX": alternation(APPROXIMATORS),
    "MOD": alternation(MODIFIERS),
    "DECADE_WORD": alternation(DECADES),
    "DURATION_REL": alternation(DURATION_RELATIONS),
    "UNIT_QUALIFIER": alternation(UNIT_QUALIFIERS),
    "PERIOD_NOUN": alternation(PERIOD_NOUNS),
    "CURRENT_THING": alternation(CURRENT_THINGS),
    "SET_WORD": alternation(SETS),
    "REFERENCE": alternation(REFERENCES),
    "TZ": r"(?-i:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|IST|JST|AEST|AEDT|HKT|SGT|MSK)\b",
    "AMPM": r"(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)",
}
PIECES["NUM"] = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+\d/\d)?|" + PIECES["NUM_WORD"] + r"(?:\s+and\s+a\s+half)?"
    r"|an?(?=\s+" + PIECES["UNIT1"] + r"\b)|a\s+couple\s+of|a\s+pair\s+of|couple\s+of|half\s+an?)"
)

_PIECE = re.compile(r"<([A-Z][A-Z0-9_]*)>")


def expand(pattern: str) -> str:
    """A pattern with its `<PIECES>` filled in."""
    return _PIECE.sub(lambda m: PIECES[m[1]], pattern)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A rule's verbose pattern with its `<PIECES>` filled in, case-insensitive, bounded by word edges."""
    body = expand(pattern)
    return re.compile(r"(?<![\w$£€'’.-])(?:" + body + r")(?!\w|-\w)", re.I | re.X)


# ---------------------------------------------------------------------------------------------------------------
# Trigger words: a rule's pattern is only tried near a token that its expressions must contain, which keeps the
# scan far cheaper than running every pattern over every character of the text.

DIGIT = "<digit>"
"""Stands for any token with a digit in it among a rule's triggers."""

_STOP = {"the", "a", "an", "of", "at", "in", "this", "that", "to", "and", "'s", "day"}


def content_words(phrases: Iterable[str]) -> frozenset[str]:
    """The words of phrases as spaCy splits them (on spaces and hyphens), less the function words."""
    out = set()
    for phrase in phrases:
        for word in re.split(r"[\s-]+", phrase.lower()):
            word = word.strip(".")
            if word and word not in _STOP:
                out.add(word)
    return frozenset(out)


TRIGGERS: dict[str, frozenset[str]] = {
    "month": frozenset(MONTHS),
    "weekday": frozenset(WEEKDAYS),
    "weekdays": frozenset(w + "s" for w in _FULL_WEEKDAYS) | {"weekends"},
    "season": frozenset(SEASONS),
    "unit": frozenset(w for u in UNITS for w in re.split(r"[\s-]+", u)) | {"fortnight"},
    "day_part": content_words(DAY_PARTS) | {"overnight", "tonight"},
    "holiday": content_words(HOLIDAYS) | {"day"},
    "spoken_year": frozenset({"nineteen", "eighteen", "thousand"}),
    "decade": DECADES,
}
