"""The order of the stages, batches through the parser, and worker processes. The only module that knows the order.

text → find_removed → blank → parse (once) → find_entities → find_quotes → find_timex → Analysis
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
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from spacy.tokens import Doc

from newsgraph import nlp
from newsgraph.clean import blank, find_removed
from newsgraph.entities import find_entities
from newsgraph.model import Analysis, Article, Failure, Result
from newsgraph.quotes import find_quotes
from newsgraph.sources import InputError, article_from_record, article_from_text
from newsgraph.timex import find_timex

BATCH_SIZE = 32
"""Articles per `nlp.pipe` batch, and per task sent to a worker process: the fastest size for the small model
(measured from 8 to 1,000: 16 to 64 within the noise, 128 and more slower)."""
TAIL_BATCH = 4
"""The smallest task for a worker, at the end of the input."""

Record = Article | Failure | dict[str, Any] | str


def analyze_parsed(article: Article, doc: Doc, removed: list[Any]) -> Analysis:
    """All stages after the parse, for one article whose blanked text `doc` is."""
    entities = find_entities(doc)
    quotes = find_quotes(doc, entities)
    timex = find_timex(doc, article.published)
    return Analysis(
        id=article.id,
        text=article.text,
        headline=article.headline,
        published=article.published,
        url=article.url,
        author=article.author,
        site=article.site,
        removed=tuple(removed),
        entities=tuple(entities),
        quotes=tuple(quotes),
        timex=tuple(timex),
        warnings=article.warnings,
    )


def analyze_batch(items: list[Article | Failure]) -> list[Result]:
    """Analyse a batch in input order: one parse per article through `nlp.pipe`; failures pass through."""
    nlp.enter_memory_zone()  # the batch's new words leave the vocabulary a few batches later
    articles = [a for a in items if isinstance(a, Article)]
    removed = [find_removed(a.text) for a in articles]
    blanked = [blank(a.text, r) for a, r in zip(articles, removed, strict=True)]
    try:
        docs: list[Doc | Exception] = list(nlp.parse_many(blanked, batch_size=BATCH_SIZE))
    except Exception:  # one bad article must not take the batch with it: parse one by one to find it
        docs = []
        for text in blanked:
            try:
                docs.append(nlp.parse(text))
            except Exception as e:
                docs.append(e)
    results = iter(zip(articles, docs, removed, strict=True))
    out: list[Result] = []
    for item in items:
        if isinstance(item, Failure):
            out.append(item)
            continue
        article, doc, spans = next(results)
        if isinstance(doc, Exception):
            out.append(_failure(article, doc))
            continue
        try:
            out.append(analyze_parsed(article, doc, spans))
        except Exception as e:  # a bug in a stage becomes this record's error, not the end of the run
            out.append(_failure(article, e))
    return out


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
    records: Iterable[Record], workers: int = 1, batch_size: int = BATCH_SIZE, **defaults: Any
) -> Iterator[Result]:
    """Analyse records in input order, streaming: one `Analysis` or `Failure` per record, never fewer.

    `records` are `Article`s, `Failure`s (passed through), dicts as in a JSONL batch, or plain strings. With
    `workers` > 1 the batches run in that many processes; memory stays bounded because only a few batches are in
    flight at a time. The results are the same, in the same order, whatever the number of workers.
    """
    articles = (to_article(r, i, **defaults) for i, r in enumerate(records, start=1))
    if workers <= 1:
        for batch in _batched(articles, batch_size):
            yield from analyze_batch(batch)
        return
    yield from _in_workers(articles, workers, batch_size)


def _in_workers(articles: Iterable[Article | Failure], workers: int, batch_size: int) -> Iterator[Result]:
    """Batches analysed in `workers` processes, results in input order, at most two batches a worker in flight.

    Where processes can fork, the model and the stages' lexicons are loaded here first and the workers are forked
    from this process: they start at once and share those pages (frozen out of the garbage collector's reach, which
    would otherwise touch, and so copy, every object). Elsewhere each worker loads its own.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        warm_up()
        nlp.close_memory_zone()
        gc.freeze()
    else:
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )
    try:
        in_flight: deque[Future[list[Result]]] = deque()
        for batch in _tasks(articles, batch_size, workers):
            in_flight.append(pool.submit(analyze_batch, batch))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
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
    for process in processes:
        process.terminate()
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
