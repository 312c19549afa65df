"""Is a text English? The cleaner's headline model and lexicons are English; other languages are left alone.

A cheap test that needs no model: most letters of an English text are Latin, and about one word in ten is one of
the commonest function words ("the", "and", "of", "to"…, `data/english_markers.txt`); in French, Portuguese or
Indonesian almost none is, and Russian, Japanese or Korean are not in Latin letters at all.
"""

from __future__ import annotations

import re

from newsgraph.lexicon import words

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]")
MIN_WORDS = 20
"""Below this many words the test says nothing: a short text is taken as English."""
MIN_MARKER_SHARE = 0.04
"""English news has 8–15% marker words (the BBC corpus at least 7.7%); other languages under 1%."""


def english_share(text: str) -> float:
    """The share of words that are English marker words.

    >>> round(english_share("The mayor of the town said that it was over."), 2)
    0.6
    """
    found = _WORD.findall(text.lower())
    if not found:
        return 0.0
    markers = words("english_markers")
    return sum(w in markers for w in found) / len(found)


def looks_english(text: str) -> bool:
    """True unless the text has at least MIN_WORDS words and is not in Latin letters or has few English words.

    >>> looks_english("Prosecutors in Sweden have dropped an investigation into a rape allegation made against "
    ...               "the Wikileaks co-founder in 2010, and he has always denied it, his lawyer said.")
    True
    >>> looks_english("Die Staatsanwaltschaft hat die Ermittlungen gegen den Mitgründer von Wikileaks eingestellt, "
    ...               "teilte die Behörde am Dienstag in Stockholm mit; er hatte die Vorwürfe stets bestritten.")
    False
    """
    sample = text[:20_000]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return True
    letters = len(_LETTER.findall(sample))
    if len(_LATIN.findall(sample)) < 0.5 * letters:
        return False
    return english_share(sample) >= MIN_MARKER_SHARE
