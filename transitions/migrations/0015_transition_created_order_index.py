"""An index on (created_at, id), read backwards by the API's cursor pages of transitions,
newest first (issue 17): ORDER BY ... LIMIT walks it instead of sorting every transition."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("transitions", "0014_remove_transition_checkin_weeks")]

    operations = [
        migrations.AddIndex(
            model_name="transition",
            index=models.Index(fields=["created_at", "id"], name="transition_created_order"),
        ),
    ]
