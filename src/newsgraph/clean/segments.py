"""A learned classifier of whole lines: is this line article text, or something of the page around it?

The rule finders (`markers.py`) and the glued-headline model (`headlines.py`) know phrasings. This model judges a
line by what carries to new sites, each feature a number that says what it measures (`FEATURES`):

- shape: how long the line is, how many of its words are capitalised, how it begins and ends, digits, times and
  dates, separators ("|", "›", "©", a credit's slash "REUTERS/Jane Doe"), brackets, how many function words and
  finite verbs it has (sentences have many), how many sentences;
- words: a lexicon learned from data (`data/line_words.tsv`, made by `bench/train_lines.py`): for each word, the
  log-odds of meeting it in a non-article line rather than an article line of the training pages; a line is
  described by the mean, the extremes and the first and last word's values, never by the words themselves;
- context: the same shape figures of the two lines before and after, where the line stands (under the headline,
  after the last paragraph, between two paragraphs), the run of short lines it belongs to, whether the line before
  introduces a list (ends with a colon), whether the line continues the sentence before it or runs on into the next;
- relatedness: how many of its content words occur elsewhere in the text, in the paragraphs next to it and in the
  headline (another story's headline shares few; a caption names the article's people but is no sentence of it).

The model is a forest of gradient-boosted trees (LightGBM, trained by `bench/train_lines.py` on the real pages of
the AEB set and on generated pages), shipped as arrays in `data/line_model.json` and evaluated here with numpy, all
the lines of a text at once. A line is removed when its probability passes the model's decision threshold (set by
the trainer on leave-site-out predictions, saved with the model) and no guard holds: the
first line (the headline) and a line that continues the sentence before it are always kept. Each removal's reason
names what the line looks like (`REASONS`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np

from newsgraph.clean.headlines import continues_sentence, runs_on, wrap_width
from newsgraph.clean.lines import Line
from newsgraph.forest import Forest, shipped
from newsgraph.lexicon import feature_weights, words
from newsgraph.model import Removed

THRESHOLD = 0.5
"""Probability a line needs to be removed; overwritten by the value saved with the model (`bench/train_lines.py`
sets it on held-out data, favouring precision: a false removal loses article text)."""

REASON = "not article (learned): {}"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ALPHA = re.compile(r"[^\W\d_]")
_SENT_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+[\"'“‘(]?[A-Z0-9]")
_CREDIT = re.compile(r"\b[A-Z][A-Za-z.\-]+\s?/\s?[A-Z][A-Za-z]+")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DURATION = re.compile(r"\b\d+\s?(?:min|mins|minutes?|hrs?|hours?|h|m|s|secs?|seconds?|d|days?)\b", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk|co|io|in|ng|au)\b", re.IGNORECASE)
_EMAIL = re.compile(r"\b\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)[@#]\w{2,}")
_NUMBERED = re.compile(r"^(?:\d{1,2}[.):]|\(\d{1,2}\)|#\d{1,2})\s")
_TAIL_TAG = re.compile(r"[\[(][^\])]{1,30}[\])]$")
_COLON_HEAD = re.compile(r"^[^:]{3,60}:\s+\S.*[^.:]$")
_BULLETS = "•·▪►▶▸»›>→←<«‹*+-–—|◦■◆□●○~"
_OPEN_QUOTES = "\"'“‘«"
_CLOSE_QUOTES = "\"'”’»"
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "we're", "they're", "i'm"]
)
_AUX_WORDS = (
    "is are was were be been has have had will would can could should may might must did does do said says told "
    "say tell added asked called made took gave came went got lost left won saw found met held led put set sent "
    "ran fell rose paid began became kept brought thought felt knew stood spent sold built wrote isn't wasn't don't "
    "didn't won't can't"
)
_AUX = frozenset(_AUX_WORDS.split())
_MAX_RUN = 8
_SHORT = 16  # words: a line this short that does not end like a long sentence may be a label, a headline, a link
_PARAGRAPH = 25  # words: a line this long that ends like a sentence is a paragraph

# Groups of features, for the reason of a removal: the group of the features that pushed the score up most is
# hard to get from trees, so the reason is read off the line itself (`_reason`).
REASONS = {
    "credit": "photo caption or credit",
    "list": "list of other stories",
    "interface": "reader interface or promotion",
    "headline": "another story's headline",
    "label": "label or page furniture",
}

# ---------------------------------------------------------------- per-line figures

_BASE = (
    "n_words",
    "log_chars",
    "caps",  # share of alphabetic words that begin with a capital
    "title_caps",  # the same among words that are not function words
    "stop",  # share of function words
    "allcaps",
    "end_period",
    "end_qe",  # ? or !
    "end_quote",
    "end_colon",
    "end_comma",  # , or ;
    "end_alpha",
    "end_digit",
    "end_bracket",
    "end_other",
    "start_bullet",
    "start_numbered",
    "start_digit",
    "start_quote",
    "start_lower",
    "start_bracket",
    "digit_words",  # share of words with a digit
    "time",
    "date",
    "year",
    "duration",  # "4 min", "2 hours"
    "pipes",
    "dots",  # · •
    "arrows",  # › » → ▸ and the like
    "slash",
    "copyright",
    "dashes",  # a dash between spaces
    "brackets",
    "tail_tag",  # ends in a bracketed tag: "[VIDEO]", "(12)"
    "colon_head",  # "Label: rest", no full stop
    "sentences",  # sentence breaks inside the line
    "url",
    "handle",
    "email",
    "credit",  # Name/Agency
    "aux",  # finite verbs of a common kind
    "ed",  # words ending in -ed
    "pronoun",
    "quotes",  # quotation marks inside
    "mean_word_len",
    "symbols",  # share of characters that are neither letters, digits nor spaces
    "lex_mean",
    "lex_max",
    "lex_min",
    "lex_first",
    "lex_last",
    "lex_pos",  # share of words the lexicon gives > 1
    "lex_neg",  # share of words the lexicon gives < -1
    "is_paragraph",
    "is_short",
)
_NEIGHBOUR = (
    "n_words",
    "end_period",
    "end_colon",
    "end_alpha",
    "start_bullet",
    "start_numbered",
    "caps",
    "lex_mean",
    "lex_max",
    "is_paragraph",
    "is_short",
)
_OFFSETS = (-2, -1, 1, 2)
_CONTEXT = (
    "index",
    "from_end",
    "position",
    "blank_before",
    "blank_after",
    "paras_before",  # paragraphs before it in the text
    "paras_after",
    "dist_prev_para",
    "dist_next_para",
    "run",  # the run of short lines it is in
    "run_index",
    "run_same_start",  # share of the run's lines that begin the way it does
    "intro_colon",  # a line before it in its run, or the line before the run, ends with a colon (a list's label)
    "prev_intro",  # the line before ends with a colon
    "continues",  # continues the sentence of the line before
    "runs_on",  # its sentence goes on in the next line
    "repeated",  # the same text elsewhere in the text
    "doc_lines",
    "doc_short",
    "doc_paragraphs",
    "doc_median_words",
    "doc_wrapped",
    "same_start_prev",
    "same_start_next",
)
_RELATED = (
    "content_words",
    "recur",  # share of its content words found elsewhere in the text
    "recur_paragraphs",  # ... in the paragraphs
    "recur_near",  # ... in the nearest paragraphs before and after
    "recur_headline",
    "names_recur",  # share of its capitalised words (after the first) found elsewhere
    "names",
)
_ZONE_SPAN = 5  # lines each side
_ZONE = (
    # The neighbourhood: non-article lines come in runs (a related list, the page's foot after the article), so the
    # mean figures of the lines around a line say which zone of the page it is in.
    "before_lex",  # mean lex_mean of the _ZONE_SPAN lines before it
    "after_lex",
    "before_recur",  # mean share of their content words found elsewhere
    "after_recur",
    "before_short",  # share of them that are short lines
    "after_short",
)
FEATURES = (
    _BASE
    + tuple(f"{'p' if o < 0 else 'n'}{abs(o)}_{f}" for o in _OFFSETS for f in _NEIGHBOUR)
    + tuple(f"n{abs(o)}_exists" if o > 0 else f"p{abs(o)}_exists" for o in _OFFSETS)
    + _CONTEXT
    + _RELATED
    + _ZONE
)
"""The names of the features, in the order of a row of `line_features`."""
_B = {f: i for i, f in enumerate(_BASE)}
_NB = [_B[f] for f in _NEIGHBOUR]


def norm_words(text: str) -> list[str]:
    """Lower-cased words, a possessive's "'s" dropped ("Brady's" is "brady")."""
    return [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text.lower())]


