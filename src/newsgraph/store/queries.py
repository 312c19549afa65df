"""Asking the database: quotes by speaker, subject, words and dates; people; an entity's timeline; search; articles;
claims by subject, predicate, object and date, and the claims about an entity (or a pair) over time.

Every query is parameterised (values never become SQL text), and every user input is checked first: a bad one
raises `QueryError`, whose message says which input is wrong and what is expected, so that the command line and the
web can pass it on as it is.

>>> from newsgraph.store.schema import connect
>>> conn = connect(":memory:")
>>> select_quotes(conn, QuoteFilter(speaker="Stoltenberg", since="2023-02")).items
()
>>> select_quotes(conn, QuoteFilter(since="28/02/2023"))
Traceback (most recent call last):
...
newsgraph.store.queries.QueryError: since: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '28/02/2023'
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from newsgraph.model import Analysis
from newsgraph.store.ingest import identity_key
from newsgraph.store.layers import read_analysis
from newsgraph.store.schema import HIT_END, HIT_START

T = TypeVar("T")

MAX_QUERY_CHARS = 200
"""The longest name, search or filter text accepted: longer is not a question but a mistake (or an attack)."""
MAX_SEARCH_TERMS = 16
MIN_KEY, MAX_KEY = -(2**63), 2**63 - 1
"""The keys (article, identity) SQLite can hold: its 64-bit integers."""


class QueryError(ValueError):
    """A question the database cannot answer as asked; the message names the input and what is expected."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results: `items`, and `total` matches in all."""

    items: tuple[T, ...]
    total: int
    limit: int | None
    offset: int


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes: by a speaker (a name, or the start of a word of it: "Berg" is Anna Berg, not Stoltenberg),
    about an entity (mentioned in the quote, matched the same way), with all these words, from articles published
    in [since, until] (YYYY, YYYY-MM or YYYY-MM-DD; until includes its whole month or year).
    """

    speaker: str | None = None
    about: str | None = None
    contains: str | None = None
    since: str | None = None
    until: str | None = None
    speaker_id: int | None = None  # an identity key (from `people`), exact where a name could be ambiguous
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A quote with who said it and where: `speaker` is the identity's key (None when the speaker is not an
    entity), `article` the article's key.
    """

    id: int
    article: int
    article_id: str
    headline: str | None
    published: str | None
    url: str | None
    position: int
    start: int
    end: int
    text: str
    kind: str
    speaker: int | None
    speaker_name: str | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class Person:
    """An identity (one name of one type across the corpus) with how often it is quoted and the titles it is given."""

    id: int
    name: str
    type: str
    quotes: int
    articles: int
    titles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated event for an entity: a quote of theirs, or the article that mentions them (`mentions` times)."""

    published: str | None
    article: int
    article_id: str
    headline: str | None
    kind: str  # "quote" or "mention"
    text: str
    entity: int
    name: str
    cue: str | None = None
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    article_id: str
    headline: str | None
    published: str | None
    url: str | None
    quotes: int
    entities: int


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article found by search; `snippet` marks the hits with HIT_START … HIT_END."""

    id: int
    article_id: str
    headline: str | None
    published: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    articles: Page[ArticleHit]
    quotes: Page[QuoteRow]
    entities: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored: the `Analysis` (exactly as analysed, so `analysis.to_dict()` is the contract's JSON)
    and what the store adds: its key, where it came from, and the identity of each entity.
    """

    id: int
    analysis: Analysis
    source: str | None
    ingested_at: str
    content_hash: str
    identities: dict[str, int] = field(default_factory=dict)  # entity id ("E1") → identity key

    def to_dict(self) -> dict[str, Any]:
        out = self.analysis.to_dict()
        out["store"] = {
            "article": self.id,
            "source": self.source,
            "ingested_at": self.ingested_at,
            "content_hash": self.content_hash,
            "identities": self.identities,
        }
        return out


@dataclass(frozen=True, slots=True)
class EntityView:
    """Everything about one identity: its titles (most given first), its quotes over time, the articles naming it."""

    person: Person
    titles: tuple[tuple[str, int], ...]
    quotes: tuple[QuoteRow, ...]
    articles: tuple[ArticleSummary, ...]


@dataclass(frozen=True, slots=True)
class HeadlineRow:
    """An article's headline check: the stance of its headline towards its body and, when the headline claims more
    than the body supports, the headline's words (`overstated`), why, and the body's words that show it."""

    article: int
    article_id: str
    published: str | None
    headline: str
    stance: str
    overstated: tuple[str, ...]
    why: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    quotes: int
    entities: int
    failures: int
    first_published: str | None
    last_published: str | None
    flagged_headlines: int = 0  # articles whose headline check found an overstatement
    claims: int = 0


# ---- checking inputs ----------------------------------------------------------------------------------------


def check_text(value: str | None, name: str) -> str | None:
    """`value` stripped, or None when empty; QueryError when longer than MAX_QUERY_CHARS."""
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_QUERY_CHARS:
        raise QueryError(f"{name}: too long ({len(value)} characters; at most {MAX_QUERY_CHARS})")
    return value or None


_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def check_date(value: str | None, name: str) -> str | None:
    """A date bound as given (YYYY, YYYY-MM or YYYY-MM-DD), checked; None when absent.

    >>> check_date("2023-02", "since")
    '2023-02'
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        year, month, day = [*value.split("-"), "01", "01"][:3]
        date(int(year), int(month), int(day))
    except ValueError:
        raise QueryError(f"{name}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from None
    return value


def fts_query(words: str, name: str = "contains") -> str:
    """An FTS5 query that finds all these words (a trailing * matches a prefix), whatever characters they hold.

    User text never reaches FTS5's own syntax (where a stray quotation mark or `NEAR(` is an error): each word is
    quoted as a string.

    >>> fts_query('NATO "chief" stolten*')
    '"nato" "chief" "stolten"*'
    """
    checked = check_text(words, name)
    terms = re.findall(r"(\w+)(\*?)", checked or "")
    if not terms:
        raise QueryError(f"{name}: no words to search for in {words!r}")
    if len(terms) > MAX_SEARCH_TERMS:
        raise QueryError(f"{name}: too many words ({len(terms)}; at most {MAX_SEARCH_TERMS})")
    return " ".join(f'"{word.casefold()}"{star}' for word, star in terms)


def is_key(value: int) -> bool:
    """Can `value` be a row's key? SQLite's integers are 64-bit: a larger number names no row, and passing it to a
    query would raise OverflowError.

    >>> is_key(7), is_key(2**63)
    (True, False)
    """
    return MIN_KEY <= value <= MAX_KEY


def _escape_like(value: str) -> str:
    """`value` for a LIKE pattern, with LIKE's own wildcards in it taken literally."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# A name matches where one of its words starts with what was asked: "Berg" finds Anna Berg, not Stoltenberg;
# "Stolten" finds Jens Stoltenberg. Two patterns, for the first word and for any later one.
_NAME_MATCH = "({column} LIKE ? ESCAPE '\\' OR {column} LIKE ? ESCAPE '\\')"


def _name_patterns(name: str) -> list[str]:
    escaped = _escape_like(name)
    return [f"{escaped}%", f"% {escaped}%"]


def _page_bounds(limit: int | None, offset: int) -> tuple[int, int]:
    if limit is not None and limit < 0:
        raise QueryError(f"limit: must be 0 or more, got {limit}")
    if offset < 0:
        raise QueryError(f"offset: must be 0 or more, got {offset}")
    return (-1 if limit is None else limit), offset  # LIMIT -1: no limit


# ---- quotes ------------------------------------------------------------------------------------------------

_QUOTE_COLUMNS = """
    q.pk AS id, q.article, a.id AS article_id, a.headline, a.published, a.url, q.position, q.start, q."end", q.text,
    q.kind, e.identity AS speaker, COALESCE(i.name, q.speaker_name) AS speaker_name, q.cue_text AS cue
"""
_QUOTE_FROM = """
    FROM quotes q
    JOIN articles a ON a.pk = q.article
    LEFT JOIN entities e ON e.pk = q.speaker
    LEFT JOIN identities i ON i.pk = e.identity
"""


def select_quotes(conn: sqlite3.Connection, where: QuoteFilter) -> Page[QuoteRow]:
    """The quotes that match, oldest article first (undated last), in the order they appear in each article."""
    clauses, params = _quote_clauses(where)
    limit, offset = _page_bounds(where.limit, where.offset)
    condition = " AND ".join(clauses) or "1"
    total = conn.execute(f"SELECT count(*) {_QUOTE_FROM} WHERE {condition}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT {_QUOTE_COLUMNS} {_QUOTE_FROM} WHERE {condition}"
        " ORDER BY a.published IS NULL, a.published, a.pk, q.position LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page(tuple(QuoteRow(**dict(r)) for r in rows), total, where.limit, where.offset)


def _quote_clauses(where: QuoteFilter) -> tuple[list[str], list[Any]]:
    # The SQL text is made only of the fixed fragments below; every value is a parameter.
    clauses: list[str] = []
    params: list[Any] = []
    if (speaker := check_text(where.speaker, "speaker")) is not None:
        by_entity = _NAME_MATCH.format(column="i.key")
        by_words = _NAME_MATCH.format(column="q.speaker_name")  # a speaker who is no entity: "a spokesman"
        clauses.append(f"({by_entity} OR (q.speaker IS NULL AND {by_words}))")
        params += [*_name_patterns(identity_key(speaker)), *_name_patterns(speaker)]
    if where.speaker_id is not None and is_key(where.speaker_id):
        clauses.append("e.identity = ?")
        params.append(where.speaker_id)
    elif where.speaker_id is not None:
        clauses.append("0")  # a number beyond SQLite's integers names no one (and as a parameter: OverflowError)
    if (about := check_text(where.about, "about")) is not None:
        # About an entity: one of its mentions lies inside the quote (the analysis already resolved "he", "Mr X").
        clauses.append(
            """EXISTS (SELECT 1 FROM mentions m JOIN entities me ON me.pk = m.entity
                       JOIN identities mi ON mi.pk = me.identity
                       WHERE m.article = q.article AND m.start >= q.start AND m."end" <= q."end"
                         AND """
            + _NAME_MATCH.format(column="mi.key")
            + ")"
        )
        params += _name_patterns(identity_key(about))
    if check_text(where.contains, "contains") is not None:
        clauses.append("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(f"text : ({fts_query(where.contains or '', 'contains')})")
    _date_clauses(where.since, where.until, clauses, params)
    return clauses, params


def _date_clauses(since: str | None, until: str | None, clauses: list[str], params: list[Any]) -> None:
    if (since := check_date(since, "since")) is not None:
        clauses.append("a.published >= ?")
        params.append(since)
    if (until := check_date(until, "until")) is not None:
        # "until 2023-02" means to the end of February: compare as many characters as were given.
        clauses.append("substr(a.published, 1, ?) <= ?")
        params += [len(until), until]
    if since and until and since[: len(until)] > until:  # since 2023-02-28 until 2023-02 is one day, not none
        raise QueryError(f"since ({since}) is after until ({until})")


# ---- people and entities -----------------------------------------------------------------------------------


def people(
    conn: sqlite3.Connection,
    *,
    everyone: bool = False,
    type: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page[Person]:
    """Speakers (identities with at least one quote; with `everyone`, every identity), most quoted first."""
    lim, off = _page_bounds(limit, offset)
    clauses, params = [], []
    if not everyone:
        clauses.append("quotes > 0")
    if (kind := check_text(type, "type")) is not None:
        clauses.append("type = ?")
        params.append(kind.upper())
    condition = " AND ".join(clauses) or "1"
    base = f"SELECT * FROM ({_PERSON_SELECT}) WHERE {condition}"
    total = conn.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    rows = conn.execute(f"{base} ORDER BY quotes DESC, articles DESC, name LIMIT ? OFFSET ?", [*params, lim, off])
    found = [Person(**dict(r)) for r in rows]
    titles = _titles(conn, [p.id for p in found])
    items = tuple(Person(**{**_fields(p), "titles": tuple(t for t, _ in titles.get(p.id, ()))}) for p in found)
    return Page(items, total, limit, offset)


_PERSON_SELECT = """
    SELECT i.pk AS id, i.name, i.type,
           (SELECT count(*) FROM quotes q JOIN entities e ON e.pk = q.speaker WHERE e.identity = i.pk) AS quotes,
           (SELECT count(DISTINCT e.article) FROM entities e WHERE e.identity = i.pk) AS articles
    FROM identities i
"""


def find_entities(conn: sqlite3.Connection, name: str, limit: int = 20) -> tuple[Person, ...]:
    """Identities whose name is `name` (ignoring case and spacing) or, failing that, has a word starting with it
    ("Stolten", "jens stolt"); most quoted first."""
    checked = check_text(name, "entity")
    if checked is None:
        raise QueryError("entity: give a name")
    key = identity_key(checked)
    exact = conn.execute(
        f"SELECT * FROM ({_PERSON_SELECT}) WHERE id IN (SELECT pk FROM identities WHERE key = ?)"
        " ORDER BY quotes DESC, articles DESC LIMIT ?",
        (key, limit),
    ).fetchall()
    rows = (
        exact
        or conn.execute(
            f"SELECT * FROM ({_PERSON_SELECT}) WHERE id IN (SELECT pk FROM identities WHERE "
            + _NAME_MATCH.format(column="key")
            + ") ORDER BY quotes DESC, articles DESC, name LIMIT ?",
            (*_name_patterns(key), limit),
        ).fetchall()
    )
    found = [Person(**dict(r)) for r in rows]
    titles = _titles(conn, [p.id for p in found])
    return tuple(Person(**{**_fields(p), "titles": tuple(t for t, _ in titles.get(p.id, ()))}) for p in found)


def entity(conn: sqlite3.Connection, identity: int, quote_limit: int | None = None) -> EntityView | None:
    """One identity with its titles, quotes (oldest first) and articles; None when there is no such identity."""
    if not is_key(identity):
        return None
    row = conn.execute(f"SELECT * FROM ({_PERSON_SELECT}) WHERE id = ?", (identity,)).fetchone()
    if row is None:
        return None
    titles = _titles(conn, [identity]).get(identity, ())
    person = Person(**{**dict(row), "titles": tuple(t for t, _ in titles)})
    quotes = select_quotes(conn, QuoteFilter(speaker_id=identity, limit=quote_limit)).items
    articles = conn.execute(
        f"{_ARTICLE_SUMMARY} WHERE a.pk IN (SELECT article FROM entities WHERE identity = ?)"
        " ORDER BY a.published IS NULL, a.published, a.pk",
        (identity,),
    ).fetchall()
    return EntityView(person, tuple(titles), quotes, tuple(ArticleSummary(**dict(r)) for r in articles))


def timeline(conn: sqlite3.Connection, name: str, limit: int | None = None) -> tuple[TimelineEntry, ...]:
    """Dated events of the entities called `name` (see `find_entities`): each article that mentions them, and
    each of their quotes, oldest first.
    """
    ids = [p.id for p in find_entities(conn, name)]
    if not ids:
        return ()
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"""
        SELECT * FROM (
        SELECT a.published, a.pk AS article, a.id AS article_id, a.headline, 'mention' AS kind, a.text AS body,
               min(m.start) AS start, max(m."end") AS stop, e.identity AS entity, i.name, NULL AS cue,
               count(*) AS mentions, -1 AS position
        FROM mentions m JOIN entities e ON e.pk = m.entity JOIN articles a ON a.pk = m.article
        JOIN identities i ON i.pk = e.identity
        WHERE e.identity IN ({marks}) GROUP BY a.pk, e.identity
        UNION ALL
        SELECT a.published, a.pk, a.id, a.headline, 'quote', q.text, q.start, q."end", e.identity, i.name,
               q.cue_text, 0, q.position
        FROM quotes q JOIN entities e ON e.pk = q.speaker JOIN articles a ON a.pk = q.article
        JOIN identities i ON i.pk = e.identity
        WHERE e.identity IN ({marks})
        )
        ORDER BY published IS NULL, published, article, position
        LIMIT ?
        """,
        [*ids, *ids, -1 if limit is None else limit],
    ).fetchall()
    entries = []
    for r in rows:
        text = r["body"] if r["kind"] == "quote" else _context(r["body"], r["start"], r["start"] + 1)
        entries.append(
            TimelineEntry(
                published=r["published"],
                article=r["article"],
                article_id=r["article_id"],
                headline=r["headline"],
                kind=r["kind"],
                text=text,
                entity=r["entity"],
                name=r["name"],
                cue=r["cue"],
                mentions=r["mentions"],
            )
        )
    return tuple(entries)


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    """The words around a span, on one line, cut at word boundaries."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    if start - width > left:  # cut at a space, not inside a word
        space = text.find(" ", start - width, start)
        left = space + 1 if space != -1 else start - width
    if end + width < right:
        space = text.rfind(" ", end, end + width)
        right = space if space != -1 else end + width
    snippet = " ".join(text[left:right].split())
    cut_left = left > 0 and text[left - 1] != "\n"
    cut_right = right < len(text) and text[right] != "\n"
    return ("…" if cut_left else "") + snippet + ("…" if cut_right else "")


def _titles(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """The titles of each identity with how many articles give each, most given first."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"""SELECT e.identity, t.title, count(DISTINCT e.article) AS n FROM entity_titles t
            JOIN entities e ON e.pk = t.entity WHERE e.identity IN ({marks})
            GROUP BY e.identity, t.title ORDER BY e.identity, n DESC, min(t.position), t.title""",
        ids,
    )
    out: dict[int, list[tuple[str, int]]] = {}
    for identity, title, n in rows:
        out.setdefault(identity, []).append((title, n))
    return out


def _fields(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


# ---- articles and search -----------------------------------------------------------------------------------

_ARTICLE_SUMMARY = """
    SELECT a.pk AS id, a.id AS article_id, a.headline, a.published, a.url,
           (SELECT count(*) FROM quotes q WHERE q.article = a.pk) AS quotes,
           (SELECT count(*) FROM entities e WHERE e.article = a.pk) AS entities
    FROM articles a
"""


def list_articles(
    conn: sqlite3.Connection,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page[ArticleSummary]:
    """Articles, newest first (undated last)."""
    clauses: list[str] = []
    params: list[Any] = []
    _date_clauses(since, until, clauses, params)
    lim, off = _page_bounds(limit, offset)
    condition = " AND ".join(clauses) or "1"
    total = conn.execute(f"SELECT count(*) FROM articles a WHERE {condition}", params).fetchone()[0]
    rows = conn.execute(
        f"{_ARTICLE_SUMMARY} WHERE {condition} ORDER BY a.published IS NULL, a.published DESC, a.pk DESC"
        " LIMIT ? OFFSET ?",
        [*params, lim, off],
    ).fetchall()
    return Page(tuple(ArticleSummary(**dict(r)) for r in rows), total, limit, offset)


def search(conn: sqlite3.Connection, q: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
    """Articles (headline and text, removed spans excluded) and quotes with all these words, best match first;
    and the entities whose name contains the query.
    """
    match = fts_query(q, "q")
    lim, off = _page_bounds(limit, offset)
    total = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[0]
    rows = conn.execute(
        f"""SELECT a.pk AS id, a.id AS article_id, a.headline, a.published,
                   snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 16) AS snippet
            FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT ? OFFSET ?""",
        (match, lim, off),
    ).fetchall()
    articles = Page(tuple(ArticleHit(**dict(r)) for r in rows), total, limit, offset)
    quotes = select_quotes(conn, QuoteFilter(contains=q, limit=limit, offset=offset))
    names = find_entities(conn, q, limit=10) if len(q.strip()) >= 2 else ()
    return SearchResults(q, articles, quotes, names)


def article(conn: sqlite3.Connection, pk: int) -> StoredArticle | None:
    """One stored article, rebuilt as the `Analysis` it was stored from; None when there is no such article."""
    if not is_key(pk):
        return None
    a = conn.execute("SELECT * FROM articles WHERE pk = ?", (pk,)).fetchone()
    if a is None:
        return None
    analysis = read_analysis(conn, a)  # every layer, as the model's description reads it from its tables
    entity_rows = conn.execute("SELECT id, identity FROM entities WHERE article = ? ORDER BY pk", (pk,))
    identities = {e["id"]: e["identity"] for e in entity_rows}
    return StoredArticle(pk, analysis, a["source"], a["ingested_at"], a["content_hash"], identities)


def article_keys(conn: sqlite3.Connection) -> list[int]:
    """Every article's key, in the order they were stored."""
    return [r[0] for r in conn.execute("SELECT pk FROM articles ORDER BY pk")]


def stats(conn: sqlite3.Connection) -> Stats:
    row = conn.execute(
        f"""SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), (SELECT count(*) FROM identities),
                  (SELECT count(*) FROM failures), (SELECT min(published) FROM articles),
                  (SELECT max(published) FROM articles),
                  (SELECT count(*) FROM articles WHERE {_FLAGGED}), (SELECT count(*) FROM claims)"""
    ).fetchone()
    return Stats(*row)


# ---- headline checks ----------------------------------------------------------------------------------------

_FLAGGED = "headline_check_overstatement IS NOT NULL AND headline_check_overstatement != '[]'"


def headlines(
    conn: sqlite3.Connection, *, flagged: bool = False, limit: int | None = None, offset: int = 0
) -> Page[HeadlineRow]:
    """The articles' headline checks, newest first (undated last); with `flagged`, only the headlines with an
    overstatement finding."""
    condition = "headline_check_stance IS NOT NULL" + (f" AND {_FLAGGED}" if flagged else "")
    lim, off = _page_bounds(limit, offset)
    total = conn.execute(f"SELECT count(*) FROM articles WHERE {condition}").fetchone()[0]
    rows = conn.execute(
        f"""SELECT pk, id, published, headline, headline_check_stance, headline_check_overstatement FROM articles
            WHERE {condition} ORDER BY published IS NULL, published DESC, pk DESC LIMIT ? OFFSET ?""",
        (lim, off),
    ).fetchall()
    out = []
    for r in rows:
        findings = json.loads(r["headline_check_overstatement"] or "[]")
        overstated = tuple(f["headline"]["text"] for f in findings)
        evidence = tuple(e["text"] for f in findings for e in f["evidence"])
        why = tuple(f["why"] for f in findings)
        out.append(HeadlineRow(r["pk"], r["id"], r["published"], r["headline"] or "", r[4], overstated, why, evidence))
    return Page(tuple(out), total, limit, offset)


# ---- claims -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with its article and who makes it.

    `subject`, `predicate`, `object`: the words of each part; `subject_entity`/`object_entity` the identity keys of
    the entities the parts name (None: no entity), `subject_name`/`object_name` their names across the corpus.
    `arguments` are "role: words". `quote` is the position of the quote that carries the claim in its article;
    `voice` is "quote" for a claim in someone's words and "article" for one in the article's own voice, which has
    no `claimant` (the speaker's identity key) or `claimant_name`. `time` and `time_value` are the words and TimeML
    value of the time expression the claim is anchored to; `date` is the claim's date: `time_value` where it is a
    date (YYYY, YYYY-MM or YYYY-MM-DD; see `date_of`), else the article's `published` (None when neither is known).
    """

    id: int
    article: int
    article_id: str
    headline: str | None
    published: str | None
    url: str | None
    position: int
    start: int
    end: int
    text: str
    subject: str
    subject_entity: int | None
    subject_name: str | None
    predicate: str
    object: str | None
    object_entity: int | None
    object_name: str | None
    arguments: tuple[str, ...]
    negated: bool
    modality: str
    hedges: tuple[str, ...]
    confidence: float
    quote: int | None
    voice: str
    claimant: int | None
    claimant_name: str | None
    time: str | None
    time_value: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """The claims of one predicate on one date: one place on the chart of a `ClaimTimeline`."""

    date: str | None
    predicate: str  # the lane: the predicate's words in lower case ("will join")
    claims: tuple[ClaimRow, ...]


@dataclass(frozen=True, slots=True)
class ClaimTimeline:
    """The claims about an entity (or between two) over time, grouped by date and predicate, for a chart: a lane
    per predicate (`predicates`, in the order of their first claim) and the groups by date (undated last), then
    lane. `total` claims matched; the groups hold the first `limit` of them."""

    entity: str
    other: str | None
    predicates: tuple[str, ...]
    groups: tuple[ClaimGroup, ...]
    total: int

    @property
    def claims(self) -> tuple[ClaimRow, ...]:
        """Every claim of the groups, in order of date, article and position."""
        return tuple(sorted((c for g in self.groups for c in g.claims), key=_claim_order))


_DATE_PART = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?(?!\d)")


def date_of(value: str | None) -> str | None:
    """The date a TimeML value names, as YYYY, YYYY-MM or YYYY-MM-DD, the date part of a longer value (a time of
    day, a part of a day) and the year of a week or a season; None for a value that names no date (a duration, a
    set, a year not known, PRESENT_REF).

    >>> date_of("2023-02-27T10:30"), date_of("2023-03"), date_of("2023-W10"), date_of("P2Y"), date_of("XXXX-07")
    ('2023-02-27', '2023-03', '2023', None, None)
    """
    found = _DATE_PART.match(value or "")
    if found is None:
        return None
    year, month, day = found.groups()
    if day is not None:
        try:
            date(int(year), int(month), int(day))
        except ValueError:  # 2023-02-30: the month is right, the day cannot be
            return f"{year}-{month}"
        return f"{year}-{month}-{day}"
    return f"{year}-{month}" if month is not None else year


_CLAIM_COLUMNS = """
    c.pk AS id, c.article, a.id AS article_id, a.headline, a.published, a.url, c.position, c.start, c."end", c.text,
    c.subject_text AS subject, se.identity AS subject_entity, si.name AS subject_name, c.predicate_text AS predicate,
    c.object_text AS object, oe.identity AS object_entity, oi.name AS object_name, c.negated, c.modality, c.hedges,
    c.confidence, c.quote, COALESCE(ce.identity, qe.identity) AS claimant,
    COALESCE(ci.name, c.claimant_name, qi.name, q.speaker_name) AS claimant_name, c.time,
    CASE WHEN c.time IS NULL THEN NULL ELSE (
        SELECT json_array(t.text, t.value) FROM (
            SELECT text, value, row_number() OVER (ORDER BY rowid) - 1 AS n FROM timex WHERE article = c.article
        ) t WHERE t.n = c.time
    ) END AS timex
"""
# The parts name entities by their id in the article ("E1"); the claimant is a row of `entities`, as a quote's
# speaker is; `quote` and `time` are positions in the article's quotes and time expressions.
_CLAIM_FROM = """
    FROM claims c
    JOIN articles a ON a.pk = c.article
    LEFT JOIN entities se ON se.article = c.article AND se.id = c.subject_entity
    LEFT JOIN identities si ON si.pk = se.identity
    LEFT JOIN entities oe ON oe.article = c.article AND oe.id = c.object_entity
    LEFT JOIN identities oi ON oi.pk = oe.identity
    LEFT JOIN quotes q ON q.article = c.article AND q.position = c.quote
    LEFT JOIN entities qe ON qe.pk = q.speaker
    LEFT JOIN identities qi ON qi.pk = qe.identity
    LEFT JOIN entities ce ON ce.pk = c.claimant
    LEFT JOIN identities ci ON ci.pk = ce.identity
"""


def claims(
    conn: sqlite3.Connection,
    subject: str | None = None,
    object: str | None = None,
    predicate: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page[ClaimRow]:
    """The claims that match, by date (undated last), then article, then position in it.

    `subject`, `object`: the part names an entity called that across the corpus (exactly, any case; failing that,
    any name containing it), or its words contain it (any case): "Turkey" finds the subject "Turkey" and "Turkey's
    president". `predicate`: a word of the predicate starts with it, so that a stem finds every form ("join": "joins",
    "joined", "will join", "is joining"; not "rejoin"). `since`, `until`: on the claim's `date` (YYYY, YYYY-MM or
    YYYY-MM-DD; until includes its whole month or year); a date known only to the month or year is kept when that
    month or year overlaps the bounds.

    >>> from newsgraph.store.schema import connect
    >>> claims(connect(":memory:"), subject="Turkey", predicate="join", since="2022").total
    0
    """
    clauses, params = [], []
    if (wanted := check_text(subject, "subject")) is not None:
        clause, values = _part_matches(conn, "subject", wanted)
        clauses.append(clause)
        params += values
    if (wanted := check_text(object, "object")) is not None:
        clause, values = _part_matches(conn, "object", wanted)
        clauses.append(clause)
        params += values
    if (verb := check_text(predicate, "predicate")) is not None:
        clauses.append(_NAME_MATCH.format(column="c.predicate_text"))
        params += _name_patterns(verb)
    return _select_claims(conn, clauses, params, since, until, limit, offset)


@dataclass(frozen=True, slots=True)
class ClaimPeriod:
    """The claims of one week or month: how many, how many negated, and who made them and with which predicates,
    most first ("name (count)"); `period` is "2016-W41" or "2016-10"."""

    period: str
    claims: int
    negated: int
    claimants: tuple[str, ...]
    predicates: tuple[str, ...]


def claim_periods(rows: Sequence[ClaimRow], by: str = "week", top: int = 3) -> list[ClaimPeriod]:
    """The claims grouped by the ISO week (`by="week"`) or the month of their date, oldest first; claims dated only
    to a coarser period (a year, or a month for weeks) and undated ones are left out.

    >>> claim_periods([])
    []
    """
    if by not in ("week", "month"):
        raise QueryError(f"by: {by!r} is neither week nor month")
    groups: dict[str, list[ClaimRow]] = {}
    for row in rows:
        if row.date is None or len(row.date) < (10 if by == "week" else 7):
            continue
        if by == "week":
            year, week, _ = date.fromisoformat(row.date).isocalendar()
            key = f"{year}-W{week:02d}"
        else:
            key = row.date[:7]
        groups.setdefault(key, []).append(row)

    def most(values: list[str]) -> tuple[str, ...]:
        counted = Counter(values).most_common(top)
        return tuple(f"{v} ({n})" for v, n in counted)

    return [
        ClaimPeriod(
            period=key,
            claims=len(group),
            negated=sum(r.negated for r in group),
            claimants=most([r.claimant_name or "article" for r in group]),
            predicates=most([r.predicate.lower() for r in group]),
        )
        for key, group in sorted(groups.items())
    ]


def claim_timeline(
    conn: sqlite3.Connection,
    entity: str,
    other: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> ClaimTimeline:
    """The claims about `entity` over time: those whose subject or object matches it (as `claims` matches them);
    with `other`, those between the two: the subject matches one and the object the other, either way round.
    Grouped by date and predicate, for a chart with a lane per predicate.

    >>> from newsgraph.store.schema import connect
    >>> claim_timeline(connect(":memory:"), "Turkey", "NATO").groups
    ()
    """
    name = check_text(entity, "entity")
    if name is None:
        raise QueryError("entity: give a name")
    second = check_text(other, "other")
    subject, subject_params = _part_matches(conn, "subject", name)
    object_, object_params = _part_matches(conn, "object", name)
    if second is None:
        clause, params = f"({subject} OR {object_})", [*subject_params, *object_params]
    else:
        subject2, subject2_params = _part_matches(conn, "subject", second)
        object2, object2_params = _part_matches(conn, "object", second)
        clause = f"(({subject} AND {object2}) OR ({subject2} AND {object_}))"
        params = [*subject_params, *object2_params, *subject2_params, *object_params]
    page = _select_claims(conn, [clause], params, since, until, limit, 0)
    lanes: dict[str, None] = {}
    grouped: dict[tuple[str | None, str], list[ClaimRow]] = {}
    for row in page.items:
        lane = " ".join(row.predicate.lower().split())
        lanes.setdefault(lane)
        grouped.setdefault((row.date, lane), []).append(row)
    order = {lane: i for i, lane in enumerate(lanes)}
    keys = sorted(grouped, key=lambda k: (k[0] is None, k[0] or "", order[k[1]]))
    groups = tuple(ClaimGroup(day, lane, tuple(grouped[day, lane])) for day, lane in keys)
    return ClaimTimeline(name, second, tuple(lanes), groups, page.total)


def _part_matches(conn: sqlite3.Connection, part: str, wanted: str) -> tuple[str, list[Any]]:
    """The condition (fixed SQL text, and its parameters) that the claim's `part` ("subject" or "object") names an
    entity called `wanted` across the corpus (exactly, any case; failing that, any name containing it) or that its
    words contain `wanted`."""
    assert part in ("subject", "object")
    identity = {"subject": "si", "object": "oi"}[part]
    key = identity_key(wanted)  # what `identities.key` holds: the name case-folded, spaces collapsed
    exact = conn.execute("SELECT 1 FROM identities WHERE key = ? LIMIT 1", (key,)).fetchone() is not None
    names = "key = ?" if exact else "instr(key, ?) > 0"
    # The words in any case, whatever the script (LIKE ignores the case of ASCII letters only).
    words = f"instr(newsgraph_fold(c.{part}_text), ?) > 0"
    return f"({identity}.pk IN (SELECT pk FROM identities WHERE {names}) OR {words})", [key, wanted.casefold()]


def _select_claims(
    conn: sqlite3.Connection,
    clauses: list[str],
    params: list[Any],
    since: str | None,
    until: str | None,
    limit: int | None,
    offset: int,
) -> Page[ClaimRow]:
    lim, off = _page_bounds(limit, offset)
    dated: list[str] = []
    bounds: list[Any] = []
    if (since := check_date(since, "since")) is not None:
        # A date known to the month or year only is kept when that month or year overlaps the bounds.
        dated.append("date >= substr(?, 1, length(date))")
        bounds.append(since)
    if (until := check_date(until, "until")) is not None:
        dated.append("substr(date, 1, ?) <= ?")  # "until 2023-02": to the end of February
        bounds += [len(until), until]
    if since and until and since[: len(until)] > until:
        raise QueryError(f"since ({since}) is after until ({until})")
    _add_functions(conn)
    inner = f"SELECT {_CLAIM_COLUMNS} {_CLAIM_FROM} WHERE {' AND '.join(clauses) or '1'}"
    rows_sql = (
        f"SELECT *, COALESCE(newsgraph_date(json_extract(timex, '$[1]')), published) AS date FROM ({inner})"
        f" WHERE {' AND '.join(dated) or '1'}"
    )
    total = conn.execute(f"SELECT count(*) FROM ({rows_sql})", [*params, *bounds]).fetchone()[0]
    rows = conn.execute(
        f"{rows_sql} ORDER BY date IS NULL, date, article, position LIMIT ? OFFSET ?", [*params, *bounds, lim, off]
    ).fetchall()
    arguments = _claim_arguments(conn, [r["id"] for r in rows])
    items = []
    for r in rows:
        row = dict(r)
        timex = row.pop("timex")  # [words, value] of the claim's time, or NULL
        time_text, time_value = json.loads(timex) if timex is not None else (None, None)
        row |= {
            "arguments": tuple(arguments.get(row["id"], ())),
            "negated": bool(row["negated"]),
            "hedges": tuple(h["text"] for h in json.loads(row["hedges"] or "[]")),
            "voice": "article" if row["quote"] is None and row["claimant_name"] is None else "quote",
            "time": time_text,
            "time_value": time_value,
        }
        items.append(ClaimRow(**row))
    return Page(tuple(items), total, limit, offset)


def _add_functions(conn: sqlite3.Connection) -> None:
    """The functions the claims questions call in SQL, on this connection: a claim's date from its time's value
    (`date_of`) and text case-folded as Python folds it."""
    conn.create_function("newsgraph_date", 1, date_of, deterministic=True)
    conn.create_function("newsgraph_fold", 1, lambda s: None if s is None else s.casefold(), deterministic=True)


def _claim_arguments(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    """The arguments of each claim, as "role: words", in order."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT claim, role, text FROM claim_arguments WHERE claim IN ({marks}) ORDER BY claim, rowid", ids
    )
    out: dict[int, list[str]] = {}
    for claim, role, text in rows:
        out.setdefault(claim, []).append(f"{role}: {text}" if role else text)
    return out


def _claim_order(row: ClaimRow) -> tuple[bool, str, int, int]:
    return (row.date is None, row.date or "", row.article, row.position)
