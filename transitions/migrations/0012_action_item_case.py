"""An action item belongs to the course (DESIGN §5.10): a check-in's follow-up on an
outpatient-only course has no transition to hang on. Existing items take their transition's
case; `transition` becomes optional."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def case_from_transition(apps, schema_editor):
    ActionItem = apps.get_model("transitions", "ActionItem")
    Transition = apps.get_model("transitions", "Transition")
    ActionItem.objects.filter(case__isnull=True).update(
        case_id=Subquery(Transition.objects.filter(pk=OuterRef("transition_id")).values("case_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_after_merge"),
        ("transitions", "0011_merge_work_agreement"),
    ]

    operations = [
        migrations.AddField(
            model_name="actionitem",
            name="case",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="action_items",
                to="cases.case",
            ),
        ),
        migrations.RunPython(case_from_transition, migrations.RunPython.noop),
    ]
