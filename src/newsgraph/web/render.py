"""An article's text as HTML with its layers as elements: quotes (one colour per speaker), cues, entity mentions
(links to the entity's page), time expressions, removed spans (struck through) and the evidence of the headline
check's findings (underlined; the headline's overstated words link to it).

Layers may nest (a mention inside a quote) and, rarely, overlap (a quote running into a removed line). HTML needs
proper nesting, so at every offset where some span starts or ends, the open elements that no longer apply are
closed and the new ones opened; an element cut by another's end is reopened after it (same classes, same data),
so it shows as one span in two pieces. All text and every attribute value is escaped: article text is untrusted.

>>> from newsgraph.model import Analysis, Entity, Mention, Quote
>>> a = Analysis(id=1, text="Ann said <b>hi</b>", quotes=(Quote(9, 18, "<b>hi</b>", "direct", "E1", "Ann"),),
...              entities=(Entity("E1", "Ann", "PERSON", (Mention(0, 3, "Ann"),)),))
>>> str(render_article(a, {"E1": 7}).html)  # doctest: +NORMALIZE_WHITESPACE
'<a class="mention" href="/entity/7" title="Ann (PERSON)">Ann</a> said <mark class="quote sp0" data-quote="0" id="q0"
 data-speaker="Ann" data-entity="7" title="Ann · no cue · direct">&lt;b&gt;hi&lt;/b&gt;</mark>'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from newsgraph.model import Analysis

PALETTE_SIZE = 10
"""Speaker colours (CSS classes sp0 … sp9); speakers beyond that reuse them in order, unknown speakers are grey."""

# Which element is outside when two spans cover the same text: removed text holds everything in it; a quote holds
# its mentions and dates.
_RANK = {"removed": 0, "evidence": 1, "quote": 2, "cue": 3, "mention": 4, "timex": 5}


@dataclass(frozen=True, slots=True)
class Span:
    """One element over text[start:end]: its tag and attributes (unescaped; escaped when written)."""

    start: int
    end: int
    layer: str
    tag: str
    attrs: tuple[tuple[str, str], ...]

    def open(self, first: bool) -> str:
        # Only the first piece of a cut span carries its id, so that ids stay unique.
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs if first or k != "id")
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker of the article, in order of first quote, with the colour class of their quotes."""

    name: str
    css: str
    quotes: int
    identity: int | None


@dataclass(frozen=True, slots=True)
class RenderedArticle:
    html: Markup
    speakers: tuple[Speaker, ...]


def speaker_colours(analysis: Analysis) -> dict[str, str]:
    """The colour class of each speaker ("E3" or, for a speaker who is no entity, the name), in order of first quote."""
    colours: dict[str, str] = {}
    for q in analysis.quotes:
        key = q.speaker or q.speaker_name
        if key and key not in colours:
            colours[key] = f"sp{len(colours) % PALETTE_SIZE}"
    return colours


def article_spans(analysis: Analysis, identities: Mapping[str, int]) -> list[Span]:
    """The spans of every layer, as elements; `identities` maps entity ids to their identity (for links)."""
    colours = speaker_colours(analysis)
    spans: list[Span] = []
    for r in analysis.removed:
        spans.append(Span(r.start, r.end, "removed", "del", (("class", "removed"), ("title", f"removed: {r.reason}"))))
    for i, q in enumerate(analysis.quotes):
        key = q.speaker or q.speaker_name
        css = colours.get(key, "sp-none") if key else "sp-none"
        who = q.speaker_name or "unknown speaker"
        cue = q.cue.text if q.cue else "no cue"
        attrs = [("class", f"quote {css}"), ("data-quote", str(i)), ("id", f"q{i}"), ("data-speaker", who)]
        if q.speaker and q.speaker in identities:
            attrs.append(("data-entity", str(identities[q.speaker])))
        attrs.append(("title", f"{who} · {cue} · {q.kind}"))
        spans.append(Span(q.start, q.end, "quote", "mark", tuple(attrs)))
        if q.cue:
            cue_attrs = (("class", f"cue {css}"), ("data-quote", str(i)), ("title", f"cue of a quote by {who}"))
            spans.append(Span(q.cue.start, q.cue.end, "cue", "span", cue_attrs))
    for e in analysis.entities:
        for m in e.mentions:
            attrs = [("class", "mention")]
            if e.id in identities:
                attrs.append(("href", f"/entity/{identities[e.id]}"))
            attrs.append(("title", f"{e.name} ({e.type})"))
            spans.append(Span(m.start, m.end, "mention", "a", tuple(attrs)))
    for t in analysis.timex:
        tip = f"{t.type} {t.value or '?'}"
        spans.append(Span(t.start, t.end, "timex", "span", (("class", "timex"), ("title", tip))))
    check = analysis.headline_check
    for i, finding in enumerate(check.overstatement if check else ()):
        for k, evidence in enumerate(finding.evidence):
            marks = (("class", "evidence"), ("id", f"ev{i}-{k}"), ("title", f"evidence: {finding.why}"))
            spans.append(Span(evidence.start, evidence.end, "evidence", "span", marks))
    return [s for s in spans if 0 <= s.start < s.end <= len(analysis.text)]


