"""Does a long article cost what its length says? One article of SIZE bytes, made of BBC articles one after the
other, is analysed by `newsgraph analyze` as one text, and the same articles as a JSONL batch of separate records;
each run's wall time and peak memory (its process's maximum resident set) are printed, and their ratio.

    .venv/bin/python bench/long_article.py [--mb 1] [--no-separate]

Targets (issue 10): a 1 MB article in at most 1.3 times the time of the same text as separate articles, with a peak
of at most 1 GB; a 5 MB article finishes (`--mb 5 --no-separate`). Both runs include the start-up (model load), the
same for each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spark_bench import BBC, NEWSGRAPH


def articles(size: int) -> list[str]:
    """BBC articles, repeated if need be, until their texts together reach `size` bytes."""
    with BBC.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    out: list[str] = []
    total = 0
    while total < size:
        text = texts[len(out) % len(texts)]
        out.append(text)
        total += len(text.encode("utf-8")) + 2
    return out


def run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB and the last line on standard error of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    said = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{said}")
    return wall, usage.ru_maxrss / 1024, (said.strip().splitlines() or [""])[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="the article's size in MB (10^6 bytes)")
    ap.add_argument("--no-separate", action="store_true", help="only the long article, not the batch to compare")
    args = ap.parse_args()
    size = int(args.mb * 1_000_000)
    texts = articles(size)
    with tempfile.TemporaryDirectory() as tmp:
        long = Path(tmp, "long.txt")
        long.write_text("\n\n".join(texts), encoding="utf-8")
        limit = str(long.stat().st_size + 1)
        one = [str(NEWSGRAPH), "analyze", str(long), "--published", "2005-01-01", "--max-bytes", limit]
        wall, peak, _ = run([*one, "-o", str(Path(tmp, "long.json"))])
        line = f"long_article: {long.stat().st_size / 1e6:.2f} MB in {wall:.1f} s, peak {peak:.0f} MB"
        if not args.no_separate:
            batch = Path(tmp, "separate.jsonl")
            with batch.open("w", encoding="utf-8") as f:
                for text in texts:
                    f.write(json.dumps({"text": text, "published": "2005-01-01"}) + "\n")
            out = str(Path(tmp, "separate.out.jsonl"))
            sep_wall, sep_peak, _ = run([str(NEWSGRAPH), "analyze", str(batch), "-o", out])
            line += (
                f"; as {len(texts)} articles {sep_wall:.1f} s, peak {sep_peak:.0f} MB; "
                f"time ratio {wall / sep_wall:.2f} (target ≤ 1.3)"
            )
    print(line)


if __name__ == "__main__":
    main()
