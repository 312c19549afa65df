"""A learned classifier of whole lines: is this line article text, or something of the page around it?

The rule finders (`markers.py`) and the glued-headline model (`headlines.py`) know the phrasings of the pages they
were built on. This model judges a line by what carries to new sites:

- shape: how long it is, how many of its words are capitalised, how it ends, digits, separators ("|", "›", "©"),
  bullets, a credit's slash ("REUTERS/Jane Doe"), how many function words it has (sentences have many);
- context: where it stands, what the lines around it look like (a short line between two paragraphs, a run of
  short lines stacked together), whether it continues the sentence of the line before;
- relatedness: whether its content words occur in the rest of the text (another story's headline shares few; a
  caption names the article's people but is no sentence of it);
- words: a small lexicon of words (and first and last words) whose weights were learned from non-article lines of
  real pages, saved with the model rather than typed in.

The weights are data (`data/line_model.tsv`, made by `bench/train_lines.py`); scoring is a sum of the weights of a
line's features, pure Python. A line is removed only when its probability passes `THRESHOLD` (`LIST_THRESHOLD` in
what looks like the article's own list) and none of the guards hold: the first line (the headline), a line that
continues the sentence before it, and a sentence of the article's own story (it ends like a sentence, has a verb,
and shares content words with the rest of the text) are always kept. The reason names the group of features that
weighed most.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.clean.lines import Line
from newsgraph.lexicon import feature_weights, words
from newsgraph.model import Removed

ENABLED = False
"""Whether `find_removed` runs this model. Off for now: on the held-out generator (bench/clean_heldout.py) it raised
removal F1 from 0.562 to 0.615 but also the article text lost from 0.080% to 0.115% (the target is at most 0.1%,
and nothing lost is the rule); it finds nothing more in clean_eval's set. Turn it on when it gains recall without
losing article text (issue 12)."""

THRESHOLD = 0.93
"""Probability a line needs to be removed: the lowest that takes no article text from the dev articles of
`bench/clean_dev.py` (`bench/train_lines.py` prints both that and the held-out-site precision)."""
LIST_THRESHOLD = 0.99
"""What a line needs when it looks like one of the article's own lists (`_in_list`: fixtures, a cast, an awards
list, a timetable), where short lines of names are article text."""

REASON = "not article (learned): {}"
GROUP_REASONS = {
    "s": "headline- or label-shaped",
    "c": "stands apart from the paragraphs",
    "r": "unrelated to the story",
    "w": "caption, promotion or interface wording",
    "x": "headline- or label-shaped",
}

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ALPHA = re.compile(r"[^\W\d_]")
_SENT_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+[\"'“‘(]?[A-Z0-9]")
_CREDIT = re.compile(r"\b[A-Z][A-Za-z.]+\s?/\s?[A-Z][A-Za-z]+")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)
_SEPARATORS = "|•·›»/©→←▸►▶▪~<>+#*–—-"
_OPEN_QUOTES = "\"'“‘"
_AUX_WORDS = (
    "is are was were be been has have had will would can could should may might must did does do said says told "
    "say tell added asked called made took gave came went got lost left won saw found met held led put set sent "
    "ran fell rose paid began became kept brought thought felt knew stood spent sold built wrote"
)
_AUX = frozenset(_AUX_WORDS.split())  # common finite verbs: a line with one may be a sentence
_MAX_RUN = 6
_INTERVIEW = re.compile(r"^[A-Z]{1,2}:\s")


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def norm_words(text: str) -> list[str]:
    """Lower-cased words, a possessive's "'s" dropped ("Brady's" is "brady")."""
    return [w.removesuffix("'s") for w in _WORD.findall(text.lower().replace("’", "'"))]


def _content(ws: Iterable[str]) -> list[str]:
    stop = words("stopwords")
    return [w for w in ws if len(w) > 2 and w not in stop and not w.isdigit()]


def _state(line: Line | None) -> str:
    if line is None:
        return "none"
    n = len(line.words)
    if line.ends_sentence:
        return "sent" if n > 12 else "ssent"
    return "open" if n <= 12 else "long"


def _end_class(text: str) -> str:
    c = text[-1]
    if c.isalpha():
        return "a"
    if c.isdigit():
        return "d"
    if c in "\"”’'":
        return "q"
    return c


