"""Quotes in quotation marks: direct quotes, partial quotes inside reported speech, and the marks that are not
quotes at all (scare quotes, titles, names, terms)."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from newsgraph.lexicon import words
from newsgraph.model import Cue
from newsgraph.quotes.clauses import path_to, reported_clause
from newsgraph.quotes.cues import according_to, cue_span, is_cue
from newsgraph.quotes.found import Found
from newsgraph.quotes.quotation_marks import MarkedSpan, find_marked_spans, word_count
from newsgraph.quotes.speakers import NOBODY, Speaker, Speakers

MAX_CUE_CLIMB = 6
MAX_CUE_DISTANCE = 120  # characters between a quote and a cue that is not its syntactic head
MIN_UNCUED_WORDS = 5  # a quote with no cue of its own must at least look like an utterance
_SENTENCE_OPENERS = set(":,;—–-(")
_DASHES = "-–—―"
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "parataxis", "acomp", "advcl", "conj", "dep"})
_LETTER = re.compile(r"[^\W\d_]")
# A speaker's name in capitals and a colon opening a quoted paragraph of a transcript.
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,2}):[ \t]+(?=\S)")


def marked_quotes(doc: Doc, speakers: Speakers, paragraph_starts: list[int]) -> list[Found]:
    """Quotes from quotation marks, with cue, speaker and kind; marks that hold no quote are left out."""
    text = doc.text
    spans = [s for s in find_marked_spans(text) if not s.nested]
    inside = [(s.start, s.end) for s in spans]
    out: list[Found] = []
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None:
            continue
        inner = [t for t in tokens if not t.is_space and not t.is_punct]
        if not inner:
            continue
        found = _quote(doc, span, inner, speakers, inside)
        if found is None:
            continue
        found.paragraph = bisect.bisect_right(paragraph_starts, span.start) - 1
        line_start = paragraph_starts[found.paragraph] if found.paragraph >= 0 else 0
        found.opens_paragraph = not text[line_start : span.start - 1].strip()
        found.continues = span.continues
        out.append(found)
    return out


def _quote(
    doc: Doc, span: MarkedSpan, inner: list[Token], speakers: Speakers, others: list[tuple[int, int]]
) -> Found | None:
    text = doc.text
    label = _TRANSCRIPT_LABEL.match(text, span.start, span.end)
    if label is not None:  # `"PENCE: Well, look…`: a transcript's turn, its speaker named in capitals
        colon = Cue(label.end(1), label.end(1) + 1, ":")
        return Found(label.end(), span.end, "direct", colon, speakers.of_label(label.group(1)))
    content = text[span.start : span.end]
    n_words = word_count(content)
    quoted = (span.start, span.end)
    cue = _syntactic_cue(span, inner, others) or _adjacent_cue(doc, span, speakers)
    # A name after a dash after the quote ("“…” ― Jane Doe") says who it is more surely than a cue near it.
    dash = None if cue is not None else _dash_speaker(doc, span, speakers)
    if cue is None and dash is None:
        cue = (
            None if _governed_elsewhere(span, inner, speakers) else _nearby_cue(doc, span, inner, others, speakers)
        ) or _introducing_cue(doc, span, speakers)
    speaker = speakers.of_cue(cue, quoted) if cue is not None else NOBODY
    cue_out = cue_span(cue) if cue is not None else None
    if cue is None:
        named = dash or _colon_speaker(doc, span, speakers)
        if named is not None:
            speaker, cue_out = named
    opening = _text_before(doc, span)
    sentence_initial = not opening or opening[-1] in _SENTENCE_OPENERS
    if cue_out is None:
        if _looks_like_a_name(content) or _named_term(opening) or n_words < 2:
            return None
        # Kept for now: whether it is a quote depends on the quote before it (see find_quotes).
        utterance = sentence_initial and _starts_upper(content)  # “Others must go on.” after “A,” she said.
        return Found(span.start, span.end, "direct", None, NOBODY, short=n_words < MIN_UNCUED_WORDS and not utterance)
    if _looks_like_a_name(content) and not sentence_initial:
        return None  # 'on “Saturday Night Live”': a title, even near a cue
    full_clause = _full_clause(inner)
    if sentence_initial or (_starts_upper(content) and full_clause):
        return Found(span.start, span.end, "direct", cue_out, speaker)
    if cue is not None:
        clause = _clause_around(cue, inner, span)
        if clause is not None:
            return Found(clause[0], clause[1], "partial", cue_out, speaker, [(span.start, span.end)])
    if n_words <= 2:
        return None  # a scare-quoted word near a cue, not hanging on it
    return Found(span.start, span.end, "partial", cue_out, speaker, [(span.start, span.end)])


def _outside(t: Token, span: MarkedSpan) -> bool:
    return t.idx < span.start - 1 or t.idx >= span.end + 1


def _in_other_quote(t: Token, others: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(others, (t.idx, 1 << 62)) - 1
    return k >= 0 and others[k][0] <= t.idx < others[k][1]


def _syntactic_cue(span: MarkedSpan, inner: list[Token], others: list[tuple[int, int]]) -> Token | None:
    """The cue the quote hangs on in the parse: `he said: “…”`, `“…,” he said`, `denied NATO was a “party…”`."""
    best: tuple[int, Token] | None = None
    for t in inner:
        if not _outside(t.head, span):
            continue
        k, steps = t.head, 0
        while steps < MAX_CUE_CLIMB:
            if _outside(k, span) and not _in_other_quote(k, others):
                if is_cue(k) or according_to(k) or _characterizes(k, t):
                    if best is None or steps < best[0]:
                        best = (steps, k)
                    break
                # "Trump, Sexton said, has created a “…”": the cue is a parenthesis on the quote's clause.
                aside = next((c for c in k.children if c.dep_ == "parataxis" and _outside(c, span) and is_cue(c)), None)
                if aside is not None:
                    if best is None or steps + 1 < best[0]:
                        best = (steps + 1, aside)
                    break
            if k.head == k:
                break
            k, steps = k.head, steps + 1
    return _outer_cue(best[1]) if best else None


def _outer_cue(cue: Token) -> Token:
    """The reporting verb whose reported clause holds `cue`, when there is one: in `Trump said Clinton once
    described the deal as the “gold standard”` the quote is Trump's report, and "said" its cue."""
    k = cue
    for _ in range(3):
        if k.dep_ not in {"ccomp", "xcomp"} or k.head == k:
            break
        k = k.head
        # A participle has its speaker above it ("chimed in, saying that…"); a finite verb needs its subject.
        if is_cue(k, reporting_only=True) and (
            k.tag_ == "VBG" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in k.children)
        ):
            return k
    return cue


