"""Keyset pagination for the long lists (DESIGN §9): a page is "the rows after (or before) this
row in the list's order", found through the index of that order, never by an OFFSET, and the
total is counted only up to a cap. The links carry an opaque cursor: the ordering values of the
row at the page's edge and the position of the page (for "Viser 26-50 af 347 sager" in the summary).

An ordering is a sequence of field paths ("-inquiry_date", "citizen__last_name") or
OrderBy expressions over plain fields; it must end in the primary key, so that it is total and
rows with the same values (ties) are neither skipped nor shown twice. A nullable field is
ordered ascending with NULLS LAST (F("field").asc(nulls_last=True)), the same on PostgreSQL and
SQLite.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.formats import number_format

# The total is counted up to this many rows; beyond it the list says "more than".
COUNT_CAP = 1000

type Ordering = Sequence[str | OrderBy]


@dataclass(frozen=True, slots=True)
class _Key:
    path: str
    descending: bool
    nullable: bool

    def order(self, *, reverse: bool = False) -> OrderBy:
        descending = self.descending != reverse
        if self.nullable:
            # Ascending NULLS LAST; read backwards: descending NULLS FIRST.
            return (
                F(self.path).desc(nulls_first=True)
                if descending
                else F(self.path).asc(nulls_last=True)
            )
        return F(self.path).desc() if descending else F(self.path).asc()


def _keys(ordering: Ordering) -> list[_Key]:
    keys = []
    for item in ordering:
        if isinstance(item, OrderBy):
            expression = item.expression
            if not isinstance(expression, F):
                raise TypeError("Keyset ordering needs plain fields.")
            nullable = bool(item.nulls_last)
            if nullable and item.descending:
                raise TypeError("A nullable keyset field is ordered ascending, nulls last.")
            name = str(expression.deconstruct()[1][0])
            keys.append(_Key(name, item.descending, nullable))
        else:
            keys.append(_Key(item.lstrip("-"), item.startswith("-"), False))
    if keys[-1].path not in ("pk", "id"):
        raise TypeError("A keyset ordering ends in the primary key.")
    return keys


def _value_of(obj: Any, path: str) -> Any:
    value = obj
    for name in path.split("__"):
        value = getattr(value, name) if value is not None else None
    return value


def _encode(values: list[Any], position: int) -> str:
    plain = [{"d": v.isoformat()} if isinstance(v, date | datetime) else v for v in values]
    raw = json.dumps({"v": plain, "i": position}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str, size: int) -> tuple[list[Any], int] | None:
    """The values and the position in a cursor, or None for anything that is not one of ours
    (a hand-edited link starts from the first page)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        values = [
            _parse_date(v["d"]) if isinstance(v, dict) else v
            for v in data["v"]
            if isinstance(v, dict | int | str | type(None)) and not isinstance(v, bool)
        ]
        position = int(data["i"])
    except (ValueError, TypeError, KeyError, binascii.Error):
        return None
    if len(values) != size or position < 1:
        return None
    return values, position


def _parse_date(text: str) -> date | datetime:
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def _beyond(key: _Key, value: Any, *, backwards: bool) -> Q:
    """The rows that come after `value` in the key's direction (before it when backwards)."""
    later = key.descending == backwards  # True: greater values come later
    if key.nullable:
        # Ascending, NULLS LAST: after a value come the greater values and the NULLs; after
        # NULL nothing; before a value the smaller ones; before NULL every value.
        if later:
            return (
                Q(pk__in=[])
                if value is None
                else Q(**{f"{key.path}__gt": value}) | Q(**{f"{key.path}__isnull": True})
            )
        if value is None:
            return Q(**{f"{key.path}__isnull": False})
        return Q(**{f"{key.path}__lt": value})
    return Q(**{f"{key.path}__{'gt' if later else 'lt'}": value})


def _same(key: _Key, value: Any) -> Q:
    return Q(**{f"{key.path}__isnull": True}) if value is None else Q(**{key.path: value})


def _seek(keys: list[_Key], values: list[Any], *, backwards: bool) -> Q:
    """Row-value comparison spelled out: (k1, k2, ...) after (v1, v2, ...) in the ordering.

    The OR of the spelled-out comparison is a filter to PostgreSQL, not a bound of the index
    scan (the orderings mix directions, so no ROW(...) > ROW(...) fits the index); the
    redundant bound on the first key (k1 >= v1) lets the scan start at the cursor's value
    of it, so a deep page does not walk the index from its start."""
    q = Q(pk__in=[])
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        q |= equal & _beyond(key, value, backwards=backwards)
        equal &= _same(key, value)
    first, value = keys[0], values[0]
    if not first.nullable and value is not None:
        later = first.descending == backwards
        q &= Q(**{f"{first.path}__{'gte' if later else 'lte'}": value})
    return q


