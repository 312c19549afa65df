"""The command line end to end, through the installed `newsgraph` console script as outside tools call it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLE, EXAMPLE_PUBLISHED, assert_offsets
from newsgraph.model import json_schema

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(NEWSGRAPH), *args], input=stdin, capture_output=True, timeout=300)


def test_analyze_example_prints_valid_json_with_true_offsets():
    proc = run("analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    jsonschema.validate(out, json_schema())
    assert out["text"] == EXAMPLE.read_text(encoding="utf-8")
    assert out["published"] == EXAMPLE_PUBLISHED
    assert out["headline"].startswith("Ukraine will join NATO")
    assert_offsets(out)
    assert len(out["quotes"]) >= 10
    assert any(e["name"] == "Jens Stoltenberg" for e in out["entities"])


def test_analyze_reads_standard_input():
    proc = run("analyze", "-", "--no-headline", stdin="“We will win,” Jane Doe said on Monday.".encode())
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["headline"] is None
    assert [q["text"] for q in out["quotes"]] == ["We will win,"]


def test_report_format_prints_who_said_what_and_writes_json(tmp_path):
    target = tmp_path / "example.json"
    proc = run("analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED, "--format", "report", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    report = proc.stdout.decode()
    assert "Who said what" in report and "Stoltenberg" in report and "2023-02-27" in report
    assert "Headline check" in report and "long term perspective" in report
    assert "What was claimed" in report and "should join" in report and "not asserted" in report
    jsonschema.validate(json.loads(target.read_text()), json_schema())


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "image.txt", b"\x89PNG\x00\x00\x01\x02"), "binary"),
        (lambda d: _write(d / "big.txt", b"word " * 30), "too large"),
    ],
)
def test_bad_input_is_one_line_naming_the_input(tmp_path, make, problem):
    path = make(tmp_path)
    proc = run("analyze", str(path), "--max-bytes", "100")
    assert proc.returncode != 0
    message = proc.stderr.decode().strip()
    assert len(message.splitlines()) == 1, message
    assert str(path) in message and problem in message


def test_bad_published_date_is_refused():
    proc = run("analyze", str(EXAMPLE), "--published", "last tuesday")
    assert proc.returncode != 0 and b"--published" in proc.stderr


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    path = _write(tmp_path / "latin1.txt", "Café owner says “we are open” on Monday.".encode("cp1252"))
    proc = run("analyze", str(path))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert "\ufffd" in out["text"]
    assert any("invalid UTF-8" in w for w in out["warnings"])


def test_batch_keeps_line_count_order_and_ids_with_errors(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "First\n“Yes, we can,” she said.", "published": "2023-02-28"}),
        "{broken",
        json.dumps({"id": "c", "html": "<html><body><p>No article here.</p></body></html>"}),
        json.dumps({"text": 17}),
        json.dumps({"id": "e", "text": "Last one\nMr Smith said it rained yesterday.", "headline": "Given"}),
        json.dumps({"id": "f", "text": "Dated\nBody.", "published": "not a date"}),
    ]
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n")
    proc = run("analyze", str(src), "-o", str(dst), "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in dst.read_text().splitlines()]
    assert len(out) == len(lines)
    assert [o["id"] for o in out] == ["a", 2, "c", 4, "e", "f"]
    validator = jsonschema.Draft202012Validator(json_schema())
    for o in out:
        validator.validate(o)
    assert [("error" in o) for o in out] == [False, True, False, True, False, True]
    assert out[1]["error"]["line"] == 2 and out[1]["error"]["type"] == "invalid_json"
    assert out[3]["error"]["type"] == "invalid_field"
    assert "published" in out[5]["error"]["message"]
    assert out[4]["headline"] == "Given"
    assert [t["value"] for t in out[4]["timex"]] == ["XXXX-XX-XX"]  # no publication date: unknown parts stay unknown
    for o in out:
        if "error" not in o:
            assert_offsets(o)


def test_batch_output_is_the_same_with_one_or_two_workers(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": text, "published": "2023-02-28"}) + "\n" for i in range(5)))
    outs = []
    for workers in ("1", "2"):
        dst = tmp_path / f"out{workers}.jsonl"
        proc = run("analyze", str(src), "-o", str(dst), "--workers", workers)
        assert proc.returncode == 0, proc.stderr
        outs.append(dst.read_text())
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == 5


def test_stats_prints_each_stage_on_stderr_and_leaves_the_output_as_it_was(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    src = tmp_path / "in.jsonl"
    records = [json.dumps({"id": i, "text": text, "published": EXAMPLE_PUBLISHED}) for i in range(3)]
    src.write_text("\n".join([*records, "{broken"]) + "\n")
    plain = run("analyze", str(src))
    assert plain.returncode == 0, plain.stderr
    made = [json.loads(line) for line in plain.stdout.splitlines()[:3]]
    proc = run("analyze", str(src), "--stats", "--workers", "2")  # the workers' stats come back to the parent
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == plain.stdout
    said = proc.stderr.decode()
    assert "stats: articles: 3 analysed, 1 failed" in said
    counts = {
        "clean": f"removed spans: {sum(len(o['removed']) for o in made)}",
        "parse": "",
        "entities": f"entities: {sum(len(o['entities']) for o in made)}",
        "quotes": f"quotes: {sum(len(o['quotes']) for o in made)}",
        "timex": f"time expressions: {sum(len(o['timex']) for o in made)}",
    }
    for stage, count in counts.items():
        line = re.search(rf"^  {stage} +(\d+\.\d\d) s *(.*)$", said, re.MULTILINE)
        assert line is not None, (stage, said)
        assert line[2] == count
        # Times are summed from the workers; a fast stage over three articles may round to 0.00 s, the parse never.
        assert float(line[1]) > 0 or stage != "parse"
    single = run("analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED, "--stats")
    assert single.returncode == 0, single.stderr
    assert json.loads(single.stdout) == made[0] | {"id": EXAMPLE.stem}
    assert "stats: articles: 1 analysed, 0 failed" in single.stderr.decode()


def test_an_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Mayor quits\nThe mayor resigned."}) + "\n")
    before = src.read_bytes()
    (tmp_path / "hard.jsonl").hardlink_to(src)
    (tmp_path / "soft.jsonl").symlink_to(src)
    for output in (src, tmp_path / "hard.jsonl", tmp_path / "soft.jsonl"):
        proc = run("analyze", str(src), "-o", str(output))
        message = proc.stderr.decode().strip()
        assert proc.returncode == 1 and len(message.splitlines()) == 1, message
        assert f"{output}: -o: is the input {src}" in message
        assert src.read_bytes() == before


def test_an_output_that_is_a_directory_or_under_a_file_is_a_one_line_error(tmp_path):
    a_file = _write(tmp_path / "a.txt", b"x")
    for output, problem in [(tmp_path, "is a directory"), (a_file / "sub" / "out.json", f"{a_file} is a file")]:
        proc = run("analyze", str(EXAMPLE), "-o", str(output))
        message = proc.stderr.decode().strip()
        assert proc.returncode == 1 and len(message.splitlines()) == 1 and "Traceback" not in message, message
        assert f"{output}: -o: {problem}" in message


def test_a_failed_run_leaves_the_old_output_as_it_was(tmp_path):
    # An input with no records is an error (exit 1), as an empty text file is; the output of an earlier run stays.
    src, dst = _write(tmp_path / "empty.jsonl", b"\n\n"), _write(tmp_path / "out.jsonl", b'{"id": "earlier"}\n')
    proc = run("analyze", str(src), "-o", str(dst))
    message = proc.stderr.decode().strip()
    assert proc.returncode == 1 and message == f"newsgraph: error: {src}: empty: no records (only blank lines)"
    assert dst.read_bytes() == b'{"id": "earlier"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.jsonl", "out.jsonl"]  # no temporary file left
    # A device is written to as it is, not replaced by a file.
    src.write_text(json.dumps({"id": "a", "text": "Mayor quits\nThe mayor resigned."}) + "\n")
    proc = run("analyze", str(src), "-o", "/dev/stdout")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "a"


def test_hostile_lines_among_good_ones_give_one_line_each_and_no_traceback(tmp_path):
    good = json.dumps({"id": "good", "text": "Mayor quits\nThe mayor resigned on Tuesday."})
    lines = [
        b"\xef\xbb\xbf" + good.encode(),  # a byte-order mark
        b'{"id": 1' + b"0" * 5000 + b', "text": "Too long a number."}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"id": "s\\ud800", "text": "Lone \\udfff surrogate.\\nThe mayor resigned."}',
        b'{"text": "caf\xe9 society\\nThe mayor resigned."}',
        b'{"text": "' + b"x" * 200_000 + b'"}',  # over the line limit for --max-bytes 2000
        b'{"text": "cut off',
        b"null",
        b"\x00\x01\xff\xfe",
        b'{"text": ["a list"], "published": 12}',
        b'{"html": "<p>"}',
        b"",
        good.encode(),
    ]
    src, dst = _write(tmp_path / "hostile.jsonl", b"\n".join(lines) + b"\n"), tmp_path / "out.jsonl"
    proc = run("analyze", str(src), "-o", str(dst), "--max-bytes", "2000")
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
    out = [json.loads(line) for line in dst.read_bytes().decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    assert [o["id"] for o in out] == ["good", 2, 3, "s\ufffd", 5, 6, 7, 8, 9, 10, 11, 12, "good"]
    assert [("error" in o) for o in out] == [False, True, True, False, False, *[True] * 7, False]
    assert out[3]["text"] == "Lone \ufffd surrogate.\nThe mayor resigned."
    assert out[5]["error"]["type"] == "too_large"


def test_schema_command_prints_the_shipped_schema():
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json_schema()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_commands_that_need_no_parse_load_no_spacy():
    # `--help`, the corpus commands and the cleaner (which reads the quotation marks of newsgraph.quotes) stay fast:
    # the stages' packages load spaCy only when a stage runs, newsgraph.spark only when the job runs.
    code = "import sys, newsgraph.cli, newsgraph.clean, newsgraph.store; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
