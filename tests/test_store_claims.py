"""The store's claims questions (`store.claims`, `store.claim_timeline`) and `newsgraph claims`, over claims made by
hand (tests/handmade.py: no spaCy): each filter, the claim's date (the time it states, else the article's), the order,
the claimant, the pair timeline; the command's table, JSON and CSV and its one-line errors."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import handmade
from newsgraph import store
from newsgraph.model import Analysis, Claim, ClaimPart, TextSpan
from newsgraph.store import QueryError, date_of

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return handmade.claims_corpus(tmp_path_factory.mktemp("claims") / "claims.db")


@pytest.fixture
def conn(db: Path):
    c = store.connect_readonly(db)
    yield c
    c.close()


def found(page: store.Page[store.ClaimRow]) -> list[tuple[str, str]]:
    """Each claim as (article id, predicate), in order."""
    return [(c.article_id, c.predicate) for c in page.items]


# ---- the date of a claim ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-09", "2023-05-09"),
        ("2023-05-09TMO", "2023-05-09"),  # a part of a day: its date
        ("2023-05-09T10:30", "2023-05-09"),
        ("2023-06", "2023-06"),
        ("2022", "2022"),
        ("2023-W10", "2023"),  # a week, a season: their year
        ("2023-SP", "2023"),
        ("2023-02-30", "2023-02"),  # no such day: the month is still right
        ("P2Y", None),  # a duration names no date
        ("XXXX-07", None),  # nor a month of a year not known
        ("XXXX-XX-XX", None),
        ("PRESENT_REF", None),
        ("20230", None),
        (None, None),
    ],
)
def test_a_timex_value_names_a_date_or_none(value, expected):
    assert date_of(value) == expected


def test_a_claim_is_dated_by_its_time_else_by_its_article(conn):
    dates = {(c.article_id, c.predicate): (c.date, c.time, c.time_value) for c in store.claims(conn).items}
    assert dates["reuters-sweden", "joined"] == ("2023-05-09", "Tuesday morning", "2023-05-09TMO")  # not published
    assert dates["reuters-sweden", "welcomed"] == ("2023-05-16", None, None)  # no time: the article's date
    assert dates["old-queue", "rejoined"] == ("2022", "2022", "2022")
    # The BBC gives no date: a claim that states one has it, one that does not has none.
    assert dates["bbc-turkey", "join"] == ("2023-06", "June", "2023-06")
    assert dates["bbc-turkey", "is blocking"] == (None, None, None)


def test_a_time_that_is_no_date_leaves_the_article_date(tmp_path):
    conn = store.connect(tmp_path / "every.db")
    store.add_analysis(conn, handmade.every_layer())
    by_predicate = {c.predicate: c for c in store.claims(conn).items}
    assert (by_predicate["would be filled"].time_value, by_predicate["would be filled"].date) == ("P2Y", "2023-03-07")
    assert by_predicate["back"].date == "2023-03"  # its time is March


def test_claims_are_ordered_by_date_undated_last_then_article_then_position(conn):
    assert found(store.claims(conn)) == [
        ("old-queue", "rejoined"),  # 2022
        ("old-queue", "is joining"),  # 2022-06-30, position 0
        ("old-queue", "opposes"),  # position 2
        ("markup", "cut"),  # 2023-04-04
        ("reuters-sweden", "joined"),  # 2023-05-09, though the article is of 2023-05-16
        ("reuters-sweden", "may approve"),
        ("reuters-sweden", "welcomed"),
        ("bbc-turkey", "join"),  # 2023-06, from an article with no date
        ("bbc-turkey", "is blocking"),  # no date at all
    ]


def test_since_and_until_filter_on_the_claims_date(conn):
    # The Reuters article is of 2023-05-16, but Sweden joined the talks on the 9th.
    assert found(store.claims(conn, since="2023-05-10")) == [
        ("reuters-sweden", "may approve"),
        ("reuters-sweden", "welcomed"),
        ("bbc-turkey", "join"),  # dated by its time although its article has no date; the undated one is not
    ]
    assert found(store.claims(conn, until="2023-05-09")) == [
        ("old-queue", "rejoined"),
        ("old-queue", "is joining"),
        ("old-queue", "opposes"),
        ("markup", "cut"),
        ("reuters-sweden", "joined"),
    ]
    assert found(store.claims(conn, since="2023-06-01", until="2023-06-30")) == [("bbc-turkey", "join")]  # "2023-06"
    # A date known to the year only is kept while its year overlaps the bounds.
    assert ("old-queue", "rejoined") in found(store.claims(conn, since="2022-03"))
    assert ("old-queue", "rejoined") not in found(store.claims(conn, since="2023"))
    assert found(store.claims(conn, until="2022")) == found(store.claims(conn, until="2022-12-31"))


# ---- subject, object, predicate ------------------------------------------------------------------------------------


def test_subject_matches_an_entity_name_or_the_subjects_words(conn):
    sweden = store.claims(conn, subject="sweden")  # any case
    assert found(sweden) == [("old-queue", "is joining"), ("reuters-sweden", "joined"), ("bbc-turkey", "join")]
    # "The Turkish government" is Turkey by its entity; "Turkish" is in its words.
    assert found(store.claims(conn, subject="Turkey")) == [
        ("reuters-sweden", "may approve"),
        ("bbc-turkey", "is blocking"),
    ]
    assert found(store.claims(conn, subject="turkish")) == [("bbc-turkey", "is blocking")]


def test_an_exact_name_is_preferred_to_names_containing_it(conn):
    # "Sweden" is an entity's whole name: the Sweden Democrats ("The party") are not Sweden.
    assert ("old-queue", "opposes") not in found(store.claims(conn, subject="Sweden"))
    # No entity is called "Sweden Dem": the names containing it are taken.
    assert found(store.claims(conn, subject="Sweden Dem")) == [("old-queue", "opposes")]
    assert found(store.claims(conn, subject="the party")) == [("old-queue", "opposes")]  # and the words


def test_object_matches_the_object_only(conn):
    assert found(store.claims(conn, object="Sweden")) == [("reuters-sweden", "welcomed")]
    # "NATO talks" is no entity, but its words hold NATO.
    assert found(store.claims(conn, object="NATO")) == [("reuters-sweden", "joined"), ("bbc-turkey", "join")]
    assert found(store.claims(conn, subject="Sweden", object="NATO")) == [
        ("reuters-sweden", "joined"),
        ("bbc-turkey", "join"),
    ]


def test_predicate_matches_a_word_starting_with_the_stem(conn):
    assert found(store.claims(conn, predicate="join")) == [
        ("old-queue", "is joining"),
        ("reuters-sweden", "joined"),
        ("bbc-turkey", "join"),
    ]  # not "rejoined": the stem starts a word
    assert found(store.claims(conn, predicate="Approve")) == [("reuters-sweden", "may approve")]
    assert found(store.claims(conn, predicate="may approve")) == [("reuters-sweden", "may approve")]
    assert store.claims(conn, predicate="pprove").total == 0


def test_filters_combine_and_empty_ones_are_none(conn):
    assert found(store.claims(conn, subject="Sweden", predicate="join", since="2023")) == [
        ("reuters-sweden", "joined"),
        ("bbc-turkey", "join"),
    ]
    assert store.claims(conn, subject="", object=" ", predicate="", since="", until="").total == 9


def test_words_match_in_any_case_of_any_script(tmp_path):
    text = "Talks\n\nTürkiye will decide."
    claim = Claim(
        text.index("Türkiye"),
        len(text) - 1,
        "Türkiye will decide",
        subject=ClaimPart(text.index("Türkiye"), text.index("Türkiye") + 7, "Türkiye"),  # no entity: by its words
        predicate=TextSpan(text.index("will"), text.index("will") + 11, "will decide"),
    )
    conn = store.connect(tmp_path / "fold.db")
    store.add_analysis(conn, Analysis(id="t", text=text, claims=(claim,)))
    assert [c.subject for c in store.claims(conn, subject="TÜRKIYE").items] == ["Türkiye"]
    assert store.claims(conn, subject="türk").total == 1 and store.claims(conn, subject="Turk").total == 0


def test_user_text_is_no_pattern(conn):
    assert store.claims(conn, subject="%").total == 0  # LIKE's wildcards are taken literally
    assert store.claims(conn, predicate="_oin").total == 0
    assert store.claims(conn, subject="'; DROP TABLE claims; --").total == 0
    assert store.claims(conn).total == 9


def test_pages_of_claims(conn):
    page = store.claims(conn, limit=2, offset=1)
    assert (page.total, page.limit, page.offset) == (9, 2, 1)
    assert found(page) == [("old-queue", "is joining"), ("old-queue", "opposes")]
    assert store.claims(conn, limit=0).items == ()


# ---- what a row says ---------------------------------------------------------------------------------------------


def test_a_row_names_the_entities_the_claimant_and_the_article(conn):
    rows = {(c.article_id, c.predicate): c for c in store.claims(conn).items}
    join = rows["bbc-turkey", "join"]
    assert (join.subject, join.subject_name, join.object, join.object_name) == ("Sweden", "Sweden", "NATO", "NATO")
    assert join.subject_entity == rows["reuters-sweden", "joined"].subject_entity  # one Sweden across the corpus
    assert (join.negated, join.modality, join.arguments) == (True, "future", ("time: before June",))
    assert (join.voice, join.claimant_name, join.quote) == ("quote", "Recep Tayyip Erdogan", 0)
    assert join.claimant is not None and join.headline == "Turkey blocks bid" and join.published is None
    assert join.text == "Sweden will not join NATO before June"
    # The claim names no claimant: its quote's speaker is the claimant.
    approve = rows["reuters-sweden", "may approve"]
    assert (approve.voice, approve.claimant_name, approve.claimant) == ("quote", "officials", None)
    assert (approve.hedges, approve.modality, approve.confidence) == (("eventually",), "possible", 0.6)
    # The article's own voice.
    welcomed = rows["reuters-sweden", "welcomed"]
    assert (welcomed.voice, welcomed.claimant_name, welcomed.claimant) == ("article", None, None)
    assert (welcomed.object, welcomed.object_name) == ("Sweden", "Sweden")
    blocking = rows["bbc-turkey", "is blocking"]
    assert (blocking.subject, blocking.subject_name, blocking.object_name) == ("The Turkish government", "Turkey", None)


# ---- the timeline ------------------------------------------------------------------------------------------------


def test_a_pair_timeline_has_the_claims_between_them_either_way_round(conn):
    timeline = store.claim_timeline(conn, "Sweden", "NATO")
    assert (timeline.entity, timeline.other, timeline.total) == ("Sweden", "NATO", 3)
    assert [(g.date, g.predicate, [c.article_id for c in g.claims]) for g in timeline.groups] == [
        ("2023-05-09", "joined", ["reuters-sweden"]),
        ("2023-05-16", "welcomed", ["reuters-sweden"]),  # NATO the subject, Sweden the object
        ("2023-06", "join", ["bbc-turkey"]),
    ]
    assert timeline.predicates == ("joined", "welcomed", "join")
    assert store.claim_timeline(conn, "NATO", "Sweden").groups == timeline.groups  # the same pair
    assert [c.predicate for c in timeline.claims] == ["joined", "welcomed", "join"]


def test_an_entity_timeline_has_the_claims_it_is_the_subject_or_object_of(conn):
    timeline = store.claim_timeline(conn, "Turkey")
    assert [(g.date, g.predicate) for g in timeline.groups] == [("2023-05-16", "may approve"), (None, "is blocking")]
    nato = store.claim_timeline(conn, "NATO")
    assert [c.predicate for c in nato.claims] == ["joined", "welcomed", "join"]
    assert store.claim_timeline(conn, "Nobody Atall").groups == ()


def test_a_timeline_groups_claims_of_one_date_and_predicate(tmp_path):
    conn = store.connect(tmp_path / "twice.db")
    reuters = handmade.claim_analyses()[1]
    for n in range(2):  # the same claims in two articles of the same day
        store.add_analysis(conn, dataclasses.replace(reuters, id=n, text=reuters.text + " " * n))
    timeline = store.claim_timeline(conn, "Sweden", since="2023-05-16")
    [group] = timeline.groups
    assert (group.date, group.predicate, len(group.claims)) == ("2023-05-16", "welcomed", 2)
    assert [c.article_id for c in group.claims] == ["0", "1"]
    assert timeline.total == 2


def test_the_timeline_keeps_the_first_claims_by_date_and_counts_all(conn):
    timeline = store.claim_timeline(conn, "Sweden", limit=2)
    assert timeline.total == 4
    assert [c.predicate for c in timeline.claims] == ["is joining", "joined"]


# ---- bad questions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"since": "28/02/2023"}, "since: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '28/02/2023'"),
        ({"until": "2023-13"}, "until: expected a date"),
        ({"since": "2023-05", "until": "2023-04"}, "since (2023-05) is after until (2023-04)"),
        ({"subject": "x" * 201}, "subject: too long (201 characters; at most 200)"),
        ({"predicate": "x" * 201}, "predicate: too long"),
        ({"limit": -1}, "limit: must be 0 or more"),
    ],
)
def test_bad_questions_say_what_is_wrong(conn, question, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.claims(conn, **question)


def test_a_timeline_needs_a_name(conn):
    with pytest.raises(QueryError, match="entity: give a name"):
        store.claim_timeline(conn, "  ")


# ---- newsgraph claims -------------------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}  # a wide terminal: the table's cells are not wrapped
    return subprocess.run([str(NEWSGRAPH), *args], capture_output=True, text=True, timeout=120, env=env)


def test_claims_command_as_table_json_and_csv(db):
    table = run("claims", "--db", str(db), "--subject", "Sweden", "--predicate", "join")
    assert table.returncode == 0, table.stderr
    assert "Claims (3)" in table.stdout
    assert "not join" in table.stdout and "(future)" in table.stdout and "Recep Tayyip" in table.stdout

    rows = json.loads(run("claims", "--db", str(db), "--object", "NATO", "--since", "2023-05-10", "--json").stdout)
    assert [(r["subject"], r["predicate"], r["object"], r["date"]) for r in rows] == [
        ("Sweden", "join", "NATO", "2023-06")
    ]
    assert rows[0]["negated"] is True and rows[0]["claimant_name"] == "Recep Tayyip Erdogan"
    assert rows[0]["arguments"] == ["time: before June"]

    as_csv = run("claims", "--db", str(db), "--predicate", "approve", "--csv")
    [row] = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert (row["subject"], row["predicate"], row["hedges"], row["claimant_name"]) == (
        "Turkey",
        "may approve",
        "eventually",
        "officials",
    )
    assert (row["date"], row["voice"]) == ("2023-05-16", "quote")

    limited = json.loads(run("claims", "--db", str(db), "--limit", "2", "--json").stdout)
    assert [r["predicate"] for r in limited] == ["rejoined", "is joining"]
    empty = run("claims", "--db", str(db), "--subject", "Nobody", "--csv")
    assert empty.returncode == 0 and empty.stdout.splitlines() == [empty.stdout.splitlines()[0]]
    assert empty.stdout.startswith("id,article,article_id,")


def test_claims_command_shows_markup_as_text(db):
    table = run("claims", "--db", str(db), "--predicate", "cut")
    assert table.returncode == 0, table.stderr
    assert "<script>alert('x')</script>" in table.stdout  # rich markup is not interpreted either


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "last week"], "since: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--until", "2023-02-30"], "until: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--json", "--csv"], "--json and --csv: choose one"),
    ],
)
def test_claims_command_bad_questions_are_one_line_errors(db, args, message):
    proc = run("claims", *args, "--db", str(db))
    assert proc.returncode == 1
    assert message in proc.stderr and proc.stderr.count("\n") == 1


def test_claims_command_names_a_missing_database(tmp_path):
    proc = run("claims", "--db", str(tmp_path / "none.db"))
    assert proc.returncode == 1
    assert "none.db: no database here; create it with `newsgraph ingest" in proc.stderr
    assert proc.stderr.count("\n") == 1 and not (tmp_path / "none.db").exists()


# ---- week by week ----------------------------------------------------------------------------------------------


def test_claims_by_week_and_month_count_claimants_and_predicates(conn):
    row = store.claims(conn, limit=1).items[0]

    def dated(when: str, claimant: str | None, predicate: str, negated: bool = False) -> store.ClaimRow:
        return dataclasses.replace(row, date=when, claimant_name=claimant, predicate=predicate, negated=negated)

    rows = [
        dated("2016-10-14", "Donald Trump", "Denied", negated=True),  # Friday of ISO week 41
        dated("2016-10-16", "Donald Trump", "denied"),  # its Sunday: the same week
        dated("2016-10-17", None, "said"),  # Monday: the next week
        dated("2016-10", "Hillary Clinton", "said"),  # a month only: no week
        dated("2016", "Hillary Clinton", "said"),  # a year only: no week, no month
        dataclasses.replace(row, date=None),
    ]
    weeks = store.claim_periods(rows, "week")
    assert [(w.period, w.claims, w.negated) for w in weeks] == [("2016-W41", 2, 1), ("2016-W42", 1, 0)]
    assert weeks[0].claimants == ("Donald Trump (2)",) and weeks[0].predicates == ("denied (2)",)
    assert weeks[1].claimants == ("article (1)",)
    months = store.claim_periods(rows, "month")
    assert [(m.period, m.claims) for m in months] == [("2016-10", 4)]
    with pytest.raises(QueryError, match="week nor month"):
        store.claim_periods(rows, "day")


def test_claims_command_by_week(db):
    weeks = json.loads(run("claims", "--db", str(db), "--by", "week", "--json").stdout)
    assert weeks and all(set(w) == {"period", "claims", "negated", "claimants", "predicates"} for w in weeks)
    assert [w["period"] for w in weeks] == sorted(w["period"] for w in weeks)
    table = run("claims", "--db", str(db), "--by", "month")
    assert table.returncode == 0 and "Claims by month" in table.stdout
    bad = run("claims", "--db", str(db), "--by", "day")
    assert bad.returncode != 0 and "week nor month" in bad.stderr


def test_the_table_marks_a_negated_claim_once(conn):
    from rich.console import Console

    from newsgraph.store.terminal import claims_table

    row = store.claims(conn, limit=1).items[0]
    rows = [
        dataclasses.replace(row, negated=True, predicate="join"),
        dataclasses.replace(row, negated=True, predicate="will not be"),
    ]
    console = Console(width=200, record=True)
    console.print(claims_table(rows, 2, 200))
    out = console.export_text()
    assert "not join" in out and "will not be" in out and "not will not" not in out
