"""The check-in schedule belongs to the course (CheckInSchedule, DESIGN §5.10); migration 0008
copied each case's schedule from its newest live transition, and nothing has read or written
`Transition.checkin_weeks` since. Dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0013_action_item_case_required"),
    ]

    operations = [
        migrations.RemoveField(model_name="transition", name="checkin_weeks"),
    ]
