"""The headline check: the stance features and model, the overstatement rules on hand-built parses, and how the
pipeline reads a body once for many headlines."""

from __future__ import annotations

import re

import numpy as np
import pytest

from docs import parsed
from forests import constant
from newsgraph.headline import body_start, check_headline, features, read_body, stance
from newsgraph.headline.overstatement import claims_of, find_overstatement, sentences_of
from newsgraph.model import Quote

# ---- the features -------------------------------------------------------------------------------------------

VOCABULARY = features.Vocabulary.of_texts(
    ["Police find the hoax", "Police deny the report"],
    ["Police said the video was a hoax.", "Police said nothing about the report.", "Rain fell."],
    least=1,
)


def test_a_word_never_seen_weighs_as_much_as_the_rarest():
    seen_once = VOCABULARY.idf("video")
    assert VOCABULARY.idf("zanzibar") > seen_once > VOCABULARY.idf("police")


def test_words_seen_once_are_left_out_of_a_shipped_vocabulary():
    kept = features.Vocabulary.of_texts(["Police find the hoax"], ["Police said it was a hoax.", "Police came."])
    assert "police" in kept.frequency and "hoax" in kept.frequency and "came" not in kept.frequency


def test_body_words_held_by_half_the_bodies_or_more_are_not_read():
    assert "said" not in VOCABULARY.body_words and "police" not in VOCABULARY.body_words
    assert "rain" in VOCABULARY.body_words


def test_features_are_as_many_as_their_names_and_say_what_they_name():
    body = features.body_of("Police said the video was a hoax. It was not real, they said.", VOCABULARY)
    row = features.features("Video is a hoax?", body, VOCABULARY)
    named = dict(zip(features.feature_names(VOCABULARY), row, strict=True))
    assert named["headline_question"] == 1.0 and named["headline_refuting"] == 1.0
    assert named["word_share"] == 1.0  # video, hoax (and "is", "a" are function words)
    assert named["body_negation_rate"] == pytest.approx(100 / 13)  # "not" of 13 words
    assert named["near_refuting_rate"] == pytest.approx(100 / 13)  # "hoax" is near "video"
    assert named["closest_refuting"] == 1.0


def test_a_word_ending_in_nt_is_a_negation():
    assert features.in_lexicon("didn't", "negation") and not features.in_lexicon("didn't", "refuting")


def test_near_counts_marks_within_the_window_of_a_headline_word():
    at = np.array([5, 40])
    assert features._near(at, np.array([0, 15, 16, 29, 30, 60])) == 3  # 0, 15 (≤ 10 from 5); 30 (10 from 40)


# ---- the stance model -----------------------------------------------------------------------------------------


def _model(related: float, agree: float, disagree: float, discuss: float) -> stance.StanceModel:
    names = features.feature_names(VOCABULARY)
    forests = tuple(constant(names, v) for v in (agree, disagree, discuss))
    return stance.StanceModel(VOCABULARY, constant(names, related), forests)  # type: ignore[arg-type]


def test_the_probabilities_are_the_two_stages_multiplied():
    body = features.body_of("Police said the video was a hoax.", VOCABULARY)
    label, p = stance.stance("Police find the hoax", body, _model(0.0, 2.0, 0.0, 0.0))
    assert p["unrelated"] == pytest.approx(0.5, abs=1e-4)
    among = np.exp([2.0, 0.0, 0.0]) / np.exp([2.0, 0.0, 0.0]).sum()
    assert p["agree"] == pytest.approx(0.5 * among[0], abs=1e-4)
    assert sum(p.values()) == pytest.approx(1.0, abs=1e-3)
    assert label == "agree"  # related at 0.5 is worth more than unrelated under FNC-1's score


def test_unrelated_only_when_the_model_is_sure_of_it():
    body = features.body_of("Rain fell.", VOCABULARY)
    assert stance.stance("Police find the hoax", body, _model(-3.0, 0.0, 0.0, 0.0))[0] == "unrelated"
    assert stance.stance("Police find the hoax", body, _model(-0.5, 0.0, 0.0, 0.0))[0] != "unrelated"


