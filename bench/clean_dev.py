"""Develop the cleaner away from what `clean_eval.py` measures: dev/train data disjoint from its evaluation draw.

    .venv/bin/python bench/clean_dev.py [--split dev|train] [--n 600] [--seed 11] [--report FILE]

`../shared/tools/clean_eval.py` draws 400 BBC articles with seed 7 and glues in headlines of other BBC articles.
This script rebuilds that draw only to leave it out: the articles it measures and every headline it glues in are
held out; the other articles are split (by a hash of their id) into `train` (for `bench/train_headlines.py`) and
`dev`, and dev documents are generated with the same kinds of junk, from dev headlines only. Scoring calls
`find_removed` directly (no parse), so a run takes seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "tools"
BBC = ROOT.parent / "shared" / "data" / "bbc" / "bbc.jsonl"
sys.path.insert(0, str(TOOLS))

import clean_eval  # noqa: E402

EVAL_SEED, EVAL_N = 7, 400


def _import_without_package_init() -> None:
    """Make `newsgraph.clean` importable even while another stage (imported by `newsgraph/__init__`) is mid-change:
    register the package without running its `__init__`."""
    import importlib
    import importlib.util

    try:
        importlib.import_module("newsgraph")
        return
    except Exception:
        for name in [m for m in sys.modules if m == "newsgraph" or m.startswith("newsgraph.")]:
            del sys.modules[name]
    src = ROOT / "src" / "newsgraph"
    spec = importlib.util.spec_from_file_location(
        "newsgraph", src / "__init__.py", submodule_search_locations=[str(src)]
    )
    assert spec is not None
    sys.modules["newsgraph"] = importlib.util.module_from_spec(spec)


_import_without_package_init()


def held_out() -> tuple[set[str], set[str]]:
    """(article ids, headlines) that clean_eval's default run uses: never train or tune on them."""
    docs = clean_eval.build_bbc(BBC, EVAL_N, EVAL_SEED)
    arts = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = {d.id for d in docs}
    injected = " ".join(it["text"] for d in docs for it in d.items)
    heads = {a["headline"] for a in arts if a["id"] in ids or a["headline"] in injected}
    return ids, heads


def split_of(article_id: str) -> str:
    return "dev" if hashlib.sha1(article_id.encode()).digest()[0] < 77 else "train"  # about 30% dev


def articles(split: str) -> list[dict]:
    """The BBC articles of a split, none of them in (or glued into) clean_eval's draw."""
    ids, heads = held_out()
    arts = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [a for a in arts if a["id"] not in ids and a["headline"] not in heads and split_of(a["id"]) == split]


def build(split: str, n: int, seed: int) -> list[clean_eval.Doc]:
    arts = articles(split)
    rng = random.Random(seed)
    donors = sorted({a["headline"] for a in arts})
    rng.shuffle(arts)
    arts = arts[:n]
    n_cont = (len(arts) + 1) // 2
    docs = []
    for k, art in enumerate(arts):
        sep = rng.choice(["\n\n", "\n"])
        text = clean_eval.relayout(art["text"], sep)
        inserts = clean_eval.make_bbc_inserts(rng, text, sep, art, donors) if k < n_cont else []
        docs.append(clean_eval.assemble(art["id"], text, art["headline"], inserts))
    return docs


def main() -> None:
    from newsgraph.clean import find_removed

    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--report")
    ap.add_argument("--thresholds", help='JSON overriding headline thresholds, e.g. {"line": 0.5}')
    args = ap.parse_args()
    if args.thresholds:
        from newsgraph.clean import headlines

        headlines.THRESHOLDS.update(json.loads(args.thresholds))
    docs = build(args.split, args.n, args.seed)
    t0 = time.time()
    outs = []
    for d in docs:
        removed = find_removed(d.text)
        for r in removed:
            assert d.text[r.start : r.end] == r.text
        outs.append({"id": d.id, "text": d.text, "removed": [r.to_dict() for r in removed]})
    secs = time.time() - t0
    report: list[dict] = []
    tally = clean_eval.score_docs(docs, outs, report)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            for r in report:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    clean_eval.print_summary(f"clean_dev ({args.split})", docs, tally, secs, clean_eval.KIND_LABELS)


if __name__ == "__main__":
    main()
