"""The records a case keeps beside the assessment, on a few demo cases: consent to treatment of
the young person (Barnets lov § 33), children in the home with a notification of concern
(Barnets lov § 133), and an action plan (SEL § 141) in two versions handed to the provider."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from cases.services import (
    action_plan_hand_over,
    action_plan_save,
    case_assessment_save,
    concern_notification_record,
    treatment_consent_record,
)

from .courses import _at


def _case(first_name: str) -> Case | None:
    return Case.objects.filter(citizen__first_name=first_name).order_by("-pk").first()


def seed_case_records() -> None:
    karin = User.objects.get(username="karin")
    today = timezone.localdate()
    young = _case("Freja")
    if young is not None:
        # One custody holder of two has consented; the young person's own consent is missing,
        # so the case page shows what is still needed before treatment can start.
        with time_machine.travel(_at(today - timedelta(days=1)), tick=False):
            treatment_consent_record(
                actor=karin,
                case=young,
                name="Hanne Møller",
                role="custody_holder",
                given_on=today - timedelta(days=1),
                form="written",
                joint_custody=True,
            )
    parent = _case("Line")
    if parent is None:
        return
    worker = parent.caseworker or karin
    with time_machine.travel(_at(today - timedelta(days=3)), tick=False):
        parent.refresh_from_db()
        case_assessment_save(
            actor=worker,
            case=parent,
            expected_version=parent.version,
            substance_use=parent.assessment_substance_use,
            social=parent.assessment_social,
            health=parent.assessment_health,
            work=parent.assessment_work,
            housing=parent.assessment_housing,
            other=parent.assessment_other,
            completed_on=parent.assessment_completed_on,
            doctor_consultation_on=parent.doctor_consultation_on,
            children_in_home=2,
            children_ages="4 og 9 år",
        )
        action_plan_save(
            actor=worker,
            case=parent,
            based_on=0,
            offered_on=today - timedelta(days=3),
            accepted=True,
            purpose="Stabil bolig og et liv uden amfetamin, så børnene kan bo hjemme.",
            actions="Bostøtte to gange om ugen; behandling i Rusmiddelcenter Ambulant.",
            expected_duration="6 måneder",
            follow_up="Opfølgende samtale hver måned med sagsbehandleren.",
        )
    with time_machine.travel(_at(today - timedelta(days=2)), tick=False):
        action_plan_save(
            actor=worker,
            case=parent,
            based_on=1,
            offered_on=today - timedelta(days=3),
            accepted=True,
            purpose="Stabil bolig og et liv uden amfetamin, så børnene kan bo hjemme.",
            actions="Bostøtte to gange om ugen; behandling i Rusmiddelcenter Ambulant; "
            "familiebehandling i kommunen.",
            expected_duration="6 måneder",
            follow_up="Opfølgende samtale hver måned med sagsbehandleren.",
        )
        action_plan_hand_over(
            actor=worker,
            case=parent,
            parts=["purpose", "actions"],
            recipient="Rusmiddelcenter Ambulant",
        )
    with time_machine.travel(_at(today - timedelta(days=1)), tick=False):
        concern_notification_record(
            actor=worker,
            case=parent,
            notified_on=today - timedelta(days=1),
            recipient="Kolding Kommune, Børn og Familie",
            reason="Borgeren fortæller om et tilbagefald i weekenden, mens børnene var hjemme.",
        )
