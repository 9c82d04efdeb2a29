"""A citizen with one record of every kind the access-to-file export releases, and markers:
a unique text in every text field of every exported record (issue 14, acceptance 2)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from rights.file_export import SECTIONS
from tests import factories as f


def citizen_with_every_record(*, team, caseworker):
    citizen = f.CitizenFactory()
    case = f.CaseFactory(citizen=citizen, team=team, caseworker=caseworker)
    request = f.TreatmentRequestFactory(case=case)
    consent = f.ConsentFactory(case=case)
    f.TreatmentConsentFactory(case=case)
    f.DisclosureFactory(case=case, consent=consent)
    f.ConcernNotificationFactory(case=case)
    plan = f.ActionPlanFactory(case=case)
    f.ActionPlanVersionFactory(plan=plan)
    episode = f.EpisodeFactory(case=case, request=request)
    treatment_plan = f.TreatmentPlanFactory(episode=episode)
    f.TreatmentPlanVersionFactory(plan=treatment_plan)
    transition = f.TransitionFactory(case=case)
    section = f.PlanSectionFactory(transition=transition)
    f.PlanSectionVersionFactory(section=section)
    f.StatusNoteFactory(transition=transition)
    meeting = f.StatusMeetingFactory(transition=transition)
    f.ParticipantFactory(meeting=meeting)
    f.ActionItemFactory(transition=transition)
    commitment = f.AftercareCommitmentFactory(transition=transition)
    f.CommitmentChangeFactory(commitment=commitment)
    f.CommitmentDeliveryFactory(commitment=commitment)
    f.WorkAgreementFactory(transition=transition)
    f.CheckInScheduleFactory(case=case)
    f.CheckInFactory(transition=transition)
    follow_up = f.FollowUpFactory(case=case)
    f.FollowUpAttemptFactory(follow_up=follow_up)
    f.RectificationFactory(citizen=citizen, case=case)
    f.AccessRequestFactory(case=case)
    f.ComplaintFactory(case=case)
    f.CaseEventFactory(case=case)
    return citizen


@dataclass(frozen=True)
class Marker:
    label: str
    record_id: int
    field: str
    text: str


def text_fields(model: type[models.Model]) -> list[models.Field]:
    """Every free text or name of the model: CharField and TextField without choices."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices
    ]


def place_markers(citizen) -> list[Marker]:
    """Write a unique four-character marker ("Z100", "Z101", ...: the shortest column holds
    four) into every text field of every record of the citizen, by introspection."""
    markers: list[Marker] = []
    for section in SECTIONS:
        model = apps.get_model(section.label)
        rows = list(model._default_manager.filter(**{section.citizen_path: citizen.pk}))
        assert rows, f"no {section.label} row for the citizen: add one to the builder"
        for row in rows:
            updates = {}
            for field in text_fields(model):
                text = f"Z{100 + len(markers)}"
                markers.append(Marker(section.label, row.pk, field.name, text))
                updates[field.name] = text
            if updates:
                model._default_manager.filter(pk=row.pk).update(**updates)
    assert len(markers) < 900
    return markers
