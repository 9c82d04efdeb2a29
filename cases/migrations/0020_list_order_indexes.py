"""Indexes that serve the cursor orders of the case and citizen lists (issue 17): the newest
and oldest case orders (inquiry date, id; read backwards for the newest), and the citizens'
name order with the id that ends it, so that ORDER BY ... LIMIT walks the index and stops at
the page instead of sorting every row. The old (last_name, first_name) index is a prefix of
the new one and goes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0019_citizen_name_trigram_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["inquiry_date", "id"], name="case_inquiry_order"),
        ),
        migrations.AddIndex(
            model_name="citizen",
            index=models.Index(
                fields=["last_name", "first_name", "id"], name="citizen_name_order"
            ),
        ),
        migrations.RemoveIndex(model_name="citizen", name="cases_citiz_last_na_4e55f4_idx"),
    ]
