import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_after_merge"),
        ("transitions", "0008_checkin_schedule_from_transitions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="checkin",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="checkins",
                to="cases.case",
            ),
        ),
    ]
