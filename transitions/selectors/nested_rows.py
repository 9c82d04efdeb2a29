"""Small lists of rows brought along with the row they belong to (issue 17: the transition page
in a fixed, small number of queries).

On PostgreSQL a list is an array of JSON objects annotated on the parent query (`ARRAY(SELECT
TO_JSONB(row) || JSONB_BUILD_OBJECT('author', (SELECT TO_JSONB(...) ...)) ...)`), turned back
into model instances with their `related` rows set, as `select_related` would. A whole row is
one expression: naming every column made the query slow to build in Python and to plan in
PostgreSQL (the page got slower with fewer queries). Elsewhere (SQLite, the laptop default) a
list is one plain query for all the parents, like `prefetch_related`. Either way the number
of queries does not grow with the rows.

    rows = Rows("open_stale", PlanSectionVersion.objects.filter(...), link="section",
                related=("author",))
    sections = load_with_rows(PlanSection.objects.filter(...), rows)
    sections[0].open_stale  # a list of PlanSectionVersion, each with .author loaded

Only the model's columns come back: no annotations of the child rows, and a `related` path
may follow forward foreign keys and reverse one-to-one relations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, models
from django.db.models import Expression, F, Func, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject


@dataclass(frozen=True)
class Rows:
    """A list set on each parent as `attr`: the rows of `queryset` whose `link` (a field name
    or path of the child) equals the parent's `key`."""

    attr: str
    queryset: QuerySet[Any]
    link: str
    key: str = "pk"
    related: tuple[str, ...] = ()
    limit: int | None = None  # at most this many per parent, in the queryset's order

    def of(self, **lookup: Any) -> QuerySet[Any]:
        qs = self.queryset.filter(**lookup)
        return qs[: self.limit] if self.limit is not None else qs

    @property
    def alias(self) -> str:
        return f"_rows_{self.attr}"


def _on_postgresql(queryset: QuerySet[Any]) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _tree(paths: Iterable[str]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        for part in path.split("__"):
            node = node.setdefault(part, {})
    return tree


class _RowJSON(Expression):
    """The query's own row as one JSON object (`TO_JSONB("U0")`), keyed by column: one
    expression however many columns, cheap to build and to plan."""

    output_field = JSONField()

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        return f"TO_JSONB({compiler.quote_name(compiler.query.base_table)})", ()


class _Merge(Func):
    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = JSONField()


def _json(model: type[models.Model], tree: dict[str, Any]) -> Any:
    """The row, with each related row of `tree` under its name (a correlated subquery each:
    a forward foreign key, or a reverse one-to-one)."""
    row: Any = _RowJSON()
    if not tree:
        return row
    related: dict[str, Any] = {}
    for name, sub in tree.items():
        field: Any = model._meta.get_field(name)
        other = field.related_model
        if field.concrete:  # a forward foreign key
            lookup = {field.target_field.attname: OuterRef(field.attname)}
        else:  # a reverse one-to-one
            lookup = {field.field.attname: OuterRef(field.field.target_field.attname)}
        related[name] = Subquery(
            other._base_manager.filter(**lookup).order_by().values(row=_json(other, sub))[:1]
        )
    return _Merge(row, JSONObject(**related))


def with_rows(queryset: QuerySet[Any], *rows: Rows) -> QuerySet[Any]:
    """The parent query with each list as an array annotation (PostgreSQL only)."""
    if not _on_postgresql(queryset):
        return queryset
    return queryset.annotate(
        **{
            r.alias: ArraySubquery(
                r.of(**{r.link: OuterRef(r.key)}).values(
                    row=_json(r.queryset.model, _tree(r.related))
                )
            )
            for r in rows
        }
    )


def _value(field: models.Field[Any, Any], value: Any) -> Any:
    return None if value is None else field.to_python(value)


def _hydrate(
    model: type[models.Model], data: dict[str, Any] | None, tree: dict[str, Any], db: str
) -> Any:
    """A model instance from its JSON object, as if it had been loaded (None for a missing
    row: a null foreign key or no reverse one-to-one row)."""
    if data is None or data.get(str(model._meta.pk.column)) is None:
        return None
    fields = model._meta.concrete_fields
    obj = model.from_db(
        db, [f.attname for f in fields], [_value(f, data.get(str(f.column))) for f in fields]
    )
    for name, sub in tree.items():
        field: Any = model._meta.get_field(name)
        field.set_cached_value(obj, _hydrate(field.related_model, data.get(name), sub, db))
    return obj


def attach_rows(parents: list[Any], *rows: Rows, db: str = "default") -> list[Any]:
    """Set each list on the parents: from the array annotations on PostgreSQL, else with one
    query per list (per parent for a list with a limit)."""
    for r in rows:
        model, tree = r.queryset.model, _tree(r.related)
        if _on_postgresql(r.queryset):
            for parent in parents:
                data = getattr(parent, r.alias, None) or []
                setattr(parent, r.attr, [_hydrate(model, d, tree, db) for d in data])
            continue
        if r.limit is not None:
            for parent in parents:
                children = r.of(**{r.link: getattr(parent, r.key)})
                if r.related:
                    children = children.select_related(*r.related)
                setattr(parent, r.attr, list(children))
            continue
        children = r.queryset.select_related(*r.related) if r.related else r.queryset
        grouped: dict[Any, list[Any]] = defaultdict(list)
        keys = {getattr(parent, r.key) for parent in parents}
        for child in children.filter(**{f"{r.link}__in": keys}).annotate(_parent=F(r.link)):
            grouped[child._parent].append(child)
        for parent in parents:
            setattr(parent, r.attr, grouped.get(getattr(parent, r.key), []))
    return parents


def load_with_rows(queryset: QuerySet[Any], *rows: Rows) -> list[Any]:
    """The parents, each with its lists."""
    return attach_rows(list(with_rows(queryset, *rows)), *rows, db=queryset.db)


def prime_prefetch(instance: models.Model, accessor: str, objs: list[Any]) -> None:
    """Put loaded rows into `instance`'s prefetch cache for `accessor` (a reverse foreign key),
    as prefetch_related would: `instance.<accessor>.all()` and `.exists()` then cost nothing."""
    manager = getattr(instance, accessor)
    qs = manager.get_queryset()
    qs._result_cache = objs
    qs._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = qs
