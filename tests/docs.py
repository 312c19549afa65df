"""Hand-built spaCy Docs: a text, and its parse written out token by token, so that a test of a rule over the parse
states the parse it is about and does not move when the model's parse changes (spaCy's own tests do the same).

They are plain `Doc`s: the stages read the text as `doc.text`, which the pipeline's `ArticleDoc` only keeps ready.

>>> doc = parsed("Ann said.", '''
...     0 Ann  1 nsubj PROPN ent=PERSON
...     1 said 1 ROOT  VERB  lemma=say
...     2 .    1 punct PUNCT
... ''')
>>> [(t.text, t.head.text, t.dep_, t.ent_type_) for t in doc]
[('Ann', 'said', 'nsubj', 'PERSON'), ('said', 'said', 'ROOT', ''), ('.', 'said', 'punct', '')]
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.model import Entity, Mention


@cache
def _blank() -> Language:
    return spacy.blank("en")


def parsed(text: str, rows: str) -> Doc:
    """`text` split into tokens by spaCy's English tokenizer (the rules the model's uses), annotated from `rows`, one
    line a token:

        index word head dep POS [lemma=…] [tag=…] [ent=TYPE | ent=B-TYPE]

    `head` is the absolute index of the token's head (its own index for a root); in a white-space token a line
    break is written `\\n` and a space `\\s`. `lemma` defaults to the word, `tag` to nothing; `ent=TYPE` continues
    an entity of that type on the token before (`ent=B-TYPE` starts a new one). Sentences are the parse's: each
    root's subtree is one sentence.
    """
    tokens = _blank().tokenizer(text)
    lines = [line.split() for line in rows.strip().splitlines() if line.strip()]
    words = [t.text for t in tokens]
    written = [_unescape(line[1]) for line in lines]
    if written != words:
        raise ValueError(f"rows do not match the tokens of the text:\n{written}\n{words}")
    heads, deps, pos, lemmas, tags, ents = [], [], [], [], [], []
    previous = "O"
    for i, (index, word, head, dep, upos, *extra) in enumerate(lines):
        if int(index) != i:
            raise ValueError(f"row {i} is numbered {index}")
        fields = dict(e.split("=", 1) for e in extra)
        heads.append(int(head))
        deps.append(dep)
        pos.append(upos)
        lemmas.append(fields.get("lemma", _unescape(word)))
        tags.append(fields.get("tag", ""))
        ent = fields.get("ent", "O")
        if ent != "O" and ent[:2] not in {"B-", "I-"}:
            ent = f"I-{ent}" if previous[2:] == ent else f"B-{ent}"
        ents.append(ent)
        previous = ent
    for start in range(len(heads)):
        i, seen = start, {start}
        while heads[i] != i:
            i = heads[i]
            if i in seen:
                raise ValueError(f"the heads go round in a circle through token {i}")
            seen.add(i)
    return Doc(
        tokens.vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in tokens],
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        tags=tags,
        ents=ents,
    )


def _unescape(word: str) -> str:
    return word.replace("\\n", "\n").replace("\\s", " ")


def entity(doc: Doc, name: str, *others: str, id: str = "E1", type: str = "PERSON") -> Entity:
    """An entity of the entity layer named `name`, mentioned wherever `name` or one of `others` (a pronoun, a
    surname) stands as whole words in the text."""
    mentions = []
    for words in (name, *others):
        for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", doc.text):
            mentions.append(Mention(m.start(), m.end(), m[0]))
    mentions.sort(key=lambda m: m.start)
    return Entity(id, name, type, tuple(mentions))


def token(doc: Doc, word: str, n: int = 0) -> Token:
    """The `n`th token whose text is `word`."""
    return [t for t in doc if t.text == word][n]
