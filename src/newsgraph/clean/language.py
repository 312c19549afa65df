"""Is a text English? The cleaner's headline model and lexicons are English, and so are the parse, entities, quotes
and time expressions; other languages are left alone.

Two tests. `looks_english` is cheap and needs no model: most letters of an English text are Latin, and about one
word in ten is one of the commonest function words ("the", "and", "of", "to"…, `data/english_markers.txt`); in
French, Portuguese or Indonesian almost none is, and Russian, Japanese or Korean are not in Latin letters at all.
`other_language` decides for the pipeline: a text the cheap test finds plainly English is English; any other goes
to a language detector (py3langid: a naive Bayes model over byte n-grams for 140 languages, shipped inside the
package), and is called another language only when the detector is confident and the text long enough.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

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


SAMPLE_CHARS = 4_000
"""The detector reads the text's first characters only: enough to be sure, and under a millisecond."""
MIN_LETTERS = 100
"""Below this many letters in the sample a text in Latin letters is taken as English: too little to go on."""
MIN_SCRIPT_LETTERS = 20
"""The same for a text mostly in other letters (Korean, Russian, Japanese…), whose script says much already."""
MIN_CONFIDENCE = 0.9
"""The detector's probability another language needs. On 13,000 sentences of BBC news (5 to 60 words) it never gave
another language this much."""


@cache
def _detector() -> Any:
    """py3langid's identifier, loaded once (about half a second) with probabilities normalised."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The detector's language (an ISO 639 code) for the start of `text`, and its probability.

    >>> detect("O presidente disse nesta terça-feira que o governo vai investir mais em educação e saúde.")[0]
    'pt'
    """
    lang, confidence = _detector().classify(text[:SAMPLE_CHARS])
    return str(lang), float(confidence)


def other_language(text: str) -> str | None:
    """The language of `text` when it is confidently not English (its ISO 639 code), else None.

    A text with fewer than MIN_LETTERS letters (MIN_SCRIPT_LETTERS when most are not Latin) is English, and so is
    one the cheap test finds plainly English (Latin letters and enough English marker words: no detector needed);
    otherwise the detector decides, and only a probability of MIN_CONFIDENCE or more for another language counts.

    >>> other_language("Prosecutors in Sweden have dropped an investigation into a rape allegation made against "
    ...                "the Wikileaks co-founder in 2010, and he has always denied it, his lawyer said.") is None
    True
    >>> other_language("Die Staatsanwaltschaft hat die Ermittlungen gegen den Mitgründer von Wikileaks eingestellt, "
    ...                "teilte die Behörde am Dienstag in Stockholm mit; er hatte die Vorwürfe stets bestritten.")
    'de'
    >>> other_language("Olá, Lisboa!") is None  # too short to say
    True
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    latin = 2 * len(_LATIN.findall(sample)) >= letters
    if letters < (MIN_LETTERS if latin else MIN_SCRIPT_LETTERS):
        return None
    if latin and english_share(sample) >= MIN_MARKER_SHARE:
        return None
    lang, confidence = detect(sample)
    return lang if lang != "en" and confidence >= MIN_CONFIDENCE else None
