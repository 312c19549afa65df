"""The corpus commands end to end, through the installed console script: ingest (and a killed ingest resumed),
quotes, people, timeline, export."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import corpus
import handmade
from newsgraph import store

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NEWSGRAPH), *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    batch = folder / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in corpus.records()), encoding="utf-8")
    path = folder / "corpus.db"
    proc = run("ingest", str(batch), "--db", str(path), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "3 added, 0 already stored, 0 errors" in proc.stderr
    return path


def test_ingest_twice_stores_once(db, tmp_path):
    batch = tmp_path / "again.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in corpus.records()) + "not json\n", encoding="utf-8")
    proc = run("ingest", str(batch), "--db", str(db), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "0 added, 3 already stored, 1 errors" in proc.stderr
    assert "not valid JSON" in proc.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_ingest_reads_text_files_and_directories(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(corpus.BERG, encoding="utf-8")
    (folder / "sub" / "two.html").write_text(
        "<html><head><title>Budget row</title></head><body><article><h1>Budget row</h1>"
        "<p>“Do not trust them,” said Tom Hale, the finance minister, on Tuesday.</p>"
        "<p>The row went on for days, and nobody in the ministry would say how it might end.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    path = tmp_path / "dir.db"
    proc = run("ingest", str(folder), str(tmp_path / "missing.txt"), "--db", str(path), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "2 added, 0 already stored, 1 errors" in proc.stderr, proc.stderr
    rows = sqlite3.connect(path).execute("SELECT id, source FROM articles ORDER BY pk").fetchall()
    assert rows == [("one.txt", str(folder)), ("sub/two.html", str(folder))]


def warc_response(uri: str, html: str, content_type: str = "text/html; charset=utf-8") -> bytes:
    """One gzipped WARC response record holding `html`."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    body = html.encode()
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    record = WarcRecord()
    record.init_headers(len(http + body), WarcRecordType.response)
    record.headers["WARC-Target-URI"] = uri
    record.headers["WARC-Date"] = "2023-03-06T10:00:00Z"
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(http + body)
    buf = io.BytesIO()
    record.write(buf)
    return gzip.compress(buf.getvalue())


