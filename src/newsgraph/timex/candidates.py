"""Candidate values of one time expression, and the features a learned chooser weighs them by.

The rules read one value per expression; where the news corpora disagree with them it is nearly always for one
of a few reasons: the clause's tense pointed the wrong way ("Friday" the one before or after), the anchor was the
wrong one (the last date mentioned or the publication date), the granularity differs ("a year ago" beside a
quarter is `1988-Q3` or `1988`; "last week" is `1998-W32`, `1998-WXX` or `1998-08`), or the type does ("the past
decade" as the date `199` or the duration `P10Y`; "recent years" as `PXY` or `PAST_REF`). So the candidates are:

- the rule's reading under each tense, without the last date mentioned, and with the last day mentioned;
- the default reading made coarser, less specified or of the other type (`transforms`);
- "not a time expression at all" (`DROP`), so that the chooser can also undo a false detection.

`features` describes each candidate by what produced it, what kind of value it is, how it lies against the
publication date, and the words and parse around the expression: all of them named, none a memorised string.
`timex/chooser.py` scores them with trees trained by `bench/train_timex_chooser.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span

from newsgraph.timex import calendar as cal
from newsgraph.timex.rules import RULES, Context, Reading, Rule
from newsgraph.timex.tense import Tense
from newsgraph.timex.words import DAY_PARTS, number


@dataclass(frozen=True, slots=True)
class Candidate:
    """A TIMEX3 type and value, or (type None) "not a time expression"; `sources` says what produced it."""

    type: str | None
    value: str | None
    sources: frozenset[str]
    anchor: str | None = None


DROP = "drop"
CONTEXT_SOURCES = ("rule", "past", "present", "future", "untensed", "published", "last_day")
"""The rule's reading in its own context, then under each tense, anchored to the publication date only, and
anchored to the last day mentioned."""
TRANSFORMS = (
    "to_month",
    "to_year",
    "week_month",
    "unspecified",
    "present_ref",
    "add_day_part",
    "drop_day_part",
    "as_duration",
    "as_reference",
    "as_vague_duration",
    "x_digits",
    "native_unit",
)
SOURCES = (*CONTEXT_SOURCES, *TRANSFORMS, DROP)

_WORD = re.compile(r"[a-z]+")
_UNIT_CODES = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "decade": "DE",
    "century": "CE",
    "quarter": "Q",
    "hour": "H",
    "minute": "MIN",
    "weekend": "WE",
}
_PAST_WORDS = {"last", "past", "recent", "previous", "ago", "earlier", "prior", "preceding"}
_FUTURE_WORDS = {"next", "coming", "future", "upcoming", "later", "ahead", "following"}


def generate(rule: Rule, m: re.Match[str], ctx: Context, default: Reading) -> list[Candidate]:
    """The candidates of one expression, the rule's own reading (`default`) first; duplicates merged, with the
    sources of each kept."""
    found: dict[tuple[str | None, str | None], set[str]] = {}
    anchors: dict[tuple[str | None, str | None], str | None] = {}

    def add(reading: Reading | None, source: str) -> None:
        if reading is None or not reading.value:
            return
        key = (reading.type, reading.value)
        found.setdefault(key, set()).add(source)
        anchors.setdefault(key, reading.anchor)

    add(default, "rule")
    tenses: tuple[tuple[str, Tense | None], ...] = (
        ("past", "PAST"),
        ("present", "PRESENT"),
        ("future", "FUTURE"),
        ("untensed", None),
    )
    for source, tense in tenses:
        if tense != ctx.tense:
            add(rule.apply(m, dataclasses.replace(ctx, tense=tense)), source)
        else:
            add(default, source)
    if ctx.reference or ctx.quarter or ctx.day:
        add(rule.apply(m, Context(ctx.published, ctx.tense)), "published")
    if ctx.day and ctx.day != ctx.reference:
        add(rule.apply(m, dataclasses.replace(ctx, reference=ctx.day, reference_explicit=True)), "last_day")
    low = " ".join(m[0].lower().split())
    for source, reading in transforms(default, low, ctx.published):
        add(reading, source)
    out = [Candidate(t, v, frozenset(s), anchors[(t, v)]) for (t, v), s in found.items()]
    out.append(Candidate(None, None, frozenset({DROP})))
    return out


def transforms(reading: Reading, low: str, published: dt.date | None) -> list[tuple[str, Reading]]:
    """The other values the corpora give such an expression: coarser, less specified, of another type."""
    value = reading.value or ""
    out: list[tuple[str, Reading]] = []

    def emit(source: str, type_: str, new: str | None) -> None:
        if new and new != value:
            out.append((source, Reading(type_, new, reading.anchor, reading.anaphoric)))

    parsed = cal.parse_value(value) if reading.type in {"DATE", "TIME"} else None
    words = set(_WORD.findall(low))
    if parsed is not None:
        start, granularity = parsed
        plain = value.split("T")[0]
        if granularity == "D":
            emit("to_month", "DATE", plain[:7])
        if granularity != "Y":
            emit("to_year", "DATE", plain[:4])
        if granularity in {"W", "WE"}:
            thursday = start + dt.timedelta(days=3)
            emit("week_month", "DATE", f"{thursday.year:04d}-{thursday.month:02d}")
            emit("unspecified", "DATE", plain[:4] + "-WXX")
        if granularity == "Q":
            emit("unspecified", "DATE", plain[:4] + "-QX")
        if granularity == "D":
            emit("unspecified", "DATE", plain[:7] + "-XX")
        if (
            published is not None
            and granularity in {"D", "W", "M", "Y"}
            and cal.period(published, granularity) == plain
        ):
            emit("present_ref", "DATE", "PRESENT_REF")
        if granularity == "D":
            part = next((DAY_PARTS[w] for w in ("morning", "afternoon", "evening", "night") if w in words), None)
            if part and "T" not in value:
                emit("add_day_part", "TIME", f"{plain}T{part}")
            if "T" in value and re.search(r"T(MO|AF|EV|NI|DT)$", value):
                emit("drop_day_part", "DATE", plain)
    if reading.type == "DATE" and re.fullmatch(r"\d{2,3}", value):
        emit("x_digits", "DATE", value + "X" * (4 - len(value)))  # "the 1980s" as 198X, "the 20th century" 19XX
    duration = _as_duration(low)
    if duration and reading.type != "DURATION":
        emit("as_duration", "DURATION", duration)
    if reading.type == "DURATION" and "X" in value:
        if words & _PAST_WORDS:
            emit("as_reference", "DATE", "PAST_REF")
        elif words & _FUTURE_WORDS:
            emit("as_reference", "DATE", "FUTURE_REF")
    if value in {"PAST_REF", "FUTURE_REF"}:
        unit = next((_UNIT_CODES[w.rstrip("s")] for w in words if w.rstrip("s") in _UNIT_CODES), None)
        if unit:
            emit("as_vague_duration", "DURATION", "P" + ("TX" if unit in {"H", "MIN"} else "X") + unit[0])
    if reading.type in {"DURATION", "SET"}:
        emit("native_unit", reading.type, _native_unit(value, words))
    return out


def _as_duration(low: str) -> str | None:
    """ "last week" as P1W, "two years ago" as P2Y, "the past decade" as P10Y: the span the words measure."""
    m = re.fullmatch(
        r"(?:(?:about|almost|nearly|more than|less than|some|over|only|just)\s+)?(?:the\s+)?"
        r"(?:(?:last|past|next|coming|previous|this|current|fiscal|full|same)\s+)*"
        r"(?:(?P<n>[a-z0-9.,-]+(?:\s+[a-z]+)?)\s+)?(?P<unit>year|month|week|day|decade|quarter|century|weekend)s?"
        r"(?:\s+(?:ago|earlier|later|before|after))?",
        low,
    )
    if m is None:
        return None
    unit = _UNIT_CODES[m["unit"]]
    amount = 1.0 if not m["n"] or m["n"] in {"a", "an", "one"} else number(m["n"])
    if amount is None or amount <= 0:
        return None
    if unit == "WE":
        return f"P{int(2 * amount)}D"
    if unit in {"DE", "CE"}:
        return f"P{int(amount * (10 if unit == 'DE' else 100))}Y"
    whole = int(amount)
    return f"P{whole}{unit}" if whole == amount else None


def _native_unit(value: str, words: set[str]) -> str | None:
    """A duration in the unit its words use: "a decade" P1E not P10Y, "two quarters" P2Q not P6M, "24 hours"
    P1D."""
    m = re.fullmatch(r"P(\d+)([YMD])", value) or re.fullmatch(r"PT(\d+)(H)", value)
    if m is None:
        return None
    n, unit = int(m[1]), m[2]
    if unit == "Y" and words & {"decade", "decades"} and n % 10 == 0:
        return f"P{n // 10}E"
    if unit == "Y" and words & {"century", "centuries"} and n % 100 == 0:
        return f"P{n // 100}C"
    if unit == "Y" and n % 1000 == 0 and n >= 1000:
        return f"P{n // 1000}L"
    if unit == "M" and words & {"quarter", "quarters"} and n % 3 == 0:
        return f"P{n // 3}Q"
    if unit == "H" and n % 24 == 0:
        return f"P{n // 24}D"
    return None


# ---------------------------------------------------------------------------------------------------------------
# Features


_SHAPES: tuple[str, ...] = ("day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade")
_SHAPES += ("century", "time", "ref", "duration", "set", "unknown", "none")
_RULE_NAMES = tuple(dict.fromkeys(r.name for r in RULES))
_TEXT_WORDS = {
    "w_the": {"the"},
    "w_last_past": {"last", "past", "previous", "prior", "preceding"},
    "w_next_coming": {"next", "coming", "upcoming", "following"},
    "w_this_current": {"this", "current", "same"},
    "w_recent": {"recent", "recently", "latest"},
    "w_ago": {"ago", "back"},
    "w_earlier_later": {"earlier", "later", "before", "after"},
    "w_a_one": {"a", "an", "one"},
    "w_early_late": {"early", "late", "mid", "end", "beginning"},
    "w_fiscal": {"fiscal", "financial", "calendar"},
    "w_approx": {"about", "almost", "nearly", "some", "around", "more", "less", "over", "than"},
    "w_year": {"year", "years"},
    "w_month": {"month", "months"},
    "w_week": {"week", "weeks", "weekend"},
    "w_day": {"day", "days", "today", "yesterday", "tomorrow", "tonight"},
    "w_quarter": {"quarter", "quarters", "half", "period"},
    "w_decade": {"decade", "decades", "century", "centuries"},
    "w_day_part": {"morning", "afternoon", "evening", "night", "overnight"},
    "w_weekday": {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
}
_PREPOSITIONS = {
    "prep_in": {"in"},
    "prep_on": {"on"},
    "prep_at": {"at"},
    "prep_since": {"since"},
    "prep_until": {"by", "until", "till", "before"},
    "prep_span": {"for", "during", "over", "within", "through", "throughout"},
    "prep_from": {"from", "after"},
    "prep_of": {"of"},
}

FEATURES: tuple[str, ...] = (
    *(f"src_{s}" for s in SOURCES),
    "n_sources",
    *(f"shape_{s}" for s in _SHAPES),
    "type_date",
    "type_time",
    "type_duration",
    "type_set",
    "has_x",
    "days_from_published",
    "contains_published",
    "after_published",
    "before_published",
    "same_shape_as_rule",
    *(f"rule_{r}" for r in _RULE_NAMES),
    "tense_past",
    "tense_present",
    "tense_future",
    "tense_none",
    *_TEXT_WORDS,
    "plural",
    "has_digit",
    "n_words",
    *_PREPOSITIONS,
    "prep_none",
    "dep_pobj",
    "dep_npadvmod",
    "dep_modifier",
    "dep_argument",
    "head_verb",
    "possessive_after",
    "has_reference",
    "reference_day",
    "reference_quarter",
    "reference_days_from_published",
    "has_quarter_context",
    "doc_quarter_words",
    "position",
    "expressions_before",
    "no_published",
)
INDEX = {name: i for i, name in enumerate(FEATURES)}


def shape(candidate: Candidate) -> str:
    """What kind of value a candidate is (one of `_SHAPES`)."""
    value, type_ = candidate.value, candidate.type
    if type_ is None or not value:
        return "none"
    if type_ == "DURATION":
        return "duration"
    if type_ == "SET":
        return "set"
    if value.endswith("_REF"):
        return "ref"
    if type_ == "TIME" or "T" in value[4:]:
        return "time"
    if "X" in value[:4]:
        return "unknown"
    if re.fullmatch(r"\d\d\d?X*", value):
        return "decade" if len(value.rstrip("X")) == 3 else "century"
    parsed = cal.parse_value(value)
    if parsed is None:
        return "unknown"
    return {"D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter", "H": "half"}.get(
        parsed[1], {"SEASON": "season"}.get(parsed[1], "year")
    )


@dataclass(frozen=True, slots=True)
class Setting:
    """What is known of an expression before its value is chosen: its rule, text, tokens and context, and where
    it stands in the article (`position` from 0 to 1, `before` expressions found before it, `quarter_words` in
    the article)."""

    rule: str
    text: str
    span: Span | None
    ctx: Context
    position: float
    before: int
    quarter_words: int


def features(candidates: list[Candidate], setting: Setting) -> list[list[float]]:
    """One row of `FEATURES` per candidate."""
    common = _common(setting)
    rule_shape = shape(candidates[0])
    rows = []
    for c in candidates:
        row = list(common)
        for s in c.sources:
            row[INDEX[f"src_{s}"]] = 1.0
        row[INDEX["n_sources"]] = float(len(c.sources & set(CONTEXT_SOURCES)))
        kind = shape(c)
        row[INDEX[f"shape_{kind}"]] = 1.0
        if c.type:
            row[INDEX[f"type_{c.type.lower()}"]] = 1.0
        row[INDEX["has_x"]] = float("X" in (c.value or ""))
        row[INDEX["same_shape_as_rule"]] = float(kind == rule_shape)
        published = setting.ctx.published
        parsed = cal.parse_value(c.value) if c.value and c.type in {"DATE", "TIME"} else None
        if parsed is not None and published is not None:
            start, granularity = parsed
            end = _period_end(start, granularity)
            row[INDEX["days_from_published"]] = float(max(-4000, min(4000, (start - published).days)))
            row[INDEX["contains_published"]] = float(start <= published <= end)
            row[INDEX["after_published"]] = float(start > published)
            row[INDEX["before_published"]] = float(end < published)
        rows.append(row)
    return rows


def _period_end(start: dt.date, granularity: str) -> dt.date:
    months = {"M": 1, "Q": 3, "H": 6, "SEASON": 3, "Y": 12}.get(granularity)
    if months:
        return cal.add_months(start, months) - dt.timedelta(days=1)
    return start + dt.timedelta(days={"W": 6, "WE": 6}.get(granularity, 0))


def _common(setting: Setting) -> list[float]:
    """The features every candidate of the expression shares."""
    row = [0.0] * len(FEATURES)
    row[INDEX[f"rule_{setting.rule}"]] = 1.0
    tense = setting.ctx.tense
    row[INDEX[f"tense_{tense.lower() if tense else 'none'}"]] = 1.0
    low = setting.text.lower()
    words = _WORD.findall(low)
    present = set(words)
    for name, vocabulary in _TEXT_WORDS.items():
        row[INDEX[name]] = float(bool(present & vocabulary))
    row[INDEX["plural"]] = float(any(w.endswith("s") and w[:-1] in _UNIT_CODES for w in words))
    row[INDEX["has_digit"]] = float(any(ch.isdigit() for ch in low))
    row[INDEX["n_words"]] = float(len(low.split()))
    span = setting.span
    before = ""
    if span is not None and len(span):
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        root = span.root
        dep = root.dep_
        row[INDEX["dep_pobj"]] = float(dep == "pobj")
        row[INDEX["dep_npadvmod"]] = float(dep in {"npadvmod", "advmod", "tmod"})
        row[INDEX["dep_modifier"]] = float(dep in {"compound", "amod", "nmod", "poss"})
        row[INDEX["dep_argument"]] = float(dep in {"nsubj", "nsubjpass", "dobj", "attr", "appos"})
        head = root.head.head if dep == "pobj" else root.head
        row[INDEX["head_verb"]] = float(head.pos_ in {"VERB", "AUX"})
        row[INDEX["possessive_after"]] = float(span.end < len(doc) and doc[span.end].tag_ == "POS")
        if dep == "pobj" and root.head.i < span.start:
            before = root.head.lower_
    prep = next((name for name, vocabulary in _PREPOSITIONS.items() if before in vocabulary), "prep_none")
    row[INDEX[prep]] = 1.0
    ctx = setting.ctx
    row[INDEX["no_published"]] = float(ctx.published is None)
    if ctx.reference:
        row[INDEX["has_reference"]] = 1.0
        parsed = cal.parse_value(ctx.reference)
        if parsed:
            row[INDEX["reference_day"]] = float(parsed[1] == "D")
            row[INDEX["reference_quarter"]] = float(parsed[1] in {"Q", "H"})
            if ctx.published:
                days = (parsed[0] - ctx.published).days
                row[INDEX["reference_days_from_published"]] = float(max(-4000, min(4000, days)))
    row[INDEX["has_quarter_context"]] = float(ctx.quarter is not None)
    row[INDEX["doc_quarter_words"]] = float(min(setting.quarter_words, 20))
    row[INDEX["position"]] = setting.position
    row[INDEX["expressions_before"]] = float(min(setting.before, 30))
    return row
