"""Headlines of other articles glued into the text: at the start or end of a paragraph, or on a line of their own.

Scrapers that flatten a page pick up the teasers of related articles and glue them to the article's paragraphs:

    …pray for Pope Benedict XVI as his body lies in stateLeaders from NATO, Turkey, Sweden and Finland meet…
    ^ a headline                                      ^ the paragraph it was glued to, with no space between

Finding one means finding a junction (two words run together without a space, a capitalised word where a sentence
cannot go on, a line break) with a headline-like span on one side and the paragraph on the other. Every possible
junction of a line is a *candidate*; each is described by features (what the words of the span are, whether it
ends like a sentence, how the two sides meet, what the lines around say) and scored by a logistic model whose
weights are data (`data/headline_model.tsv`, made by `bench/train_headlines.py` from generated examples). The best
candidate of a line is removed when its probability passes the threshold of its kind; the thresholds are set on
generated dev data (`bench/clean_dev.py`) where they keep precision near 1, because a false removal loses article
text. A sentence that goes on across lines (a hard-wrapped text) is never a headline (`continues_sentence`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from newsgraph.clean.lines import TERMINAL, Line
from newsgraph.lexicon import feature_weights, words
from newsgraph.model import Removed
from newsgraph.quotes.quotation_marks import ENGLISH_CLOSE, ENGLISH_OPEN, STRAIGHT

GLUED = "glued related-article headline"

MIN_WORDS, MAX_WORDS = 2, 30
"""Headlines have two to thirty words; a longer span is article text."""
MIN_LINE_WORDS = 3
"""A line of its own needs three: "Summary", "Kyle Busch" or "US FALLS" are labels of the article's own."""

THRESHOLDS = {"start_glued": 0.35, "start_space": 0.45, "line": 0.5, "end_glued": 0.6, "end_space": 0.7}
"""Probability a candidate of each kind needs to be removed (set on dev data, favouring precision)."""

START_KINDS = ("start_glued", "start_space", "line")
END_KINDS = ("end_glued", "end_space")

