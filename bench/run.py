"""Where the time goes: each stage of the pipeline, and each component of the parse, timed separately over a
corpus in one process, in CPU seconds (so that other work on a shared machine changes the figures little).

    .venv/bin/python bench/run.py [--jsonl FILE] [--n 300]

Default corpus: ../shared/data/bbc/bbc.jsonl when it is there, else the bundled examples repeated. Shares are of
the bare parse: the stock small English pipeline, every component on, as ../shared/tools/throughput.py runs it.
That tool compares whole runs end to end; this one says which part costs what.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from newsgraph import nlp
from newsgraph.clean import blank, find_removed
from newsgraph.entities import find_entities
from newsgraph.model import Analysis
from newsgraph.pipeline import BATCH_SIZE
from newsgraph.quotes import find_quotes
from newsgraph.quotes.attributions import learned_attributions
from newsgraph.quotes.find import found_quotes
from newsgraph.quotes.ranking import rank_speakers
from newsgraph.timex import find_timex

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "bbc" / "bbc.jsonl"


def corpus(path: Path | None, n: int) -> list[str]:
    if path is None and BBC.exists():
        path = BBC
    if path is not None:
        with path.open(encoding="utf-8") as f:
            return [json.loads(line)["text"] for _, line in zip(range(n), f, strict=False)]
    examples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [examples[i % len(examples)] for i in range(n)]


def components(language, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of the tokenizer and of each pipeline component, run one after the other over all texts."""
    seconds: dict[str, float] = {}
    t = time.process_time()
    docs = [language.make_doc(text) for text in texts]
    seconds["tokenizer"] = time.process_time() - t
    for name, component in language.pipeline:
        t = time.process_time()
        docs = list(component.pipe(docs, batch_size=batch_size)) if hasattr(component, "pipe") else map(component, docs)
        docs = list(docs)
        seconds[name] = time.process_time() - t
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jsonl", type=Path, help="a JSONL file with a 'text' field per line")
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    texts = corpus(args.jsonl, args.n)
    import spacy

    t = time.process_time()
    bare_nlp = spacy.load(nlp.MODEL)
    bare_load = time.process_time() - t
    bare = components(bare_nlp, texts, 64)
    bare_total = sum(bare.values())

    seconds: dict[str, float] = defaultdict(float)
    learned_seconds: dict[str, float] = defaultdict(float)
    t = time.process_time()
    ours_nlp = nlp.load()
    seconds["load model"] = time.process_time() - t
    t = time.process_time()
    removed = [find_removed(text) for text in texts]
    blanked = [blank(text, r) for text, r in zip(texts, removed, strict=True)]
    seconds["clean"] = time.process_time() - t
    parse = components(ours_nlp, blanked, BATCH_SIZE)
    docs = list(nlp.parse_many(blanked))
    for text, doc, spans in zip(texts, docs, removed, strict=True):
        t = time.process_time()
        entities = find_entities(doc)
        seconds["entities"] += time.process_time() - t
        t = time.process_time()
        quotes = find_quotes(doc, entities)
        seconds["quotes"] += time.process_time() - t
        # The learned parts of the quote stage, timed again on their own (included in "quotes" above).
        ctx = found_quotes(doc, entities, learned=False)
        t = time.process_time()
        cues = [f.cue.start for f in ctx.found if f.cue is not None]
        learned_attributions(doc, ctx.speakers, [(f.start, f.end) for f in ctx.found], cues)
        learned_seconds["quotes: attribution model"] += time.process_time() - t
        t = time.process_time()
        rank_speakers(ctx)
        learned_seconds["quotes: speaker ranker"] += time.process_time() - t
        t = time.process_time()
        timex = find_timex(doc, "2005-01-01")
        seconds["timex"] += time.process_time() - t
        t = time.process_time()
        analysis = Analysis(
            id=1, text=text, removed=tuple(spans), entities=tuple(entities), quotes=tuple(quotes), timex=tuple(timex)
        )
        analysis.to_json()
        seconds["to_json"] += time.process_time() - t

    words = sum(len(text.split()) for text in texts)
    print(f"{len(texts)} articles, {words:,} words; CPU seconds, % of the bare parse ({bare_total:.2f} s)")
    print(f"  {'bare model load':24} {bare_load:7.2f} s")
    for name, s in bare.items():
        print(f"  bare {name:19} {s:7.2f} s  {100 * s / bare_total:5.1f}%")
    print(f"  {'our model load':24} {seconds.pop('load model'):7.2f} s")
    for name, s in parse.items():
        print(f"  parse {name:18} {s:7.2f} s  {100 * s / bare_total:5.1f}%")
    for stage, s in seconds.items():
        print(f"  {stage:24} {s:7.2f} s  {100 * s / bare_total:5.1f}%")
    ours = sum(parse.values()) + sum(seconds.values())
    for part, s in learned_seconds.items():
        print(f"  {part:24} {s:7.2f} s  {100 * s / bare_total:5.1f}%  ({100 * s / ours:.1f}% of the analysis)")
    print(
        f"bench: our parse {100 * sum(parse.values()) / bare_total:.1f}% of the bare parse, our stages "
        f"{100 * sum(seconds.values()) / bare_total:.1f}%; in all {100 * ours / bare_total:.1f}% "
        f"(≤ 100% is the target); {len(texts) / ours:.1f} docs per CPU second"
    )


if __name__ == "__main__":
    main()
