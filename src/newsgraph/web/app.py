"""The web UI and JSON API over a newsgraph database (FastAPI, server-side Jinja2 templates, no outside assets).

Pages: `/` (search), `/article/{id}`, `/entity/{id}`, `/people`, `/quotes`, `/articles`, `/headlines`, `/claims`,
`/claims/timeline` (a chart drawn on the server as inline SVG). API: `/api/…`, described by `/api/openapi.json` (and,
readable, `/api/docs`).

Safety, because article text is untrusted and the server may be reached by anything on the machine:
- read-only: every request opens the file with `mode=ro` and `query_only`, and there are only GET routes;
- every value reaches SQL as a parameter, and search words never reach FTS5's own syntax (`store.fts_query`);
- the templates escape everything (Jinja2 autoescape; the article renderer escapes text and attributes) and the
  Content-Security-Policy allows scripts and styles from this server only, so a `<script>` in an article is text;
- queries and pages are bounded (text 200 characters, pages of at most 200 items), and a bad query gets a 4xx
  whose message names the parameter and what is expected.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph import store
from newsgraph.store import (
    MAX_QUERY_CHARS,
    ArticleSummary,
    ClaimRow,
    ClaimTimeline,
    EntityView,
    HeadlineRow,
    Page,
    Person,
    QueryError,
    QuoteFilter,
    QuoteRow,
    SearchResults,
    Stats,
    StoreError,
    TimelineEntry,
    store_error,
)
from newsgraph.store.queries import HIT_END, HIT_START, MAX_KEY
from newsgraph.web.chart import claim_chart
from newsgraph.web.render import mark_hits, render_article, render_headline

HERE = Path(__file__).resolve().parent
MAX_PAGE_SIZE = 200
MAX_OFFSET = 100_000
PAGE_SIZE = 25

# Headers on every response. No inline script or style is allowed, so even markup that slipped through escaping
# could not run; nothing may frame the pages; nothing is sent to other sites.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Query parameters shared by pages and API, with their bounds (FastAPI answers 422 beyond them, with the reason).
Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
DateBound = Annotated[
    str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD; `until` includes its whole month/year")
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"items per page, at most {MAX_PAGE_SIZE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
PageNumber = Annotated[int, Query(ge=1, le=MAX_OFFSET // PAGE_SIZE, alias="page")]


def create_app(db: str | Path) -> FastAPI:
    """The web application over the database file `db` (which must exist; it is never written).

    >>> app = create_app("newsgraph.db")  # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, host="127.0.0.1", port=8000)  # doctest: +SKIP
    """
    app = FastAPI(
        title="newsgraph",
        summary="Who said what, about whom, and when, in a corpus of news articles. Read-only.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN; the machine may be offline
        redoc_url=None,
    )
    app.state.db = str(db)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["hits"] = lambda s: mark_hits(s, HIT_START, HIT_END)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    _add_error_handlers(app)
    _add_api(app)
    _add_pages(app)
    return app


def database(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request."""
    try:
        conn = store.connect_readonly(request.app.state.db)
    except StoreError as e:
        raise HTTPException(503, str(e)) from None
    try:
        yield conn
    finally:
        conn.close()


Db = Annotated[sqlite3.Connection, Depends(database)]


def _version() -> str:
    from newsgraph import __version__

    return __version__


# ---- errors ------------------------------------------------------------------------------------------------


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if _is_api(request):
        # `detail` as FastAPI's own errors have it; `message` is always one readable line.
        body: dict[str, Any] = {"message": message, "detail": message if detail is None else detail}
        return JSONResponse(jsonable_encoder(body), status_code=status)
    context = {"status": status, "message": message}
    return request.app.state.templates.TemplateResponse(request, "error.html", context, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        message = "; ".join(f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors)
        # The API keeps FastAPI's 422 with the details; a page says what is wrong in words, as a 400.
        detail = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in errors]
        return _error(request, 422 if _is_api(request) else 400, message or "invalid request", detail)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return _error(request, exc.status_code, message)

    @app.exception_handler(sqlite3.DatabaseError)
    async def database_failed(request: Request, exc: sqlite3.DatabaseError) -> Response:
        # Busy, damaged, unreadable: the file's trouble, said in words, never a 500 with a traceback.
        return _error(request, 503, str(store_error(request.app.state.db, exc)))