# The cleaner reads English only: its quotation marks are English ones.
_OPEN_QUOTES = ENGLISH_OPEN + STRAIGHT
_CLOSE_QUOTES = ENGLISH_CLOSE + STRAIGHT
_CLOSERS = _CLOSE_QUOTES + ")]?!%"
# A sentence boundary inside a span: the span is more than one headline.
_SENTENCE_BREAK = re.compile(rf"[.!?…][{_CLOSE_QUOTES})]*\s+[{_OPEN_QUOTES}(]?[A-Z0-9]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = ".!?…" + _CLOSE_QUOTES + ")"
# Where a paragraph can begin: a capital, a digit or a quotation mark (the cleaner reads English only, so capitals
# of other alphabets need not be listed). Looking only there keeps candidates cheap.
_OPENER = re.compile(rf"[A-Z0-9À-ÖØ-Þ{_OPEN_QUOTES}]")
_TOKEN_TRIM = ".,;:!?()[]" + _OPEN_QUOTES + _CLOSE_QUOTES


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of `line` that may be a glued headline: `text[start:end]`, and how it meets the rest of the line."""

    kind: str  # one of START_KINDS or END_KINDS
    start: int
    end: int
    junction: int  # offset where the span meets the rest of the line (equal to start or end)


# ---------------------------------------------------------------- candidates


def _opens(text: str, i: int, end: int) -> bool:
    """Can a paragraph begin at `i`: a capital letter, an opening quotation mark before a capital, or a digit?"""
    c = text[i]
    if c.isupper() or c.isdigit():
        return True
    if c in _OPEN_QUOTES and i + 1 < end:
        n = text[i + 1]
        return n.isupper() or n.isdigit() or (c in ENGLISH_OPEN and n.isalpha())
    return False


def _glued_junction(text: str, i: int, end: int) -> bool:
    """Do two spans meet at `i` with no space: "stateLeaders", "events“No-one", "(Sun)Mr", "BBCThe"?"""
    left, right = text[i - 1], text[i]
    if left.isspace() or not _opens(text, i, end):
        return False
    word_start = i
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    left_word = text[word_start:i].lstrip("([{" + _OPEN_QUOTES)
    if left_word.lower() in words("camel_prefixes") or any(c in left_word for c in "#@/_") or "www." in left_word:
        return False  # "McDonald", "O'Brien", "#FeelTheBern", "(@RobertMaguire_)", "bbc.co.uk/News"
    if len(left_word) == 1 and left_word.islower():
        return False  # "iPhone", "eBay"
    if left in "\"'" and (i < 2 or text[i - 2] in " :(\n"):
        return False  # an opening quotation mark: 'told MPs: "There ...'
    if right.isdigit():
        # "…profit2004 was…", not a code or model name ("CLc1", "PS5", "MP3").
        return (left.islower() and len(left_word) >= 3 and left_word[1:].islower()) or left in _CLOSERS
    if left.islower() or left.isdigit() or left in _CLOSERS:
        return not (right in "'’" and left.isalpha())  # "Blair's" is one word
    # Capitals running into a capitalised word or "A": "MGThe", "PSPA survey" (the headline ends in an acronym);
    # not a plural acronym ("IRAs") or a code ("CLc1").
    if not (left.isupper() and right.isupper() and i + 1 < end and text[i - 2 : i].isupper()):
        return False
    if right == "A" and text[i + 1] == " ":
        return True
    rest = re.match(r"[A-Za-z]*", text[i:end])
    return text[i + 1].islower() and rest is not None and len(rest.group()) >= 3


def _n_words(span: str) -> int:
    return len(span.split())


# "Q: ...", "A: ..." in an interview; "[2] ..." a footnote; "- ..." a list item; "| a | b |" a table row: article
# structure, not headlines.
_NOT_A_HEADLINE = re.compile(r"^(?:[A-Z]{1,2}:|\[\d+\]|\d+[.)]\s|[-–—*•·▪]\s|\|)")


def _headline_shaped(span: str, min_words: int = MIN_WORDS) -> bool:
    return (
        min_words <= _n_words(span) <= MAX_WORDS
        and not _SENTENCE_BREAK.search(span)
        and not _NOT_A_HEADLINE.match(span)
    )


def candidates(text: str, line: Line) -> Iterator[Candidate]:
    """Every span of `line` that could be a glued headline, by kind.

    >>> from newsgraph.clean.lines import split_lines
    >>> t = "Head\\nPope lies in stateLeaders meet next week."
    >>> [(c.kind, t[c.start:c.end]) for c in candidates(t, split_lines(t)[1])][:2]
    [('line', 'Pope lies in stateLeaders meet next week.'), ('start_glued', 'Pope lies in state')]
    """
    a, b = line.start, line.end
    if _headline_shaped(line.text, MIN_LINE_WORDS):
        yield Candidate("line", a, b, b)
    # Start of the line: the headline runs from `a` to a junction within its first MAX_WORDS words.
    limit = b
    words_seen = 0
    for i in range(a + 1, b):
        if text[i].isspace() and not text[i - 1].isspace():
            words_seen += 1
            if words_seen >= MAX_WORDS:
                limit = i
                break
    head = text[a:limit]
    stop = _SENTENCE_BREAK.search(head)
    if stop:
        limit = a + stop.start() + 1
    for m in _OPENER.finditer(text, a + 2, limit):
        i = m.start()
        if _glued_junction(text, i, b):
            if _headline_shaped(text[a:i]):
                yield Candidate("start_glued", a, i, i)
        elif text[i - 1] == " " and _opens(text, i, b):
            h = text[a:i].rstrip()
            if h and h[-1] not in ",;:-–—(/&" and _headline_shaped(h):
                yield Candidate("start_space", a, a + len(h), i)
    # End of the line: after the last sentence, a span that does not end like one.
    if line.ends_sentence:
        return
    for m in _OPENER.finditer(text, max(a + 2, b - 400), b):
        i = m.start()
        if text[i - 1] in _SENTENCE_END and _opens(text, i, b) and text[i - 2 : i] not in ("Mr", "Dr", "St"):
            kind = "end_glued"
        elif text[i - 1] == " " and i - 2 >= a and text[i - 2] in _SENTENCE_END and _opens(text, i, b):
            kind = "end_space"
        else:
            continue
        before = text[a:i].rstrip()
        tail = text[i:b]
        if not TERMINAL.search(before) or _SENTENCE_BREAK.search(tail) or not _headline_shaped(tail):
            continue
        if kind == "end_glued" and text[i - 1] in "\"'" and not before[:-1].rstrip().endswith((".", "!", "?")):
            continue  # "…said "Yes"" is a quotation, not a sentence end
        yield Candidate(kind, i, b, i)


# ---------------------------------------------------------------- sentences that go on across lines

# Words a sentence or a headline does not end on: a line that stops on one goes on in the next.
_OPEN_ENDING_WORDS = (
    "a an the of and or but nor than from with into onto whose whether because although his their its our my your"
    " was were has have had been will would could should shall must"
)
_OPEN_ENDINGS = frozenset(_OPEN_ENDING_WORDS.split())
_WRAP_MIN_LINES = 4
_WRAP_MAX_WIDTH = 100
"""A hard-wrapped text has at least this many lines, wrapped at a width of at most this many characters."""


def _lower_word(line: Line) -> bool:
    """Does the line begin with a word in lower case ("to her", not "iPhone" or "eBay")?"""
    first = line.text.split(None, 1)[0].strip(_TOKEN_TRIM)
    return bool(first) and first[0].isalpha() and first.islower()


def _stops_open(line: Line) -> bool:
    """Does the line stop where a sentence cannot: on a comma or on a word like "the", "of", "and", "has"?"""
    if line.text.endswith(","):
        return True
    last = line.text.rsplit(None, 1)[-1]
    return last in _OPEN_ENDINGS or last == "The"


def _broken(prev: Line, line: Line) -> bool:
    """Is the break between two lines plainly inside a sentence: the first stops open or the second begins in lower
    case?"""
    return not prev.ends_sentence and (_stops_open(prev) or _lower_word(line))


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when it does not look wrapped.

    Wrapped: at least `_WRAP_MIN_LINES` lines, at least a third of the line breaks plainly inside a sentence
    (`_broken`; a list of headlines has none), and nearly all lines no longer than the longest line so broken,
    the width, of at most `_WRAP_MAX_WIDTH` characters.
    """
    if len(lines) < _WRAP_MIN_LINES:
        return None
    broken = [a for a, b in pairwise(lines) if _broken(a, b)]
    if 3 * len(broken) < len(lines) - 1:
        return None
    width = max(len(ln.text) for ln in broken)
    if width > _WRAP_MAX_WIDTH or 10 * sum(len(ln.text) > width for ln in lines) > len(lines):
        return None
    return width


