"""The access log's indexes for tens of millions of entries (issue 17; docs/operations.md, "The
access log's indexes").

The managers' access log and the look-up extract read the log newest (or oldest) first within
a user, a case, a period or the citizen's own entries, and stop after a page: composite indexes
that end in (created_at, id) give those rows in that order. They replace the single-column
indexes on created_at, case_id_logged and user_id (each is the leading column of a new one),
so a logged read maintains no more full B-trees than before, plus three small partial ones.

Non-atomic: on PostgreSQL every index is built with CREATE INDEX CONCURRENTLY and the old ones
dropped with DROP INDEX CONCURRENTLY, so live reads (which write the log) are not blocked
while a 10-million-row table is indexed (about a minute an index, docs/operations.md). On
other databases (SQLite on a laptop) the same operations run plainly.
"""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.migrations.operations import AddIndex

CITIZEN_OBJECT_TYPES = ("citizen", "citizen_lookup_extract", "citizen_file_export")
RARE_PURPOSES = ("break_glass", "citizen_request", "register")


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL, a plain CREATE INDEX elsewhere."""

    def database_forwards(self, app_label: str, schema_editor: Any, *states: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *states)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, *states)

    def database_backwards(self, app_label: str, schema_editor: Any, *states: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *states)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, *states)


class DropFieldIndexConcurrently(migrations.AlterField):
    """A field loses its db_index (and nothing else): on PostgreSQL its single-column index is
    dropped with DROP INDEX CONCURRENTLY; elsewhere the ordinary AlterField."""

    atomic = False

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        column = model._meta.get_field(self.name).column
        for name in schema_editor._constraint_names(model, [column], index=True):
            schema_editor.execute(
                f"DROP INDEX CONCURRENTLY IF EXISTS {schema_editor.quote_name(name)}"
            )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        # AlterField's own backwards calls database_forwards (ours) with the states swapped.
        migrations.AlterField.database_forwards(
            self, app_label, schema_editor, from_state, to_state
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0017_merge_access_log_checkpoint"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="accesslog",
            index=models.Index(fields=["created_at", "id"], name="accesslog_created_idx"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="accesslog",
            index=models.Index(
                fields=["user", "created_at", "id"], name="accesslog_user_created_idx"
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="accesslog",
            index=models.Index(
                fields=["case_id_logged", "created_at", "id"], name="accesslog_case_created_idx"
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(object_type__in=CITIZEN_OBJECT_TYPES),
                fields=["object_id", "created_at"],
                name="accesslog_citizen_idx",
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(purpose__in=RARE_PURPOSES),
                fields=["purpose", "created_at", "id"],
                name="accesslog_rare_purpose_idx",
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(purpose_chosen=True) | models.Q(break_glass=True),
                fields=["user", "created_at"],
                name="accesslog_outside_own_idx",
            ),
        ),
        DropFieldIndexConcurrently(
            model_name="accesslog",
            name="case_id_logged",
            field=models.BigIntegerField(null=True, verbose_name="sag (id)"),
        ),
        DropFieldIndexConcurrently(
            model_name="accesslog",
            name="created_at",
            field=models.DateTimeField(verbose_name="tidspunkt"),
        ),
        DropFieldIndexConcurrently(
            model_name="accesslog",
            name="user",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="bruger",
            ),
        ),
    ]
