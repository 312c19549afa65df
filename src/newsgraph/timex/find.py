"""Finding time expressions in a parsed article: the rules' matches, checked against the parse, in text order.

Three passes over the one parse:
1. every rule's pattern runs over the text; where matches overlap the longest wins (then the earlier rule);
   matches the parse contradicts are dropped ("May" the verb, "April" the person, "1990" the number of people);
2. extents follow TimeML: a leading "the" stays with a noun phrase ("the third quarter") and goes when the
   expression only modifies a noun ("the third-quarter loss" tags "third-quarter");
3. in text order each expression is read with its clause's tense and the last date mentioned before it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsgraph.forest import Forest
from newsgraph.model import Timex
from newsgraph.timex import calendar as cal
from newsgraph.timex.candidates import Candidate, Setting, features, generate
from newsgraph.timex.chooser import choose, model
from newsgraph.timex.grammar import DIGIT
from newsgraph.timex.rules import RULES, Context, Reading, Rule
from newsgraph.timex.tense import clause_tense
from newsgraph.timex.words import AGED_THINGS, AMBIGUOUS_WORDS, RECURRING_EVENTS, YEAR_CUES

# Entities a month or weekday name may be part of without being a date ("April Ryan", "Black Friday Inc.").
_NAME_ENTITIES = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "GPE", "LOC", "NORP", "LAW"}
# Words after a number that make it a count, not a year ("1,990 people", "2000 units", "1990 shares").
_NOT_AFTER_YEAR = re.compile(r"\s*(?:%|percent|per\s+cent|[a-z]+s\b(?<!years))")
_DETERMINERS = ("the ", "its ", "their ")
_WORD = re.compile(r"[^\W_]+")
# A run of white space no expression is written with: a paragraph break, or a span the cleaner blanked out (the
# parse sees removed text as spaces), which an expression must not reach across.
_GAP = re.compile(r"\s{4,}|\n\s*\n")


def find_timex(
    doc: Doc,
    published: str | None,
    chooser: Forest | Literal["shipped"] | None = "shipped",
    margin: float | None = None,
) -> list[Timex]:
    """Time expressions in text order, each with its TIMEX3 type and value (None when not normalised).

    `doc` is the article's one parse (removed spans blanked); `published` is "YYYY-MM-DD" or None. Relative
    expressions are resolved against `published`, incomplete ones with the tense of their clause, anaphoric ones
    ("the following day", "a year earlier") against the last date mentioned before them. Each expression's value
    is the one the learned `chooser` (`timex/chooser.py`; the shipped one by default) scores best of its candidates
    (`timex/candidates.py`); with None, or without a shipped model, it is the rules' own reading.

    >>> from newsgraph.nlp import parse
    >>> doc = parse("Talks resumed on Monday, a year after the war began.")
    >>> [(t.text, t.value) for t in find_timex(doc, "2023-02-28")]
    [('Monday', '2023-02-27'), ('a year', 'P1Y')]
    """
    forest = model() if chooser == "shipped" else chooser
    found = expressions(doc, published, with_candidates=forest is not None)
    if forest is None or not found:
        return [e.timex for e in found]
    out = []
    for e, pick in zip(found, choose(forest, [(e.candidates, e.rows) for e in found], margin), strict=True):
        if pick.type is None:
            continue  # the chooser judges it no time expression ("now" as a discourse word)
        anchor = pick.anchor if pick.value != e.timex.value else e.timex.anchor
        out.append(Timex(e.timex.start, e.timex.end, e.timex.text, pick.type, pick.value, anchor))  # type: ignore[arg-type]
    return out


@dataclass(frozen=True, slots=True)
class Expression:
    """A time expression as the rules read it (`timex`), with its candidate values and their feature rows."""

    timex: Timex
    candidates: list[Candidate]
    rows: list[list[float]]


def expressions(doc: Doc, published: str | None, with_candidates: bool = True) -> list[Expression]:
    """The expressions the rules find, in text order, each read in the context of the ones before it, with the
    candidates a chooser picks from (none unless `with_candidates`). The context (the last date mentioned) follows
    the rules' readings, so that what a chooser sees is the same in training and in use."""
    day = dt.date.fromisoformat(published) if published else None
    text = doc.text
    chosen = _choose(doc, text, Context(day))
    quarter_words = text.lower().count("quarter") if with_candidates else 0  # a feature only
    out: list[Expression] = []
    reference: str | None = None
    explicit = True
    quarter: str | None = None
    last_day: str | None = None
    for start, end, rule, match in chosen:
        span = doc.char_span(start, end, alignment_mode="expand")
        tense = clause_tense(span) if span is not None and len(span) else None
        ctx = Context(day, tense, reference, explicit, quarter, last_day)
        reading = rule.apply(match, ctx)
        if reading is None:
            continue
        timex = Timex(start, end, text[start:end], reading.type, reading.value, reading.anchor)  # type: ignore[arg-type]
        if with_candidates:
            candidates = generate(rule, match, ctx, reading)
            setting = Setting(rule.name, text[start:end], span, ctx, start / max(1, len(text)), len(out), quarter_words)
            out.append(Expression(timex, candidates, features(candidates, setting)))
        else:
            out.append(Expression(timex, [], []))
        if _sets_reference(reading):
            reference, explicit = reading.value, reading.anchor is None
            if reading.value and reading.value[5:6] in {"Q", "H"}:
                quarter = reading.value
        if reading.type == "DATE" and reading.value and re.match(r"\d{4}-\d\d-\d\d", reading.value):
            last_day = reading.value[:10]
    return out


