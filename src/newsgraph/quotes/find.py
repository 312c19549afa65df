"""The quote stage: direct and partial quotes from the quotation marks, indirect ones from the cues, speakers
through the entity layer, and the article convention that a quote with no cue of its own goes on from the quote
before it."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from newsgraph.model import Entity, Quote, Verbatim
from newsgraph.quotes.attributions import learned_attributions
from newsgraph.quotes.found import Found
from newsgraph.quotes.indirect import indirect_quotes
from newsgraph.quotes.marked import marked_quotes
from newsgraph.quotes.ranking import Context, rank_speakers
from newsgraph.quotes.speakers import Speakers

_PARAGRAPH = re.compile(r"[^\n]+")


def find_quotes(doc: Doc, entities: list[Entity], rank: bool = True, learned: bool = True) -> list[Quote]:
    """Quotes in text order, each with kind, cue and speaker: the speaker ranker's choice among the candidates, or
    with `rank` off the rules' own speaker; with `learned` off, without the attribution model's quotes.

    >>> [(q.kind, q.speaker_name) for q in find_quotes(doc, entities)]  # doctest: +SKIP
    [('direct', 'Jens Stoltenberg'), ('partial', 'Jens Stoltenberg')]
    """
    ctx = found_quotes(doc, entities, learned)
    if rank:
        for f, speaker in zip(ctx.found, rank_speakers(ctx), strict=True):
            f.speaker = speaker
    return [_quote(doc.text, f) for f in ctx.found]


def found_quotes(doc: Doc, entities: list[Entity], learned: bool = True) -> Context:
    """The quotes as the rules find them (kind, cue, the rules' speaker), in text order, with what the speaker
    ranker needs to judge them; with `learned`, also the attributions the attribution model finds
    (`attributions.py`) where the rules found none."""
    text = doc.text
    speakers = Speakers(entities)
    paragraph_starts = [m.start() for m in _PARAGRAPH.finditer(text)]
    marked = _merge_same_span(marked_quotes(doc, speakers, paragraph_starts))
    taken = sorted((f.start, f.end) for f in marked)
    indirect = _merge_same_span([f for f in indirect_quotes(doc, speakers) if not _overlaps(f, taken)])
    if learned:
        taken = sorted(taken + [(f.start, f.end) for f in indirect])
        cues = [f.cue.start for f in marked + indirect if f.cue is not None]
        indirect += learned_attributions(doc, speakers, taken, cues)
    for f in indirect:
        f.paragraph = bisect.bisect_right(paragraph_starts, f.start) - 1
    found = _continue_speakers(sorted(marked + indirect, key=lambda f: (f.start, f.end)))
    # A few words in marks with no cue of their own are a quote only as the next paragraph of one.
    found = [f for f in found if not (f.short and not (f.opens_paragraph and f.speaker.known))]
    return Context.of(doc, speakers, found, paragraph_starts)


def _continue_speakers(found: list[Found]) -> list[Found]:
    """A quote with no cue of its own goes on from the attribution before it when the article says so: it follows
    a quote or reported speech of the same paragraph (`“A,” he said. “B.”`), or it opens its paragraph right
    after one (the previous paragraph may run on into it). An uncued quote that continues nothing keeps no
    speaker."""
    previous: Found | None = None
    for f in found:
        if not f.cued and previous is not None and previous.speaker.known:
            same = f.paragraph == previous.paragraph
            next_paragraph = f.paragraph == previous.paragraph + 1 and (previous.continues or f.opens_paragraph)
            if same or next_paragraph:
                f.speaker = previous.speaker
        if f.speaker.known or f.cued:
            previous = f
    return found


def _merge_same_span(found: list[Found]) -> list[Found]:
    """Several quoted words in one reported clause (`“profane” and “sexist” attacks`) make one partial quote; so do
    partial quotes of one cue whose clauses overlap (the parse may end one clause before the last mark)."""
    by_span: dict[tuple[int, int], Found] = {}
    for f in found:
        key = (f.start, f.end)
        if key in by_span:
            by_span[key].verbatim.extend(f.verbatim)
        else:
            by_span[key] = f
    out: list[Found] = []
    for f in sorted(by_span.values(), key=lambda f: (f.start, f.end)):
        last = out[-1] if out else None
        if (
            last is not None
            and f.kind == last.kind == "partial"
            and f.cue is not None
            and f.cue == last.cue
            and f.start < last.end
        ):
            last.end = max(last.end, f.end)
            last.verbatim.extend(f.verbatim)
            continue
        out.append(f)
    return out


def _overlaps(f: Found, spans: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_left(spans, (f.end, f.end))
    return any(s < f.end and f.start < e for s, e in spans[max(0, k - 50) : k])


def _quote(text: str, f: Found) -> Quote:
    return Quote(
        start=f.start,
        end=f.end,
        text=text[f.start : f.end],
        kind=f.kind,  # type: ignore[arg-type]
        speaker=f.speaker.entity,
        speaker_name=f.speaker.name,
        cue=f.cue,
        verbatim=tuple(Verbatim(s, e, text[s:e]) for s, e in sorted(f.verbatim)),
    )