class InvalidCursor(ValueError):
    """A cursor that this list did not make (hand-edited, or from another ordering)."""


@dataclass(frozen=True)
class KeysetPage:
    """One page of a list; the template needs no other query."""

    object_list: list[Any]
    start_index: int
    has_next: bool
    has_previous: bool
    next_cursor: str
    previous_cursor: str
    # The total, counted up to COUNT_CAP (`count_capped`: there are more). `counted` is False
    # when a list of more than one page was not counted (`count=False`): then `count` is the
    # page's own length, and the case list asks for the total afterwards (ListCount).
    count: int
    count_capped: bool
    counted: bool = True

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.object_list) - 1

    @property
    def count_label(self) -> str:
        return count_label(self.count)

    @property
    def is_single_page(self) -> bool:
        return not (self.has_next or self.has_previous)


def capped_count(qs: QuerySet[Any]) -> tuple[int, bool]:
    """The number of rows in qs up to COUNT_CAP, and whether there are more: a walk that stops
    at COUNT_CAP + 1 rows, not a COUNT over the whole set."""
    total = qs.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(total, COUNT_CAP), total > COUNT_CAP


@dataclass(frozen=True)
class ListCount:
    """The summary of a page whose total is counted afterwards (the case list's count, loaded
    after the page): the same attributes as a counted KeysetPage's summary."""

    start_index: int
    end_index: int
    count: int
    count_capped: bool
    # Always counted, and asked for only by a list of more than one page.
    counted: ClassVar[bool] = True
    is_single_page: ClassVar[bool] = False

    @property
    def count_label(self) -> str:
        return count_label(self.count)


def count_label(total: int) -> str:
    """A total as the active language writes a number (1.000 in Danish)."""
    return number_format(total, force_grouping=True)


def keyset_page(
    qs: QuerySet[Any],
    ordering: Ordering,
    *,
    after: str | None = None,
    before: str | None = None,
    size: int,
    count: bool = True,
    strict: bool = False,
) -> KeysetPage:
    """The page after the cursor `after` (or before the cursor `before`; else the first page)
    of `qs` in `ordering`. One query for the rows, and one capped count when the list is
    longer than one page (none with `count=False`). A cursor that is not one of ours gives
    the first page, or raises InvalidCursor with `strict` (the API's 404)."""
    keys = _keys(ordering)
    backwards = False
    cursor = None
    if after:
        cursor = _decode(after, len(keys))
    elif before:
        cursor = _decode(before, len(keys))
        backwards = cursor is not None
    if strict and (after or before) and cursor is None:
        raise InvalidCursor
    page_qs = qs.order_by(*(key.order(reverse=backwards) for key in keys))
    if cursor is not None:
        page_qs = page_qs.filter(_seek(keys, cursor[0], backwards=backwards))
    rows = list(page_qs[: size + 1])
    if cursor is not None and not rows:
        # Nothing beyond the cursor any more (rows went away meanwhile): the first page.
        return keyset_page(qs, ordering, size=size, count=count)
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        assert cursor is not None
        rows.reverse()
        if not more and len(rows) < size:
            # Back at the start, on a short page (rows went away meanwhile): the first page.
            return keyset_page(qs, ordering, size=size, count=count)
        has_previous, has_next = more, True
        start = max(cursor[1] - len(rows), 1) if more else 1
    else:
        has_previous, has_next = cursor is not None, more
        start = cursor[1] if cursor is not None else 1
    total, capped = len(rows), False
    if count and (has_next or has_previous):
        total, capped = capped_count(qs)
    first = [_value_of(rows[0], key.path) for key in keys] if rows else []
    last = [_value_of(rows[-1], key.path) for key in keys] if rows else []
    return KeysetPage(
        object_list=rows,
        start_index=start if rows else 0,
        has_next=has_next and bool(rows),
        has_previous=has_previous and bool(rows),
        next_cursor=_encode(last, start + len(rows)) if rows else "",
        previous_cursor=_encode(first, start) if rows else "",
        count=total,
        count_capped=capped,
        counted=count or not (has_next or has_previous),
    )
