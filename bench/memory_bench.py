"""Does memory stay flat over a long stream? Runs `newsgraph analyze IN -o OUT [--workers N]` and samples the
resident memory of the main process and of each worker process as it goes.

    .venv/bin/python bench/memory_bench.py [--workers 2] [--warc] [IN]

IN: a JSONL or WARC file; default all of ../shared/data/bbc/bbc.jsonl (with --warc: the same articles written as
a WARC.gz of HTML pages, as bench/spark_bench.py makes it). Prints the RSS of each process at each tenth of the
run and its peak; flat means the last tenths are no higher than the first ones after the model is loaded.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spark_bench import BBC, NEWSGRAPH, records, write_warc


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", type=Path)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--warc", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.input
        if source is None and args.warc:
            source = Path(tmp, "bbc.warc.gz")
            write_warc(records(10**9), source)
        source = source or BBC
        cmd = [
            str(NEWSGRAPH),
            "analyze",
            str(source),
            "-o",
            str(Path(tmp, "out.jsonl")),
            "--workers",
            str(args.workers),
        ]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples: list[tuple[float, dict[str, float]]] = []
        while proc.poll() is None:
            pids = {"main": proc.pid} | {f"worker {i + 1}": p for i, p in enumerate(children(proc.pid))}
            sample = {name: mb for name, pid in pids.items() if (mb := rss_mb(pid)) is not None}
            samples.append((time.perf_counter() - start, sample))
            time.sleep(0.5)
        said = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
    wall = time.perf_counter() - start
    names = sorted({name for _, sample in samples for name in sample})
    print(f"{' '.join(cmd[1:3])} --workers {args.workers}: {wall:.1f} s; {said.splitlines()[-1] if said else ''}")
    print("  time   " + "  ".join(f"{name:>9}" for name in names))
    for tenth in range(1, 11):
        t, sample = min(samples, key=lambda s: abs(s[0] - wall * tenth / 10))
        print(f"  {t:5.0f}s " + "  ".join(f"{sample.get(name, 0):7.0f}MB" for name in names))
    peaks = {name: max(sample.get(name, 0) for _, sample in samples) for name in names}
    print("memory_bench: peak " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in peaks.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
