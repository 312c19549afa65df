"""Claims on the web: the API (`/api/claims`, `/api/claims/timeline`), the pages (`/claims`, `/claims/timeline` with
its chart drawn on the server as inline SVG, the article's "Claims" section, the home page's link) and the chart's
layout (`newsgraph.web.chart`), over claims made by hand (tests/handmade.py: no spaCy)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import handmade
from newsgraph import store
from newsgraph.store.queries import ClaimGroup, ClaimTimeline
from newsgraph.web import create_app
from newsgraph.web.chart import MODALITY_COLOURS, RADIUS, claim_chart, day_of

BBC, REUTERS, OLD, MARKUP = 1, 2, 3, 4  # the keys of claim_analyses() in the database, in order


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return handmade.claims_corpus(tmp_path_factory.mktemp("web-claims") / "claims.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def marks(html: str) -> list[dict[str, str]]:
    """The marks of the claim chart: each one's link, tooltip and the attributes of its circle (and `strike`, the
    line through a negated one, when there is one)."""
    out = []
    for href, title, body in re.findall(
        r'<a class="claim-mark" href="([^"]*)"><title>([^<]*)</title>(.*?)</a>', html, re.S
    ):
        [circle] = re.findall(r"<circle ([^>]*)/>", body)
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', circle))
        out.append({"href": href, "title": title, "strike": str("<line" in body), **attrs})
    return out


# ---- API -----------------------------------------------------------------------------------------------------


def test_api_claims_filters_and_pages(client):
    page = client.get("/api/claims", params={"subject": "Sweden", "predicate": "join"}).json()
    assert page["total"] == 3 and page["limit"] == 50
    assert [(c["article_id"], c["predicate"], c["date"]) for c in page["items"]] == [
        ("old-queue", "is joining", "2022-06-30"),
        ("reuters-sweden", "joined", "2023-05-09"),
        ("bbc-turkey", "join", "2023-06"),
    ]
    first = page["items"][2]
    assert (first["negated"], first["modality"], first["claimant_name"], first["object_name"]) == (
        True,
        "future",
        "Recep Tayyip Erdogan",
        "NATO",
    )
    dated = client.get("/api/claims", params={"object": "NATO", "since": "2023-05-10"}).json()
    assert [c["predicate"] for c in dated["items"]] == ["join"]  # by the date the claim states
    paged = client.get("/api/claims", params={"limit": 2, "offset": 8}).json()
    assert (paged["total"], [c["predicate"] for c in paged["items"]]) == (9, ["is blocking"])  # undated last


def test_api_claim_timeline_of_a_pair(client):
    timeline = client.get("/api/claims/timeline", params={"entity": "NATO", "other": "Sweden"}).json()
    assert (timeline["entity"], timeline["other"], timeline["total"]) == ("NATO", "Sweden", 3)
    assert timeline["predicates"] == ["joined", "welcomed", "join"]
    assert [(g["date"], g["predicate"], len(g["claims"])) for g in timeline["groups"]] == [
        ("2023-05-09", "joined", 1),
        ("2023-05-16", "welcomed", 1),
        ("2023-06", "join", 1),
    ]
    one = client.get("/api/claims/timeline", params={"entity": "Turkey"}).json()
    assert [g["predicate"] for g in one["groups"]] == ["may approve", "is blocking"]


def test_openapi_describes_the_claims_routes(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/claims", "/api/claims/timeline"} <= set(spec["paths"])
    names = [p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]]
    assert names == ["subject", "object", "predicate", "since", "until", "limit", "offset"]
    assert "GET /api/claims/timeline" in client.get("/api/docs").text


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/claims?since=yesterday", 400, "since: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/claims?until=2023-02-30", 400, "until: expected a date"),
        ("/api/claims?since=2023-05&until=2023-04", 400, "since (2023-05) is after until (2023-04)"),
        ("/api/claims?limit=1000", 422, "limit: Input should be less than or equal to 200"),
        ("/api/claims?subject=" + "x" * 201, 422, "subject: String should have at most 200 characters"),
        ("/api/claims/timeline", 422, "entity: Field required"),
        ("/api/claims/timeline?entity=", 422, "entity: String should have at least 1 character"),
        ("/api/claims/timeline?entity=+", 400, "entity: give a name"),
    ],
)
def test_bad_claim_queries_get_a_4xx_with_a_message(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.json()["message"]


# ---- the claims page ------------------------------------------------------------------------------------------


def test_claims_page_lists_the_claims_that_match_the_form(client):
    html = client.get(
        "/claims", params={"subject": "Sweden", "object": "", "predicate": "join", "since": "", "until": ""}
    ).text
    assert "<h1>Claims (3)</h1>" in html
    assert 'name="subject" value="Sweden"' in html and 'name="predicate" value="join"' in html
    rows = re.findall(r'<tr class="claim( negated)?">', html)
    assert rows == ["", "", " negated"]  # Erdogan's claim is negated
    assert f'href="/article/{BBC}#c0"' in html and "Recep Tayyip Erdogan" in html
    assert "Finland" not in html  # "rejoined" is not "join"
    assert 'id="timeline-link" href="/claims/timeline?entity=Sweden"' in html
    pair = client.get("/claims", params={"subject": "Sweden", "object": "NATO"}).text
    assert 'href="/claims/timeline?entity=Sweden&amp;other=NATO"' in pair


def test_claims_page_shows_markup_as_text(client):
    html = client.get("/claims").text
    assert "<script>alert" not in html
    assert "The &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; minister" in html


def test_claims_pages_say_what_is_wrong(client):
    response = client.get("/claims", params={"until": "soon"})
    assert response.status_code == 400 and "until: expected a date" in response.text
    assert response.headers["content-type"].startswith("text/html")
    assert client.get("/claims/timeline", params={"entity": "Sweden", "since": "x"}).status_code == 400


# ---- the timeline page ----------------------------------------------------------------------------------------


def test_timeline_page_draws_a_mark_per_dated_claim_with_its_tooltip_and_link(client):
    html = client.get("/claims/timeline", params={"entity": "Sweden", "other": "NATO"}).text
    assert "<h1>Claims between Sweden and NATO over time</h1>" in html
    assert html.count('<svg id="claim-chart"') == 1
    drawn = marks(html)
    assert [m["href"] for m in drawn] == [f"/article/{REUTERS}#c0", f"/article/{REUTERS}#c2", f"/article/{BBC}#c0"]
    join = drawn[2]
    assert "Sweden will not join NATO before June" in join["title"]
    assert "claimed by Recep Tayyip Erdogan" in join["title"] and "Turkey blocks bid" in join["title"]
    assert "claimed by the article" in drawn[0]["title"] and "Sweden joins NATO talks" in drawn[0]["title"]
    # Left to right by date; one lane per predicate, each with its label.
    assert float(drawn[0]["cx"]) < float(drawn[1]["cx"]) < float(drawn[2]["cx"])
    assert len({m["cy"] for m in drawn}) == 3
    assert re.findall(r'<text class="lane-label"[^>]*><title>([^<]*)</title>', html) == ["joined", "welcomed", "join"]
    assert "<th>predicate</th>" in html and html.count('<tr class="claim') == 3  # and a plain table below


def test_timeline_page_draws_negated_claims_differently_and_colours_by_modality(client):
    html = client.get("/claims/timeline", params={"entity": "Sweden"}).text
    drawn = {m["href"]: m for m in marks(html)}
    negated = drawn[f"/article/{BBC}#c0"]  # "will not join": negated, future
    plain = drawn[f"/article/{REUTERS}#c0"]  # "joined": asserted
    assert "negated" in negated["class"].split() and negated["strike"] == "True"
    assert (negated["fill"], negated["stroke"]) == ("#ffffff", MODALITY_COLOURS["future"])  # hollow, struck through
    assert "negated" not in plain["class"].split() and plain["strike"] == "False"
    assert plain["fill"] == MODALITY_COLOURS["asserted"] and "stroke" not in plain
    assert "mod-future" in negated["class"] and "mod-asserted" in plain["class"]
    legend = html[html.index('<figcaption class="legend">') :]
    assert "future" in legend and "asserted" in legend and "negated" in legend


def test_timeline_page_lists_undated_claims_in_the_table_only(client):
    html = client.get("/claims/timeline", params={"entity": "Turkey"}).text
    assert [m["href"] for m in marks(html)] == [f"/article/{REUTERS}#c1"]
    assert "1 claim without a date: in the table only." in html
    assert html.count('<tr class="claim') == 2 and "The Turkish government" in html


def test_timeline_page_without_an_entity_is_the_form_and_without_claims_says_so(client):
    form = client.get("/claims/timeline")
    assert form.status_code == 200 and 'name="entity"' in form.text and "<svg" not in form.text
    none = client.get("/claims/timeline", params={"entity": "Nobody Atall"}).text
    assert "No claims about Nobody Atall." in none and "claim-chart" not in none


def test_timeline_page_escapes_the_claims_and_keeps_the_security_headers(client):
    response = client.get("/claims/timeline", params={"entity": "budget"})
    html = response.text
    assert "<script>alert" not in html
    assert [m["title"].split(" · ")[0] for m in marks(html)] == [
        "The &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; minister cut the budget"
    ]
    assert len(re.findall(r"<script\b", html)) == 1  # only our own, from /static
    assert " style=" not in html  # the CSP allows no inline style: the chart is drawn with attributes
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp


# ---- the article page and the home page ------------------------------------------------------------------------


def test_article_page_lists_its_claims(client):
    html = client.get(f"/article/{BBC}").text
    section = html[html.index('<section class="claims"') :]
    section = section[: section.index("</section>")]
    assert "<h2>Claims (2)</h2>" in section
    items = re.findall(r'<li class="claim( negated)?" id="c(\d)">(.*?)</li>', section, re.S)
    assert [(negated, n) for negated, n, _ in items] == [(" negated", "0"), ("", "1")]
    join, blocking = (re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)).strip() for _, _, body in items)
    assert join.startswith("Sweden / not join / NATO")
    assert "future" in join and "negated" in join and "Recep Tayyip Erdogan" in join and "June (2023-06)" in join
    assert blocking.startswith("The Turkish government / is blocking / the bid") and "the article" in blocking
    turkey = store.connect_readonly(client.app.state.db)
    try:
        identity = store.article(turkey, BBC).identities["E1"]
    finally:
        turkey.close()
    assert f'<a href="/entity/{identity}">The Turkish government</a>' in section  # the subject's entity, linked
    assert '<a href="#q0">quote</a> by <a class="claimant"' in section


def test_an_article_without_claims_has_no_claims_section(tmp_path):
    client = TestClient(create_app(handmade.one_article(tmp_path / "one.db")))
    html = client.get("/article/1").text
    assert html.startswith("<!doctype html>") and '<section class="claims"' not in html


def test_entity_page_links_to_its_claims_over_time(client, db):
    conn = store.connect_readonly(db)
    try:
        [erdogan] = store.find_entities(conn, "Recep Tayyip Erdogan")
    finally:
        conn.close()
    html = client.get(f"/entity/{erdogan.id}").text
    assert 'id="claims-over-time" href="/claims/timeline?entity=Recep%20Tayyip%20Erdogan"' in html


def test_home_page_links_to_the_claims(client):
    html = client.get("/").text
    assert '<a id="claims-link" href="/claims">9 claims</a>' in html
    assert '<a href="/claims">Claims</a>' in html  # and the navigation


# ---- the chart's layout -----------------------------------------------------------------------------------------


def test_claims_of_one_day_and_predicate_are_drawn_side_by_side(db):
    conn = store.connect_readonly(db)
    try:
        rows = store.claims(conn, predicate="join").items
    finally:
        conn.close()
    one_day = ClaimTimeline("x", None, ("join",), (ClaimGroup("2023-06", "join", rows[:2]),), 2)
    chart = claim_chart(one_day)
    assert chart is not None
    first, second = chart.marks
    assert first.y == second.y and second.x - first.x > 2 * RADIUS  # they do not cover each other
    assert chart.left < first.x < second.x < chart.right


def test_the_chart_spans_the_dates_and_ticks_them(db):
    conn = store.connect_readonly(db)
    try:
        timeline = store.claim_timeline(conn, "Sweden")
    finally:
        conn.close()
    chart = claim_chart(timeline)
    assert chart is not None
    xs = {m.claim.date: m.x for m in chart.marks}
    assert xs["2022-06-30"] < xs["2023-05-09"] < xs["2023-06"]
    assert all(chart.left <= t.x <= chart.right for t in chart.ticks) and len(chart.ticks) >= 3
    assert [t.label for t in chart.ticks] == sorted(t.label for t in chart.ticks)
    assert day_of("2023-06") == date(2023, 6, 1)
    assert claim_chart(ClaimTimeline("x", None, ("is blocking",), (ClaimGroup(None, "is blocking", ()),), 1)) is None
