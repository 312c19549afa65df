"""Does an optimisation of the parse change what newsgraph finds? Runs the pipeline twice in one process, once
with a saved copy of nlp.py and pipeline.py (before the change) and once with the current ones, over the same
articles and the same code for every stage, and prints every record whose JSON differs.

    .venv/bin/python bench/same_output.py SAVED_DIR [--n 200] [--polnear 200]

SAVED_DIR holds the earlier nlp.py and pipeline.py. Articles: the first --n BBC articles, --polnear PolNeAR news
articles (many quotes) and the bundled example, from ../shared when it is there.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

import newsgraph.pipeline as current
from newsgraph import nlp

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def saved_pipeline(folder: Path) -> ModuleType:
    """The saved pipeline module, wired to the saved nlp module."""
    source = (folder / "nlp.py").read_text(encoding="utf-8")
    # Its spaCy components under names of their own, beside the current module's.
    source = source.replace('"newsgraph_', '"saved_newsgraph_')
    saved_nlp = ModuleType("saved_nlp")
    exec(compile(source, str(folder / "nlp.py"), "exec"), saved_nlp.__dict__)
    spec = importlib.util.spec_from_file_location("saved_pipeline", folder / "pipeline.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.nlp = saved_nlp
    return module


def records(n: int, polnear: int) -> list[dict]:
    out = []
    bbc = SHARED / "bbc" / "bbc.jsonl"
    if bbc.exists():
        with bbc.open(encoding="utf-8") as f:
            out += [json.loads(line) for _, line in zip(range(n), f, strict=False)]
    for path in sorted(SHARED.glob("polnear/*/text/*.txt"))[:polnear]:
        out.append({"id": path.stem, "text": path.read_text(encoding="utf-8")})
    for path in sorted((ROOT / "examples").glob("*.txt")):
        out.append({"id": path.stem, "text": path.read_text(encoding="utf-8"), "published": "2023-02-28"})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("saved", type=Path)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--polnear", type=int, default=200)
    args = ap.parse_args()
    items = records(args.n, args.polnear)
    saved = saved_pipeline(args.saved)
    t = time.process_time()
    before = [r.to_json() for r in saved.analyze_many(items)]
    t_before = time.process_time() - t
    t = time.process_time()
    after = [r.to_json() for r in current.analyze_many(items)]
    t_after = time.process_time() - t
    differ = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    for b, a in differ:
        print("BEFORE", b[:300], "\nAFTER ", a[:300], file=sys.stderr)
    print(
        f"same_output: {len(items)} records, {len(differ)} differ; CPU {t_before:.1f} s before, {t_after:.1f} s "
        f"after ({nlp.__name__})"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
