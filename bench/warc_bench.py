"""Does a WARC stream in flat memory? Build a WARC.gz of N records, read it, and watch the resident memory.

    .venv/bin/python bench/warc_bench.py [--n 3000] [--out /tmp/bench.warc.gz] [--analyze]

The archive holds, in turn, a request record, an HTML response (the AEB benchmark pages of
../shared/data/aeb/html, each under its own URL, or synthetic pages when that folder is not there) and, every
tenth record, an image response that must be skipped. Reading only (`read_warc`: fastwarc + trafilatura +
cleaning) prints the resident memory every 10% of the records; `--analyze` then runs the whole
`newsgraph analyze x.warc.gz -o out.jsonl` and prints its peak RSS (from the kernel's accounting of the child).
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from fastwarc.warc import WarcRecordType

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "aeb" / "html"
sys.path.insert(0, str(ROOT / "tests"))
from warcs import record, response  # noqa: E402  (the tests' WARC records, as a crawler writes them)


def pages() -> list[bytes]:
    if AEB.is_dir():
        return [gzip.decompress(p.read_bytes()) for p in sorted(AEB.glob("*.html.gz"))]
    rng = random.Random(1)
    words = "the mayor council budget said on tuesday would be cut by a tenth next year after a dispute"
    words_list = words.split(" ")
    out = []
    for i in range(50):
        paras = "".join(
            "<p>" + " ".join(rng.choice(words_list) for _ in range(40)).capitalize() + ".</p>" for _ in range(12)
        )
        out.append(
            f"<html><head><title>Story {i}</title></head><body><article>{paras}</article></body></html>".encode()
        )
    return out


def build(path: Path, n: int) -> int:
    """Write `n` HTML responses (and the records around them); return the number of records written."""
    html = pages()
    count = 0
    with path.open("wb") as f:
        for i in range(n):
            uri = f"https://news.example.com/{i:06d}"
            # One gzip member per record, as Common Crawl writes them.
            request = b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"
            f.write(gzip.compress(record(WarcRecordType.request, uri, request, "application/http; msgtype=request")))
            f.write(gzip.compress(response(uri, html[i % len(html)])))
            count += 2
            if i % 10 == 0:
                f.write(gzip.compress(response(uri + ".png", b"\x89PNG\r\n\x1a\n" + bytes(2000), b"image/png")))
                count += 1
    return count


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000, help="HTML pages in the archive")
    ap.add_argument("--out", type=Path, default=Path("/tmp/newsgraph-bench.warc.gz"))
    ap.add_argument("--analyze", action="store_true", help="also run `newsgraph analyze` on it")
    args = ap.parse_args()
    t0 = time.time()
    total = build(args.out, args.n)
    print(
        f"built {args.out}: {total} records ({args.n} HTML pages), {args.out.stat().st_size / 2**20:.1f} MiB "
        f"in {time.time() - t0:.0f} s",
        flush=True,
    )

    from newsgraph.clean import find_removed
    from newsgraph.model import Article
    from newsgraph.sources import read_warc

    t0 = time.time()
    n = 0
    for item in read_warc(args.out):
        n += 1
        if isinstance(item, Article):
            find_removed(item.text)
        if n % max(1, args.n // 10) == 0:
            print(f"  {n:6d} records read, RSS {rss_mb():.0f} MiB, {time.time() - t0:.0f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"read_warc: {n} articles in {time.time() - t0:.0f} s; peak RSS {peak:.0f} MiB")

    if args.analyze:
        out = args.out.with_suffix(".jsonl")
        t0 = time.time()
        exe = Path(sys.executable).parent / "newsgraph"
        proc = subprocess.Popen([str(exe), "analyze", str(args.out), "-o", str(out)])
        samples: list[tuple[int, float]] = []  # (lines written so far, resident MiB of the child)
        while proc.poll() is None:
            time.sleep(2)
            try:
                status = Path(f"/proc/{proc.pid}/status").read_text()
                rss = int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmRSS"))) / 1024
                done = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
                samples.append((done, rss))
            except (OSError, StopIteration):
                pass
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        lines = sum(1 for _ in out.open(encoding="utf-8"))
        for k in range(1, 11):  # the resident memory once each tenth of the records was written
            at = [rss for done, rss in samples if done >= k * lines // 10]
            if at:
                print(f"  {k * 10:3d}% of the records written: RSS {at[0]:.0f} MiB")
        print(f"newsgraph analyze: {lines} lines in {time.time() - t0:.0f} s; peak RSS {child:.0f} MiB")


if __name__ == "__main__":
    main()
