"""Give every commitment its structured frequency (n contacts per k weeks) from its free text
where transitions.frequency reads it with certainty; flag the others for the therapist."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from transitions.frequency import parse_frequency


def structure_frequencies(apps: Any, schema_editor: Any) -> None:
    commitment_model = apps.get_model("transitions", "AftercareCommitment")
    parsed, flagged = [], []
    for commitment in commitment_model.objects.filter(contacts_per_period__isnull=True).only(
        "pk", "frequency"
    ):
        frequency = parse_frequency(commitment.frequency)
        if frequency is None:
            commitment.frequency_needs_review = True
            flagged.append(commitment)
        else:
            commitment.contacts_per_period = frequency.contacts_per_period
            commitment.period_weeks = frequency.period_weeks
            commitment.frequency_needs_review = False
            parsed.append(commitment)
    commitment_model.objects.bulk_update(
        parsed, ["contacts_per_period", "period_weeks", "frequency_needs_review"], batch_size=500
    )
    commitment_model.objects.bulk_update(flagged, ["frequency_needs_review"], batch_size=500)


def unstructure(apps: Any, schema_editor: Any) -> None:
    # The free text was never touched: going back only forgets n, k and the flag.
    apps.get_model("transitions", "AftercareCommitment").objects.update(
        contacts_per_period=None, period_weeks=None, frequency_needs_review=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0004_commitment_structured_frequency_and_delivery"),
    ]

    operations = [migrations.RunPython(structure_frequencies, unstructure)]
