"""The case of every action item is set (0012): it is required from now on. A migration of its
own, so PostgreSQL does not alter the table in the transaction that updated its rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0012_action_item_case"),
    ]

    operations = [
        migrations.AlterField(
            model_name="actionitem",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="action_items",
                to="cases.case",
            ),
        ),
        migrations.AlterField(
            model_name="actionitem",
            name="transition",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="action_items",
                to="transitions.transition",
            ),
        ),
    ]
