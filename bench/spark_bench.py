"""The Spark job on one machine against `newsgraph analyze --workers N` over the same articles, end to end.

    .venv/bin/python bench/spark_bench.py [--n 2127] [--workers 2] [--rounds 1] [--warc]

Both run as whole commands (start-up, model loads and, for Spark, the JVM and the Parquet writes included):
`newsgraph analyze IN.jsonl -o OUT.jsonl --workers N` and `newsgraph spark IN.jsonl -o DIR --master local[N]`, in
turns (A B A B) so that drift of a shared machine hits both. Articles: the first --n of ../shared/data/bbc/bbc.jsonl
(else the bundled examples, repeated). With --warc the same articles go into a WARC.gz of HTML pages instead, and
both commands read that. Prints docs/s of each and the ratio (the target: Spark at least 0.75 of analyze), and
checks that the Spark tables hold as many articles as analyze wrote lines.
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "bbc" / "bbc.jsonl"
NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def records(n: int) -> list[dict]:
    if BBC.exists():
        with BBC.open(encoding="utf-8") as f:
            rows = [json.loads(line) for _, line in zip(range(n), f, strict=False)]
        return [{"id": r["id"], "text": r["text"], "published": "2005-03-01"} for r in rows]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [{"id": f"example-{i}", "text": texts[i % len(texts)], "published": "2023-02-28"} for i in range(n)]


def write_warc(rows: list[dict], path: Path) -> None:
    """The articles as HTML response records (headline as <h1>, one <p> a paragraph) in a WARC.gz."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    with path.open("wb") as out:
        for row in rows:
            head, _, body = row["text"].partition("\n")
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
            page = (
                f"<html><head><title>{html.escape(head)}</title></head><body><article><h1>{html.escape(head)}</h1>"
                f"{paragraphs}</article></body></html>"
            ).encode()
            block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            block += b"Content-Length: %d\r\n\r\n" % len(page) + page
            record = WarcRecord()
            record.init_headers(len(block), WarcRecordType.response)
            record.headers["WARC-Target-URI"] = f"https://news.test/{row['id']}"
            record.headers["WARC-Date"] = f"{row['published']}T10:00:00Z"
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(block)
            buf = io.BytesIO()
            record.write(buf)
            out.write(gzip.compress(buf.getvalue()))


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"`{' '.join(cmd)}` failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start, done.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2127)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--warc", action="store_true", help="read a WARC.gz of HTML pages rather than JSONL")
    args = ap.parse_args()
    rows = records(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        if args.warc:
            source = Path(tmp, "in.warc.gz")
            write_warc(rows, source)
        else:
            source = Path(tmp, "in.jsonl")
            source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out_jsonl, out_dir = Path(tmp, "out.jsonl"), Path(tmp, "tables")
        analyze = [str(NEWSGRAPH), "analyze", str(source), "-o", str(out_jsonl), "--workers", str(args.workers)]
        spark = [str(NEWSGRAPH), "spark", str(source), "-o", str(out_dir), "--master", f"local[{args.workers}]"]
        spark += ["--conf", "spark.ui.showConsoleProgress=false", "--mode", "overwrite"]
        a_runs, b_runs, said = [], [], ""
        for _ in range(args.rounds):
            a_runs.append(timed(analyze)[0])
            seconds, said = timed(spark)
            b_runs.append(seconds)
        lines = out_jsonl.read_text(encoding="utf-8").splitlines()
        import pyarrow.parquet as pq

        articles = pq.read_table(out_dir / "articles").num_rows
        errors = pq.read_table(out_dir / "errors").num_rows
        shutil.rmtree(out_dir)
    a, b = statistics.median(a_runs), statistics.median(b_runs)
    n = len(rows)
    kind = "WARC.gz" if args.warc else "JSONL"
    print(f"analyze --workers {args.workers}: {a:7.1f} s  {n / a:6.1f} docs/s  ({len(lines)} lines out)")
    print(f"spark local[{args.workers}]     : {b:7.1f} s  {n / b:6.1f} docs/s  ({articles} articles, {errors} errors)")
    print(f"  {said.strip().splitlines()[-1] if said.strip() else ''}")
    print(f"spark_bench: ratio {a / b:.2f} (Spark speed / analyze speed; target ≥ 0.75), {n} docs from {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
