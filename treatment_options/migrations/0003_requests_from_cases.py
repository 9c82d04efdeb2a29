"""Issue 12: every existing case becomes one treatment request (anmodning) with its clock.

Each case gets a first request with the case's legal basis, inquiry date, regional
dual-diagnosis flag, decision, doctor's consultation and guarantee inputs; its episodes serve that
request. Two corrections the issue makes are written to the case's timeline and listed here:

- a free choice on a Barnets lov § 33 case is cleared (the right to choose belongs to visited
  citizens over 18);
- a free choice made after the deadline no longer waives it: the free-choice date is the earliest
  referral with free choice, and a breach stays a breach.

A closed case's course end date is its last episode's end; where none fits (no episode ended, or
one still open) the day the case was closed is kept and the case is flagged for review.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import migrations
from django.utils import timezone

MIGRATION = "treatment_options.0003_requests_from_cases"
GUARANTEE_DAYS = 14  # SEL § 101, stk. 4: frozen here, as a migration must not follow later code

# Episode end reason (the register's list) -> the course's end reason.
COURSE_END_REASON = {
    "completed": "completed",
    "no_show": "dropped_out",
    "expelled": "dropped_out",
    "wanted_stop": "dropped_out",
    "other_offer": "other_offer",
    "hospital": "other_offer",
    "kriminalforsorgen": "other_offer",
    "moved": "moved",
    "death": "death",
    "other": "other",
}


def _is_open_clock(
    *,
    basis: str,
    deadline: date | None,
    started: date | None,
    free_choice: bool,
    free_choice_on: date | None,
    regional: bool,
    today: date,
) -> bool:
    # The rules of cases.guarantee.evaluate as of this migration: open = running, or breached
    # with nothing started.
    if basis == "SEL101A" or regional or deadline is None:
        return False
    if started is not None:
        return False
    return not (free_choice and (free_choice_on is None or free_choice_on <= deadline))


def _event(apps: Any, case: Any, code: str, description: str, data: dict[str, Any]) -> None:
    CaseEvent = apps.get_model("cases", "CaseEvent")
    CaseEvent.objects.create(
        case_id=case.pk,
        kind="other",
        occurred_at=timezone.now(),
        description=description,
        data={"migration": MIGRATION, "correction": code, **data},
    )
    # Listed by the migration (case numbers only: no personal data in the output).
    print(f"  {MIGRATION}: {case.number}: {code}")


def forwards(apps: Any, schema_editor: Any) -> None:
    Case = apps.get_model("cases", "Case")
    TreatmentRequest = apps.get_model("cases", "TreatmentRequest")
    Episode = apps.get_model("treatment_options", "Episode")
    today = timezone.localdate()

    for case in Case.objects.order_by("pk").iterator(chunk_size=500):
        episodes = list(
            Episode.objects.filter(case_id=case.pk)
            .select_related("offer")
            .order_by("referral_date", "pk")
        )
        deadline = case.guarantee_deadline
        if deadline is None and case.legal_basis != "SEL101A" and not case.regional_dual_diagnosis:
            deadline = case.inquiry_date + timedelta(days=GUARANTEE_DAYS)
        started = case.treatment_started_on
        chosen = [ep for ep in episodes if ep.free_choice]
        free_choice = bool(case.free_choice or chosen)
        free_choice_on = min((ep.referral_date for ep in chosen), default=None)
        if free_choice_on is not None and not (case.inquiry_date <= free_choice_on <= today):
            free_choice_on = None

        if free_choice and case.legal_basis == "BL33":
            _event(
                apps,
                case,
                "bl33_free_choice_cleared",
                "Frit valg er fjernet ved omlægningen til anmodninger: frit valg gælder ikke for "
                "Barnets lov § 33 (borgere under 18 år).",
                {"episodes": [ep.pk for ep in chosen]},
            )
            free_choice, free_choice_on = False, None
            Episode.objects.filter(pk__in=[ep.pk for ep in chosen]).update(free_choice=False)
        elif (
            free_choice
            and deadline is not None
            and free_choice_on is not None
            and free_choice_on > deadline
            and not (started is not None and started <= deadline)
            and case.legal_basis != "SEL101A"
            and not case.regional_dual_diagnosis
        ):
            _event(
                apps,
                case,
                "late_free_choice_breach_kept",
                f"Frit valg {free_choice_on.isoformat()} lå efter garantifristen "
                f"{deadline.isoformat()}; fristen er ikke fraveget, og overskridelsen står "
                "(omlægningen til anmodninger).",
                {"free_choice_on": free_choice_on.isoformat(), "deadline": deadline.isoformat()},
            )

        visited = next((ep.offer.treatment_type for ep in episodes if not ep.free_choice), "")
        request = TreatmentRequest.objects.create(
            case_id=case.pk,
            kind="first",
            legal_basis=case.legal_basis,
            requested_on=case.inquiry_date,
            regional_dual_diagnosis=case.regional_dual_diagnosis,
            decision_on=case.decision_date,
            decision_text=case.decision_text,
            doctor_consultation_held_on=case.doctor_consultation_on,
            free_choice=free_choice,
            free_choice_on=free_choice_on,
            visited_treatment_type=visited,
            guarantee_deadline=deadline
            if case.legal_basis != "SEL101A" and not case.regional_dual_diagnosis
            else None,
            treatment_started_on=started,
        )
        Episode.objects.filter(case_id=case.pk).update(request_id=request.pk)

        open_clock = _is_open_clock(
            basis=case.legal_basis,
            deadline=request.guarantee_deadline,
            started=started,
            free_choice=free_choice,
            free_choice_on=free_choice_on,
            regional=case.regional_dual_diagnosis,
            today=today,
        )
        updates: dict[str, Any] = {
            "clock_request_id": request.pk,
            "free_choice": free_choice,
            "guarantee_deadline": request.guarantee_deadline if open_clock else None,
        }
        if case.status == "closed":
            updates.update(_course_end(apps, case, episodes))
        Case.objects.filter(pk=case.pk).update(**updates)


def _course_end(apps: Any, case: Any, episodes: list[Any]) -> dict[str, Any]:
    started = [ep for ep in episodes if ep.actual_start is not None]
    ended = [ep for ep in started if ep.actual_end is not None]
    last = max(ended, key=lambda ep: (ep.actual_end, ep.pk), default=None)
    fits = (
        last is not None
        and len(ended) == len(started)
        and (case.closed_on is None or last.actual_end <= case.closed_on)
    )
    if fits:
        return {
            "course_ended_on": last.actual_end,
            "course_end_reason": COURSE_END_REASON.get(last.end_reason, "other"),
            "course_end_review": False,
        }
    _event(
        apps,
        case,
        "course_end_needs_review",
        "Forløbets slutdato kunne ikke udledes af et afsluttet behandlingsforløb; datoen for "
        "sagens lukning er brugt og skal gennemgås (omlægningen til anmodninger).",
        {"closed_on": case.closed_on.isoformat() if case.closed_on else None},
    )
    return {
        "course_ended_on": case.closed_on,
        "course_end_reason": "no_treatment" if not started else "other",
        "course_end_review": True,
    }


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_treatment_request"),
        ("treatment_options", "0002_episode_request"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
