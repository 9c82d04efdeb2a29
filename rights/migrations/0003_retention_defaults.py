"""Fill the retention settings table with the defaults of docs/retention.md §3, none of them
confirmed: the nightly task does nothing until the municipality confirms a row."""

from __future__ import annotations

from django.db import migrations

from rights.retention.defaults import DEFAULTS


def fill(apps, schema_editor):
    rule = apps.get_model("rights", "RetentionRule")
    for default in DEFAULTS:
        rule.objects.get_or_create(
            kind=default.kind.value,
            defaults={
                "period_months": default.months,
                "counted_from": default.counted_from.value,
                "action": default.action.value,
                "legal_source": default.legal_source,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("rights", "0002_retention")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