def _characterizes(verb: Token, inner: Token) -> bool:
    """Is the quote what the verb's subject calls its object (`admires Putin as a “strong leader”`, `pounding Trump
    as a “con artist”`)? Any verb with an object and an "as" phrase that holds the quote is then its cue."""
    if verb.pos_ != "VERB" or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    child = path_to(verb, inner)
    if child is None or child.dep_ != "prep" or child.lower_ != "as":
        return False
    return any(c.dep_ == "dobj" and c.i < child.i for c in verb.children)


def _governing_verb(span: MarkedSpan, inner: list[Token]) -> Token | None:
    """The first verb above the quote in the parse, outside the quote."""
    for t in inner:
        if not _outside(t.head, span):
            continue
        k = t.head
        for _ in range(MAX_CUE_CLIMB):
            if k.pos_ in {"VERB", "AUX"} and _outside(k, span):
                return k
            if k.head == k:
                break
            k = k.head
    return None


def _governed_elsewhere(span: MarkedSpan, inner: list[Token], speakers: Speakers) -> bool:
    """Does the quote belong to a clause of its own whose verb is not a cue (`the crowd reprised the chant “Lock
    her up!”`)? Then a cue elsewhere in the sentence (`when Trump mentioned…`) is not its cue."""
    verb = _governing_verb(span, inner)
    return verb is not None and not is_cue(verb) and speakers.of_cue(verb, (span.start, span.end)).known