def continues_sentence(lines: Sequence[Line], i: int, width: int | None = None) -> bool:
    """Does line `i` go on with the sentence of the line before? Then it cannot begin a headline.

    It does when the line before does not end like a sentence and either stops where no sentence can (a comma,
    "the", "and", "has"), or this line begins in lower case, or the text is hard-wrapped (`width`, see
    `wrap_width`) and the first word of this line would not have fitted on the line before.

    >>> from newsgraph.clean.lines import split_lines
    >>> ls = split_lines("Kate Henshaw, who in 2008, won the\\nAfrica Movie Academy Award, has taken\\nto her page.")
    >>> continues_sentence(ls, 1), continues_sentence(ls, 2)
    (True, True)
    >>> continues_sentence(split_lines("Pope lies in state\\nLeaders meet next week."), 1)
    False
    """
    if i == 0:
        return False
    prev, line = lines[i - 1], lines[i]
    if prev.ends_sentence:
        return False
    if _broken(prev, line):
        return True
    # Hard-wrapped: the line before is within the width, and this line's first word would not have fitted on it.
    return width is not None and len(prev.text) <= width < len(prev.text) + 1 + len(line.words[0])


def runs_on(lines: Sequence[Line], i: int, width: int | None = None) -> bool:
    """Does the sentence of line `i` go on in the next line? Then neither the line nor its end is a headline."""
    return i + 1 < len(lines) and continues_sentence(lines, i + 1, width)


