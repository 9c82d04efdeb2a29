"""Deleting a case's file after its period (docs/retention.md §3 rows 1, 2 and 4; §4).

Every row of the case and under it is deleted, except the rows the manager report counts
(the case itself, its requests, episodes, contacts, handovers, meetings, check-ins and
aftercare commitments): those are kept as the anonymised statistics (row 8), with every free
text emptied, so that the report for past years keeps its figures however its period is cut.
When the citizen's last case goes, the citizen's own data go too: the row stays only as the
anonymous link between their cases (the report counts returns), with no name, CPR number,
alias, address or contact data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q

from cases.models import Case, Citizen

from .defaults import Kind
from .models import AnonymisedCase

# (model, paths to the case): deleted in this order (a later model may PROTECT an earlier).
DELETED: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Before the holds they point at (a hold is protected while its request or complaint is).
    ("rights.AccessRequest", ("case",)),
    ("rights.Complaint", ("case",)),
    ("cases.Rectification", ("case",)),
    ("notifications.FollowUpAttempt", ("follow_up__case",)),
    ("notifications.FollowUp", ("case",)),
    ("notifications.Notification", ("case",)),
    # An action item belongs to its course (ActionItem.case), with or without a handover.
    ("transitions.ActionItem", ("case",)),
    ("transitions.CommitmentChange", ("commitment__transition__case",)),
    ("transitions.NoteAcknowledgement", ("note__transition__case",)),
    ("transitions.StatusNote", ("transition__case",)),
    ("transitions.Participant", ("meeting__transition__case",)),
    ("transitions.WorkAgreement", ("transition__case",)),
    ("transitions.PlanSectionVersion", ("section__transition__case",)),
    ("transitions.PlanSection", ("transition__case",)),
    ("transitions.CheckInSchedule", ("case",)),
    ("treatment_options.TreatmentPlanVersion", ("plan__episode__case",)),
    ("treatment_options.TreatmentPlan", ("episode__case",)),
    ("cases.ConcernNotification", ("case",)),
    ("cases.Disclosure", ("case",)),
    ("cases.Consent", ("case",)),
    ("cases.TreatmentConsent", ("case",)),
    ("cases.TemporaryCaseAccess", ("case",)),
    ("cases.CaseEvent", ("case",)),
    ("cases.ActionPlanVersion", ("plan__case",)),
    ("cases.ActionPlan", ("case",)),
    ("cases.CaseUserObjectPermission", ("content_object",)),
    ("cases.CaseGroupObjectPermission", ("content_object",)),
    ("rights.LegalHold", ("case",)),
)

# Deleted with the citizen's own data, when their last case goes: a correction of the citizen's
# master data (no case) keeps the old value, an export is a copy of the whole file, and the
# citizen-wide holds (lifted, or the case would not be due).
WITH_THE_CITIZEN: tuple[tuple[str, str], ...] = (
    ("cases.Rectification", "citizen_id"),
    ("rights.FileExportDecision", "export__citizen_id"),
    ("rights.FileExport", "citizen_id"),
    ("rights.LegalHold", "citizen_id"),
)

# Kept without text: what the manager report (reports.selectors) reads.
KEPT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cases.Case", ("pk",)),
    ("cases.TreatmentRequest", ("case",)),
    ("treatment_options.Episode", ("case",)),
    ("treatment_options.Contact", ("episode__case",)),
    ("transitions.Transition", ("case",)),
    ("transitions.StatusMeeting", ("transition__case",)),
    ("transitions.CheckIn", ("case", "transition__case")),
    ("transitions.AftercareCommitment", ("transition__case",)),
    ("transitions.CommitmentDelivery", ("commitment__transition__case",)),
)

# Texts that are codes, not words about anyone, and that the reports count or show.
KEPT_TEXTS = frozenset(
    {
        "cases.Case.number",
        "cases.Case.substances",
        "cases.TreatmentRequest.visited_treatment_type",
        "transitions.CheckIn.themes",
    }
)


def _case_q(paths: tuple[str, ...], case: Case) -> Q:
    q = Q()
    for path in paths:
        q |= Q(**{path: case.pk})
    return q


def emptied_texts(model: type[models.Model]) -> dict[str, Any]:
    """Every free text of a model, emptied: text, char and JSON columns that are not a choice
    of codes or listed in KEPT_TEXTS."""
    values: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField | models.JSONField):
            continue
        if field.choices or field.primary_key or field.is_relation:
            continue
        if f"{model._meta.label}.{field.name}" in KEPT_TEXTS:
            continue
        if isinstance(field, models.JSONField):
            values[field.name] = field.get_default()
        else:
            values[field.name] = None if field.null else ""
    return values


def case_file_delete(case: Case, *, kind: Kind, now: datetime) -> None:
    """Delete the case's file and keep its anonymised statistics (idempotent)."""
    with transaction.atomic():
        for label, paths in DELETED:
            apps.get_model(label).objects.filter(_case_q(paths, case)).delete()
        for label, paths in KEPT:
            model = apps.get_model(label)
            values = emptied_texts(model)
            if values:
                model.objects.filter(_case_q(paths, case)).update(**values)
        AnonymisedCase.objects.update_or_create(
            case=case, defaults={"kind": kind.value, "anonymised_at": now}
        )
        remaining = Case.objects.filter(citizen_id=case.citizen_id).exclude(
            pk__in=AnonymisedCase.objects.values("case_id")
        )
        if not remaining.exists():
            citizen_clear(case.citizen_id)


def citizen_clear(citizen_id: int) -> None:
    """The citizen's own data, gone: only the anonymous link between their cases is left."""
    for label, path in WITH_THE_CITIZEN:
        apps.get_model(label).objects.filter(**{path: citizen_id}).delete()
    Citizen.objects.filter(pk=citizen_id).update(**emptied_texts(Citizen), birth_date=None)