def test_a_model_trained_on_other_features_is_refused():
    with pytest.raises(RuntimeError, match=r"bench/train_stance\.py"):
        stance.StanceModel.from_dict({"vocabulary": VOCABULARY.to_dict(), "features": ["cosine"]})


def test_the_shipped_model_reads_the_features_of_today():
    assert len(stance.model().related.names) == len(features.feature_names(stance.model().vocabulary))


# ---- the headline's claims (hand-built parses) ----------------------------------------------------------------

WILL_JOIN = """
    0 Ukraine 2 nsubj PROPN
    1 will    2 aux   AUX   tag=MD
    2 join    2 ROOT  VERB  tag=VB
    3 NATO    2 dobj  PROPN
"""


def _headline(text: str = "Ukraine will join NATO", rows: str = WILL_JOIN):
    return parsed(text, rows)


def test_a_headline_with_will_states_a_certain_future():
    [claim] = claims_of(_headline())
    assert (claim.verb, claim.said, claim.modality, claim.negated) == ("join", "will join", "future", False)
    assert (claim.start, claim.end) == (0, 22)
    assert "ukraine" in claim.subject and "nato" in claim.object


def test_a_headline_that_hedges_or_asks_claims_nothing():
    may = WILL_JOIN.replace("will    2 aux   AUX   tag=MD", "may     2 aux   AUX   tag=MD")
    assert claims_of(parsed("Ukraine may join NATO", may)) == []
    asked = WILL_JOIN + "    4 ?       2 punct PUNCT\n"
    assert claims_of(parsed("Ukraine will join NATO?", asked)) == []


def test_a_finite_verb_states_a_fact_and_its_object_ends_before_a_comma():
    doc = parsed(
        "Russia invades Ukraine, officials say",
        """
        0 Russia    1 nsubj PROPN
        1 invades   5 ccomp VERB tag=VBZ lemma=invade
        2 Ukraine   1 dobj  PROPN
        3 ,         5 punct PUNCT
        4 officials 5 nsubj NOUN
        5 say       5 ROOT  VERB tag=VBP
        """,
    )
    claims = {c.verb: c for c in claims_of(doc)}
    assert claims["invade"].modality == "fact"
    assert doc.text[claims["invade"].start : claims["invade"].end] == "Russia invades Ukraine"


# ---- the body against the claim (hand-built parses) -----------------------------------------------------------

BODY = "Ukraine will become a member of NATO. But that is a long term perspective."
BODY_ROWS = """
    0  Ukraine     2  nsubj PROPN
    1  will        2  aux   AUX  tag=MD
    2  become      2  ROOT  VERB
    3  a           4  det   DET
    4  member      2  attr  NOUN
    5  of          4  prep  ADP
    6  NATO        5  pobj  PROPN
    7  .           2  punct PUNCT
    8  But         10 cc    CCONJ
    9  that        10 nsubj PRON
    10 is          10 ROOT  AUX  lemma=be
    11 a           14 det   DET
    12 long        13 amod  ADJ
    13 term        14 compound NOUN
    14 perspective 10 attr  NOUN
    15 .           10 punct PUNCT
"""


def _findings(body: str, rows: str, headline=None, quotes=()):
    doc = parsed(body, rows)
    head = headline or _headline()
    return find_overstatement(head.text, head, body, sentences_of(doc), quotes)


def test_will_against_a_long_term_perspective_in_the_next_sentence_is_far_off():
    [finding] = _findings(BODY, BODY_ROWS)
    assert finding.headline.text == "Ukraine will join NATO"
    assert [e.text for e in finding.evidence] == ["But that is a long term perspective."]
    assert "far off" in finding.why


def test_the_evidence_is_the_quote_that_holds_the_sentence():
    quote = Quote(0, len(BODY), BODY, "direct", "E1", "Jens Stoltenberg")
    [finding] = _findings(BODY, BODY_ROWS, quotes=(quote,))
    assert finding.evidence[0].text == BODY