# ---------------------------------------------------------------- features


def _norm_words(span: str) -> list[str]:
    return _WORD.findall(span.lower().replace("’", "'"))


def _word_class(word: str) -> str:
    """'l' lower case, 'K' capitalised common word ("The"), 'N' capitalised name, 'U' capitals, 'D' digit, 'Q' quote."""
    if not word:
        return "-"
    if word[0] in _OPEN_QUOTES:
        return "Q"
    core = word.strip(_TOKEN_TRIM)
    if not core:
        return "P"
    if core[0].isdigit():
        return "D"
    if core.isupper() and len(core) > 1:
        return "U"
    if core[0].isupper():
        return "K" if core.lower() in words("lowercase_words") else "N"
    return "l"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _line_state(line: Line | None) -> str:
    if line is None:
        return "none"
    if line.index == 0:
        return "head"
    return "sent" if line.ends_sentence else "open"


@dataclass(frozen=True, slots=True)
class Page:
    """A text with its lines and how often each word occurs in it: what features look at around a candidate."""

    text: str
    lines: list[Line]
    counts: Counter[str]  # lower-cased words
    tokens: Counter[str]  # runs of non-space characters, trimmed of punctuation, as written
    open_lines: int  # short lines (after the first) that do not end like a sentence
    line_counts: dict[int, Counter[str]] = field(default_factory=dict)  # filled as lines are looked at

    @classmethod
    def of(cls, text: str, lines: list[Line]) -> Page:
        n_open = sum(1 for ln in lines[1:] if not ln.ends_sentence and len(ln.words) <= 15)
        tokens = Counter(t.strip(_TOKEN_TRIM) for t in text.split())
        return cls(text, lines, Counter(_norm_words(text)), tokens, n_open)

    def recurs(self, line: Line, word: str) -> bool:
        """Does `word` occur in the text outside `line`?"""
        if line.index not in self.line_counts:
            self.line_counts[line.index] = Counter(_norm_words(line.text))
        return self.counts[word] > self.line_counts[line.index][word]