def _sets_reference(reading: Reading) -> bool:
    """Dates that later anaphoric expressions count from: plain calendar dates not themselves anaphoric."""
    if reading.type not in {"DATE", "TIME"} or reading.anaphoric or not reading.value:
        return False
    return cal.parse_value(reading.value) is not None


def _choose(doc: Doc, text: str, context: Context) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """The non-overlapping matches that survive the parse's checks, with their TimeML extents, in text order."""
    candidates = []
    for priority, rule, m in _matches(doc, text):
        candidates.append((m.end() - m.start(), -priority, m.start(), rule, m))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    # The spans taken so far, sorted and never overlapping, so their ends are sorted too: a new span overlaps one
    # of them only if it overlaps the last that starts before its end.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    chosen = []
    for _, _, _, rule, m in candidates:
        start, end = m.span()
        k = bisect.bisect_left(taken_starts, end)
        if k and taken_ends[k - 1] > start:
            continue
        if rule.apply(m, context) is None or not _fits_parse(doc, rule, m):
            continue
        taken_starts.insert(k, start)
        taken_ends.insert(k, end)
        start = _drop_determiner(doc, text, start, end, always=rule.name == "duration" and bool(m["old"]))
        chosen.append((start, end, rule, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _matches(doc: Doc, text: str) -> list[tuple[int, Rule, re.Match[str]]]:
    """Every rule's matches, each pattern tried only at the word starts just before one of its trigger words:
    an expression always holds one of its rule's trigger words, and trying a few anchored matches there costs
    far less than scanning the whole text with every pattern."""
    words = [(m.start(), m[0]) for m in _WORD.finditer(text)]
    starts = [start for start, _ in words]
    tried: set[tuple[int, int]] = set()
    found: dict[tuple[int, int, int], tuple[int, Rule, re.Match[str]]] = {}
    for k, (_, word) in enumerate(words):
        low = word.lower()
        rules = _RULES_BY_TRIGGER.get(low, ())
        if not low.isalpha():
            rules += _DIGIT_RULES
        for priority, rule in rules:
            for start in starts[max(0, k - rule.lookback) : k + 1]:
                if (priority, start) in tried:
                    continue
                tried.add((priority, start))
                m = rule.pattern.match(text, start)
                if m is None and start and text[start - 1] in "'’":
                    m = rule.pattern.match(text, start - 1)  # "'80s", "'98"
                if m is not None and m.end() > m.start() and not _GAP.search(m[0]):
                    found[(priority, m.start(), m.end())] = (priority, rule, m)
    return list(found.values())


def _index_rules() -> tuple[dict[str, tuple[tuple[int, Rule], ...]], tuple[tuple[int, Rule], ...]]:
    by_trigger: dict[str, list[tuple[int, Rule]]] = {}
    digit_rules = []
    for priority, rule in enumerate(RULES):
        for trigger in rule.triggers:
            if trigger == DIGIT:
                digit_rules.append((priority, rule))
            else:
                by_trigger.setdefault(trigger, []).append((priority, rule))
    return {k: tuple(v) for k, v in by_trigger.items()}, tuple(digit_rules)


_RULES_BY_TRIGGER, _DIGIT_RULES = _index_rules()


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _fits_parse(doc: Doc, rule: Rule, m: re.Match[str]) -> bool:
    """Whether the parse agrees that the match is a time expression."""
    span = _tokens(doc, *m.span())
    if span is None or not len(span):
        return False
    low = m[0].lower()
    if _inside_name(doc, span):
        return False
    if _title_word(span, rule):
        return False
    if len(span) == 1 and low.rstrip(".") in AMBIGUOUS_WORDS and span[0].pos_ not in {"PROPN", "NOUN"}:
        return False
    if rule.name == "year" and not m["fiscal"] and "year" not in low and not m["mod"] and not m["period"]:
        return _looks_like_year(doc, span, m)
    if rule.name == "duration" and m["old"]:
        return _age_of_thing(span)
    if rule.name == "set_word":
        return _set_word_fits(span)
    if rule.name == "relative_unit" and span[-1].is_title and not (span[0].i == 0 or span[0].is_sent_start):
        return False  # "This Week", "Next Year": the title of a programme or a book
    if rule.name == "month" and len(span) == 1 and span[0].pos_ == "PROPN" and span[0].dep_ == "compound":
        # "June Carter", "August Wilson Theatre": a name that the entity tagger missed
        head = span[0].head
        return head.ent_type_ not in _NAME_ENTITIES - {"GPE"} or _covered_by_date(doc, span)
    return True


def _inside_name(doc: Doc, span: Span) -> bool:
    """Whether the span is part of a longer name ("April" in "April Ryan", "Friday" in "Man Friday", "Winter"
    in "the Winter Olympic Games"; a year in an event's name is still a year: "the 2000 Olympics")."""
    first, last = span[0], span[-1]
    after = doc[span.end] if span.end < len(doc) else None
    names = _NAME_ENTITIES if any(c.isdigit() for c in span.text) else _NAME_ENTITIES | {"EVENT"}
    if first.ent_iob_ == "I" and first.ent_type_ in names:
        return True
    if after is not None and after.ent_iob_ == "I" and after.ent_type_ in names:
        return last.ent_type_ == after.ent_type_ and (len(span) == 1 or after.ent_type_ != "LAW")
    return False


# Words that are capitalised inside a sentence only as part of a title ("Radio 4's Today programme", "The Daily
# Telegraph", "ABC's This Week").
_TITLE_RULES = {"day", "reference", "set_word", "relative_unit", "season"}


def _title_word(span: Span, rule: Rule) -> bool:
    """Whether a word that is lower case in running text is capitalised mid-sentence: a name or a title."""
    first = span[0]
    return rule.name in _TITLE_RULES and first.is_title and not _opens_sentence(first)


def _opens_sentence(token: Token) -> bool:
    """Whether a token starts a sentence, or follows punctuation or a line break (a quote, a colon, a heading)."""
    if token.i == 0 or token.is_sent_start:
        return True
    before = token.doc[token.i - 1]
    return before.is_punct or before.is_space or before.is_quote


def _covered_by_date(doc: Doc, span: Span) -> bool:
    return any(t.ent_type_ in {"DATE", "TIME"} for t in span)


def _looks_like_year(doc: Doc, span: Span, m: re.Match[str]) -> bool:
    """A bare number from 1000 to 2099 is a year when the entity tagger says so or a word before it does, and
    nothing after it makes it a count ("1,500 people", "1990 units", "2000%")."""
    text = m.string  # the text the patterns ran over (computing doc.text again costs a pass over the tokens)
    if m.start() > 0 and text[m.start() - 1] in "$£€#":
        return False
    if _NOT_AFTER_YEAR.match(text, m.end()) and not _covered_by_date(doc, span):
        return False
    if _covered_by_date(doc, span):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if m["year"] and not m["year"].isdigit():
        return True  # "nineteen ninety-six": a spoken year
    return before is not None and before.lower_ in YEAR_CUES


def _age_of_thing(span: Span) -> bool:
    """Whether an age ("74-year-old", "52 years old") is said of a thing (an organisation, a treaty, a war):
    TimeML marks that as a duration, but not a person's age, and in news most ages are people's."""
    noun = span.root.head
    if noun.i < span.end or noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ == "PERSON":
        return False
    return noun.lemma_.lower() in AGED_THINGS or noun.lower_ in AGED_THINGS or noun.ent_type_ in {"ORG", "FAC"}


# Set words that describe quantities more often than times ("annual sales", "quarterly dividend", "rise 8%
# annually"): read only before a noun for a gathering that recurs ("NATO's annual summit").
_QUANTITY_SET_WORDS = {"annual", "annually", "yearly", "quarterly", "biannually"}


def _set_word_fits(span: Span) -> bool:
    """ "daily", "weekly": a set, except in statistics ("average daily volume"); "annual", "quarterly": only
    before a gathering that recurs."""
    token = span[0]
    doc = span.doc
    if token.lower_ in _QUANTITY_SET_WORDS:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        nouns = [token.head] if token.dep_ == "amod" else []
        if following is not None:
            nouns.append(following)
        return any(n.lemma_.lower() in RECURRING_EVENTS or n.lower_ in RECURRING_EVENTS for n in nouns)
    return not (token.i > 0 and doc[token.i - 1].lower_ == "average")


def _drop_determiner(doc: Doc, text: str, start: int, end: int, always: bool = False) -> int:
    """Where the expression starts once a leading determiner that belongs to a larger noun phrase is left out:
    "the third-quarter loss" tags "third-quarter", "the third quarter" keeps its "the"."""
    low = text[start : start + 6].lower()
    det = next((d for d in _DETERMINERS if low.startswith(d)), None)
    if det is None:
        return start
    following = _next_token(doc, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    # the expression modifies a noun after it ("the third-quarter loss", "the 1990 budget"): the determiner is
    # that noun's
    modifies_noun = (
        span is not None
        and following is not None
        and following.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}
        and (span.root.head.i >= span.end or following.head.i < span.end or following.dep_ == "compound")
    )
    if always or (modifies_noun and following is not None and following.dep_ != "appos"):
        inner = start + len(det)
        while inner < end and text[inner].isspace():
            inner += 1
        return inner
    if det != "the ":
        return start + len(det)
    return start


def _next_token(doc: Doc, end: int) -> Token | None:
    """The first word after character offset `end`."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    i = span.end if span is not None else len(doc)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None