def _start_class(text: str) -> str:
    c = text[0]
    if _NUMBERED.match(text):
        return "n"
    if c in _BULLETS:
        return "b"
    if c.isdigit():
        return "d"
    if c in _OPEN_QUOTES:
        return "q"
    if c.islower():
        return "l"
    if c in "([{":
        return "("
    return "u"


def _base(line: Line, ws: list[str], lexicon: dict[str, float], stop: frozenset[str]) -> list[float]:
    text = line.text
    raw = text.split()
    n = len(raw)
    alpha = [w.lstrip(_OPEN_QUOTES + "([") for w in raw]
    alpha = [w for w in alpha if w and _ALPHA.match(w[0])]
    caps = sum(w[0].isupper() for w in alpha)
    content = [w for w in alpha if w.lower().strip(".,:;!?'’\"”") not in stop]
    title_caps = sum(w[0].isupper() for w in content)
    n_stop = sum(w in stop for w in ws)
    letters = [c for c in text if c.isalpha()]
    last = text[-1]
    start = _start_class(text)
    lex = [lexicon.get(w, 0.0) for w in ws]
    n_ws = max(1, len(ws))
    aux = sum(w in _AUX for w in ws)
    ends_period = last == "." or (last in _CLOSE_QUOTES + ")" and text[:-1].rstrip().endswith("."))
    is_paragraph = n >= _PARAGRAPH and line.ends_sentence
    symbols = sum(not (c.isalnum() or c.isspace()) for c in text)
    return [
        n,
        math.log1p(len(text)),
        caps / max(1, len(alpha)),
        title_caps / max(1, len(content)),
        n_stop / n_ws,
        float(len(letters) >= 2 and all(c.isupper() for c in letters)),
        float(ends_period),
        float(last in "?!"),
        float(last in _CLOSE_QUOTES and not ends_period),
        float(last == ":"),
        float(last in ",;"),
        float(last.isalpha()),
        float(last.isdigit()),
        float(last in ")]}" and not ends_period),
        float(not (last.isalnum() or last in ".?!:,;)]}" + _CLOSE_QUOTES)),
        float(start == "b"),
        float(start == "n"),
        float(start == "d"),
        float(start == "q"),
        float(start == "l"),
        float(start == "("),
        sum(any(c.isdigit() for c in w) for w in raw) / max(1, n),
        float(bool(_TIME.search(text))),
        float(bool(_MONTH.search(text))),
        float(bool(_YEAR.search(text))),
        float(bool(_DURATION.search(text))),
        text.count("|"),
        text.count("·") + text.count("•"),
        sum(text.count(c) for c in "›»→▸►▶«‹←"),
        text.count("/"),
        float("©" in text or "(c)" in text.lower()),
        len(re.findall(r"\s[-–—]\s", text)),
        text.count("(") + text.count("["),
        float(bool(_TAIL_TAG.search(text))),
        float(bool(_COLON_HEAD.match(text))),
        len(_SENT_BREAK.findall(text)),
        float(bool(_URL.search(text))),
        float(bool(_HANDLE.search(text))),
        float(bool(_EMAIL.search(text))),
        float(bool(_CREDIT.search(text))),
        aux,
        sum(len(w) > 4 and w.endswith("ed") for w in ws),
        float(any(w in _PRONOUNS for w in ws)),
        sum(text.count(c) for c in '"“”'),
        sum(len(w) for w in ws) / n_ws,
        symbols / len(text),
        sum(lex) / n_ws,
        max(lex, default=0.0),
        min(lex, default=0.0),
        lex[0] if lex else 0.0,
        lex[-1] if lex else 0.0,
        sum(v > 1 for v in lex) / n_ws,
        sum(v < -1 for v in lex) / n_ws,
        float(is_paragraph),
        float(n <= _SHORT and not is_paragraph),
    ]


