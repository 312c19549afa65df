"""Where the headline claims more than the body supports, each finding with the body's words that show it.

The headline's claims come from its parse: a verb with a subject, its object (or the object of its preposition),
whether it is negated, and how surely it is stated (`Claim.modality`: "future" with will / shall / 'll, "fact" for a
finite verb with no modal; a claim already hedged, or a headline that asks, states nothing to overstate). A body
sentence is *about* a claim when it holds two of the claim's subject, verb and object (lemmas). Then:

- **far off**: the headline says "will", the body puts it far off or leaves it open: a far-off word on the body's
  verb or in the sentence ("would eventually join"), or in the next sentence of the same paragraph when that one
  goes on about it ("… will become a member of our alliance. But at the same time that is a long term
  perspective");
- **hedged**: the body's verb carries a modal or hedge ("may", "reportedly") where the headline has none; against
  a headline's "will", "could" too (against a fact, "could" is mostly a further possibility: "workers lose jobs"
  and "50,000 could lose their jobs");
- **denied**: the body's verb is negated, or sits under a verb of denial ("denied it would invade"), where the
  headline's is not;
- **asked**: the body asks it as a question (its own verb, not a question quoted in the sentence);
- **quoted words changed**: words the headline puts in quotation marks are not in the body, and a quote of the
  body holds most of them (the evidence is that quote).

No finding is made without evidence, and the evidence is the body's quote that holds the sentence when there is
one (its speaker's words), else the sentence. Lexicons: `data/headline_far_off.txt`, `headline_hedges.txt`,
`headline_future_hedges.txt`, `headline_denials.txt`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.parts_of_speech import ADJ, AUX, NOUN, NUM, PROPN, VERB  # type: ignore[import-not-found]
from spacy.tokens import Doc, Token

from newsgraph import lexicon
from newsgraph.model import Finding, Quote, TextSpan
from newsgraph.nlp import SUBJECT_DEPS

OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
COPULAS = {"be"}
CLAUSE_DEPS = {"ccomp", "advcl", "conj", "relcl", "parataxis", "acl", "csubj"}
"""The children of a verb that are clauses of their own: what they say is not said of the verb."""
QUOTED = re.compile(r"(?:^|(?<=[\s(]))[\"“‘']([^\"“”‘’']{3,}?)[\"”’'](?=$|[\s,.;:!?)])")
"""Words in quotation marks in a headline: an opening mark after a space, a closing one before a space or a stop
(so that the apostrophes of "Putin's" and "isn't" open nothing)."""


@cache
def _far_off() -> re.Pattern[str]:
    phrases = sorted(lexicon.words("headline_far_off"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb of a body sentence: its lemma, the modal / adverb words on it, negated, under a verb of denial, and
    whether its own clause (not the clauses under it) puts it far off ("would eventually join")."""

    lemma: str
    markers: frozenset[str]
    negated: bool
    denied: bool
    far_off: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """What the rules read of one body sentence; kept without the parse, so that a body analysed once serves every
    headline that comes with it."""

    start: int
    end: int
    paragraph: int
    words: frozenset[str]  # lower-case lemmas and words of its content words
    verbs: tuple[Verb, ...]
    question: bool


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim of the headline: its words' span in the headline, its verb, the words of its subject and object."""

    start: int
    end: int
    verb: str
    said: str  # the verb as the headline says it, with its auxiliaries ("will join")
    subject: frozenset[str]
    object: frozenset[str]
    modality: str  # "future" or "fact"
    negated: bool