@dataclass(frozen=True, slots=True)
class Context:
    """What the features of one line look at in the rest of the text: word counts and the lines' states."""

    lines: list[Line]
    counts: Counter[str]
    line_words: list[list[str]]
    texts: Counter[str]
    open_lines: int

    @classmethod
    def of(cls, lines: list[Line]) -> Context:
        line_words = [norm_words(ln.text) for ln in lines]
        counts: Counter[str] = Counter()
        for ws in line_words:
            counts.update(ws)
        texts = Counter(" ".join(ln.text.lower().split()) for ln in lines)
        n_open = sum(1 for ln in lines[1:] if not ln.ends_sentence and len(ln.words) <= 12)
        return cls(lines, counts, line_words, texts, n_open)

    def recur_share(self, i: int, ws: list[str]) -> float | None:
        """The share of the content words `ws` of line `i` that occur in the text outside it (None: none)."""
        if not ws:
            return None
        own = Counter(self.line_words[i])
        return sum(self.counts[w] > own[w] for w in ws) / len(ws)


def features(ctx: Context, i: int) -> list[str]:
    """The features of line `i`, each named `<group>:<name>` (groups: s shape, c context, r relatedness, w words)."""
    lines = ctx.lines
    line = lines[i]
    text = line.text
    raw = text.split()
    n = len(raw)
    ws = ctx.line_words[i]
    out = [f"s:n={_bucket(n, (1, 2, 3, 4, 6, 8, 12, 16, 24, 40))}"]
    alpha = [w for w in raw if _ALPHA.match(w.lstrip(_OPEN_QUOTES + "(["))]
    caps = sum(w.lstrip(_OPEN_QUOTES + "([")[:1].isupper() for w in alpha)
    out.append(f"s:caps={_bucket(round(10 * caps / max(1, len(alpha))), (0, 2, 4, 6, 8, 9))}")
    end = _end_class(text)
    out.append(f"s:end={end}")
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        out.append("s:allcaps")
    digits = sum(any(c.isdigit() for c in w) for w in raw)
    out.append(f"s:digits={_bucket(digits, (0, 1, 2))}")
    if _TIME.search(text):
        out.append("s:time")
    for c in set(text) & set(_SEPARATORS):
        out.append(f"s:sep={c}")
    first = text[0]
    if not first.isalnum() and first not in _OPEN_QUOTES + "(":
        out.append("s:bullet")
    elif first in _OPEN_QUOTES:
        out.append("s:oquote")
    elif first.islower():
        out.append("s:lower0")
    elif first.isdigit():
        out.append("s:digit0")
    if "(" in text:
        out.append("s:paren")
    if _CREDIT.search(text):
        out.append("s:credit")
    if _URL.search(text):
        out.append("s:url")
    if "@" in text:
        out.append("s:at")
    out.append(f"s:sents={_bucket(len(_SENT_BREAK.findall(text)), (0, 1, 2))}")
    stop = words("stopwords")
    n_stop = sum(w in stop for w in ws)
    out.append(f"s:stop={_bucket(round(10 * n_stop / max(1, len(ws))), (0, 1, 2, 3, 4))}")
    verbish = any(w in _AUX or w in words("reporting_verbs") for w in ws)
    if verbish:
        out.append("s:aux")
    # Context.
    prev = lines[i - 1] if i else None
    next_ = lines[i + 1] if i + 1 < len(lines) else None
    ps, ns = _state(prev), _state(next_)
    out += [f"c:prev={ps}", f"c:next={ns}", f"c:around={ps}>{ns}"]
    rel = i / max(1, len(lines) - 1)
    out.append("c:pos=1" if i == 1 else "c:pos=last" if next_ is None else f"c:pos={_bucket(rel, (0.15, 0.85))}")
    if prev is not None and not prev.ends_sentence and len(prev.words) > 8:
        out.append("c:prev_unfinished" + ("_lower" if first.islower() else ""))
    run = 1
    for j in range(i - 1, max(0, i - _MAX_RUN) - 1, -1):
        if j == 0 or lines[j].ends_sentence or len(lines[j].words) > 16:
            break
        run += 1
    for j in range(i + 1, min(len(lines), i + _MAX_RUN)):
        if lines[j].ends_sentence or len(lines[j].words) > 16:
            break
        run += 1
    if not line.ends_sentence and n <= 16:
        out.append(f"c:run={_bucket(run, (1, 2, 3, 5))}")
    out.append(f"c:bb={int(line.blank_before)}{int(line.blank_after)}")
    out.append(f"c:open={_bucket(round(4 * ctx.open_lines / len(lines)), (0, 1, 2))}")
    if ctx.texts[" ".join(text.lower().split())] > 1:
        out.append("c:repeated")
    # Relatedness to the rest of the text.
    content = _content(ws)
    share = ctx.recur_share(i, content)
    if share is None:
        out.append("r:nocontent")
    else:
        out.append(f"r:recur={_bucket(round(4 * share), (0, 1, 2, 3))}")
        # A subheading introduces the paragraph under it; a caption names who is in the paragraphs around.
        for side, j in (("next", i + 1), ("prev", i - 1)):
            if 0 <= j < len(lines):
                near = set(ctx.line_words[j])
                out.append(f"r:{side}={_bucket(round(4 * sum(w in near for w in content) / len(content)), (0, 1, 2))}")
        names = _content(norm_words(" ".join(w for w in raw[1:] if w[:1].isupper())))
        nshare = ctx.recur_share(i, names)
        if nshare is not None:
            out.append(f"r:names={_bucket(round(2 * nshare), (0, 1))}")
    # Crosses of shape and context: a short open line between two paragraphs is a headline or a label.
    out.append(f"x:{end}|{_bucket(n, (3, 8, 16))}|{ps}>{ns}")
    out.append(f"x:aux={int(verbish)}|end={end in '.!?q'}|r={_bucket(round(4 * (share or 0)), (0, 1, 2))}")
    # Words.
    if ws:
        out += [f"w:{w}" for w in set(ws)]
        out += [f"w:first={ws[0]}", f"w:last={ws[-1]}"]
    return out


