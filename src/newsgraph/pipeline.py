"""The order of the stages, batches through the parser, and worker processes. The only module that knows the order.

text → find_removed → blank → parse (once) → find_entities → find_timex → find_quotes → find_claims → check_headline
→ Analysis

A text is read once per process: a record whose text (with its heading lines and date) came before, in this batch
or lately (`Readings`), reuses that analysis, and only its headline is checked again.

An article in another language than English (`clean.language.other_language`) stops after find_removed: it is not
parsed, its English-only layers stay empty, and a warning says why.

Each batch keeps its `Stats` (counts and seconds, stage by stage), which `analyze_many` adds up for a caller that
asks (`newsgraph analyze --stats`).
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from newsgraph import nlp
from newsgraph.claims import find_claims
from newsgraph.clean import blank, find_removed
from newsgraph.clean.language import other_language
from newsgraph.entities import find_entities
from newsgraph.headline import Pair, check_headlines, read_body
from newsgraph.headline.overstatement import Sentence, claims_of, sentences_of
from newsgraph.model import Analysis, Article, Failure, HeadlineCheck, Result
from newsgraph.quotes import find_quotes
from newsgraph.sources import InputError, article_from_record, article_from_text
from newsgraph.timex import find_timex
from newsgraph.timex.attachment import quotes_with_times

BATCH_SIZE = 32
"""Articles per `nlp.pipe` batch, and per task sent to a worker process: the fastest size for the small model
(measured from 8 to 1,000: 16 to 64 within the noise, 128 and more slower)."""
TAIL_BATCH = 4
"""The smallest task for a worker, at the end of the input."""

Record = Article | Failure | dict[str, Any] | str

STAGES = ("clean", "parse", "entities", "timex", "quotes", "claims", "headline")
"""The stages in the order they run: the cleaner and the parse over a batch, then, article by article, the stages
that read the parse (`LAYER_STAGES`), then the headline check (`newsgraph.headline`), which reads the layers."""

Layers = dict[str, list[Any]]
LAYER_STAGES: dict[str, Callable[[Doc, Layers, str | None], list[Any]]] = {
    "entities": lambda doc, layers, published: find_entities(doc),
    "timex": lambda doc, layers, published: find_timex(doc, published),
    "quotes": lambda doc, layers, published: quotes_with_times(
        doc, find_quotes(doc, layers["entities"]), layers["timex"]
    ),
    "claims": lambda doc, layers, published: find_claims(doc, layers["entities"], layers["quotes"], layers["timex"]),
}
"""The stages after the parse, in order, each given the parse, the layers made before it and the publication date."""


@dataclass(slots=True)
class Stats:
    """What a run made and where its time went: analyses and failures, the layers' items, and seconds per stage.

    Keeping them costs two clock readings a stage. With worker processes each batch's stats come back with its
    results and are added up, so the seconds are the stages' time summed over the processes.
    """

    articles: int = 0
    failures: int = 0
    removed: int = 0
    entities: int = 0
    quotes: int = 0
    timex: int = 0
    claims: int = 0
    flagged: int = 0  # headlines with an overstatement finding
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def count(self, result: Result) -> None:
        if isinstance(result, Failure):
            self.failures += 1
            return
        self.articles += 1
        self.removed += len(result.removed)
        self.entities += len(result.entities)
        self.quotes += len(result.quotes)
        self.timex += len(result.timex)
        self.claims += len(result.claims)
        self.flagged += bool(result.headline_check and result.headline_check.overstatement)

    def add(self, other: Stats) -> None:
        for name in ("articles", "failures", "removed", "entities", "quotes", "timex", "claims", "flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for stage, seconds in other.seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def lines(self) -> list[str]:
        """The stats as `newsgraph analyze --stats` prints them.

        >>> print("\\n".join(Stats(articles=2, failures=1, removed=3, quotes=4).lines()))
        stats: articles: 2 analysed, 1 failed
          clean        0.00 s  removed spans: 3
          parse        0.00 s
          entities     0.00 s  entities: 0
          timex        0.00 s  time expressions: 0
          quotes       0.00 s  quotes: 4
          claims       0.00 s  claims: 0
          headline     0.00 s  headlines flagged: 0
          all stages   0.00 s
        """
        made = {"clean": f"removed spans: {self.removed}", "entities": f"entities: {self.entities}"}
        made |= {"quotes": f"quotes: {self.quotes}", "timex": f"time expressions: {self.timex}"}
        made |= {"claims": f"claims: {self.claims}", "headline": f"headlines flagged: {self.flagged}"}
        out = [f"stats: articles: {self.articles} analysed, {self.failures} failed"]
        for stage, seconds in self.seconds.items():
            out.append(f"  {stage:<10} {seconds:6.2f} s  {made.get(stage, '')}".rstrip())
        out.append(f"  {'all stages':<10} {sum(self.seconds.values()):6.2f} s")
        return out


def find_layers(
    doc: Doc,
    published: str | None = None,
    *,
    until: str = "claims",
    found: Mapping[str, list[Any]] | None = None,
    stats: Stats | None = None,
) -> Layers:
    """The layers of a parsed article, stage after stage in the pipeline's order up to `until` (included), each
    stage given the layers before it; those already in `found` (made earlier, by a spaCy component) are kept.

    >>> list(find_layers(nlp.parse("Jane Doe said so."), until="quotes"))  # doctest: +SKIP
    ['entities', 'quotes']
    """
    layers = dict(found or {})
    for stage, find in LAYER_STAGES.items():
        if stage not in layers:
            started = time.perf_counter()
            layers[stage] = find(doc, layers, published)
            if stats is not None:
                stats.seconds[stage] += time.perf_counter() - started
        if stage == until:
            break
    return layers


def not_english(article: Article, removed: list[Any], language: str) -> Analysis:
    """The analysis of an article in another language: its text and removed spans, no English-only layers, and a
    warning that says why."""
    said = f"{article.id}: language detected as {language!r} (not English): "
    said += "entities, quotes, time expressions and the headline check left empty"
    return _analysis(article, removed, {}, None, said)


def _analysis(
    article: Article, removed: Sequence[Any], layers: Mapping[str, Sequence[Any]], check: HeadlineCheck | None,
    *warnings: str,
) -> Analysis:  # fmt: skip
    return Analysis(
        id=article.id,
        text=article.text,
        headline=article.headline,
        published=article.published,
        url=article.url,
        author=article.author,
        site=article.site,
        removed=tuple(removed),
        entities=tuple(layers.get("entities", ())),
        quotes=tuple(layers.get("quotes", ())),
        timex=tuple(layers.get("timex", ())),
        claims=tuple(layers.get("claims", ())),
        headline_check=check,
        warnings=(*article.warnings, *warnings),
    )


TextKey = tuple[str, tuple[int, ...] | None, str | None]
"""What an article's layers depend on: its text, the page's heading lines and its publication date (not its
headline, which only the headline check reads)."""


READINGS_KEPT = 2048
"""Texts a process keeps the analysis of (a few MB: layers and sentence summaries, no parse)."""


@dataclass(slots=True)
class Reading:
    """What one article text gave: its removed spans and either its layers and what the headline check reads of it,
    or the language it is in when not English, or the exception that stopped its parse. Kept for the next record
    with the same text."""

    removed: list[Any]
    language: str | None = None
    layers: Layers = field(default_factory=dict)
    blanked: str = ""
    sentences: tuple[Sentence, ...] | None = None  # None: not read yet (no headline with it has stated a claim)
    error: Exception | None = None


class Readings:
    """The texts a process has analysed lately, so that a text that comes again (syndicated copies in a feed, the
    bodies of FNC-1's headline pairs) is cleaned, parsed and analysed once: only the headline check runs again.
    Least recently used readings go first beyond `size`."""

    def __init__(self, size: int = READINGS_KEPT) -> None:
        self.size = size
        self._kept: OrderedDict[TextKey, Reading] = OrderedDict()

    def get(self, key: TextKey) -> Reading | None:
        reading = self._kept.get(key)
        if reading is not None:
            self._kept.move_to_end(key)
        return reading

    def put(self, key: TextKey, reading: Reading) -> None:
        self._kept[key] = reading
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)


def analyze_batch(
    items: list[Article | Failure], stats: Stats | None = None, readings: Readings | None = None
) -> list[Result]:
    """Analyse a batch in input order: one parse per distinct article text through `nlp.pipe` (a text already in
    `readings`, or twice in the batch, is analysed once); failures pass through. What the batch made and the
    seconds it spent in each stage are added to `stats` when given."""
    nlp.enter_memory_zone()  # the batch's new words leave the vocabulary a few batches later
    stats = Stats() if stats is None else stats
    readings = Readings() if readings is None else readings
    articles = [a for a in items if isinstance(a, Article)]
    keys: list[TextKey] = [(a.text, a.headings, a.published) for a in articles]
    new: dict[TextKey, Article] = {}
    for key, article in zip(keys, articles, strict=True):
        if key not in new and readings.get(key) is None:
            new[key] = article
    read, docs = _read(list(new.values()), stats)
    made = dict(zip(new, read, strict=True))
    for key, reading in made.items():
        readings.put(key, reading)
    kept = {key: made.get(key) or readings.get(key) for key in dict.fromkeys(keys)}
    started = time.perf_counter()
    headlines = _headline_docs(articles, [kept[k] for k in keys])
    _read_sentences(keys, kept, headlines, dict(zip(new, docs, strict=True)))
    stats.seconds["headline"] += time.perf_counter() - started  # the headlines' parse is the check's cost
    started = time.perf_counter()
    checks = _checks(articles, [kept[k] for k in keys], headlines)
    stats.seconds["headline"] += time.perf_counter() - started
    out: list[Result] = []
    results = iter(zip(articles, keys, checks, strict=True))
    for item in items:
        if isinstance(item, Failure):
            out.append(item)
            continue
        article, key, check = next(results)
        out.append(_result(article, kept[key], check))
    for result in out:
        stats.count(result)
    return out


def _read(articles: list[Article], stats: Stats) -> tuple[list[Reading], list[Doc | None]]:
    """The readings of distinct article texts: cleaned, parsed in one `nlp.pipe`, their layers found; and their
    parses (None for a text not parsed), good for this batch only."""
    started = time.perf_counter()
    removed = [find_removed(a.text, headings=a.headings) for a in articles]
    # The parse and the layers read English only: an article in another language keeps its text and `removed`,
    # and is not parsed.
    languages = [other_language(a.text) for a in articles]
    english = [i for i, language in enumerate(languages) if language is None]
    blanked = {i: blank(articles[i].text, removed[i]) for i in english}
    cleaned = time.perf_counter()
    stats.seconds["clean"] += cleaned - started
    try:
        parsed: list[Doc | Exception] = list(nlp.parse_many(blanked.values(), batch_size=BATCH_SIZE))
    except Exception:  # one bad article must not take the batch with it: parse one by one to find it
        parsed = []
        for text in blanked.values():
            try:
                parsed.append(nlp.parse(text))
            except Exception as e:
                parsed.append(e)
    parse_of = dict(zip(english, parsed, strict=True))
    stats.seconds["parse"] += time.perf_counter() - cleaned
    out = []
    docs: list[Doc | None] = []
    for i, article in enumerate(articles):
        doc = parse_of.get(i)
        docs.append(doc if isinstance(doc, Doc) else None)
        if languages[i] is not None:
            out.append(Reading(removed[i], language=languages[i]))
        elif isinstance(doc, Exception):
            out.append(Reading(removed[i], error=doc))
        else:
            assert doc is not None
            try:
                layers = find_layers(doc, article.published, stats=stats)
                out.append(Reading(removed[i], layers=layers, blanked=blanked[i]))
            except Exception as e:  # a bug in a stage becomes this record's error, not the end of the run
                out.append(Reading(removed[i], error=e))
    return out, docs


def _read_sentences(
    keys: list[TextKey],
    kept: Mapping[TextKey, Reading | None],
    headlines: list[Doc | None],
    docs: dict[TextKey, Doc | None],
) -> None:
    """The body's sentences, read for the overstatement rules only where a headline that comes with the text states
    a claim (about half of them do): from this batch's parse, or, for a text read in an earlier batch whose
    headlines then stated none, from a parse made again."""
    for key, headline in zip(keys, headlines, strict=True):
        reading = kept[key]
        if headline is None or reading is None or reading.sentences is not None or not claims_of(headline):
            continue
        try:
            doc = docs.get(key) or nlp.parse(reading.blanked)
            reading.sentences = sentences_of(doc)
        except Exception as e:  # a bug here is the record's error, as in any stage
            reading.error = e


def _headline_docs(articles: list[Article], readings: list[Reading | None]) -> list[Doc | None]:
    """The parses of the headlines the check will read (an English article's, with a body), in one `nlp.pipe`
    without the entity recogniser (the check reads no entities of the headline)."""
    wanted = [
        i
        for i, (a, r) in enumerate(zip(articles, readings, strict=True))
        if a.headline and a.headline.strip() and r is not None and r.layers and r.error is None
    ]
    docs: list[Doc | None] = [None] * len(articles)
    try:
        headlines = nlp.parse_many([articles[i].headline or "" for i in wanted], without=("ner",))
        for i, doc in zip(wanted, headlines, strict=True):
            docs[i] = doc
    except Exception:  # the check parses a headline it is not given; its error becomes that record's
        pass
    return docs


def _checks(
    articles: list[Article], readings: list[Reading | None], headline_docs: list[Doc | None]
) -> list[HeadlineCheck | Exception | None]:
    """The headline checks of a batch's articles, scored together; an article whose check fails gets the
    exception, which becomes its error record."""
    pairs: list[Pair] = []
    for article, reading, doc in zip(articles, readings, headline_docs, strict=True):
        body = None
        if reading is not None and reading.error is None and reading.language is None:
            quotes = reading.layers.get("quotes", ())
            sentences = reading.sentences or ()
            body = read_body(article.text, reading.blanked, article.headline, sentences, quotes)
        pairs.append((article.headline, body, doc))
    try:
        return list(check_headlines(pairs))
    except Exception:  # one bad check must not take the batch's with it: check one by one to find it
        out: list[HeadlineCheck | Exception | None] = []
        for pair in pairs:
            try:
                out.extend(check_headlines([pair]))
            except Exception as e:
                out.append(e)
        return out


def _result(article: Article, reading: Reading | None, check: HeadlineCheck | Exception | None) -> Result:
    assert reading is not None
    if reading.error is not None:
        return _failure(article, reading.error)
    if reading.language is not None:
        return not_english(article, reading.removed, reading.language)
    if isinstance(check, Exception):
        return _failure(article, check)
    return _analysis(article, reading.removed, reading.layers, check)


_WORKER_READINGS = Readings()
"""The texts this worker process analysed lately (`Readings`)."""


def _analyze_batch_in_worker(items: list[Article | Failure]) -> tuple[list[Result], Stats]:
    """`analyze_batch` in a worker process: the results, and the batch's stats for the parent to add up."""
    stats = Stats()
    return analyze_batch(items, stats, _WORKER_READINGS), stats


def _failure(article: Article, error: Exception) -> Failure:
    return Failure(article.id, "analysis_error", f"record {article.id}: {type(error).__name__}: {error}")


def to_article(record: Record, position: int, **defaults: Any) -> Article | Failure:
    """A record of any accepted kind as an `Article` (or the `Failure` that takes its place)."""
    if isinstance(record, (Article, Failure)):
        return record
    try:
        if isinstance(record, str):
            return article_from_text(record, position, **defaults)
        return article_from_record(record, position, **defaults)
    except InputError as e:
        record_id = record.get("id", position) if isinstance(record, dict) else position
        if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
            record_id = position
        return Failure(record_id, e.kind, str(e))


def analyze_many(
    records: Iterable[Record],
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    stats: Stats | None = None,
    **defaults: Any,
) -> Iterator[Result]:
    """Analyse records in input order, streaming: one `Analysis` or `Failure` per record, never fewer.

    `records` are `Article`s, `Failure`s (passed through), dicts as in a JSONL batch, or plain strings. With
    `workers` > 1 the batches run in that many processes; memory stays bounded because only a few batches are in
    flight at a time. The results are the same, in the same order, whatever the number of workers. `stats`, when
    given, gets the counts and stage seconds of every batch as its results are yielded.
    """
    articles = (to_article(r, i, **defaults) for i, r in enumerate(records, start=1))
    if workers <= 1:
        readings = Readings()
        for batch in _batched(articles, batch_size):
            yield from analyze_batch(batch, stats, readings)
        return
    yield from _in_workers(articles, workers, batch_size, stats)


def _in_workers(
    articles: Iterable[Article | Failure], workers: int, batch_size: int, stats: Stats | None = None
) -> Iterator[Result]:
    """Batches analysed in `workers` processes, results in input order, at most two batches a worker in flight.

    Where processes can fork, the model and the stages' lexicons are loaded here first and the workers are forked
    from this process: they start at once and share those pages (frozen out of the garbage collector's reach, which
    would otherwise touch, and so copy, every object). Elsewhere each worker loads its own.
    """
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        warm_up()
        nlp.close_memory_zone()
        gc.freeze()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )

    def done(task: Future[tuple[list[Result], Stats]]) -> list[Result]:
        results, batch_stats = task.result()
        if stats is not None:
            stats.add(batch_stats)
        return results

    try:
        in_flight: deque[Future[tuple[list[Result], Stats]]] = deque()
        for batch in _tasks(articles, batch_size, workers):
            in_flight.append(pool.submit(_analyze_batch_in_worker, batch))
            if len(in_flight) >= 2 * workers:
                yield from done(in_flight.popleft())
        while in_flight:
            yield from done(in_flight.popleft())
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, the reader of the results gone): the workers' batches are of no use now,
        # so they end at once rather than after finishing them.
        _stop(pool)
        raise
    else:
        pool.shutdown()
    finally:
        gc.unfreeze()


