"""The web UI and JSON API against a real SQLite file: pages, API answers, untrusted text, bad queries, read-only."""

from __future__ import annotations

import hashlib
import re
import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

import corpus
import handmade
from newsgraph.model import Analysis, Entity, Mention, Quote, Removed
from newsgraph.web import ServeError, create_app, serve
from newsgraph.web.render import mark_hits, render_article


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.build(tmp_path_factory.mktemp("web") / "corpus.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def quote_marks(html: str) -> list[dict[str, str]]:
    """The attributes of each highlighted quote (first piece of each) on a page."""
    marks = []
    for tag in re.findall(r'<mark class="quote[^>]*>', html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if "id" in attrs:
            marks.append(attrs)
    return marks


# ---- pages ---------------------------------------------------------------------------------------------------


def test_article_page_highlights_quotes_by_speaker(client, db):
    page = client.get(f"/article/{corpus.article_key(db, 'berg')}")
    assert page.status_code == 200
    html = page.text
    marks = quote_marks(html)
    assert [m["data-speaker"] for m in marks] == ["Anna Berg", "Anna Berg", "Jens Stoltenberg"]
    colours = [m["class"].split()[1] for m in marks]
    assert colours[0] == colours[1] != colours[2]  # one colour per speaker
    assert marks[1]["title"] == "Anna Berg · said · direct"  # what hovering shows
    berg = corpus.identity_key(db, "Anna Berg")
    assert marks[0]["data-entity"] == str(berg)
    assert f'<a class="speaker-link" href="/entity/{berg}">Anna Berg</a>' in html
    assert f'<a class="mention" href="/entity/{berg}" title="Anna Berg (PERSON)">Anna Berg</a>' in html
    # Removed spans are struck through, kept in place, and can be hidden.
    assert '<del class="removed" title="removed: promotion">Follow us on Twitter and Facebook</del>' in html
    assert 'id="hide-removed"' in html


def test_entity_page_lists_titles_and_quotes_over_time(client, db):
    stoltenberg = corpus.identity_key(db, "Jens Stoltenberg")
    html = client.get(f"/entity/{stoltenberg}").text
    assert '<h1 id="entity-name">Jens Stoltenberg</h1>' in html
    assert "NATO chief" in html and "former Norwegian PM" in html
    days = re.findall(r"<h3><time>([^<]+)</time></h3>", html)
    assert days == ["2023-02-28", "2023-03-06"]
    assert f'href="/article/{corpus.article_key(db, "berg")}#q2"' in html


def test_search_home_people_quotes_and_api_docs_pages(client):
    search = client.get("/search", params={"q": "stand with Ukraine"})
    assert search.status_code == 200
    assert "Anna Berg" in search.text and "<mark>stand</mark>" in search.text
    assert "Who said what" in client.get("/").text
    assert "Jens Stoltenberg" in client.get("/people").text
    filtered = client.get("/quotes", params={"speaker": "Hale", "about": "", "contains": "", "since": "", "until": ""})
    assert filtered.status_code == 200 and "Tom Hale" in filtered.text and "Jens" not in filtered.text
    docs = client.get("/api/docs").text
    assert "GET /api/quotes" in docs and "GET /api/timeline" in docs


def test_article_text_is_shown_as_text_never_run(client, db):
    html = client.get(f"/article/{corpus.article_key(db, 'xss')}").text
    assert "<script>alert" not in html and "<script>document" not in html
    assert "Budget &lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; row" in html
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert len(re.findall(r"<script\b", html)) == 1  # only our own, from /static
    search = client.get("/search", params={"q": "script"}).text
    assert "<script>alert" not in search and "&lt;script&gt;" in search


def test_every_response_carries_security_headers(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/stats").headers["x-frame-options"] == "DENY"


def test_rendering_nests_overlapping_layers_and_escapes_attributes():
    text = 'He said "a <b> c" loudly. Follow us'
    analysis = Analysis(
        id="t",
        text=text,
        quotes=(Quote(9, 16, "a <b> c", "direct", "E1", 'Dr "Evil" <x>'),),
        entities=(Entity("E1", 'Dr "Evil" <x>', "PERSON", (Mention(0, 2, "He"),)),),
        removed=(Removed(3, 12, "promotion", text[3:12]),),  # overlaps the start of the quote
    )
    html = str(render_article(analysis, {"E1": 3}).html)
    assert html.count('data-quote="0"') == 2 and html.count('id="q0"') == 1  # cut in two, one id
    assert 'data-speaker="Dr &#34;Evil&#34; &lt;x&gt;"' in html
    assert "<b>" not in html
    # Well nested: every element closes in reverse order of opening.
    stack = []
    for closing, tag in re.findall(r"<(/?)(mark|del|a|span)\b", html):
        if closing:
            assert stack.pop() == tag
        else:
            stack.append(tag)
    assert stack == []
    assert re.sub(r"<[^>]+>", "", html) == str(escape(text))  # all the text, in order, escaped


# ---- API -----------------------------------------------------------------------------------------------------


def test_api_quotes_filters_and_pages(client):
    page = client.get("/api/quotes", params={"speaker": "Stoltenberg", "limit": 5}).json()
    assert page["total"] >= 11 and len(page["items"]) == 5 and page["limit"] == 5
    assert {q["speaker_name"] for q in page["items"]} == {"Jens Stoltenberg"}
    march = client.get("/api/quotes", params={"since": "2023-03", "until": "2023-03"}).json()
    assert {q["article_id"] for q in march["items"]} == {"berg"}
    words = client.get("/api/quotes", params={"contains": "trust them"}).json()
    assert [q["speaker_name"] for q in words["items"]] == ["Tom Hale"]
    about = client.get("/api/quotes", params={"about": "Putin"}).json()
    assert about["total"] >= 2


def test_api_article_is_the_contract_object(client, db, example):
    pk = corpus.article_key(db, "example")
    body = client.get(f"/api/articles/{pk}").json()
    store_fields = body.pop("store")
    expected = example.to_dict()
    expected["url"] = corpus.EXAMPLE_URL
    assert body == expected
    assert store_fields["article"] == pk and store_fields["identities"]


def test_api_people_entities_timeline_search_stats(client, db):
    people = client.get("/api/people").json()
    assert people["items"][0]["name"] == "Jens Stoltenberg"
    entity = client.get(f"/api/entities/{people['items'][0]['id']}").json()
    assert entity["person"]["name"] == "Jens Stoltenberg" and len(entity["quotes"]) == people["items"][0]["quotes"]
    timeline = client.get("/api/timeline", params={"entity": "Anna Berg"}).json()
    assert [e["kind"] for e in timeline] == ["mention", "quote", "quote"]
    found = client.get("/api/search", params={"q": "Ms Berg"}).json()
    assert [a["article_id"] for a in found["articles"]["items"]] == ["berg"]
    assert client.get("/api/stats").json()["articles"] == 3


def test_openapi_describes_the_api(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/quotes", "/api/people", "/api/articles/{article_id}", "/api/search", "/api/timeline"} <= set(
        spec["paths"]
    )
    limit = next(p for p in spec["paths"]["/api/quotes"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 200
    assert all(not path.startswith("/article") for path in spec["paths"])  # pages are not API


# ---- bad requests ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/quotes?limit=1000", 422, "limit: Input should be less than or equal to 200"),
        ("/api/quotes?limit=0", 422, "limit: Input should be greater than or equal to 1"),
        ("/api/quotes?offset=-1", 422, "offset: Input should be greater than or equal to 0"),
        ("/api/quotes?since=the+day+before", 422, "since: String should have at most 10 characters"),
        ("/api/quotes?since=yesterday", 400, "since: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/quotes?since=2023-02-30", 400, "since: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/quotes?since=2023-05&until=2023-04", 400, "since (2023-05) is after until (2023-04)"),
        ("/api/quotes?speaker=" + "x" * 201, 422, "speaker: String should have at most 200 characters"),
        ("/api/search?q=%22%28", 400, "q: no words to search for"),
        ("/api/search", 422, "q: Field required"),
        ("/api/articles/999999", 404, "no article 999999"),
        ("/api/articles/abc", 422, "article_id: Input should be a valid integer"),
        ("/api/entities/999999", 404, "no entity 999999"),
        # Beyond SQLite's 64-bit integers: no such row, not an OverflowError (a 500).
        (f"/api/articles/{2**63}", 404, f"no article {2**63}"),
        (f"/api/entities/{-(2**63) - 1}", 404, f"no entity {-(2**63) - 1}"),
        (f"/api/quotes?speaker_id={2**64}", 422, "speaker_id: Input should be less than or equal to"),
        ("/api/people?type=" + "x" * 30, 422, "type: String should have at most 20 characters"),
    ],
)
def test_bad_api_queries_get_a_4xx_with_a_message(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert message in body["message"], body
    assert body["detail"]


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/search?q=" + "x" * 300, 400, "q: String should have at most 200 characters"),
        ("/quotes?until=soon", 400, "until: expected a date"),
        ("/article/999999", 404, "no article 999999"),
        (f"/article/{2**63}", 404, f"no article {2**63}"),
        (f"/entity/{2**64}", 404, f"no entity {2**64}"),
        ("/article/abc", 400, "article_id: Input should be a valid integer"),
        ("/people?page=0", 400, "page: Input should be greater than or equal to 1"),
        ("/nowhere", 404, "Not Found"),
    ],
)
def test_bad_page_requests_get_an_error_page(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text


def test_the_server_is_read_only(client, db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for url in (
        "/",
        "/search?q=NATO",
        "/api/quotes",
        "/api/people",
        "/people",
        f"/article/{corpus.article_key(db, 'berg')}",
    ):
        assert client.get(url).status_code == 200
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/quotes").status_code == 405
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_missing_database_is_a_503_with_the_reason(tmp_path):
    client = TestClient(create_app(tmp_path / "gone.db"))
    response = client.get("/api/stats")
    assert response.status_code == 503 and "no database here" in response.json()["message"]
    assert not (tmp_path / "gone.db").exists()


def test_a_damaged_database_is_a_503_with_the_reason(tmp_path):
    path = handmade.damage(handmade.one_article(tmp_path / "damaged.db"))
    client = TestClient(create_app(path))
    for url in ("/", "/api/quotes", "/people", "/article/1"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "damaged.db: is damaged (database disk image is malformed)" in response.text


def test_search_snippets_show_the_texts_own_control_characters_as_text(tmp_path):
    body = "Tax <b>rises</b> are \x02close\x03 now \x03. “We will win,” said Ann Lee."  # as scraped text can have
    client = TestClient(create_app(handmade.one_article(tmp_path / "marks.db", body)))
    html = client.get("/search", params={"q": "close"}).text
    [snippet] = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1
    assert "\x02<mark>close</mark>\x03 now \x03" in snippet
    assert "&lt;b&gt;rises&lt;/b&gt;" in snippet and "<b>" not in snippet
    [hit] = client.get("/api/search", params={"q": "close"}).json()["articles"]["items"]
    assert "\x02\ue000close\ue001\x03" in hit["snippet"]


def test_hit_marks_always_make_well_nested_html():
    # A stray mark (in text indexed before marks were kept out of it) opens no second <mark>, closes none unopened.
    assert str(mark_hits("\ue001a \ue000b\ue000 <c>", "\ue000", "\ue001")) == "a <mark>b &lt;c&gt;</mark>"


def test_serve_on_a_busy_port_fails_before_it_says_it_serves(tmp_path):
    path = handmade.one_article(tmp_path / "one.db")
    said: list[str] = []
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(ServeError, match=f"port {port} is in use by another program"):
            serve(path, port=port, on_listening=said.append)
    assert said == []
