"""How a layer is described once for every place it goes: the JSON, the database, the Spark tables, the exports.

`model.py` describes each layer with a `Layer`: its dataclass, its table, and its fields in the contract's order,
each a name or a `Stored` that says what the type hints cannot (the schema version that added it, a reference to
another layer, a list kept in a table of its own). Everything else comes from the dataclass's type hints: a column's
type (`int`, `str`, `float`, `bool`, `dict`; a `Literal` is a `str` with its values), whether it may be null
(`X | None`), how a nested part flattens (`Quote.cue: Cue | None` → `cue_start`, `cue_end`, `cue_text`) and what a
list holds (`tuple[str, ...]`, `tuple[Verbatim, ...]`, or the items of another layer: `tuple[Mention, ...]`).

`fields_of` turns a description into `Column`s; the store (`store/layers.py`), the Spark tables (`spark/tables.py`),
the exports (`store/export.py`) and `to_dict` (`as_json`) are made from them, and `build` makes the dataclasses
again from whatever holds the columns. A new field is its dataclass field and its line in the description.

>>> from newsgraph.model import QUOTES
>>> [(c.name, c.flat, c.type.__name__, c.nullable) for c in leaves(QUOTES) if c.path[0] == "cue"]
[('cue_start', 'cue_start', 'int', True), ('cue_end', 'cue_end', 'int', True), ('cue_text', 'cue', 'str', True)]
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

SCALARS: tuple[type, ...] = (int, str, float, bool)
"""The types of a column that holds one value; `dict` (a mapping of names to scalars) is kept whole."""

Kind = Literal["value", "nested", "list", "layer"]


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()
"""The `default` of a column whose field has none."""


@dataclass(frozen=True, slots=True)
class Stored:
    """How one field of a layer is kept, where its type hint does not say it all.

    `since`: the store's schema version that added the field (its column, or the table of its items); a field added
    after the layer's table was made needs a default in its dataclass, the value of the rows already there.
    `ref`: the field holds the key of an item of that layer (`Quote.speaker`, an entity's id): the database keeps a
    reference to its row. `check`: the database refuses a value outside the field's `Literal`.
    `layer`: the field holds the items of that layer (`Entity.mentions`), kept in the layer's own table.
    `table`: a list kept in a table of that name, one row an item (else one column, as JSON text), with `column`
    the name of that table's column for a list of strings, and `position` the items' order kept in a column.
    `omit_none`: the JSON leaves the field out when it is None (`Timex.anchor`).
    """

    field: str
    since: int = 1
    ref: Layer | None = None
    check: bool = False
    layer: Layer | None = None
    table: str | None = None
    column: str | None = None
    position: bool = False
    omit_none: bool = False


@dataclass(frozen=True, eq=False)
class Layer:
    """One layer: its dataclass, its table and how each field is kept, in the order of the contract's JSON.

    `key`: the field that names an item within its article (an entity's "E1"), unique there, what references hold.
    `position`: the database keeps each item's index in a `position` column (quotes: other layers point at a quote
    by its index); otherwise the order is that of the rows. `flat_names`: columns named otherwise in the flat tables
    (the Spark tables and the exports) than in the database (`Entity.id` is `entity` there).
    """

    cls: type
    table: str
    fields: tuple[str | Stored, ...]
    key: str | None = None
    position: bool = False
    flat_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def singular(self) -> str:
        """What a row of another table that belongs to an item of this layer calls it: "entity", "quote"."""
        return self.cls.__name__.lower()

    def __repr__(self) -> str:
        return f"Layer({self.cls.__name__}, {self.table!r})"


@dataclass(frozen=True, eq=False)
class Column:
    """A field of a layer as its tables see it, made by `fields_of` from the description and the type hints.

    `kind`: "value", one column; "nested", a dataclass whose fields flatten into columns of their own (`parts`,
    named `{name}_{part}`); "list", a list of scalars or of dataclasses (`parts`: the columns of one item); "layer",
    the items of another layer (`layer`; `many`: a list of them, else one or None).
    """

    field: str  # the dataclass field, and its key in the JSON
    name: str  # the column in the database
    flat: str  # the column in the Spark tables and the exports
    path: tuple[str, ...]  # the attributes from the layer's item to the value: ("cue", "start")
    kind: Kind
    type: Any  # int, str, float, bool or dict; the dataclass of a nested part or of a list's items
    nullable: bool
    stored: Stored
    parts: tuple[Column, ...] = ()
    layer: Layer | None = None
    many: bool = False
    choices: tuple[str, ...] = ()  # a Literal's values
    of: Any = None  # a dict's values' type
    default: Any = NO_DEFAULT  # the dataclass field's default

    @property
    def since(self) -> int:
        return self.stored.since


Described = Layer | type


@cache
def fields_of(described: Described) -> tuple[Column, ...]:
    """The columns of each field of a layer (or of a plain dataclass: a nested part or a list's item), in order.

    Raises TypeError when the description and the dataclass disagree: a described field that is not there, a field
    that is not described (it would be silently lost by the tables), a type no table can hold.
    """
    layer = described if isinstance(described, Layer) else None
    cls = layer.cls if layer else described
    assert isinstance(cls, type) and dataclasses.is_dataclass(cls), f"{cls!r} is not a dataclass"
    specs = [s if isinstance(s, Stored) else Stored(s) for s in layer.fields] if layer else None
    declared = {f.name: f for f in dataclasses.fields(cls)}
    if specs is None:
        specs = [Stored(name) for name in declared]
    described_names = [s.field for s in specs]
    if unknown := [n for n in described_names if n not in declared]:
        raise TypeError(f"{layer}: describes {', '.join(unknown)}, which {cls.__name__} does not have")
    if missing := [n for n in declared if n not in described_names]:
        raise TypeError(
            f"{cls.__name__}.{missing[0]}: not described; add it to the fields of {layer} (newsgraph/model.py), "
            "so that the store, the Spark tables and the exports keep it"
        )
    hints = get_type_hints(cls)
    renames = layer.flat_names if layer else {}
    return tuple(_column(s, hints[s.field], declared[s.field], (), "", renames, cls) for s in specs)


def _column(
    spec: Stored,
    hint: Any,
    declared: dataclasses.Field[Any],
    path: tuple[str, ...],
    prefix: str,
    renames: Mapping[str, str],
    owner: type,
    outer_nullable: bool = False,
) -> Column:
    name = f"{prefix}{spec.field}"
    path = (*path, spec.field)
    kind_type, nullable = _unwrap(hint, f"{owner.__name__}.{spec.field}")
    nullable = nullable or outer_nullable
    default = NO_DEFAULT if declared.default is dataclasses.MISSING else declared.default
    if declared.default_factory is not dataclasses.MISSING:
        default = declared.default_factory()
    common: dict[str, Any] = {
        "field": spec.field,
        "name": name,
        "flat": renames.get(name, name),
        "path": path,
        "nullable": nullable,
        "stored": spec,
        "default": default,
    }
    if get_origin(kind_type) is tuple:
        item, *rest = get_args(kind_type)
        if rest != [Ellipsis]:
            raise TypeError(f"{owner.__name__}.{spec.field}: a list is tuple[X, ...], got {hint}")
        item, _ = _unwrap(item, f"{owner.__name__}.{spec.field}")
        if spec.layer is not None:
            return Column(**common, kind="layer", type=spec.layer.cls, layer=spec.layer, many=True)
        if dataclasses.is_dataclass(item):
            return Column(**common, kind="list", type=item, parts=fields_of(item))  # type: ignore[arg-type]
        return Column(**common, kind="list", type=_scalar(item, f"{owner.__name__}.{spec.field}"))
    if spec.layer is not None:
        return Column(**common, kind="layer", type=spec.layer.cls, layer=spec.layer, many=False)
    if isinstance(kind_type, type) and dataclasses.is_dataclass(kind_type):
        part_hints = get_type_hints(kind_type)
        part_fields = {f.name: f for f in dataclasses.fields(kind_type)}
        parts = tuple(
            _column(Stored(n, since=spec.since), part_hints[n], f, path, f"{name}_", renames, kind_type, nullable)
            for n, f in part_fields.items()
        )
        return Column(**common, kind="nested", type=kind_type, parts=parts)
    if get_origin(kind_type) is Literal:
        choices = tuple(str(c) for c in get_args(kind_type))
        return Column(**common, kind="value", type=str, choices=choices)
    if get_origin(kind_type) is dict:
        _, of = get_args(kind_type)
        return Column(**common, kind="value", type=dict, of=_scalar(of, f"{owner.__name__}.{spec.field}"))
    return Column(**common, kind="value", type=_scalar(kind_type, f"{owner.__name__}.{spec.field}"))


def _unwrap(hint: Any, where: str) -> tuple[Any, bool]:
    """The type inside `X | None`, and whether None is allowed; an id that is `str | int` is kept as a str."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        nullable = len(args) < len(get_args(hint))
        if len(args) == 1:
            return args[0], nullable
        if all(a in SCALARS for a in args) and str in args:
            return str, nullable
        raise TypeError(f"{where}: a column holds one type, got {hint}")
    return hint, False


def _scalar(hint: Any, where: str) -> type:
    if hint in SCALARS:
        return hint
    if hint is dict or get_origin(hint) is dict:
        return dict
    if get_origin(hint) is Literal:
        return str
    raise TypeError(f"{where}: no table can hold {hint}; use int, str, float, bool, dict, a dataclass or a tuple")


def leaves(described: Described) -> Iterator[Column]:
    """The columns of a layer's own table, in order: values, the parts of nested fields in their place, and lists
    (which a table keeps whole or in a table of their own); not the items of other layers."""
    for column in fields_of(described):
        yield from _leaves(column)


def _leaves(column: Column) -> Iterator[Column]:
    if column.kind == "nested":
        for part in column.parts:
            yield from _leaves(part)
    elif column.kind != "layer":
        yield column


def children(described: Described) -> Iterator[Column]:
    """The fields of a layer that hold the items of another layer."""
    return (c for c in fields_of(described) if c.kind == "layer")


def walk(root: Layer) -> Iterator[tuple[Layer, Column | None, Layer | None]]:
    """Every layer under `root` (itself first), each before the layers nested in it: (layer, the field of its parent
    that holds it, the parent), the parent being None for `root`."""
    yield root, None, None
    for column in children(root):
        assert column.layer is not None
        for layer, via, parent in walk(column.layer):
            yield layer, via or column, parent or root


def value_of(item: Any, column: Column) -> Any:
    """The value of a leaf column for one item: None when a nested part on the way is None; an id given as an int
    comes as the str that the column holds."""
    value = item
    for attribute in column.path:
        if value is None:
            return None
        value = getattr(value, attribute)
    if column.kind == "value" and column.type is str and value is not None and not isinstance(value, str):
        value = str(value)
    return value


Fetch = Callable[[Column], Any]


def build(described: Described, fetch: Fetch) -> Any:
    """A layer's item (or a plain dataclass) again from its columns: `fetch(column)` gives a value column's value; a
    list of scalars' list; a list of dataclasses' items, each built or as a `Fetch` of that item's columns; a layer
    field's items, built (a list, or the one item or None). A nested part whose columns are all None is None.
    """
    cls = described.cls if isinstance(described, Layer) else described
    return cls(**{c.field: _build_field(c, fetch) for c in fields_of(described)})


def _build_field(column: Column, fetch: Fetch) -> Any:
    if column.kind == "nested":
        parts = {p.field: _build_field(p, fetch) for p in column.parts}
        # All None (a list: empty, as a NULL column reads back) is a part that was None.
        if column.nullable and all(v is None or v == () for v in parts.values()):
            return None
        return column.type(**parts)
    if column.kind == "list":
        items = fetch(column) or ()
        if column.parts:
            return tuple(item if isinstance(item, column.type) else build(column.type, item) for item in items)
        return tuple(items)
    if column.kind == "layer":
        items = fetch(column)
        return tuple(items or ()) if column.many else items
    value = fetch(column)
    if column.type is bool and value is not None:
        return bool(value)
    return value


def layer_of(cls: type, root: Layer) -> Layer | None:
    """The description of the layer whose dataclass is `cls`, under `root`; None for a plain dataclass."""
    return _layers_by_class(root).get(cls)


@cache
def _layers_by_class(root: Layer) -> dict[type, Layer]:
    return {layer.cls: layer for layer, _, _ in walk(root)}


def as_json(item: Any, root: Layer) -> dict[str, Any]:
    """The contract's JSON object of one item (a layer's, or a nested part's), its keys in the described order."""
    described: Described = layer_of(type(item), root) or type(item)
    out: dict[str, Any] = {}
    for column in fields_of(described):
        value = getattr(item, column.field)
        if column.kind == "nested" or (column.kind == "layer" and not column.many):
            value = None if value is None else as_json(value, root)
        elif column.kind in ("list", "layer"):
            value = [as_json(v, root) if column.kind == "layer" or column.parts else v for v in value]
        elif column.type is dict and value is not None:
            value = dict(value)
        elif value is None and column.stored.omit_none:
            continue
        out[column.field] = value
    return out


def from_json(described: Described, obj: Mapping[str, Any]) -> Any:
    """The item again from its JSON object (`as_json`'s): how a list kept whole in one column is read back.

    >>> from newsgraph.model import ARTICLES, Cue, Quote
    >>> quote = Quote(0, 3, "Yes", "direct", cue=Cue(4, 8, "said"))
    >>> from_json(Quote, as_json(quote, ARTICLES)) == quote
    True
    """
    cls = described.cls if isinstance(described, Layer) else described
    kwargs = {}
    for column in fields_of(described):
        if column.field not in obj:
            if column.default is NO_DEFAULT:
                raise ValueError(f"{cls.__name__}: no {column.field!r} in {obj!r}")
            continue
        value = obj[column.field]
        inner = column.layer or column.type
        if column.kind == "nested" or (column.kind == "layer" and not column.many):
            value = None if value is None else from_json(inner, value)
        elif column.kind == "layer" or (column.kind == "list" and column.parts):
            value = tuple(from_json(inner, v) for v in value or ())
        elif column.kind == "list":
            value = tuple(value or ())
        kwargs[column.field] = value
    return cls(**kwargs)