def test_a_next_sentence_in_another_paragraph_is_not_evidence():
    body = BODY.replace(". But", ".\nBut")
    rows = BODY_ROWS.replace("7  .           2  punct PUNCT", "7  .           2  punct PUNCT\n    7b \\n 2 dep SPACE")
    lines = rows.strip().splitlines()
    renumbered = []
    for i, line in enumerate(lines):
        _, word, head, *rest = line.split()
        head = int(head) + (int(head) >= 8)  # the tokens after the line break move one on
        renumbered.append(" ".join([str(i), word, str(head), *rest]))
    assert _findings(body, "\n".join(renumbered)) == ()


RUSSIA = """
    0 Russia  2 nsubj PROPN
    1 will    2 aux   AUX  tag=MD
    2 invade  2 ROOT  VERB tag=VB
    3 Ukraine 2 dobj  PROPN
"""


def _russia():
    return parsed("Russia will invade Ukraine", RUSSIA)


DENIED = "Russia denied it would invade Ukraine."
DENIED_ROWS = """
    0 Russia  1 nsubj PROPN
    1 denied  1 ROOT  VERB tag=VBD lemma=deny
    2 it      4 nsubj PRON
    3 would   4 aux   AUX  tag=MD
    4 invade  1 ccomp VERB
    5 Ukraine 4 dobj  PROPN
    6 .       1 punct PUNCT
"""


def test_a_body_that_denies_it():
    [finding] = _findings(DENIED, DENIED_ROWS, _russia())
    assert "denies" in finding.why and finding.evidence[0].text == "Russia denied it would invade Ukraine."


def _russia_body(before_verb: str, after: str = "") -> tuple[str, str]:
    """ "Russia <before_verb> invade Ukraine <after>." and its parse: the words before the verb are its
    auxiliaries ("not" its negation), the one after an adverb."""
    words = ["Russia", *before_verb.split(), "invade", "Ukraine", *after.split(), "."]
    verb = words.index("invade")
    rows = []
    for i, word in enumerate(words):
        dep, pos = {0: ("nsubj", "PROPN"), verb: ("ROOT", "VERB"), verb + 1: ("dobj", "PROPN")}.get(i, ("", ""))
        if not dep:
            dep, pos = ("neg", "PART") if word == "not" else ("aux", "AUX") if i < verb else ("advmod", "ADV")
        if word == ".":
            dep, pos = "punct", "PUNCT"
        rows.append(f"{i} {word} {verb} {dep} {pos}")
    return " ".join(words[:-1]) + ".", "\n".join(rows)


@pytest.mark.parametrize(
    ("before_verb", "after", "why"),
    [("will not", "", "denies"), ("could", "", "hedges"), ("will", "soon", None), ("", "", None)],
    ids=["negated", "hedged", "said-plainly", "said-as-fact"],
)
def test_the_body_s_own_verb_negated_or_hedged_or_said_plainly(before_verb, after, why):
    body, rows = _russia_body(before_verb, after)
    findings = _findings(body, rows, _russia())
    assert [why in f.why for f in findings] == ([True] if why else [])


def test_a_body_that_asks_it():
    rows = """
        0 Will    2 aux   AUX  tag=MD
        1 Russia  2 nsubj PROPN
        2 invade  2 ROOT  VERB
        3 Ukraine 2 dobj  PROPN
        4 ?       2 punct PUNCT
    """
    [finding] = _findings("Will Russia invade Ukraine?", rows, _russia())
    assert "question" in finding.why


def test_a_sentence_with_only_the_verb_is_not_about_the_claim():
    rows = """
        0 Troops  2 nsubj NOUN
        1 could   2 aux   AUX  tag=MD
        2 invade  2 ROOT  VERB
        3 .       2 punct PUNCT
    """
    assert _findings("Troops could invade.", rows, _russia()) == ()


def test_quoted_words_the_body_does_not_say_as_such():
    headline = parsed(
        "Putin: war is 'going to plan'",
        """
        0 Putin 0 ROOT  PROPN
        1 :     0 punct PUNCT
        2 war   3 nsubj NOUN
        3 is    0 appos AUX lemma=be
        4 '     5 punct PUNCT
        5 going 3 acomp VERB
        6 to    5 prep  ADP
        7 plan  6 pobj  NOUN
        8 '     5 punct PUNCT
        """,
    )
    body = "He said: “The operation is going according to plan.”"
    rows = "\n".join(f"{i} {w} 0 {'ROOT' if i == 0 else 'dep'} X" for i, w in enumerate(_tokens(body)))
    start = body.index("The")
    quote = Quote(start, body.index("”"), body[start : body.index("”")], "direct", "E1", "Putin")
    [finding] = _findings(body, rows, headline, (quote,))
    assert finding.headline.text == "going to plan" and finding.evidence[0].text == quote.text
    said = "He said: “The operation is going to plan.”"
    rows = "\n".join(f"{i} {w} 0 {'ROOT' if i == 0 else 'dep'} X" for i, w in enumerate(_tokens(said)))
    assert _findings(said, rows, headline, (quote,)) == ()  # the body has those words


