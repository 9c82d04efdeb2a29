"""DESIGN §5.9: the first appointment's status and the first outpatient contact date are no
longer marked by hand but follow from the recorded contacts (transitions.first_weeks).

Where contacts exist, the fields are derived from them: the first outpatient contact is the
earliest attended contact on or after discharge, and the first appointment is attended when an
attended contact lies on its day up to the cut-off. Where none exist (transitions from before
contacts were recorded), the hand-marked value is kept: a date typed in by hand is the only
record of that contact, and a "missed" marked by hand already made its outreach item. Nothing
is set to "missed" here: that is the reminder sweep's, with the outreach, and only for recent
appointments (transitions.services.after_discharge.SWEEP_LOOKBACK_DAYS).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

from transitions import first_weeks


def derive_from_contacts(apps: Any, schema_editor: Any) -> None:
    transition_model = apps.get_model("transitions", "Transition")
    contact_model = apps.get_model("treatment_options", "Contact")
    zone = ZoneInfo(settings.TIME_ZONE)
    cutoff = dt.time.fromisoformat(str(getattr(settings, "FIRST_APPOINTMENT_CUTOFF", "16:00")))
    now = dt.datetime.now(tz=zone)
    attended: dict[int, list[tuple[int, dt.datetime]]] = defaultdict(list)
    for case_id, episode_id, at in contact_model.objects.filter(outcome="attended").values_list(
        "episode__case_id", "episode_id", "at"
    ):
        attended[case_id].append((episode_id, at))
    changed = []
    for transition in transition_model.objects.filter(case_id__in=list(attended)).only(
        "pk",
        "case_id",
        "residential_episode_id",
        "discharged_on",
        "first_appointment_at",
        "first_appointment_status",
        "first_outpatient_contact_on",
    ):
        times = [at for ep, at in attended[transition.case_id] if ep != transition.residential_episode_id]
        if not times:
            continue
        first = first_weeks.first_contact_on(transition.discharged_on, attended_at=times, zone=zone)
        status = first_weeks.appointment_status(
            transition.first_appointment_at, attended_at=times, now=now, cutoff=cutoff, zone=zone
        )
        dirty = False
        if first is not None and first != transition.first_outpatient_contact_on:
            transition.first_outpatient_contact_on, dirty = first, True
        if status == "attended" and transition.first_appointment_status != "attended":
            transition.first_appointment_status, dirty = "attended", True
        if dirty:
            changed.append(transition)
    transition_model.objects.bulk_update(
        changed, ["first_outpatient_contact_on", "first_appointment_status"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0007_action_item_made_by_sweep"),
        ("treatment_options", "0003_contact"),
    ]

    operations = [migrations.RunPython(derive_from_contacts, migrations.RunPython.noop)]