def sentences_of(doc: Doc) -> tuple[Sentence, ...]:
    """The article's sentences from its parse (`read_body` keeps those after the headline).

    Read from the parse's arrays (`Doc.to_array`), not token by token: every article's sentences are read, for the
    headlines that will come with it, and a token's string attributes are slow to reach one by one."""
    if not len(doc):
        return ()
    strings = doc.vocab.strings
    table = doc.to_array([POS, DEP, HEAD, LEMMA, LOWER])  # uint64; HEAD is relative, so it wraps below zero
    pos, dep, lemma, lower = (table[:, k].tolist() for k in (0, 1, 3, 4))
    heads: list[int] = (np.arange(len(doc)) + table[:, 2].astype(np.int64)).tolist()
    children: dict[int, list[int]] = {}
    for i, h in enumerate(heads):
        if h != i:
            children.setdefault(h, []).append(i)
    names: dict[int, str] = {}

    def name(key: int) -> str:  # a string of the parse by its hash, lower-cased
        if key not in names:
            names[key] = strings[key].lower()
        return names[key]

    deps = {d: strings[d] for d in ("aux", "auxpass", "advmod", "neg")}
    marker_deps = {deps["aux"], deps["advmod"], deps["neg"]}
    content = {NOUN, PROPN, NUM, ADJ, VERB}
    denials = lexicon.words("headline_denials")
    text = doc.text
    out = []
    paragraph = 0
    previous_end = 0
    for sent in doc.sents:
        said = text[sent.start_char : sent.end_char]
        if not said.strip():
            continue
        # A line break after the last word of the sentence before (the parse often keeps it in that sentence).
        paragraph += "\n" in text[previous_end : sent.start_char]
        previous_end = sent.start_char + len(said.rstrip())
        tokens = range(sent.start, sent.end)
        words = frozenset(w for i in tokens if pos[i] in content for w in (name(lemma[i]), name(lower[i])))
        # What few sentences hold is looked for verb by verb only where the sentence holds it at all.
        denial = any(name(lemma[i]) in denials for i in tokens if pos[i] == VERB)
        far_off = _far_off().search(said.lower()) is not None
        verbs = []
        for i in tokens:
            if pos[i] not in (VERB, AUX) or dep[i] in (deps["aux"], deps["auxpass"]):
                continue
            below = children.get(i, [])
            markers = frozenset(name(lower[c]) for c in below if dep[c] in marker_deps)
            negated = any(dep[c] == deps["neg"] for c in below)
            denied = denial and _under_denial(i, heads, lambda k: name(lemma[k]), denials)
            verbs.append(Verb(name(lemma[i]), markers, negated, denied, far_off and _far_off_clause(doc[i])))
        question = said.rstrip(" \"”’'\n").endswith("?")
        out.append(Sentence(sent.start_char, sent.end_char, paragraph, words, tuple(verbs), question))
    return tuple(out)


def _words(token: Token) -> tuple[str, ...]:
    return (token.lemma_.lower(), token.lower_)


def _under_denial(i: int, heads: Sequence[int], lemma_of: Callable[[int], str], denials: frozenset[str]) -> bool:
    """Is token `i` under a verb of denial (an ancestor's lemma in `denials`)?"""
    while heads[i] != i:
        i = heads[i]
        if lemma_of(i) in denials:
            return True
    return False


def _far_off_clause(token: Token) -> bool:
    """Does the verb's own clause (without the clauses under it) put it far off?"""
    below = {t.i for c in token.children if c.dep_ in CLAUSE_DEPS for t in c.subtree}
    return bool(_far_off().search(" ".join(t.lower_ for t in token.subtree if t.i not in below)))


def claims_of(headline: Doc) -> list[Claim]:
    """The claims a headline states as fact or as certain future (none when it asks or hedges)."""
    if "?" in headline.text:
        return []
    hedges = lexicon.words("headline_hedges")
    # Words in quotation marks are someone's, not the headline's ("Labour plan 'hides Blair'"): no claim there.
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(headline.text)]
    out = []
    for token in headline:
        if token.pos_ not in {"VERB", "AUX"} or token.dep_ in {"aux", "auxpass", "amod", "acl", "relcl"}:
            continue
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if not subjects:
            continue
        auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass", "neg"}]
        if any(a.lower_ in hedges for a in auxes) or any(c.lower_ in hedges for c in token.children):
            continue
        if any(a.lower_ in FUTURE_AUX for a in auxes):
            modality = "future"
        elif token.tag_ in {"VBD", "VBZ", "VBP"} or any(a.tag_ in {"VBD", "VBZ", "VBP"} for a in auxes):
            modality = "fact"
        else:
            continue
        objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        objects += [g for c in token.children if c.dep_ in {"prep", "agent"} for g in c.children if g.dep_ == "pobj"]
        subject, obj = _content(subjects), _content(objects)
        if not subject and not obj:
            continue
        if any(a <= t.idx < b for a, b in quoted for t in (token, *objects)):
            continue
        left = min(t.left_edge.i for t in subjects)
        right = max([token.i, *(a.i for a in auxes), *(o.right_edge.i for o in objects)])
        while right > token.i and headline[right].is_punct:  # "Ukraine will join NATO," ends before its comma
            right -= 1
        span = headline[left : right + 1]
        said = " ".join(t.text for t in sorted([*auxes, token], key=lambda t: t.i))
        negated = any(a.dep_ == "neg" for a in auxes)
        out.append(Claim(span.start_char, span.end_char, token.lemma_.lower(), said, subject, obj, modality, negated))
    return out


def _content(heads: Sequence[Token]) -> frozenset[str]:
    """The lemmas of the content words of these phrases (their nouns, names and numbers)."""
    return frozenset(w for h in heads for t in h.subtree if t.pos_ in {"NOUN", "PROPN", "NUM"} for w in _words(t))


def find_overstatement(
    headline: str,
    headline_doc: Doc,
    text: str,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
) -> tuple[Finding, ...]:
    """The findings for one headline against one body's sentences (offsets into `text`) and quotes."""
    findings: list[Finding] = []
    for claim in claims_of(headline_doc):
        findings += _against_claim(headline, claim, text, sentences, quotes)
    findings += _quoted_words(headline, text, quotes)
    return tuple(findings)