def _tokens(text: str) -> list[str]:
    from docs import _blank

    return [t.text for t in _blank().tokenizer(text)]


# ---- the body and the check ----------------------------------------------------------------------------------


def test_the_body_starts_after_the_headline_when_the_text_starts_with_it():
    assert body_start("\nUkraine will join NATO\nKyiv…", "Ukraine will join NATO") == 23
    assert body_start("Kyiv will join NATO one day.", "Ukraine will join NATO") == 0
    assert body_start("Kyiv will join.", None) == 0


def test_no_check_without_a_headline_or_without_a_body():
    doc = parsed(BODY, BODY_ROWS)
    body = read_body(BODY, BODY, None, sentences_of(doc), ())
    assert body is not None and check_headline(None, body) is None and check_headline("  ", body) is None
    assert read_body("Ukraine will join NATO", "Ukraine will join NATO", "Ukraine will join NATO", (), ()) is None
    assert check_headline("Ukraine will join NATO", None) is None


def test_the_check_reads_only_the_body_after_the_headline():
    text = "Ukraine may join NATO one day\n" + BODY
    quote = Quote(0, 29, text[:29], "direct")  # a quote in the headline line is not the body's
    body = read_body(text, text, "Ukraine may join NATO one day", (), (quote,))
    assert body is not None and body.start == 29 and body.quotes == ()
    assert body.profile.tokens[:2] == ("ukraine", "will")


# ---- the pipeline: one reading of a text for many headlines -------------------------------------------------

SHARED_BODY = (
    "NATO chief Jens Stoltenberg said on Tuesday that Ukraine would eventually join the alliance. "
    "“That is a long term perspective,” he said in Helsinki."
)


def test_a_text_that_comes_again_is_read_once_and_each_headline_checked(monkeypatch):
    from newsgraph import pipeline

    cleaned: list[str] = []
    real = pipeline.find_removed

    def counting(text, **kw):
        cleaned.append(text)
        return real(text, **kw)

    monkeypatch.setattr(pipeline, "find_removed", counting)
    records = [
        {"id": "a", "headline": "Ukraine will join NATO", "text": SHARED_BODY},
        {"id": "b", "headline": "Stoltenberg visits Helsinki", "text": SHARED_BODY},
        {"id": "c", "headline": "Rain in Spain", "text": "It rained in Madrid on Monday."},
        {"id": "d", "headline": "Ukraine will join NATO", "text": SHARED_BODY},
    ]
    results = list(pipeline.analyze_many(records, batch_size=2))  # the same text in two batches
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert cleaned.count(SHARED_BODY) == 1 and len(cleaned) == 2
    a, b, _, d = results
    assert a.quotes == b.quotes == d.quotes and a.entities == d.entities
    assert a.headline_check == d.headline_check and a.headline_check != b.headline_check
    assert a.headline_check.overstatement and not b.headline_check.overstatement


def test_readings_keep_the_latest_texts():
    from newsgraph.pipeline import Reading, Readings

    readings = Readings(size=2)
    for key in ("one", "two"):
        readings.put((key, None, None), Reading([]))
    assert readings.get(("one", None, None)) is not None  # now the latest used
    readings.put(("three", None, None), Reading([]))
    assert readings.get(("two", None, None)) is None and readings.get(("one", None, None)) is not None
    assert len(readings) == 2