def _start_worker(parent: int) -> None:
    """A worker process: it ends with its parent however the parent ends (even by SIGKILL, which lets the parent
    clean nothing up), then loads what it needs (`nlp.start_worker`)."""
    # A forked worker inherits the parent's Python signal handlers (the command line turns SIGTERM into an
    # interruption); a worker told to end simply ends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    nlp.start_worker()


def _die_with_parent(parent: int) -> None:
    """End this process when `parent` ends. On Linux the kernel sends SIGKILL at the parent's death (prctl's
    PR_SET_PDEATHSIG); everywhere a watcher thread checks every second that the parent is still ours (an orphan
    is adopted by another process), which also covers a parent that died before the prctl call."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watcher below still ends the worker
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


PR_SET_PDEATHSIG = 1
"""prctl(2): the signal this process gets when its parent dies."""


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now: pending batches cancelled, running ones killed."""
    # The executor has no public way to end running tasks; its `_processes` (pid → Process) is how the standard
    # library itself reaches them, unchanged since Python 3.2.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    # SIGKILL, not SIGTERM: a worker still starting up has the parent's handler, which turns SIGTERM into a
    # KeyboardInterrupt and a traceback on stderr; a worker holds nothing that needs cleaning up.
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout=5)


def warm_up() -> None:
    """Load the model and whatever the stages load on first use (lexicons, gazetteer, first names), by analysing a
    short article."""
    analyze_batch([article_from_text(WARM_UP, "warm-up", published="2023-02-28")])


WARM_UP = (
    "Ministers meet in Brussels\n\n"
    "“We will stand with Ukraine for as long as it takes,” Jens Stoltenberg, the NATO chief, said on Monday.\n\n"
    "Anna Berg told reporters in Stockholm that Sweden would join next year, according to officials."
)


def _tasks(items: Iterable[Article | Failure], size: int, workers: int) -> Iterator[list[Article | Failure]]:
    """Batches of `size`, reading a few batches ahead; once the input is known to end, what is left goes out in
    shrinking batches (each a share of the rest, as in guided scheduling) so that the workers finish together
    rather than one working alone through a last full batch."""
    ahead: deque[Article | Failure] = deque()
    for item in items:
        ahead.append(item)
        if len(ahead) >= size * (2 * workers + 1):
            yield [ahead.popleft() for _ in range(size)]
    while ahead:
        piece = min(size, len(ahead), max(TAIL_BATCH, -(-len(ahead) // (2 * workers))))
        yield [ahead.popleft() for _ in range(piece)]


def _batched(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