def features(page: Page, i: int, cand: Candidate) -> list[str]:
    """The features of a candidate in line `i`: shared word features of the span, and shape features by kind.

    Words are lower-cased; shape features are prefixed with the candidate's kind ("start_glued|j=aA": a lower-case
    letter meets a capital at the junction), so that each kind weighs them on its own.
    """
    text, line = page.text, page.lines[i]
    prev = page.lines[i - 1] if i else None
    next_ = page.lines[i + 1] if i + 1 < len(page.lines) else None
    span = text[cand.start : cand.end]
    k = cand.kind
    out = [f"k={k}"]
    ws = _norm_words(span)
    out += [f"w={w}" for w in set(ws)]
    if ws:
        out += [f"first={ws[0]}", f"last={ws[-1]}"]
    raw = span.split()
    n = len(raw)
    out.append(f"{k}|n={_bucket(n, (2, 3, 4, 5, 6, 8, 10, 13, 17, 22))}")
    classes = [_word_class(w) for w in raw]
    caps = sum(c in "KN" for c in classes[1:]) / max(1, n - 1)
    out.append(f"{k}|caps={_bucket(round(caps * 10), (0, 2, 4, 6, 8))}")
    known_caps = sum(c == "K" for c in classes[1:])
    out.append(f"{k}|kcaps={_bucket(known_caps, (0, 1, 2, 4))}")
    out.append(f"{k}|c0={classes[0]}")
    out.append(f"{k}|cl={classes[-1]}")
    last = span.rstrip()[-1]
    out.append(f"{k}|end={'a' if last.isalnum() else last}")
    if span[0] in "-–—*•·▪":
        out.append(f"{k}|bullet")
    if "," in span:
        out.append(f"{k}|comma")
    if ":" in span:
        out.append(f"{k}|colon")
    if re.search(r"(?:^|\s)['‘]\S.*\S['’](?:\s|$)", span):
        out.append(f"{k}|squote")
    if re.search(r"[\"“”]", span):
        out.append(f"{k}|dquote")
    if "(" in span:
        out.append(f"{k}|paren")
    if span.isupper():
        out.append(f"{k}|allcaps")
    if re.search(r"\s[-–—]\s", span):
        out.append(f"{k}|dash")
    if re.search(r"\bv\b|\bvs\b", span):
        out.append(f"{k}|versus")
    # Another article's headline is about another story: its words seldom recur in this one.
    content = [w for w in ws if len(w) > 2 and w not in words("stopwords") and not w.isdigit()]
    if content:
        share = sum(page.recurs(line, w) for w in content) / len(content)
        out.append(f"{k}|recur={_bucket(round(share * 4), (0, 1, 2, 3))}")
        if page.recurs(line, content[-1]):
            out.append(f"{k}|lastrecurs")
    # The other side of the junction.
    if k in START_KINDS and k != "line":
        rest = text[cand.junction : line.end]
        r = rest.split()
        out.append(f"{k}|r1={_word_class(r[0]) if r else '-'}")
        out.append(f"{k}|r2={_word_class(r[1]) if len(r) > 1 else '-'}")
        r1 = _norm_words(r[0]) if r else []
        if r1:
            out.append(f"r1={r1[0]}")
            if page.recurs(line, r1[0]):
                out.append(f"{k}|r1recurs")
        for word in r[1:5]:
            if word[:1].islower():
                out += [f"rw={w}" for w in _norm_words(word)[:1]]
        out.append(f"{k}|rn={_bucket(len(r), (1, 3, 6, 12))}")
        out.append(f"{k}|rend={'s' if line.ends_sentence else 'o'}")
        r1c, r2c = (_word_class(r[0]) if r else "-"), (_word_class(r[1]) if len(r) > 1 else "-")
        out.append(f"{k}|lastc={classes[-1]}>{r1c}")
        out.append(f"{k}|lastc3={classes[-1]}>{r1c}>{r2c}")
    if k in END_KINDS:
        before = text[line.start : cand.junction].split()
        out.append(f"{k}|bn={_bucket(len(before), (3, 8, 15, 30))}")
    if k in ("start_glued", "end_glued"):
        out += _junction_features(page, cand, line)
    # The lines around. A line after one that stops on "the" or "of" goes on with its sentence.
    out.append(f"{k}|prev={_line_state(prev)}")
    if prev is not None and prev.index > 0 and not prev.ends_sentence:
        last_word = prev.text.rsplit(None, 1)[-1]
        kind = "fn" if last_word.lower() in words("stopwords") else "l" if last_word[:1].islower() else "o"
        out.append(f"{k}|prevend={kind}")
    if prev is not None and prev.index == 0:
        out.append(f"{k}|firstbody")
    if k == "line":
        # Several short lines that do not end like sentences: an article with subheadings, lists or fixtures.
        out.append(f"line|open={_bucket(page.open_lines - 1, (0, 1, 2, 4))}")
        out.append(f"line|next={_line_state(next_)}")
        out.append(f"line|bb={int(line.blank_before)}{int(line.blank_after)}")
        if next_ is not None:
            out.append(f"line|nextc={_word_class(next_.text.split()[0])}")
    return out


