"""Entities: named mentions grouped into canonical people, organisations and places, with their titles and the
pronouns and descriptions that refer to them.

    names (NER, labels corrected by lexicons) → titles → pronouns and descriptions (coref) → Entity

"NATO chief", "Mr Stoltenberg" and "he" are all mentions of Jens Stoltenberg, whose name is the fullest form.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.entities.coref import resolve_references
from newsgraph.entities.names import ENTITY_TYPES, Group, group_names
from newsgraph.entities.titles import add_titles
from newsgraph.model import Entity, Mention

__all__ = ["ENTITY_TYPES", "find_entities"]


def find_entities(doc: Doc) -> list[Entity]:
    """Canonical entities of an article in order of first mention, each with all its mentions and titles.

    >>> [e.name for e in find_entities(nlp("Jens Stoltenberg spoke. Mr Stoltenberg left."))]  # doctest: +SKIP
    ['Jens Stoltenberg']
    """
    groups = group_names(doc)
    add_titles(doc, groups)
    # People the article describes but never names ("a reporter for Agence France-Presse … he said") are
    # entities too: they speak, and pronouns refer to them.
    groups += resolve_references(doc, groups)
    groups.sort(key=lambda g: min(r.start for r in g.refs))
    return [_entity(f"E{i}", g) for i, g in enumerate(groups, start=1)]


def _entity(entity_id: str, group: Group) -> Entity:
    mentions = tuple(Mention(r.start, r.end, r.text) for r in sorted(group.refs, key=lambda r: r.start))
    return Entity(entity_id, group.name, group.label, mentions, tuple(group.titles))