def _where(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path")]
    return ".".join(parts) or "request"


# ---- JSON API ----------------------------------------------------------------------------------------------


def _add_api(app: FastAPI) -> None:
    responses: dict[int | str, dict[str, Any]] = {
        400: {"description": "A query the database cannot answer as asked; `message` says why"},
        422: {"description": "A parameter out of its bounds or of the wrong type; `message` says which"},
    }
    api: dict[str, Any] = {"tags": ["api"], "responses": responses}  # the options of every API route

    @app.get("/api", include_in_schema=False)
    def api_root() -> RedirectResponse:
        return RedirectResponse("/api/docs")

    @app.get("/api/stats", **api)
    def api_stats(db: Db) -> Stats:
        """How much is in the corpus."""
        return store.stats(db)

    @app.get("/api/search", **api)
    def api_search(
        db: Db,
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> SearchResults:
        """Articles and quotes with all these words (a trailing * matches a prefix), and entities by name.
        Snippets mark hits with U+E000 … U+E001 (private-use characters, never in the text)."""
        return store.search(db, q, limit=limit, offset=offset)

    @app.get("/api/articles", **api)
    def api_articles(
        db: Db, since: DateBound = None, until: DateBound = None, limit: Limit = 50, offset: Offset = 0
    ) -> Page[ArticleSummary]:
        """Articles, newest first."""
        return store.list_articles(db, since=since, until=until, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", **api)
    def api_article(db: Db, article_id: int) -> dict[str, Any]:
        """One article as the contract's JSON object (`newsgraph/1`), plus `store`: its key, source and the
        corpus identity of each entity."""
        stored = store.article(db, article_id)
        if stored is None:
            raise HTTPException(404, f"no article {article_id}")
        return stored.to_dict()

    @app.get("/api/quotes", **api)
    def api_quotes(
        db: Db,
        speaker: Text = None,
        about: Text = None,
        contains: Text = None,
        since: DateBound = None,
        until: DateBound = None,
        speaker_id: Annotated[int | None, Query(ge=1, le=MAX_KEY)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[QuoteRow]:
        """Quotes by a speaker (part of the name), about an entity (named in the quote), with all these words,
        from articles published between since and until."""
        where = QuoteFilter(speaker, about, contains, since, until, speaker_id, limit, offset)
        return store.select_quotes(db, where)

    @app.get("/api/headlines", **api)
    def api_headlines(
        db: Db,
        flagged: Annotated[bool, Query(description="only headlines that claim more than the body")] = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[HeadlineRow]:
        """Headline checks, newest first: each headline's stance towards its body and its overstatement findings
        (the headline's words, why, the body's evidence)."""
        return store.headlines(db, flagged=flagged, limit=limit, offset=offset)

    @app.get("/api/claims", **api)
    def api_claims(
        db: Db,
        subject: Text = None,
        object: Text = None,
        predicate: Text = None,
        since: DateBound = None,
        until: DateBound = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[ClaimRow]:
        """Claims whose subject (or object) names an entity of that name or has those words, whose predicate has a
        word starting with `predicate` ("join": joins, joined, joining), dated between since and until: the date the
        claim states, else the article's. Ordered by that date."""
        return store.claims(db, subject, object, predicate, since, until, limit=limit, offset=offset)

    @app.get("/api/claims/timeline", **api)
    def api_claim_timeline(
        db: Db,
        entity: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
        other: Text = None,
        since: DateBound = None,
        until: DateBound = None,
        limit: Limit = 200,
    ) -> ClaimTimeline:
        """The claims about an entity (its subject or object names it) or, with `other`, between two (one the
        subject, the other the object, either way round), grouped by date and predicate."""
        return store.claim_timeline(db, entity, other, since, until, limit=limit)

    @app.get("/api/people", **api)
    def api_people(
        db: Db,
        all: Annotated[bool, Query(description="every entity, not only those quoted")] = False,
        type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE…")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[Person]:
        """Speakers, most quoted first, with their titles."""
        return store.people(db, everyone=all, type=type, limit=limit, offset=offset)

    @app.get("/api/entities/{entity_id}", **api)
    def api_entity(db: Db, entity_id: int) -> EntityView:
        """One entity across the corpus: titles, quotes over time, articles."""
        view = store.entity(db, entity_id, quote_limit=1000)
        if view is None:
            raise HTTPException(404, f"no entity {entity_id}")
        return view

    @app.get("/api/timeline", **api)
    def api_timeline(
        db: Db, entity: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)], limit: Limit = 200
    ) -> list[TimelineEntry]:
        """Dated mentions and quotes of the entities with this name, oldest first."""
        return list(store.timeline(db, entity, limit=limit))


# ---- pages -------------------------------------------------------------------------------------------------


def _add_pages(app: FastAPI) -> None:
    templates: Jinja2Templates = app.state.templates

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, db: Db) -> HTMLResponse:
        return page(
            request,
            "home.html",
            stats=store.stats(db),
            articles=store.list_articles(db, limit=10),
            people=store.people(db, limit=10),
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, db: Db, q: Text = None, page_number: PageNumber = 1) -> HTMLResponse:
        if q is None or not q.strip():
            return page(request, "search.html", q="", results=None, page=1)
        results = store.search(db, q, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
        return page(request, "search.html", q=q, results=results, page=page_number)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, db: Db, page_number: PageNumber = 1) -> HTMLResponse:
        found = store.list_articles(db, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
        return page(request, "articles.html", articles=found, page=page_number)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, db: Db, article_id: int) -> HTMLResponse:
        stored = store.article(db, article_id)
        if stored is None:
            raise HTTPException(404, f"no article {article_id}")
        rendered = render_article(stored.analysis, stored.identities)
        headline = render_headline(stored.analysis)
        return page(request, "article.html", stored=stored, a=stored.analysis, rendered=rendered, headline=headline)

    @app.get("/headlines", response_class=HTMLResponse, include_in_schema=False)
    def headlines_page(request: Request, db: Db, flagged: bool = False, page_number: PageNumber = 1) -> HTMLResponse:
        found = store.headlines(db, flagged=flagged, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
        return page(request, "headlines.html", headlines=found, flagged=flagged, page=page_number)

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, db: Db, entity_id: int) -> HTMLResponse:
        view = store.entity(db, entity_id, quote_limit=1000)
        if view is None:
            raise HTTPException(404, f"no entity {entity_id}")
        return page(request, "entity.html", view=view, by_date=_by_date(view))

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people_page(request: Request, db: Db, all: bool = False, page_number: PageNumber = 1) -> HTMLResponse:
        found = store.people(db, everyone=all, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)
        return page(request, "people.html", people=found, everyone=all, page=page_number)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request,
        db: Db,
        speaker: Text = None,
        about: Text = None,
        contains: Text = None,
        since: DateBound = None,
        until: DateBound = None,
        page_number: PageNumber = 1,
    ) -> HTMLResponse:
        form = {"speaker": speaker, "about": about, "contains": contains, "since": since, "until": until}
        # Empty form fields arrive as "": the store reads those as "no filter".
        where = QuoteFilter(
            speaker, about, contains, since, until, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE
        )
        return page(request, "quotes.html", quotes=store.select_quotes(db, where), form=form, page=page_number)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(
        request: Request,
        db: Db,
        subject: Text = None,
        object: Text = None,
        predicate: Text = None,
        since: DateBound = None,
        until: DateBound = None,
        page_number: PageNumber = 1,
    ) -> HTMLResponse:
        form = {"subject": subject, "object": object, "predicate": predicate, "since": since, "until": until}
        # Empty form fields arrive as "": the store reads those as "no filter".
        found = store.claims(
            db, subject, object, predicate, since, until, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE
        )
        return page(request, "claims.html", claims=found, form=form, page=page_number)

    @app.get("/claims/timeline", response_class=HTMLResponse, include_in_schema=False)
    def claim_timeline_page(
        request: Request,
        db: Db,
        entity: Text = None,
        other: Text = None,
        since: DateBound = None,
        until: DateBound = None,
    ) -> HTMLResponse:
        form = {"entity": entity, "other": other, "since": since, "until": until}
        if entity is None or not entity.strip():  # the form alone, to ask
            return page(request, "claims_timeline.html", form=form, timeline=None, chart=None)
        timeline = store.claim_timeline(db, entity, other, since, until, limit=MAX_PAGE_SIZE)
        chart = claim_chart(timeline)
        return page(request, "claims_timeline.html", form=form, timeline=timeline, chart=chart)

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        spec = app.openapi()
        operations = [
            {
                "path": path,
                "method": method.upper(),
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": op.get("parameters", []),
            }
            for path, methods in spec["paths"].items()
            for method, op in methods.items()
        ]
        return page(request, "api.html", operations=operations)


def _by_date(view: EntityView) -> list[tuple[str, list[QuoteRow]]]:
    """The quotes of an entity grouped by publication date, oldest first (undated last)."""
    groups: dict[str, list[QuoteRow]] = {}
    for q in view.quotes:
        groups.setdefault(q.published or "undated", []).append(q)
    return list(groups.items())