def _adjacent_cue(doc: Doc, span: MarkedSpan, speakers: Speakers) -> Token | None:
    """The news layout of a quote and its attribution, whatever the verb: `“…,” an angry Hollande retaliated.`,
    `“…?” asked Smith`, `Hillary shot back, “…` — a verb with a speaker right after the closing mark or right
    before the opening mark and its comma or colon."""
    text = doc.text
    closing = text[span.end - 1 : span.end + 1]
    comma = "," in closing  # `“…,” X said`: any verb will do; otherwise only a cue (not `balloons cascaded`)
    glued = text[span.end + 1 : span.end + 3][:1] == " " and text[span.end + 2 : span.end + 3].isupper()
    if span.end < len(text) and (any(c in ",?!" for c in closing) or glued):  # `“…” Joey Salceda said`
        tail = doc.char_span(span.end + 1, min(len(text), span.end + 80), alignment_mode="expand")
        if tail is not None:
            for tok in list(tail)[:8]:
                if (tok.is_punct and tok.text in '.;:“"') or "\n" in tok.text:
                    break
                if tok.pos_ == "VERB" and (comma or is_cue(tok)) and speakers.of_cue(tok, (span.start, span.end)).known:
                    return tok
    before = text[: span.start - 1].rstrip()
    if before.endswith((",", ":")) and "\n" not in text[len(before) : span.start]:
        head = doc.char_span(max(0, len(before) - 80), len(before) - 1, alignment_mode="expand")
        if head is not None:
            for tok in reversed(list(head)[-8:]):
                if (tok.is_punct and tok.text in '.;“”"') or "\n" in tok.text:
                    break
                if tok.pos_ == "VERB" and speakers.of_cue(tok, (span.start, span.end)).known:
                    return tok
    return None


def _nearby_cue(
    doc: Doc, span: MarkedSpan, inner: list[Token], others: list[tuple[int, int]], speakers: Speakers
) -> Token | None:
    """A cue in the quote's own sentences, outside any quote, near the quote (the parse missed the link)."""
    best: tuple[int, Token] | None = None
    sentences = {inner[0].sent.start: inner[0].sent, inner[-1].sent.start: inner[-1].sent}
    after = _token_after(doc, span)
    if after is not None:  # “…?” the 43-year-old asked: the mark ended the parser's sentence, not the quote's
        sentences.setdefault(after.sent.start, after.sent)
    for sent in sentences.values():
        for tok in sent:
            if not _outside(tok, span) or _in_other_quote(tok, others) or not (is_cue(tok) or according_to(tok)):
                continue
            if speakers.of_cue(tok).token is None:
                continue
            distance = span.start - tok.idx if tok.idx < span.start else tok.idx - span.end
            if distance <= MAX_CUE_DISTANCE and (best is None or distance < best[0]):
                best = (distance, tok)
    return best[1] if best else None


def _introducing_cue(doc: Doc, span: MarkedSpan, speakers: Speakers) -> Token | None:
    """A quote introduced by the words before it: `17-year-old Jared Potts echoed: “…”`, with the colon ending
    the sentence or the paragraph before. After a colon any verb with a subject introduces the quote; a quote that
    opens its paragraph may also be introduced by a cue at the end of the paragraph before (`the DNC issued a
    statement apologizing to Sanders.` then `“On behalf of everyone at the DNC…”`)."""
    text = doc.text
    before = text[: span.start - 1].rstrip()
    opens_paragraph = "\n" in text[len(before) : span.start] or not before
    if before.endswith(":"):
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        verbs = [t for t in colon[0].sent if t.i < colon.start and t.pos_ in {"VERB", "AUX"}]
        verbs = [t for t in verbs if speakers.of_cue(t).known]
        return verbs[-1] if verbs else None
    if not opens_paragraph or not before:
        return None
    last = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if last is None:
        return None
    sentence = last[0].sent
    if any(ch in '“”"' for ch in sentence.text):
        return None  # that sentence has a quote of its own, which the quote here may continue
    cues = [t for t in sentence if is_cue(t) and speakers.of_cue(t).known]
    return cues[-1] if cues else None


def _token_after(doc: Doc, span: MarkedSpan) -> Token | None:
    """The first word after the closing mark, when it follows at once on the same line."""
    rest = doc.text[span.end + 1 : span.end + 4]
    if not rest[:1].isspace() or "\n" in rest:
        return None
    tail = doc.char_span(span.end + 1, min(len(doc.text), span.end + 40), alignment_mode="expand")
    return next((t for t in tail if not t.is_space and not t.is_punct), None) if tail is not None else None


def _colon_speaker(doc: Doc, span: MarkedSpan, speakers: Speakers) -> tuple[Speaker, Cue] | None:
    """`Trump: “…”`: a name and a colon right before the quote, as in interviews and debate transcripts."""
    before = doc.text[: span.start - 1].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    name = doc[colon.start - 1]
    speaker = speakers.of_token(name)
    if speaker.entity is None:
        return None
    return speaker, Cue(colon.start_char, colon.end_char, colon.text)