def _against_claim(
    headline: str, claim: Claim, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> list[Finding]:
    hedges = lexicon.words("headline_hedges")
    future_hedges = lexicon.words("headline_future_hedges")
    said = headline[claim.start : claim.end]
    # A headline that itself reports a denial ("Blair dismisses quit claim report") is not denied by the body's.
    reports_denial = bool(set(re.findall(r"\w+", headline.lower())) & _denial_forms())
    # The body's verb must be the claim's, said of all the claim names (its subject and its object).
    whole = (claim.verb not in COPULAS) + bool(claim.subject) + bool(claim.object)
    found: dict[str, list[TextSpan]] = {}
    for k, sentence in enumerate(sentences):
        about = _about(claim, sentence)
        if about < 2:
            continue
        verbs = [v for v in sentence.verbs if v.lemma == claim.verb] if about >= whole else []
        if not claim.negated and not reports_denial and any(v.negated or v.denied for v in verbs):
            found.setdefault("denied", []).append(_evidence(sentence, text, quotes))
        elif sentence.question and verbs:  # the claim's own verb asked, not a question quoted beside it
            found.setdefault("asked", []).append(_evidence(sentence, text, quotes))
        elif any(v.markers & (hedges | future_hedges if claim.modality == "future" else hedges) for v in verbs):
            found.setdefault("hedged", []).append(_evidence(sentence, text, quotes))
        elif claim.modality == "future":
            if any(v.far_off for v in sentence.verbs if v.lemma == claim.verb):
                found.setdefault("far off", []).append(_evidence(sentence, text, quotes))
            elif k + 1 < len(sentences) and sentences[k + 1].paragraph == sentence.paragraph:
                after = sentences[k + 1]
                if _far_off().search(text[after.start : after.end].lower()) and _about(claim, after) < 2:
                    found.setdefault("far off", []).append(_evidence(after, text, quotes))
    why = {
        "far off": f"the headline says “{claim.said}” as certain; the body puts it far off or leaves it open",
        "hedged": f"the headline states “{said}” as {_as(claim)}; the body hedges it",
        "denied": f"the headline states “{said}”; the body denies it or says it is not so",
        "asked": f"the headline states “{said}”; the body asks it as a question",
    }
    head = TextSpan(claim.start, claim.end, said)
    return [Finding(head, tuple(_unique(spans)), why[kind]) for kind, spans in found.items()]


@cache
def _denial_forms() -> frozenset[str]:
    """The verbs of denial as a headline may write them ("denies", "dismissed"): a title-case headline's parse
    often takes the verb for a noun, so its lemma cannot be trusted."""
    out = set()
    for lemma in lexicon.words("headline_denials"):
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        out |= {lemma, f"{lemma}s", f"{lemma}es", f"{stem}ed", f"{stem}ing"}
        if lemma.endswith("y"):
            out |= {f"{lemma[:-1]}ies", f"{lemma[:-1]}ied"}
    return frozenset(out)


def _as(claim: Claim) -> str:
    return "certain future" if claim.modality == "future" else "fact"


def _about(claim: Claim, sentence: Sentence) -> int:
    """How many of the claim's subject, verb and object the sentence holds (a copula's "is" says nothing of what is
    claimed: only its subject and complement count)."""
    verb = claim.verb not in COPULAS and any(v.lemma == claim.verb for v in sentence.verbs)
    return verb + bool(claim.subject & sentence.words) + bool(claim.object & sentence.words)


def _evidence(sentence: Sentence, text: str, quotes: Sequence[Quote]) -> TextSpan:
    """The quote that holds the sentence (the speaker's own words), else the sentence."""
    for quote in quotes:
        if quote.kind == "direct" and quote.start <= sentence.start < quote.end:
            return TextSpan(quote.start, quote.end, quote.text)
    start, end = sentence.start, sentence.end
    while end > start and text[end - 1].isspace():
        end -= 1
    return TextSpan(start, end, text[start:end])


def _unique(spans: Sequence[TextSpan]) -> list[TextSpan]:
    return list(dict.fromkeys(spans))


def _quoted_words(headline: str, text: str, quotes: Sequence[Quote]) -> list[Finding]:
    """Words the headline quotes that the body does not, where a quote of the body holds most of them."""
    out = []
    body = " ".join(text.lower().split())
    for match in QUOTED.finditer(headline):
        quoted = match.group(1).strip()
        words = re.findall(r"\w+", quoted.lower())
        if len(words) < 3 or " ".join(quoted.lower().split()) in body:
            continue
        best, share = None, 0.0
        for quote in quotes:
            held = set(re.findall(r"\w+", quote.text.lower()))
            s = sum(w in held for w in words) / len(words)
            if s > share:
                best, share = quote, s
        if best is not None and share >= 0.6:
            head = TextSpan(match.start(1), match.start(1) + len(quoted), quoted)
            why = "the headline quotes words that the body's quote does not say as such"
            out.append(Finding(head, (TextSpan(best.start, best.end, best.text),), why))
    return out