def _junction_features(page: Page, cand: Candidate, line: Line) -> list[str]:
    """How two spans meet with no space between: the characters, and the word pieces either side."""
    text = page.text
    k, i = cand.kind, cand.junction
    left, right = text[i - 1], text[i]
    lc = "a" if left.islower() else "A" if left.isupper() else "d" if left.isdigit() else left
    rc = "A" if right.isupper() else "d" if right.isdigit() else "q"
    out = [f"{k}|j={lc}{rc}"]
    ls = i
    while ls > line.start and text[ls - 1].isalpha():
        ls -= 1
    re_ = i
    while re_ < line.end and text[re_].isalpha():
        re_ += 1
    lfrag, rfrag = text[ls:i], text[i:re_]
    out.append(f"{k}|jl={_bucket(len(lfrag), (0, 1, 2, 3, 5))}")
    out.append(f"{k}|jr={_bucket(len(rfrag), (0, 1, 2, 3, 5))}")
    common = words("lowercase_words")
    out.append(f"{k}|jk={int(lfrag.lower() in common)}{int(rfrag.lower() in common)}")
    # A lower-case word running into a capitalised one ("stateLeaders") is glue; a name with a capital inside
    # ("TikTok", "McDonald", "iPod") starts with a capital or has a short first part.
    left_word = text[text.rfind(" ", line.start, i) + 1 : i]
    if len(lfrag) >= 3 and lfrag == left_word and lfrag.islower():
        out.append(f"{k}|jlower")
    t0 = max(text.rfind(" ", line.start, i) + 1, line.start)
    t1 = text.find(" ", i, line.end)
    token = text[t0 : t1 if t1 >= 0 else line.end].strip(_TOKEN_TRIM)
    if len(token) > 3 and page.tokens[token] > 1:
        out.append(f"{k}|jrep")
    # More humps in the token than this junction ("OptInRealBig.com", "GlaxoSmithKline"): a name, not glue.
    humps = len(re.findall(r"[a-z][A-Z]", token)) + len(re.findall(r"\.[a-z]{2,3}\b", token))
    if humps > (1 if left.islower() and right.isupper() else 0):
        out.append(f"{k}|jhumps")
    return out


# ---------------------------------------------------------------- the model


def weights() -> dict[str, float]:
    """The weights of `data/headline_model.tsv` (`lexicon.feature_weights`)."""
    return feature_weights("headline_model")


def probability(feats: list[str]) -> float:
    """The model's probability that a candidate with these features is a glued headline."""
    w = weights()
    z = w.get("bias", 0.0) + sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def scored(page: Page, i: int) -> list[tuple[float, Candidate]]:
    """The candidates of line `i` of `page` with their probabilities."""
    return [(probability(features(page, i, c)), c) for c in candidates(page.text, page.lines[i])]


def find_glued_headlines(text: str, lines: list[Line], skip: frozenset[int] | set[int] = frozenset()) -> list[Removed]:
    """Glued headlines in the lines of `text` (not the first line, the article's own headline; not lines in `skip`).

    In each line the most probable start candidate (or the whole line) and the most probable end candidate are
    removed when they pass their thresholds.
    """
    out = []
    page = Page.of(text, lines)
    width = wrap_width(lines)
    for i in range(1, len(lines)):
        if i in skip:
            continue
        # A sentence that goes on across lines is article text: no headline starts a line that continues the one
        # before, and none ends a line that the next continues.
        barred = set(START_KINDS) if continues_sentence(lines, i, width) else set()
        if runs_on(lines, i, width):
            barred |= {"line", *END_KINDS}
        best: dict[str, tuple[float, Candidate]] = {}
        for p, c in scored(page, i):
            if c.kind in barred:
                continue
            side = "end" if c.kind in END_KINDS else "start"
            if p >= THRESHOLDS[c.kind] and (side not in best or p > best[side][0]):
                best[side] = (p, c)
        found = sorted((c for _, c in best.values()), key=lambda c: c.start)
        if len(found) == 2 and found[0].end > found[1].start:
            found = [max(found, key=lambda c: c.end - c.start)]
        out += [Removed(c.start, c.end, GLUED, text[c.start : c.end]) for c in found]
    return out