def dash_attribution(doc: Doc, end: int) -> Token | None:
    """`“…” ― Sonya Herridge`, `“…” – Jane Doe, campaign director`: the last word of the name after a dash right
    after a quote whose words end at `end` (before the closing mark), when the line ends there or goes on with a
    comma (the name's description)."""
    rest = doc.text[end : end + 6]
    k = next((i for i, ch in enumerate(rest) if ch in _DASHES), None)
    if k is None or rest[:k].strip(" \u00a0\"”'’.,!?"):
        return None
    span = doc.char_span(end + k + 1, min(len(doc.text), end + k + 80), alignment_mode="expand")
    if span is None:
        return None
    name: list[Token] = []
    for t in span:
        if t.is_space and "\n" not in t.text and not name:
            continue
        if t.pos_ == "PROPN" or (name and t.text == "." and len(name[-1].text) == 1):
            name.append(t)
            continue
        if not name or not (t.text in {",", "."} or "\n" in t.text_with_ws):
            return None
        break
    return next((t for t in reversed(name) if t.pos_ == "PROPN"), None)


def _dash_speaker(doc: Doc, span: MarkedSpan, speakers: Speakers) -> tuple[Speaker, Cue] | None:
    """A quote attributed by a dash and a name after it (`dash_attribution`); the dash is the cue."""
    token = dash_attribution(doc, span.end)
    if token is None:
        return None
    speaker = speakers.of_token(token)
    if not speaker.known:
        return None
    dash = next(i for i in range(span.end, token.idx) if doc.text[i] in _DASHES)
    return speaker, Cue(dash, dash + 1, doc.text[dash])


def _text_before(doc: Doc, span: MarkedSpan) -> str:
    """The sentence's text before the opening mark (without the mark)."""
    first = doc.char_span(span.start, span.end, alignment_mode="expand")
    sentence_start = first[0].sent.start_char if first is not None and len(first) else span.start
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    return doc.text[max(sentence_start, line_start) : span.start - 1].strip()


def _starts_upper(content: str) -> bool:
    letter = _LETTER.search(content)
    return letter is not None and letter.group(0).isupper()


def _looks_like_a_name(content: str) -> bool:
    """`Saturday Night Live`, `Meet the Press.`: a few words, capitalised as a title is."""
    ws = re.findall(r"[^\W_][\w'’&-]*", content)
    if not ws or len(ws) > 6:
        return False
    small = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "at", "&"}
    return all(w[0].isupper() or w.lower() in small or w[0].isdigit() for w in ws) and content.strip()[-1:] not in "?!"


def _named_term(opening: str) -> bool:
    """`so-called “…”`, `dubbed “…”`, `the word “…”`: a term or a name, not something said."""
    last = opening.split()[-1].lower().strip(",") if opening.split() else ""
    return last in words("term_words")


def _full_clause(inner: list[Token]) -> bool:
    """Does the quoted text hold a clause of its own (a verb and its subject, both inside)?"""
    ids = {t.i for t in inner}
    return any(t.dep_ in {"nsubj", "nsubjpass", "expl"} and t.head.i in ids for t in inner)


# Complements that say something of the verb's object: `called [the senator] a “nasty guy”`, `described [the
# impact] as “horrendous”`, `urged [the West] to “step up”`. What was said is the object with its complement.
_OF_THE_OBJECT = frozenset({"oprd", "xcomp", "prep"})


def _object_before(cue: Token, child: Token, start: int) -> int:
    """Where the reported words start when the quote is said of the cue's object: at the object, when the object
    follows the cue and starts before the complement that holds the quote; else `start`."""
    if child.dep_ not in _OF_THE_OBJECT:
        return start
    for obj in cue.children:
        if obj.dep_ in {"dobj", "dative"} and cue.i < obj.i:  # not "which" before the cue and its subject
            return min(start, obj.left_edge.idx)
    return start


def _clause_around(cue: Token, inner: list[Token], span: MarkedSpan) -> tuple[int, int] | None:
    """The reported clause that holds a partial quote, when the quote hangs on the cue through a complement."""
    for t in inner:
        child = path_to(cue, t)
        if child is None:
            continue
        if child.dep_ not in _CLAUSE_DEPS and child.dep_ != "prep":
            return None
        clause = reported_clause(cue, t)
        # The parse often hangs the closing mark and a final full stop inside it on the cue: the clause need only
        # hold the quote's start.
        if clause is not None and clause[0] <= span.start <= clause[1]:
            start = _object_before(cue, child, clause[0])
            # The marks themselves belong to the clause even where the parse hangs them elsewhere.
            return min(start, span.start - 1), max(clause[1], span.end + 1)
        return None
    return None
