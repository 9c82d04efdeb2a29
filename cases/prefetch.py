"""Several small lists of rows that belong to one row, read in one query (issue 17).

A page that shows a case with a handful of short lists (its consents, its notifications of
concern, its complaints) would ask one query per list. On PostgreSQL `RowLists` asks for them
all as array columns of a single query instead, each row a JSON object, and makes plain model
instances of them again (with the rows their `select_related` named); on another database
(SQLite, the laptop default) it asks one plain query per list. Either way the caller gets the
same lists of the same instances:

    lists = RowLists(
        consents=Rows(Consent.objects.select_related("recorded_by"), where=by("case_id", "pk")),
    )
    case = lists.annotate(Case.objects.filter(pk=pk)).get()   # one query on PostgreSQL
    rows = lists.rows(case)                                     # {"consents": [Consent, ...]}
    rows = lists.rows_for(case)   # a case read without them: one more query on PostgreSQL

`where(ref)` says which rows belong to the owner: `ref(name)` is the owner's field `name`, an
`OuterRef` inside the one query, the owner's value in the plain one. Only for short lists: the
whole list comes back, in the queryset's order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import F, Model, OuterRef, Q, QuerySet
from django.db.models.functions import JSONObject

# The prefix of the array columns on the owner's row (no clash with a model's own fields).
_PREFIX = "rowlist_"
# PostgreSQL's functions take at most 100 arguments: 50 keys and values per JSON object.
_MAX_KEYS = 50


def by(row_field: str, owner_field: str = "pk") -> Callable[[Callable[[str], Any]], Q]:
    """`where` for the common case: the rows whose `row_field` is the owner's `owner_field`."""
    return lambda ref: Q(**{row_field: ref(owner_field)})


@dataclass(frozen=True)
class Rows:
    """One list: the rows of `queryset` (its filters, `select_related` and order) that
    `where(ref)` says belong to the owner."""

    queryset: QuerySet[Any]
    where: Callable[[Callable[[str], Any]], Q]


def bundles() -> bool:
    """Whether the lists come in one query (PostgreSQL), not in one query each."""
    return connection.vendor == "postgresql"


class RowLists:
    """Named lists of rows of one owner row; see the module's docstring."""

    def __init__(self, **lists: Rows) -> None:
        self.lists = lists

    def annotate[M: Model](self, owners: QuerySet[M]) -> QuerySet[M]:
        """`owners` with the lists as array columns (PostgreSQL; unchanged elsewhere)."""
        if not bundles():
            return owners
        return owners.annotate(
            **{
                _PREFIX + name: ArraySubquery(
                    rows.queryset.filter(rows.where(OuterRef))
                    .order_by(*_ordering(rows.queryset))
                    .values(json=_json_of(rows.queryset.model, _related(rows.queryset)))
                )
                for name, rows in self.lists.items()
            }
        )

    def rows(self, owner: Model) -> dict[str, list[Any]]:
        """The lists of an owner read through `annotate` (or, elsewhere, one query each)."""
        found: dict[str, list[Any]] = {}
        for name, rows in self.lists.items():
            if bundles() and hasattr(owner, _PREFIX + name):
                related = _related(rows.queryset)
                model = rows.queryset.model
                found[name] = [
                    _instance(model, json.loads(data) if isinstance(data, str) else data, related)
                    for data in getattr(owner, _PREFIX + name)
                ]
            else:
                found[name] = list(rows.queryset.filter(rows.where(lambda f: _value(owner, f))))
        return found

    def rows_for[M: Model](self, owner: M) -> dict[str, list[Any]]:
        """The lists of an owner read without them: one more query on PostgreSQL (the owner's
        row with the lists), one per list elsewhere."""
        if not bundles():
            return self.rows(owner)
        owners = type(owner)._default_manager.filter(pk=owner.pk).only("pk")
        return self.rows(self.annotate(owners).get())


def _value(owner: Model, name: str) -> Any:
    return owner.pk if name == "pk" else getattr(owner, name)


def _ordering(queryset: QuerySet[Any]) -> list[Any]:
    query = queryset.query
    if query.order_by:
        return list(query.order_by)
    return list(queryset.model._meta.ordering or [])


def _related(queryset: QuerySet[Any]) -> dict[str, Any]:
    """The `select_related` tree of the queryset ({} for none; named paths only)."""
    tree = queryset.query.select_related
    if tree is True:
        raise ValueError("RowLists needs select_related with named relations")
    return tree or {}


def _json_of(model: type[Model], related: dict[str, Any], path: str = "") -> JSONObject:
    """A JSON object of the row's own columns and, nested, those of its related rows."""
    fields: dict[str, Any] = {
        field.attname: F(path + field.attname) for field in model._meta.concrete_fields
    }
    if len(fields) + len(related) > _MAX_KEYS:
        raise ValueError(f"{model.__name__}: more columns than one JSON object can take")
    for name, deeper in related.items():
        target = model._meta.get_field(name).related_model
        assert isinstance(target, type)
        fields["__" + name] = _json_of(target, deeper, f"{path}{name}__")
    return JSONObject(**fields)


def _instance(model: type[Model], data: dict[str, Any], related: dict[str, Any]) -> Any:
    """The model instance of one JSON row, as the database would have given it."""
    fields = model._meta.concrete_fields
    values = [field.to_python(data[field.attname]) for field in fields]
    instance = model.from_db(connection.alias, [field.attname for field in fields], values)
    for name, deeper in related.items():
        nested = data["__" + name]
        target = model._meta.get_field(name).related_model
        assert isinstance(target, type)
        pk_name = target._meta.pk.attname if target._meta.pk else "id"
        if nested is None or nested.get(pk_name) is None:
            setattr(instance, name, None)
        else:
            setattr(instance, name, _instance(target, nested, deeper))
    return instance