def test_ingest_reads_warc_archives_and_knows_pages_by_url(tmp_path):
    from newsgraph.store.terminal import estimate_records

    story = (
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>“We will not give in,” said Maria Costa, the mayor of Lisbon, on Monday.</p>"
        "<p>The city council meets again next week to vote on the budget, officials said in a statement.</p>"
        "</article></body></html>"
    )
    crawl = tmp_path / "crawl.warc.gz"
    crawl.write_bytes(
        warc_response("https://news.example/lisbon", story.format(title="Lisbon budget"))
        + warc_response("https://news.example/logo.png", "\x89PNG", "image/png")
        + warc_response("https://news.example/porto", story.format(title="Porto budget").replace("Lisbon", "Porto"))
    )
    assert estimate_records([str(crawl)]) == 2
    path = tmp_path / "warc.db"
    first = run("ingest", str(crawl), "--db", str(path), "--no-progress")
    assert first.returncode == 0, first.stderr
    assert "2 added, 0 already stored, 0 errors" in first.stderr
    urls = [r[0] for r in sqlite3.connect(path).execute("SELECT url FROM articles ORDER BY pk")]
    assert urls == ["https://news.example/lisbon", "https://news.example/porto"]
    speakers = json.loads(run("people", "--db", str(path), "--json").stdout)
    assert [(p["name"], p["quotes"]) for p in speakers] == [("Maria Costa", 2)]
    again = run("ingest", str(crawl), "--db", str(path), "--no-progress")
    assert "0 added, 2 already stored, 0 errors" in again.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_killed_ingest_loses_nothing_committed_and_resumes(tmp_path):
    batch = tmp_path / "many.jsonl"
    n = 200
    lines = [
        json.dumps({"id": f"s{i}", "text": f"Story {i}\n\n“Number {i} is done,” said Kim Lo on Monday. It rained."})
        for i in range(n)
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The killed ingest reads the first half of the batch from a named pipe that stays open: it waits for more,
    # so the kill comes in the middle of the run however fast or busy the machine.
    pipe = tmp_path / "stream.jsonl"
    os.mkfifo(pipe)
    writer = os.open(pipe, os.O_RDWR)  # open for writing without waiting for a reader (Linux)
    path = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [str(NEWSGRAPH), "ingest", str(pipe), "--db", str(path), "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        os.write(writer, "".join(line + "\n" for line in lines[: n // 2]).encode())
        stored = _wait_for_articles(path, proc)
        proc.send_signal(signal.SIGKILL)  # no cleanup of any kind: as if the machine stopped
        proc.wait(timeout=30)
    finally:
        os.close(writer)
        if proc.poll() is None:
            proc.kill()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored <= kept <= n // 2
    # Every stored article is whole: its quote is there too.
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == kept
    conn.close()

    again = run("ingest", str(batch), "--db", str(path), "--no-progress")
    assert again.returncode == 0, again.stderr
    assert f"{n - kept} added, {kept} already stored, 0 errors" in again.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (n, n)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == n
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY pk")]
    assert sorted(ids) == sorted(f"s{i}" for i in range(n))
    runs = conn.execute("SELECT finished_at IS NOT NULL FROM ingest_runs ORDER BY pk").fetchall()
    assert runs == [(0,), (1,)]  # the killed run never finished, the second did


def _wait_for_articles(path: Path, proc: subprocess.Popen, timeout: float = 240) -> int:
    """Wait until the ingest has committed some articles; return how many were seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {proc.stderr.read().decode()}")
        if path.exists():
            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
                count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:  # not created yet
                count = 0
            if count:
                return count
        time.sleep(0.02)
    pytest.fail("no article was stored in time")


def test_quotes_as_table_json_and_csv(db):
    table = run("quotes", "--db", str(db), "--speaker", "Berg")
    assert table.returncode == 0, table.stderr
    assert "Who said what (2 quotes)" in table.stdout and "Anna Berg" in table.stdout

    as_json = run("quotes", "--db", str(db), "--about", "Putin", "--since", "2023-02", "--json")
    rows = json.loads(as_json.stdout)
    assert rows and {r["speaker_name"] for r in rows} == {"Jens Stoltenberg"}
    assert {"text", "kind", "cue", "published", "article_id", "start", "end"} <= set(rows[0])

    as_csv = run("quotes", "--db", str(db), "--contains", "trust", "--csv")
    [row] = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert row["speaker_name"] == "Tom Hale" and "<script>" in row["text"]

    empty = run("quotes", "--db", str(db), "--speaker", "Nobody", "--csv")
    assert empty.stdout.splitlines()[0].startswith("id,article,")


def test_people_and_timeline(db):
    people = json.loads(run("people", "--db", str(db), "--json").stdout)
    assert people[0]["name"] == "Jens Stoltenberg" and "NATO chief" in people[0]["titles"]
    timeline = run("timeline", "Stoltenberg", "--db", str(db))
    assert timeline.returncode == 0 and "Timeline of Jens Stoltenberg" in timeline.stdout
    events = json.loads(run("timeline", "Jens Stoltenberg", "--db", str(db), "--json").stdout)
    assert [e["published"] for e in events] == sorted(e["published"] for e in events)
    unknown = run("timeline", "Nobody Atall", "--db", str(db))
    assert unknown.returncode == 1 and "no entity called 'Nobody Atall'" in unknown.stderr


def test_export_formats(db, tmp_path):
    jsonl = run("export", "--db", str(db))
    objects = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [o["id"] for o in objects] == ["example", "berg", "xss"]
    csv_out = run("export", "--db", str(db), "--format", "csv", "--table", "quotes", "-o", str(tmp_path / "q.csv"))
    assert csv_out.returncode == 0, csv_out.stderr
    assert (tmp_path / "q.csv").read_text(encoding="utf-8").startswith("article,article_id,published,position")
    parquet = run("export", "--db", str(db), "-f", "parquet", "--table", "entities", "-o", str(tmp_path / "e.parquet"))
    assert parquet.returncode == 0, parquet.stderr
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "e.parquet").num_rows > 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quotes", "--since", "last week"], "since: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        (["quotes", "--json", "--csv"], "--json and --csv: choose one"),
        (["export", "--table", "nothing"], "--table: no table 'nothing'"),
        (["export", "--format", "parquet"], "give a file with -o"),
    ],
)
def test_bad_questions_are_one_line_errors(db, args, message):
    proc = run(*args, "--db", str(db))
    assert proc.returncode == 1
    assert message in proc.stderr and proc.stderr.count("\n") == 1


def test_a_missing_database_is_named(tmp_path):
    for command in (["quotes"], ["people"], ["timeline", "x"], ["export"]):
        proc = run(*command, "--db", str(tmp_path / "none.db"))
        assert proc.returncode == 1
        assert "none.db: no database here; create it with `newsgraph ingest" in proc.stderr
    assert not (tmp_path / "none.db").exists()


# ---- files that cannot be read or written ----------------------------------------------------------------------


def _newer(folder: Path) -> Path:
    path = handmade.one_article(folder / "corpus.db")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    return path


def _garbled_header(folder: Path) -> Path:
    path = handmade.one_article(folder / "corpus.db")
    with path.open("r+b") as f:
        f.write(b"Not SQLite here!")
    return path


def _directory(folder: Path) -> Path:
    (folder / "corpus.db").mkdir()
    return folder / "corpus.db"


READERS = [["quotes"], ["people"], ["timeline", "Ann Lee"], ["export"], ["serve", "--port", "1"]]


@pytest.mark.parametrize(
    ("make", "commands", "message"),
    [
        (_directory, [["ingest"], *READERS], "is a directory, not a database file"),
        (lambda folder: Path("/dev/null"), [["ingest"], *READERS], "is not a regular file"),
        (_garbled_header, [["ingest"], *READERS], "is not a newsgraph database (file is not a database)"),
        (_newer, [["ingest"], *READERS], "made by a newer newsgraph"),
        # The schema is whole, so the file opens (and `serve` would serve, with a 503 per page); the damage is met
        # by the first query, or by the first write of an ingest.
        (
            lambda folder: handmade.damage(handmade.one_article(folder / "corpus.db")),
            [["ingest", "{folder}/new.txt"], *READERS[:-1]],
            "is damaged (database disk image is malformed)",
        ),
        pytest.param(
            lambda folder: Path("/proc/corpus.db"),
            [["ingest"], *READERS],
            "/proc cannot hold files",
            marks=pytest.mark.skipif(not Path("/proc/self").exists(), reason="no /proc here"),
        ),
    ],
    ids=["directory", "device", "garbled-header", "newer", "damaged", "proc"],
)
def test_a_file_that_cannot_be_a_database_is_a_one_line_error(tmp_path, make, commands, message):
    path = make(tmp_path)
    (tmp_path / "new.txt").write_text("Budget\n\n“It is done,” said Bo Ek.", encoding="utf-8")
    for command in commands:
        args = [arg.format(folder=tmp_path) for arg in command]
        options = ["--no-progress"] if args[0] == "ingest" else []
        proc = run(*args, *options, "--db", str(path), timeout=60)
        assert proc.returncode == 1, (command, proc.stderr)
        assert proc.stderr.startswith(f"newsgraph: error: {path}: "), (command, proc.stderr)
        assert message in proc.stderr and proc.stderr.count("\n") == 1, (command, proc.stderr)
        assert "no database here; create it" not in proc.stderr and "serving" not in proc.stderr


def test_serve_on_a_busy_port_is_a_one_line_error(tmp_path):
    path = handmade.one_article(tmp_path / "one.db")
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        proc = run("serve", "--db", str(path), "--port", str(port), timeout=60)
    assert proc.returncode == 1
    # One line, and no "serving at …" before it: the port is bound before anything is said.
    assert proc.stderr == (
        f"newsgraph: error: http://127.0.0.1:{port}/: port {port} is in use by another program; "
        "choose another with --port\n"
    )


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder that another user may enter (pytest's tmp_path is its own user's only), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-test-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def as_another_user() -> list[str]:
    """The start of a command line that runs it bound by permission bits, as the tests' user is not when root:
    nothing when not root, else setpriv to user nobody. Skips the test when that cannot be done here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, with no setpriv to run newsgraph as a user that permission bits bind")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    if subprocess.run([*prefix, str(NEWSGRAPH), "--help"], capture_output=True, timeout=60).returncode != 0:
        pytest.skip("user nobody cannot run newsgraph from here")
    return prefix


def test_a_read_only_database_in_a_read_only_folder_can_be_read_but_not_ingested_into(shared_folder):
    user = as_another_user()
    path = handmade.one_article(shared_folder / "corpus.db")
    path.chmod(0o444)
    shared_folder.chmod(0o555)  # so SQLite cannot create the -wal and -shm files that reading a WAL database takes
    for command in (["quotes", "--json"], ["people", "--json"], ["timeline", "Ann Lee", "--json"], ["export"]):
        proc = subprocess.run([*user, str(NEWSGRAPH), *command, "--db", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, (command, proc.stderr)
        assert "Ann Lee" in proc.stdout, command
    proc = subprocess.run([*user, str(NEWSGRAPH), "ingest", "--db", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr == (
        f"newsgraph: error: {path}: is in a read-only folder (SQLite writes its journal beside the file): "
        "cannot ingest\n"
    )
    assert os.listdir(shared_folder) == ["corpus.db"]  # nothing was written beside it

    shared_folder.chmod(0o777)  # the folder writable, the file still not
    proc = subprocess.run([*user, str(NEWSGRAPH), "ingest", "--db", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr == f"newsgraph: error: {path}: is read-only: cannot ingest\n"


def test_a_read_only_folder_holding_unmerged_changes_is_refused_not_misread(shared_folder, tmp_path):
    user = as_another_user()
    writer = store.connect(tmp_path / "corpus.db")
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # the article stays in corpus.db-wal, not yet in corpus.db
    store.add_analysis(writer, handmade.analysis())
    for name in ("corpus.db", "corpus.db-wal"):  # as a crash leaves them, without the -shm
        shutil.copy(tmp_path / name, shared_folder / name)
    writer.close()
    shared_folder.chmod(0o555)
    path = shared_folder / "corpus.db"
    proc = subprocess.run([*user, str(NEWSGRAPH), "quotes", "--db", str(path)], capture_output=True, text=True)
    # Read as it is (immutable), the file would show no article at all: refused, saying why.
    assert proc.returncode == 1
    assert "its last changes are in corpus.db-wal" in proc.stderr and proc.stderr.count("\n") == 1
