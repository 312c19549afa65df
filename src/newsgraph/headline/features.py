"""What the headline stance model reads of a headline and a body: how much of the headline the body says, where,
and with what words around it.

The features say what they measure and hold no topic words, so that they carry over to stories the model never saw
(FNC-1's bodies are a few hundred stories; a new outlet brings new ones):

- similarity: TF-IDF cosine of the headline with the body and with its lead (its first three sentences), the share
  of the headline's weight and of its words found there, shared word pairs, how often the headline's words recur,
  and where in the body they first appear. A word the vocabulary never saw weighs as much as the rarest, since a
  new story brings new names and these are what tie a headline to its body;
- how the body talks: the rates of refuting words ("hoax", "denied"), hedging words ("reportedly", "claims") and
  negation in the body, within ten words of one of the headline's words, and in the three sentences that share
  most of the headline's words; the same lexicons in the headline, and whether it asks a question;
- polarity: debunking phrases ("turned out to be", "no evidence"; `headline_stance_debunking.txt`) in the body,
  its lead and the closest sentences, refuting words in its first and last sentences, whether the headline and
  its closest sentences differ in saying something is not so, the headline's words the body puts in short
  quotes, and the body's refuting rate when the headline simply asserts its claim;
- the body's shares of the 400 words most bodies use (none held by half the bodies or more): what kind of text it
  is (a report, a debunking, a rumour), learned from the training bodies' words, not from their topics.

Text is read as lower-case words (`[a-z0-9']+`), sentences end at `.`, `!` or `?`; plurals are folded for the
similarity (`stem`). A `Body` is made once per body text: the same body comes with many headlines.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np

from newsgraph import lexicon

WORD = re.compile(r"[a-z0-9']+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
BODY_WORDS = 400
"""How many of the training bodies' common words the features give the share of."""
NEAR = 10
"""Words either side of one of the headline's words that count as near it."""
CLOSEST = 3
"""Sentences that share most of the headline's words, read for refuting, hedging and negation words."""


@cache
def lexicons() -> dict[str, frozenset[str]]:
    return {name: lexicon.words(f"headline_{name}") for name in ("refuting", "hedging", "negation")}


@cache
def debunking() -> re.Pattern[str]:
    """The debunking phrases ("turned out to be", "no evidence") as one pattern over words joined by spaces."""
    phrases = sorted(lexicon.entries("headline_stance_debunking"), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9'])(?:" + "|".join(re.escape(p.lower()) for p in phrases) + r")(?![a-z0-9'])")


QUOTED = re.compile(r"[\"\u201c\u2018']([^\"\u201c\u201d\u2018\u2019']{1,40})[\"\u201d\u2019']")
"""A short quoted span ("scare quotes" round a word or three): the body distancing itself from the words."""


@cache
def function_words() -> frozenset[str]:
    return lexicon.words("headline_function_words")


def words(text: str) -> list[str]:
    """The lower-case words of a text.

    >>> words("Ukraine didn't join NATO's summit.")
    ['ukraine', "didn't", 'join', "nato's", 'summit']
    """
    return WORD.findall(text.lower())


def stem(word: str) -> str:
    """A word with a plural -s folded ("talks" and "talk" are one word to the similarity)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def in_lexicon(word: str, name: str) -> bool:
    return _marks(word)[LEXICONS.index(name)]


LEXICONS = ("refuting", "hedging", "negation")
"""The lexicons' names, in the order of `lexicons()` and of `_marks`."""


@lru_cache(maxsize=200_000)
def _marks(word: str) -> tuple[bool, bool, bool]:
    """Whether the word is refuting, hedging, a negation: asked of every word of every body, so kept per word."""
    held = lexicons()
    return (word in held["refuting"], word in held["hedging"], word in held["negation"] or word.endswith("n't"))


def is_polar(tokens: Sequence[str]) -> bool:
    """Whether words say something is not so: a negation, a refuting word or a debunking phrase."""
    return any(in_lexicon(w, "negation") or in_lexicon(w, "refuting") for w in tokens) or bool(
        debunking().search(" ".join(tokens))
    )