def line_features(lines: Sequence[Line], lexicon: dict[str, float] | None = None) -> np.ndarray:
    """The features (`FEATURES`) of every line of a text, one row a line."""
    lexicon = line_lexicon() if lexicon is None else lexicon
    stop = words("stopwords")
    n_lines = len(lines)
    line_words = [norm_words(ln.text) for ln in lines]
    base = [_base(ln, ws, lexicon, stop) for ln, ws in zip(lines, line_words, strict=True)]
    paragraph = [b[_B["is_paragraph"]] > 0 for b in base]
    short = [b[_B["is_short"]] > 0 for b in base]
    starts = [_start_class(ln.text) for ln in lines]
    counts: Counter[str] = Counter()
    para_counts: Counter[str] = Counter()
    for ws, is_para in zip(line_words, paragraph, strict=True):
        counts.update(ws)
        if is_para:
            para_counts.update(ws)
    headline = set(line_words[0]) if lines else set()
    texts = Counter(" ".join(ln.text.lower().split()) for ln in lines)
    width = wrap_width(lines)
    para_index = [i for i, p in enumerate(paragraph) if p]
    n_words = sorted(b[0] for b in base)
    doc = [
        n_lines,
        sum(short) / max(1, n_lines),
        len(para_index) / max(1, n_lines),
        n_words[len(n_words) // 2] if n_words else 0,
        float(width is not None),
    ]
    # Runs of short lines: [start, end) of the run each short line is in.
    run_of: list[tuple[int, int]] = [(i, i + 1) for i in range(n_lines)]
    i = 0
    while i < n_lines:
        if short[i]:
            j = i
            while j < n_lines and short[j]:
                j += 1
            for k in range(i, j):
                run_of[k] = (i, j)
            i = j
        else:
            i += 1
    rows = []
    for i, line in enumerate(lines):
        row = list(base[i])
        for o in _OFFSETS:
            j = i + o
            row += [base[j][k] for k in _NB] if 0 <= j < n_lines else [-1.0] * len(_NB)
        row += [float(0 <= i + o < n_lines) for o in _OFFSETS]
        before = bisect.bisect_left(para_index, i)
        after = len(para_index) - bisect.bisect_right(para_index, i)
        prev_para = para_index[before - 1] if before else None
        nxt = bisect.bisect_right(para_index, i)
        next_para = para_index[nxt] if nxt < len(para_index) else None
        a, b = run_of[i]
        run = b - a if short[i] else 0
        same = sum(starts[k] == starts[i] for k in range(a, b)) / (b - a)
        # A list is introduced by the line before its run, or by the run's own first lines ("More on this:").
        intro = any(lines[k].text.endswith(":") for k in range(max(0, a - 1), i))
        row += [
            min(i, 30),
            min(n_lines - 1 - i, 30),
            i / max(1, n_lines - 1),
            float(line.blank_before),
            float(line.blank_after),
            min(before, 10),
            min(after, 10),
            min(i - prev_para, 15) if prev_para is not None else 16,
            min(next_para - i, 15) if next_para is not None else 16,
            min(run, _MAX_RUN),
            min(i - a, _MAX_RUN) if short[i] else -1,
            same if short[i] else -1,
            float(intro),
            float(i > 0 and lines[i - 1].text.endswith(":")),
            float(continues_sentence(lines, i, width)),
            float(runs_on(lines, i, width)),
            float(texts[" ".join(line.text.lower().split())] > 1),
            *doc,
            float(i > 0 and starts[i - 1] == starts[i]),
            float(i + 1 < n_lines and starts[i + 1] == starts[i]),
        ]
        # Relatedness.
        ws = line_words[i]
        own = Counter(ws)
        content = [w for w in ws if len(w) > 2 and w not in stop]
        near: set[str] = set()
        for neighbour in (prev_para, next_para):
            if neighbour is not None and neighbour != i:
                near.update(line_words[neighbour])
        names = [w.lower().strip(".,:;!?'’\"”()") for w in line.text.split()[1:] if w[:1].isupper()]
        names = [w.removesuffix("'s").removesuffix("’s") for w in names if len(w) > 2 and w not in stop]
        if content:
            nc = len(content)
            row += [
                nc,
                sum(counts[w] > own[w] for w in content) / nc,
                sum(para_counts[w] > (own[w] if paragraph[i] else 0) for w in content) / nc,
                sum(w in near for w in content) / nc,
                sum(w in headline for w in content) / nc if i else -1,
            ]
        else:
            row += [0, -1, -1, -1, -1]
        if names:
            row += [sum(counts[w] > own[w] for w in names) / len(names), len(names)]
        else:
            row += [-1, 0]
        rows.append(row)
    x = np.array(rows, dtype=np.float64).reshape(n_lines, len(FEATURES) - len(_ZONE))
    return np.hstack([x, _zone(x)])


def _zone(x: np.ndarray) -> np.ndarray:
    """The `_ZONE` figures of every row of `x` (the rows' other features), from running sums."""
    n = x.shape[0]
    cols = [FEATURES.index(f) for f in ("lex_mean", "recur", "is_short")]
    out = np.zeros((n, 2 * len(cols)))
    for k, c in enumerate(cols):
        v = np.maximum(x[:, c], 0.0)  # recur is -1 for a line without content words: counted as 0
        csum = np.concatenate([[0.0], np.cumsum(v)])
        idx = np.arange(n)
        lo, hi = np.maximum(0, idx - _ZONE_SPAN), np.minimum(n, idx + 1 + _ZONE_SPAN)
        n_before, n_after = idx - lo, hi - idx - 1
        before = (csum[idx] - csum[lo]) / np.maximum(1, n_before)
        after = (csum[hi] - csum[idx + 1]) / np.maximum(1, n_after)
        out[:, 2 * k] = np.where(n_before > 0, before, -1.0)
        out[:, 2 * k + 1] = np.where(n_after > 0, after, -1.0)
    return out


# ---------------------------------------------------------------- the shipped model


@cache
def line_lexicon() -> dict[str, float]:
    """The learned word lexicon, `data/line_words.tsv`: word, then its log-odds of being in a non-article line."""
    return feature_weights("line_words")


@cache
def forest() -> Forest:
    """The shipped line model (`data/line_model.json`, made by `bench/train_lines.py`)."""
    return shipped("line_model", FEATURES, "bench/train_lines.py", THRESHOLD)


def probabilities(lines: Sequence[Line], model: Forest | None = None, extracted: bool = False) -> np.ndarray:
    """The probability that each line is not article text (`extracted`: the text is an extractor's output from a
    web page, where non-article lines are rarer: the model's prior is moved by its `extracted_log_prior`)."""
    model = forest() if model is None else model
    # How much rarer non-article lines are in an extractor's output (trafilatura already dropped most of the page)
    # than in the cuts the model was trained on, as log prior odds (estimated by the trainer).
    shift = float(model.meta.get("extracted_log_prior", 0.0)) if extracted else 0.0
    return model.probability(line_features(lines), -shift)


def guarded(lines: Sequence[Line], i: int, width: int | None) -> bool:
    """Lines never removed: the headline, and a line that continues the sentence before it."""
    return i == 0 or continues_sentence(lines, i, width)


def _reason(line: Line) -> str:
    text = line.text
    if _CREDIT.search(text) or "©" in text or re.search(r"\b(?:photo|image|picture|credit)s?\b", text, re.I):
        return REASONS["credit"]
    if text[0] in _BULLETS or _NUMBERED.match(text):
        return REASONS["list"]
    ws = norm_words(text)
    lex = line_lexicon()
    if ws and max(lex.get(w, 0.0) for w in ws) > 1.5:
        return REASONS["interface"]
    if len(ws) >= 4:
        return REASONS["headline"]
    return REASONS["label"]


def find_lines(
    text: str,
    lines: list[Line],
    skip: set[int] | frozenset[int] = frozenset(),
    model: Forest | None = None,
    extracted: bool = False,
) -> list[Removed]:
    """Whole lines of `text` that the model judges not article text (not the lines in `skip`); `extracted` as in
    `probabilities`."""
    if len(lines) < 2:
        return []
    model = forest() if model is None else model
    p = probabilities(lines, model, extracted)
    width = wrap_width(lines)
    out = []
    for i, line in enumerate(lines):
        if i in skip or p[i] < model.threshold_p or guarded(lines, i, width):
            continue
        out.append(Removed(line.start, line.end, REASON.format(_reason(line)), line.text))
    return out