def test_the_example_article_overstates_with_the_long_term_perspective_as_evidence():
    from pathlib import Path

    from newsgraph import analyze

    path = Path(__file__).resolve().parents[2] / "shared" / "examples" / "000_a742a6c18eb4b43a.txt"
    text = path.read_text(encoding="utf-8")
    analysis = analyze(text)  # the first line is the headline
    check = analysis.headline_check
    assert check is not None and check.stance in stance.STANCES
    [finding] = check.overstatement
    assert finding.headline.text == "Ukraine will join NATO"
    assert any("long term perspective" in e.text for e in finding.evidence)
    assert all(analysis.text[e.start : e.end] == e.text for e in finding.evidence)


# ---- the corpus: store, command line, web --------------------------------------------------------------------


@pytest.fixture
def checked_db(tmp_path):
    import handmade
    from newsgraph import store

    path = tmp_path / "checked.db"
    conn = store.connect(path)
    for analysis in (handmade.every_layer(), handmade.analysis()):  # a flagged headline, and one never checked
        store.add_analysis(conn, analysis)
    conn.close()
    return path


def test_the_store_lists_checked_headlines_and_counts_the_flagged(checked_db):
    from newsgraph import store

    conn = store.connect_readonly(checked_db)
    [row] = store.headlines(conn).items  # the article without a check is not listed
    assert (row.headline, row.stance, row.overstated) == ("Mayor quits", "discuss", ("Mayor quits",))
    assert row.evidence == ("resigned on Tuesday",) and row.why == ("a reason",)
    assert store.headlines(conn, flagged=True).total == 1 and store.stats(conn).flagged_headlines == 1


