"""Where the time goes: each stage of the pipeline timed separately over a corpus, in one process.

    .venv/bin/python bench/run.py [--jsonl FILE] [--n 300]

Default corpus: ../shared/data/bbc/bbc.jsonl when it is there, else the bundled examples repeated. The end-to-end
comparison with a bare spaCy parse is ../shared/tools/throughput.py; this one says which of our stages costs what.
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
from newsgraph.quotes import find_quotes
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jsonl", type=Path, help="a JSONL file with a 'text' field per line")
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    texts = corpus(args.jsonl, args.n)
    seconds: dict[str, float] = defaultdict(float)

    t = time.perf_counter()
    nlp.load()
    seconds["load model"] = time.perf_counter() - t

    t = time.perf_counter()
    removed = [find_removed(text) for text in texts]
    blanked = [blank(text, r) for text, r in zip(texts, removed, strict=True)]
    seconds["clean"] = time.perf_counter() - t

    t = time.perf_counter()
    docs = list(nlp.parse_many(blanked))
    seconds["parse"] = time.perf_counter() - t

    for doc in docs:
        t = time.perf_counter()
        entities = find_entities(doc)
        seconds["entities"] += time.perf_counter() - t
        t = time.perf_counter()
        find_quotes(doc, entities)
        seconds["quotes"] += time.perf_counter() - t
        t = time.perf_counter()
        find_timex(doc, "2005-01-01")
        seconds["timex"] += time.perf_counter() - t

    parse = seconds["parse"]
    words = sum(len(text.split()) for text in texts)
    print(f"{len(texts)} articles, {words:,} words")
    for stage, s in seconds.items():
        share = f"{100 * s / parse:6.1f}% of the parse" if stage != "parse" else ""
        print(f"  {stage:12} {s:8.3f} s  {share}")
    ours = sum(s for k, s in seconds.items() if k not in {"parse", "load model"})
    print(f"bench: our stages {100 * ours / parse:.1f}% of the parse; {len(texts) / (parse + ours):.1f} docs/s")


if __name__ == "__main__":
    main()