def render_spans(text: str, spans: list[Span]) -> Markup:
    """`text` escaped, with each span as an element around its characters, properly nested."""
    order = {id(s): (s.start, -s.end, _RANK.get(s.layer, 9)) for s in spans}
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    by_start: dict[int, list[Span]] = {}
    for s in spans:
        by_start.setdefault(s.start, []).append(s)
    active: list[Span] = []  # spans covering the current position
    stack: list[Span] = []  # elements open in the output, outermost first
    opened: set[int] = set()
    out: list[str] = []
    for here, there in pairwise(bounds):
        active = [s for s in active if s.end > here] + by_start.get(here, [])
        wanted = sorted(active, key=lambda s: order[id(s)])
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for s in reversed(stack[keep:]):
            out.append(s.close())
        for s in wanted[keep:]:
            out.append(s.open(first=id(s) not in opened))
            opened.add(id(s))
        stack = wanted
        out.append(str(escape(text[here:there])))
    out.extend(s.close() for s in reversed(stack))
    return Markup("".join(out))


def render_article(analysis: Analysis, identities: Mapping[str, int]) -> RenderedArticle:
    """The article's text as HTML with all its layers, and its speakers with their colours."""
    html = render_spans(analysis.text, article_spans(analysis, identities))
    colours = speaker_colours(analysis)
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for q in analysis.quotes:
        key = q.speaker or q.speaker_name
        if key:
            counts[key] = counts.get(key, 0) + 1
            names.setdefault(key, q.speaker_name or key)
    speakers = tuple(Speaker(names[key], css, counts[key], identities.get(key)) for key, css in colours.items())
    return RenderedArticle(html, speakers)


def render_headline(analysis: Analysis) -> Markup:
    """The headline as HTML, the words of each overstatement finding marked and linked to its first evidence."""
    headline = analysis.headline or ""
    check = analysis.headline_check
    spans = [
        Span(f.headline.start, f.headline.end, "overstated", "a", (("class", "overstated"), ("href", f"#ev{i}-0"),
             ("title", f.why)))
        for i, f in enumerate(check.overstatement if check else ())
    ]  # fmt: skip
    return render_spans(headline, [s for s in spans if 0 <= s.start < s.end <= len(headline)])


def mark_hits(snippet: str, start: str, end: str) -> Markup:
    """A search snippet escaped, with its hit markers turned into <mark> elements, always well nested: a stray
    marker (in text stored before the markers were kept out of it) opens no second <mark> and closes none unopened.

    >>> str(mark_hits("a \ue000<b>\ue001 c", "\ue000", "\ue001"))
    'a <mark>&lt;b&gt;</mark> c'
    >>> str(mark_hits("\ue001a \ue000b \ue000c", "\ue000", "\ue001"))
    'a <mark>b c</mark>'
    """
    out: list[str] = []
    inside = False
    for part in re.split(f"({re.escape(start)}|{re.escape(end)})", snippet):
        if part == start and not inside:
            out.append("<mark>")
            inside = True
        elif part == end and inside:
            out.append("</mark>")
            inside = False
        elif part not in (start, end):
            out.append(str(escape(part)))  # the text escaped; the only markup is ours
    if inside:
        out.append("</mark>")
    return Markup("".join(out))
