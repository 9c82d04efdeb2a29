"""The check-in schedule moves from the transition to the course (DESIGN §5.10):

- every check-in gets its transition's case;
- every case with a transition gets a CheckInSchedule with the weeks of its newest transition
  that is not cancelled (else its newest), so that a schedule someone changed stays changed;
- an open outpatient-only course (no transition, an outpatient episode started) gets its
  check-ins on the default schedule, counted from the newest outpatient start, as a course
  started after this migration would.

The numbers are written here rather than imported: a migration must not change when the code
does.
"""

import datetime as dt

from django.db import migrations
from django.db.models import OuterRef, Subquery

DEFAULT_CHECKIN_WEEKS = [2, 6, 12, 26, 52]
OUTPATIENT_TYPES = ["outpatient", "day", "aftercare"]


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CheckIn = apps.get_model("transitions", "CheckIn")
    CheckInSchedule = apps.get_model("transitions", "CheckInSchedule")
    Episode = apps.get_model("treatment_options", "Episode")
    Transition = apps.get_model("transitions", "Transition")

    CheckIn.objects.filter(case__isnull=True).update(
        case_id=Subquery(Transition.objects.filter(pk=OuterRef("transition_id")).values("case_id")[:1])
    )

    chosen = {}
    rows = Transition.objects.order_by("case_id", "-created_at", "-pk").values_list(
        "case_id", "checkin_weeks", "status"
    )
    for case_id, weeks, status in rows:
        if case_id not in chosen or (chosen[case_id][1] == "cancelled" and status != "cancelled"):
            chosen[case_id] = (weeks, status)
    CheckInSchedule.objects.bulk_create(
        [
            CheckInSchedule(case_id=case_id, weeks=sorted({int(w) for w in weeks or []}))
            for case_id, (weeks, _status) in chosen.items()
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )

    starts = {}
    episodes = (
        Episode.objects.filter(
            offer__treatment_type__in=OUTPATIENT_TYPES,
            actual_start__isnull=False,
            case__in=Case.objects.exclude(status="closed").filter(transitions__isnull=True),
        )
        .values_list("case_id", "actual_start")
    )
    for case_id, start in episodes:
        starts[case_id] = max(start, starts.get(case_id, start))
    # The courses that already have check-ins, read once: a query per course took 6 ms on
    # the shared machine, over 20 minutes at 1,000,000 cases (issue 17).
    with_checkins = set(CheckIn.objects.values_list("case_id", flat=True).distinct())
    CheckIn.objects.bulk_create(
        (
            CheckIn(
                case_id=case_id,
                kind="aftercare",
                weeks_after_discharge=weeks,
                label=f"{weeks} uger efter ambulant start",
                due_on=start + dt.timedelta(weeks=weeks),
            )
            for case_id, start in starts.items()
            if case_id not in with_checkins
            for weeks in DEFAULT_CHECKIN_WEEKS
        ),
        batch_size=5000,
    )


def backwards(apps, schema_editor):
    # Before 0007 a check-in needed a transition: those of outpatient-only courses go.
    apps.get_model("transitions", "CheckIn").objects.filter(transition__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0007_checkin_schedule_by_course"),
        ("treatment_options", "0004_merge_integration"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