# ---------------------------------------------------------------- the model


def weights() -> dict[str, float]:
    """The weights of `data/line_model.tsv` (`lexicon.feature_weights`)."""
    return feature_weights("line_model")


def score(feats: list[str]) -> tuple[float, str]:
    """The probability that a line with these features is not article text, and the group that weighed most."""
    w = weights()
    z = w.get("bias", 0.0)
    groups: dict[str, float] = {}
    for f in feats:
        v = w.get(f)
        if v:
            z += v
            g = f[0]
            groups[g] = groups.get(g, 0.0) + v
    top = max(groups, key=lambda g: groups[g]) if groups else "s"
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), top


def guarded(ctx: Context, i: int) -> bool:
    """Lines never removed: the headline, a line that continues the sentence before it, a sentence of the story."""
    if i == 0:
        return True
    line = ctx.lines[i]
    if line.text[0].islower() or line.text[0] in ",;)]}%":
        return True  # a sentence broken across lines
    if _INTERVIEW.match(line.text):
        return True  # "Q: ...", "A: ...": an interview's turns
    ws = ctx.line_words[i]
    n = len(line.words)
    if n >= 40 or len(_SENT_BREAK.findall(line.text)) >= 3:
        return True  # a paragraph
    if _CREDIT.search(line.text):
        return False
    verb = any(w in _AUX or w in words("reporting_verbs") or w.endswith("ed") for w in ws)
    if line.ends_sentence and n >= 8 and verb:
        share = ctx.recur_share(i, _content(ws))
        if share is not None and share >= 0.3:
            return True
    return False


def _short_open(line: Line, ws: list[str]) -> bool:
    """A short line that is no sentence: it does not end like one, or has no verb ("Argentina (4), Kenya.")."""
    return len(line.words) <= 16 and (not line.ends_sentence or not any(w in _AUX or w.endswith("ed") for w in ws))


def _in_list(ctx: Context, i: int) -> bool:
    """Is line `i` one of a run of three or more short lines that looks like the article's own list (a fixture
    list, a cast, an awards list, a timetable): one in a text of two fifths such lines, or in a run of three or more
    that is long, right under the headline, or in a text with short lines elsewhere too? Two or three related
    headlines put into a text of paragraphs are not."""
    lines = ctx.lines
    short = [_short_open(ln, ws) for ln, ws in zip(lines, ctx.line_words, strict=True)]
    if not short[i]:
        return False
    others = sum(short[1:]) - 1
    if 5 * others >= 2 * (len(lines) - 2):
        return True  # a text made of such lines: a team sheet, results, a timetable
    a = i
    while a > 1 and short[a - 1]:
        a -= 1
    b = i
    while b + 1 < len(lines) and short[b + 1]:
        b += 1
    n = b - a + 1
    # A long run, a run right under the headline (date, venue, teams), or short lines elsewhere in the text too.
    return n >= 3 and (n >= 6 or a == 1 or 4 * (others + 1 - n) >= len(lines) - n)


def threshold(ctx: Context, i: int) -> float:
    """The probability line `i` needs to be removed: higher in the article's own lists."""
    return LIST_THRESHOLD if _in_list(ctx, i) else THRESHOLD


def find_lines(text: str, lines: list[Line], skip: set[int] | frozenset[int] = frozenset()) -> list[Removed]:
    """Whole lines of `text` that the model judges not article text (not the lines in `skip`)."""
    if not ENABLED or len(lines) < 3:
        return []
    ctx = Context.of(lines)
    out = []
    for i in range(1, len(lines)):
        if i in skip or guarded(ctx, i):
            continue
        p, group = score(features(ctx, i))
        if p >= threshold(ctx, i):
            line = lines[i]
            out.append(Removed(line.start, line.end, REASON.format(GROUP_REASONS[group]), line.text))
    return out
