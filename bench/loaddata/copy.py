"""The rows of one table, written with PostgreSQL's COPY (bulk_create on other databases)."""

from __future__ import annotations

import json
import operator
from datetime import datetime
from typing import Any, cast

from django.db import connection, models
from psycopg import sql
from psycopg.copy import QueuedLibpqWriter


class Table:
    """The rows of one model for one chunk: ids reserved from the table's sequence up front, so
    that children can refer to their parents without reading anything back; written with COPY
    on PostgreSQL and with bulk_create elsewhere (SQLite in the tests). With bulk_create the
    100,000-case set took about 80 s per 10,000 cases here (Django compiles every value of a
    multi-row INSERT in Python); with COPY about 13 s."""

    def __init__(self, model: type[models.Model], *, now: datetime, batch_size: int) -> None:
        self.model = model
        self.batch_size = batch_size
        # A generated column (Case.urgency) is the database's to fill: COPY refuses it.
        self.fields = [f for f in model._meta.concrete_fields if not f.generated]
        self.pk = model._meta.pk.attname
        # Every column gets a value: the model's default, "now" for auto_now(_add) fields.
        self.defaults: dict[str, Any] = {}
        # Callable defaults (a uuid4, say) are called per row; the rest are computed once.
        self.per_row: list[models.Field[Any, Any]] = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.primary_key:
                continue
            elif f.has_default() and callable(f.default) and f.default not in (list, dict):
                self.per_row.append(f)
            else:
                self.defaults[f.attname] = f.get_default()
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        self.rows: list[dict[str, Any]] = []
        self.written = 0
        self._free: list[int] = []
        self._last: int | None = None

    def add(self, **values: Any) -> int:
        if self.pk in values:
            # A primary key that is a foreign key (a one-to-one link): given, not reserved.
            pk = values[self.pk]
        else:
            if not self._free:
                self._reserve()
            pk = self._free.pop()
        row = self.defaults.copy()
        row.update(values)
        row[self.pk] = pk
        if self.per_row:
            for f in self.per_row:
                if f.attname not in values:
                    row[f.attname] = f.get_default()
        self.rows.append(row)
        return pk

    def _reserve(self) -> None:
        table = self.model._meta.db_table
        column = self.model._meta.pk.column
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, column, self.batch_size],
                )
                ids = [row[0] for row in cursor.fetchall()]
            else:  # one writer inside one transaction: counting on from the highest id is safe
                if self._last is None:
                    self._last = self.model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
                ids = list(range(self._last + 1, self._last + 1 + self.batch_size))
                self._last += self.batch_size
        self._free = ids[::-1]

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(self.model._meta.db_table),
                # Concrete fields always have a column; the stubs type it for any field.
                sql.SQL(", ").join(sql.Identifier(cast(str, f.column)) for f in self.fields),
            )
            names = [f.attname for f in self.fields]
            values = operator.itemgetter(*names)
            json_at = [i for i, n in enumerate(names) if n in self.json]
            # The queued writer sends from a thread of its own: the server takes in the rows
            # while the next ones are formatted.
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(statement, writer=QueuedLibpqWriter(cursor.cursor)) as copy,
            ):
                write = copy.write_row
                if json_at:
                    for row in self.rows:
                        line = list(values(row))
                        for i in json_at:
                            if line[i] is not None:
                                line[i] = json.dumps(line[i])
                        write(line)
                else:
                    for row in self.rows:
                        write(values(row))
        else:
            self.model._base_manager.bulk_create(
                [self.model(**row) for row in self.rows], batch_size=self.batch_size
            )
        self.written += len(self.rows)
        self.rows = []
