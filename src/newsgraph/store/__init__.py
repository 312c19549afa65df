"""The embedded database: a corpus of analysed articles in one SQLite file that can be asked who said what.

The store never analyses text itself: `ingest` sends records through `newsgraph.analyze_many` and keeps what comes
back, layer by layer (`schema.py` shows the tables). Reading needs no spaCy: `quotes`, `people`, `timeline`, `claims`
and the web UI only query.

>>> import newsgraph.store as store
>>> conn = store.connect(":memory:")
>>> store.stats(conn).articles
0
>>> store.select_quotes(conn, store.QuoteFilter(speaker="Stoltenberg")).total
0
"""

from newsgraph.store.export import export_csv, export_jsonl, export_parquet, iter_rows, table_names
from newsgraph.store.ingest import (
    IngestCounts,
    Progress,
    add_analysis,
    content_hash,
    identity_key,
    ingest,
    is_stored,
    normalise_url,
)
from newsgraph.store.queries import (
    MAX_QUERY_CHARS,
    ArticleHit,
    ArticleSummary,
    ClaimGroup,
    ClaimPeriod,
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
    StoredArticle,
    TimelineEntry,
    article,
    claim_periods,
    claim_timeline,
    claims,
    date_of,
    entity,
    find_entities,
    headlines,
    list_articles,
    people,
    search,
    select_quotes,
    stats,
    timeline,
)
from newsgraph.store.schema import (
    SCHEMA_VERSION,
    StoreError,
    connect,
    connect_readonly,
    migrate,
    store_error,
    transaction,
)

DEFAULT_DB = "newsgraph.db"

__all__ = [
    "DEFAULT_DB",
    "MAX_QUERY_CHARS",
    "SCHEMA_VERSION",
    "ArticleHit",
    "ArticleSummary",
    "ClaimGroup",
    "ClaimPeriod",
    "ClaimRow",
    "ClaimTimeline",
    "EntityView",
    "HeadlineRow",
    "IngestCounts",
    "Page",
    "Person",
    "Progress",
    "QueryError",
    "QuoteFilter",
    "QuoteRow",
    "SearchResults",
    "Stats",
    "StoreError",
    "StoredArticle",
    "TimelineEntry",
    "add_analysis",
    "article",
    "claim_periods",
    "claim_timeline",
    "claims",
    "connect",
    "connect_readonly",
    "content_hash",
    "date_of",
    "entity",
    "export_csv",
    "export_jsonl",
    "export_parquet",
    "find_entities",
    "headlines",
    "identity_key",
    "ingest",
    "is_stored",
    "iter_rows",
    "list_articles",
    "migrate",
    "normalise_url",
    "people",
    "search",
    "select_quotes",
    "stats",
    "store_error",
    "table_names",
    "timeline",
    "transaction",
]