def test_headlines_command_prints_the_flagged_as_json(checked_db):
    import json
    import subprocess
    import sys
    from pathlib import Path

    newsgraph = Path(sys.executable).parent / "newsgraph"
    done = subprocess.run(
        [str(newsgraph), "headlines", "--db", str(checked_db), "--flagged", "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    assert row["overstated"] == ["Mayor quits"] and row["evidence"] == ["resigned on Tuesday"]
    table = subprocess.run([str(newsgraph), "headlines", "--db", str(checked_db)], capture_output=True, text=True)
    assert "Mayor quits" in table.stdout and "discuss" in table.stdout


def test_the_web_shows_the_check_with_its_evidence_and_counts_the_flagged(checked_db):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    client = TestClient(create_app(checked_db))
    assert 'href="/headlines?flagged=true">1 headline claim more' in client.get("/").text
    page = client.get("/article/1").text
    assert re.search(r'<span class="evidence" id="ev0-0"[^>]*>resigned on <span class="timex"', page)
    assert '<a class="overstated" href="#ev0-0"' in page and "Stance of the body towards the headline" in page
    assert "Does the headline say" not in client.get("/article/2").text
    assert client.get("/api/headlines", params={"flagged": True}).json()["total"] == 1
    assert "Mayor quits" in client.get("/headlines", params={"flagged": True}).text


def test_will_against_a_far_off_word_in_the_same_sentence():
    rows = """
        0 Ukraine    3 nsubj PROPN
        1 will       3 aux   AUX tag=MD
        2 eventually 3 advmod ADV
        3 join       3 ROOT  VERB
        4 NATO       3 dobj  PROPN
        5 .          3 punct PUNCT
    """
    [finding] = _findings("Ukraine will eventually join NATO.", rows)
    assert finding.evidence[0].text == "Ukraine will eventually join NATO." and "far off" in finding.why


FACT = """
    0 Workers 1 nsubj NOUN
    1 lose    1 ROOT  VERB tag=VBP
    2 jobs    1 dobj  NOUN
"""


def test_could_against_a_fact_is_a_further_possibility_not_doubt():
    headline = parsed("Workers lose jobs", FACT)
    rows = """
        0 Workers 2 nsubj NOUN
        1 could   2 aux   AUX tag=MD
        2 lose    2 ROOT  VERB
        3 jobs    2 dobj  NOUN
        4 .       2 punct PUNCT
    """
    assert _findings("Workers could lose jobs.", rows, headline) == ()
    may = rows.replace("could   2 aux   AUX tag=MD", "may     2 aux   AUX tag=MD")
    [finding] = _findings("Workers may lose jobs.", may, headline)
    assert "as fact" in finding.why


def test_a_copula_is_not_what_makes_a_sentence_about_the_claim():
    headline = parsed(
        "The bid is low",
        """
        0 The 1 det   DET
        1 bid 2 nsubj NOUN
        2 is  2 ROOT  AUX tag=VBZ lemma=be
        3 low 2 acomp ADJ
        """,
    )
    rows = """
        0 The      1 det   DET
        1 bid      3 nsubj NOUN
        2 probably 3 advmod ADV
        3 is       3 ROOT  AUX lemma=be
        4 coming   3 acomp VERB
        5 .        3 punct PUNCT
    """
    assert _findings("The bid probably is coming.", rows, headline) == ()


def test_a_question_quoted_in_a_sentence_about_the_claim_is_not_the_claim_asked():
    headline = parsed(
        "Brando rejected the role",
        """
        0 Brando   1 nsubj PROPN
        1 rejected 1 ROOT  VERB tag=VBD lemma=reject
        2 the      3 det   DET
        3 role     1 dobj  NOUN
        """,
    )
    rows = """
        0 Brando 1 nsubj PROPN
        1 liked  1 ROOT  VERB tag=VBD lemma=like
        2 the    3 det   DET
        3 role   1 dobj  NOUN
        4 and    1 cc    CCONJ
        5 asked  1 conj  VERB lemma=ask
        6 :      5 punct PUNCT
        7 How    9 advmod ADV
        8 do     9 aux   AUX
        9 I      5 ccomp PRON
        10 look  9 dep   VERB
        11 ?     1 punct PUNCT
    """
    assert _findings("Brando liked the role and asked: How do I look?", rows, headline) == ()


def test_a_claim_in_quotation_marks_is_someones_not_the_headlines():
    quoted = parsed(
        "Russia 'will invade Ukraine'",
        """
        0 Russia  3 nsubj PROPN
        1 '       3 punct PUNCT
        2 will    3 aux   AUX tag=MD
        3 invade  3 ROOT  VERB
        4 Ukraine 3 dobj  PROPN
        5 '       3 punct PUNCT
        """,
    )
    assert claims_of(quoted) == [] and len(claims_of(_russia())) == 1


def test_a_headline_that_reports_a_denial_is_not_denied_by_the_body():
    headline = parsed(
        "Russia denies it will invade Ukraine",
        """
        0 Russia  1 nsubj PROPN
        1 denies  1 ROOT  VERB tag=VBZ lemma=deny
        2 it      4 nsubj PRON
        3 will    4 aux   AUX tag=MD
        4 invade  1 ccomp VERB
        5 Ukraine 4 dobj  PROPN
        """,
    )
    assert [c.verb for c in claims_of(headline)] == ["deny", "invade"]
    assert _findings(DENIED, DENIED_ROWS, headline) == ()


def test_a_denial_must_be_of_all_the_claim_names():
    headline = parsed(
        "Three DJs replace Peel",
        """
        0 Three   1 nummod NUM
        1 DJs     2 nsubj NOUN lemma=dj
        2 replace 2 ROOT  VERB tag=VBP
        3 Peel    2 dobj  PROPN
        """,
    )
    rows = """
        0 Peel     4 nsubjpass PROPN
        1 can      4 aux       AUX tag=MD
        2 never    4 neg       ADV
        3 be       4 auxpass   AUX
        4 replaced 4 ROOT      VERB lemma=replace
        5 .        4 punct     PUNCT
    """
    assert _findings("Peel can never be replaced.", rows, headline) == ()  # the DJs are not in it
    said = "DJs can never replace Peel."
    rows = """
        0 DJs     3 nsubj PROPN lemma=dj
        1 can     3 aux   AUX tag=MD
        2 never   3 neg   ADV
        3 replace 3 ROOT  VERB
        4 Peel    3 dobj  PROPN
        5 .       3 punct PUNCT
    """
    [finding] = _findings(said, rows, headline)
    assert "denies" in finding.why


def test_a_passive_auxiliary_under_a_denial_is_no_verb_of_the_claim():
    headline = parsed(
        "Salmon is Bond",
        """
        0 Salmon 1 nsubj PROPN
        1 is     1 ROOT  AUX tag=VBZ lemma=be
        2 Bond   1 attr  PROPN
        """,
    )
    rows = """
        0 Bets      6 nsubjpass NOUN
        1 on        0 prep      ADP
        2 Salmon    1 pobj      PROPN
        3 as        0 prep      ADP
        4 Bond      3 pobj      PROPN
        5 were      6 auxpass   AUX lemma=be
        6 dismissed 6 ROOT      VERB lemma=dismiss
        7 .         6 punct     PUNCT
    """
    assert _findings("Bets on Salmon as Bond were dismissed.", rows, headline) == ()


def test_a_far_off_phrase_in_another_clause_of_the_sentence_is_not_the_claims():
    headline = parsed(
        "Radcliffe will compete in London",
        """
        0 Radcliffe 2 nsubj PROPN
        1 will      2 aux   AUX tag=MD
        2 compete   2 ROOT  VERB
        3 in        2 prep  ADP
        4 London    3 pobj  PROPN
        """,
    )
    rows = """
        0 Radcliffe 1 nsubj PROPN
        1 said      1 ROOT  VERB tag=VBD lemma=say
        2 she       4 nsubj PRON
        3 will      4 aux   AUX tag=MD
        4 compete   1 ccomp VERB
        5 in        4 prep  ADP
        6 London    5 pobj  PROPN
        7 and       1 cc    CCONJ
        8 run       1 conj  VERB
        9 Boston    8 dobj  PROPN
        10 at       8 prep  ADP
        11 some     12 det  DET
        12 point    10 pobj NOUN
        13 .        1 punct PUNCT
    """
    said = "Radcliffe said she will compete in London and run Boston at some point."
    assert _findings(said, rows, headline) == ()
    near = said.replace("and run Boston at some point", "at some point")
    rows = (
        "\n".join(rows.strip().splitlines()[:7])
        + """
        7 at       4 prep  ADP
        8 some     9 det   DET
        9 point    7 pobj  NOUN
        10 .       1 punct PUNCT
    """
    )
    [finding] = _findings(near, rows, headline)
    assert "far off" in finding.why


def test_a_text_read_before_a_headline_stated_a_claim_is_read_again_for_its_sentences(monkeypatch):
    from newsgraph import pipeline

    parsed_again: list[str] = []
    real = pipeline.nlp.parse

    def counting(text):
        parsed_again.append(text)
        return real(text)

    monkeypatch.setattr(pipeline.nlp, "parse", counting)
    records = [
        {"id": "a", "headline": "NATO news", "text": SHARED_BODY},  # no verb: nothing claimed, no sentences read
        {"id": "b", "headline": "Ukraine will join NATO", "text": SHARED_BODY},
    ]
    a, b = pipeline.analyze_many(records, batch_size=1)
    assert a.headline_check.overstatement == () and b.headline_check.overstatement
    assert parsed_again == [SHARED_BODY]


# ---- the trees: deep ones are walked only where a walk is not yet on a leaf -----------------------------------


def _chain(depth: int) -> dict:
    """One tree that asks `x[0] <= k` at level k (k = 0 … depth-1); leaving at level k scores k, the end `depth`."""
    feature, threshold, left, right, value = [], [], [], [], []
    for k in range(depth):
        node, leaf = 2 * k, 2 * k + 1
        feature += [0, 0]
        threshold += [float(k), 1e308]
        left += [leaf, leaf]  # x[0] <= k: out at this level
        right += [node + 2, leaf]
        value += [0.0, float(k)]
    feature.append(0)
    threshold.append(1e308)
    left.append(2 * depth)
    right.append(2 * depth)
    value.append(float(depth))
    return {"features": ["x"], "feature": feature, "threshold": threshold, "left": left, "right": right,
            "value": value, "roots": [0, 0], "depth": depth}  # fmt: skip


@pytest.mark.parametrize("depth", [5, 20])
def test_trees_shallow_or_deep_walk_every_row_to_its_leaf(depth):
    from newsgraph.forest import DEEP, Forest

    forest = Forest(_chain(depth))
    assert (forest.depth > DEEP) == (depth == 20)
    x = np.array([[-1.0], [2.5], [float(depth) + 3]])
    assert forest.raw(x).tolist() == [0.0, 6.0, 2.0 * depth]  # two trees: level 0, level 3, the end
