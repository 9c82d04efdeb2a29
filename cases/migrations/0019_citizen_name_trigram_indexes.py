"""Trigram indexes on the citizen's names, for the case list's search (issue 17): a search for a
surname at 100,000 cases read every citizen (`UPPER(last_name) LIKE '%…%'`, which a b-tree
cannot serve). PostgreSQL only; the laptop's SQLite searches its few rows as before."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FIELDS = ("first_name", "last_name", "alias")


def _create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        # The expression Django's icontains compares: UPPER("field"::text) LIKE UPPER(%s).
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "cases_citizen_{field}_trgm" ON "cases_citizen" '
            f'USING gin ((UPPER("{field}"::text)) gin_trgm_ops)'
        )


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "cases_citizen_{field}_trgm"')


class Migration(migrations.Migration):
    dependencies = [("cases", "0018_access_log_indexes_for_national_scale")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(_create, _drop, elidable=False),
    ]