@dataclass(frozen=True)
class Vocabulary:
    """Document frequencies of the training headlines and bodies (words seen in two or more of them; any other
    weighs as the rarest), and the body words whose shares the model reads."""

    documents: int
    frequency: Mapping[str, int]
    body_words: tuple[str, ...]

    @classmethod
    def of_texts(cls, headlines: Iterable[str], bodies: Sequence[str], least: int = 2) -> Vocabulary:
        texts = [*headlines, *bodies]
        frequency: Counter[str] = Counter()
        for text in texts:
            frequency.update({stem(w) for w in words(text)})
        in_bodies: Counter[str] = Counter()
        for body in bodies:
            in_bodies.update(set(words(body)))
        # Ties in alphabetical order: a Counter's own order follows the sets' (string hashing differs per process).
        ranked = sorted(in_bodies.items(), key=lambda item: (-item[1], item[0]))
        common = [w for w, n in ranked if n <= 0.5 * len(bodies) and w not in function_words()]
        kept = {w: n for w, n in frequency.items() if n >= least}
        return cls(len(texts), kept, tuple(common[:BODY_WORDS]))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Vocabulary:
        return cls(int(data["documents"]), dict(data["frequency"]), tuple(data["body_words"]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "frequency": dict(sorted(self.frequency.items())),
            "body_words": list(self.body_words),
        }

    def idf(self, word: str) -> float:
        return math.log((self.documents + 1) / (self.frequency.get(word, 0) + 1))

    def vector(self, tokens: Iterable[str]) -> dict[str, float]:
        counts = Counter(stem(w) for w in tokens if w not in function_words())
        return {w: (1 + math.log(n)) * self.idf(w) for w, n in counts.items()}

    @property
    def positions(self) -> dict[str, int]:
        return _positions(self.body_words)


@cache
def _positions(body_words: tuple[str, ...]) -> dict[str, int]:
    return {w: i for i, w in enumerate(body_words)}


@dataclass(frozen=True)
class Body:
    """What the features read of one body, made once per body text."""

    tokens: tuple[str, ...]
    counts: Counter[str]
    sentences: tuple[frozenset[str], ...]
    sentence_words: tuple[tuple[str, ...], ...]
    vector: dict[str, float]
    lead_vector: dict[str, float]
    lead: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    at: dict[str, np.ndarray]  # positions of each lexicon's words
    rates: tuple[float, ...]  # refuting, hedging, negation words per 100
    shares: tuple[float, ...]  # per 100 words, of each of the vocabulary's body words
    debunks: tuple[int, ...]  # debunking phrases in each sentence
    polar: tuple[bool, ...]  # each sentence holds a negation, refuting word or debunking phrase
    quoted: frozenset[str]  # words inside short quotes
    stance: tuple[float, ...]  # the body's figures of STANCE_BODY, which do not depend on the headline


def body_of(text: str, vocabulary: Vocabulary) -> Body:
    """The body's words, sentences and figures that do not depend on the headline."""
    sentences = [words(s) for s in SENTENCE_END.split(text)]
    tokens = [w for s in sentences for w in s]
    lead = [w for s in sentences[:3] for w in s]
    n = max(1, len(tokens))
    counts = Counter(tokens)
    flags = np.array([_marks(w) for w in tokens], dtype=bool).reshape(-1, len(LEXICONS))
    at = {name: np.flatnonzero(flags[:, k]) for k, name in enumerate(LEXICONS)}
    shares = [0.0] * len(vocabulary.body_words)
    positions = vocabulary.positions
    for w, k in counts.items():
        if w in positions:
            shares[positions[w]] = k / n * 100
    # One search over the sentences joined by a line break (which no phrase holds), each hit counted to its
    # sentence: the same counts as sentence by sentence, at one search's cost.
    joined = "\n".join(" ".join(x) for x in sentences)
    starts = list(itertools.accumulate((len(" ".join(x)) + 1 for x in sentences[:-1]), initial=0))
    debunks = [0] * len(sentences)
    for hit in debunking().finditer(joined):
        debunks[bisect.bisect_right(starts, hit.start()) - 1] += 1
    # A sentence is polar when it holds a refuting word or a negation (the flags' columns 0 and 2), or debunks.
    ends_at = np.cumsum([len(x) for x in sentences])
    said_not = np.concatenate([[0], np.cumsum(flags[:, 0] | flags[:, 2])])
    held = said_not[ends_at] - said_not[ends_at - [len(x) for x in sentences]]
    polar = [d > 0 or bool(k) for d, k in zip(debunks, held.tolist(), strict=True)]
    quoted = frozenset(w for q in QUOTED.findall(text) if len(q.split()) <= 3 for w in words(q))
    ends = [w for s in sentences[:1] + sentences[-2:] for w in s]
    rates = [len(at[name]) / n * 100 for name in lexicons()]
    stance = (
        sum(debunks) / n * 100,
        float(sum(debunks[:3])),
        float(sum(in_lexicon(w, "refuting") for w in ends)),
        rates[0] / (rates[1] + 1.0),
        len(QUOTED.findall(text)) / n * 100,
    )
    return Body(
        debunks=tuple(debunks),
        polar=tuple(polar),
        quoted=quoted,
        stance=stance,
        tokens=tuple(tokens),
        counts=counts,
        sentences=tuple(frozenset(s) for s in sentences),
        sentence_words=tuple(tuple(s) for s in sentences),
        vector=vocabulary.vector(tokens),
        lead_vector=vocabulary.vector(lead),
        lead=frozenset(lead),
        bigrams=frozenset(itertools.pairwise(tokens)),
        at=at,
        rates=tuple(rates),
        shares=tuple(shares),
    )


def feature_names(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The names of `features`' figures, in order: what the shipped model was trained on."""
    return (*PAIR_FEATURES, *(f"body_share:{w}" for w in vocabulary.body_words))


STANCE_BODY = (
    "body_debunking_rate",  # debunking phrases per 100 body words
    "lead_debunking",  # ... in the first three sentences
    "ends_refuting",  # refuting words in the first and the last two sentences
    "refuting_hedging_ratio",  # refuting rate over hedging rate plus one: disputing more than reporting
    "body_quote_rate",  # short quotes per 100 body words
)
STANCE_PAIR = (
    "closest_debunking",  # debunking phrases in the CLOSEST sentences
    "polarity_mismatch",  # the headline holds no negation/refuting word but its closest sentences do (or the reverse)
    "closest_polar_share",  # share of the CLOSEST sentences that hold a negation, refuting word or debunking phrase
    "quoted_headline_words",  # share of the headline's content words the body puts in short quotes
    "question_refuting",  # question headline times the body's refuting rate
    "near_negation_rate",  # negation words within NEAR words of a headline word, per 100 body words
    "disputed_claim",  # the body's refuting and debunking rate when the headline asserts (no refuting, hedging, ?)
    "closest_mismatch",  # polarity_mismatch times the closest sentence's share of the headline's words
)


PAIR_FEATURES = (
    "cosine",  # TF-IDF cosine of the headline with the body
    "lead_cosine",  # ... with the body's first three sentences
    "weight_share",  # share of the headline's TF-IDF weight whose words the body holds
    "lead_weight_share",  # ... the lead holds
    "word_share",  # share of the headline's content words in the body
    "lead_word_share",  # ... in the lead
    "pair_share",  # share of the headline's word pairs in the body
    "headline_word_rate",  # the headline's content words per 100 body words
    "body_refuting_rate",  # refuting words per 100 body words
    "body_hedging_rate",
    "body_negation_rate",
    "headline_refuting",  # refuting words in the headline
    "headline_hedging",
    "headline_negation",
    "headline_question",  # the headline holds a question mark
    "near_refuting_rate",  # refuting words within NEAR words of a headline word, per 100 body words
    "near_hedging_rate",
    "body_words",
    "headline_words",
    "first_position",  # where the first of the headline's words is, as a share of the body (1: nowhere)
    "closest_share",  # share of the headline's content words in the body sentence that holds most of them
    "closest_refuting",  # refuting words in the CLOSEST sentences that hold most of the headline's words
    "closest_hedging",
    "closest_negation",
    *STANCE_BODY,
    *STANCE_PAIR,
)


def features(headline: str, body: Body, vocabulary: Vocabulary) -> list[float]:
    """The figures `feature_names` names, for one headline and one body."""
    h = words(headline)
    content = {w for w in h if w not in function_words()}
    hv = vocabulary.vector(h)
    weight = sum(hv.values()) or 1.0
    n = max(1, len(body.tokens))
    token_set = body.counts.keys()
    out = [
        cosine(hv, body.vector),
        cosine(hv, body.lead_vector),
        sum(v for w, v in hv.items() if w in body.vector) / weight,
        sum(v for w, v in hv.items() if w in body.lead_vector) / weight,
        len(content & token_set) / max(1, len(content)),
        len(content & body.lead) / max(1, len(content)),
        len(set(itertools.pairwise(h)) & body.bigrams) / max(1, len(h) - 1),
        sum(body.counts[w] for w in content) / n * 100,
        *body.rates,
        *(float(sum(in_lexicon(w, name) for w in h)) for name in lexicons()),
        float("?" in headline),
    ]
    at = np.array(sorted(i for i, w in enumerate(body.tokens) if w in content), dtype=np.int64)
    out += [_near(at, body.at["refuting"]) / n * 100, _near(at, body.at["hedging"]) / n * 100]
    out += [float(len(body.tokens)), float(len(h)), float(at[0]) / n if len(at) else 1.0]
    shares = sorted((len(content & s) / max(1, len(content)), i) for i, s in enumerate(body.sentences))[-CLOSEST:]
    closest = [w for _, i in shares for w in body.sentence_words[i]]
    closest_share = shares[-1][0] if shares else 0.0
    out.append(closest_share)
    out += [float(sum(in_lexicon(w, name) for w in closest)) for name in lexicons()]
    out += body.stance
    top = [i for _, i in shares]
    # A headline that asserts what the sentences nearest it deny (or the reverse) is what a disagreeing pair looks
    # like; the body's rates alone cannot tell a debunking headline (agree) from the claim it debunks (disagree).
    h_polar, c_polar = is_polar(h), any(body.polar[i] for i in top)
    out += [
        float(sum(body.debunks[i] for i in top)),
        float(h_polar != c_polar),
        sum(body.polar[i] for i in top) / max(1, len(top)),
        len(content & body.quoted) / max(1, len(content)),
        float("?" in headline) * body.rates[0],
        _near(at, body.at["negation"]) / n * 100,
    ]
    asserts = not h_polar and not any(in_lexicon(w, "hedging") for w in h) and "?" not in headline
    out += [float(asserts) * (body.rates[0] + body.stance[0]), float(h_polar != c_polar) * closest_share]
    return out + list(body.shares)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    num = sum(v * b.get(w, 0.0) for w, v in a.items())
    na, nb = math.sqrt(sum(v * v for v in a.values())), math.sqrt(sum(v * v for v in b.values()))
    return num / (na * nb) if na and nb else 0.0


def _near(at: np.ndarray, marks: np.ndarray, window: int = NEAR) -> int:
    """How many of `marks` (word positions) lie within `window` words of one of `at` (sorted positions)."""
    if not len(at) or not len(marks):
        return 0
    right = np.clip(np.searchsorted(at, marks), 0, len(at) - 1)
    left = np.clip(right - 1, 0, len(at) - 1)
    distance = np.minimum(np.abs(at[right] - marks), np.abs(at[left] - marks))
    return int((distance <= window).sum())
