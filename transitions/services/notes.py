"""Status notes (DESIGN §5.3, §5.8): writing one, and its receivers acknowledging it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.event_messages import EventCode

from .. import readiness
from ..access import NO_CASE_ACCESS, may_own_action
from ..labels import overdose_messages
from ..models import ActionItem, NoteAcknowledgement, StatusNote, Transition
from ..overdose import overdose_safety_problems
from ..selectors import note_receivers
from .bookkeeping import case_event
from .meetings import action_due_problem
from .status import transition_status_refresh


@dataclass(frozen=True)
class PlannedAction:
    text: str
    due_on: dt.date
    owner: User | None = None
    owner_text: str = ""


@transaction.atomic
def status_note_create(
    *,
    transition: Transition,
    actor: User,
    kind: str,
    body: str = "",
    severity: str = "",
    summary: str = "",
    risks: str = "",
    contingency: str = "",
    overdose_risk: str = "",
    naloxone: str = "",
    tolerance_talk: bool = False,
    first_72h_who: str = "",
    first_72h_when: str = "",
    first_72h_unreachable: str = "",
    actions: Iterable[PlannedAction] = (),
) -> StatusNote:
    """A written status. The before-discharge note is structured (I-PASS/SBAR adapted):
    severity, summary, actions with owner and date, risks, contingency; for drug cases the
    overdose risk and the overdose safety too (§5.11: naloxone, the tolerance talk, the plan
    for the first 72 hours). Other notes and alcohol cases keep none of the overdose safety."""
    transition = Transition.objects.select_related("case").get(pk=transition.pk)
    case = transition.case
    drug_case = readiness.is_drug_case(case.legal_basis, case.substances or [])
    actions = list(actions)
    safety = kind == StatusNote.Kind.BEFORE_DISCHARGE and drug_case
    note = StatusNote(
        transition=transition,
        kind=kind,
        body=body.strip(),
        severity=severity,
        summary=summary.strip(),
        risks=risks.strip(),
        contingency=contingency.strip(),
        overdose_risk=overdose_risk.strip(),
        naloxone=naloxone if safety else "",
        tolerance_talk=bool(tolerance_talk) if safety else False,
        first_72h_who=first_72h_who.strip() if safety else "",
        first_72h_when=first_72h_when.strip() if safety else "",
        first_72h_unreachable=first_72h_unreachable.strip() if safety else "",
        author=actor,
        written_at=timezone.now(),
    )
    errors: dict[str, str] = {}
    if kind == StatusNote.Kind.BEFORE_DISCHARGE:
        if not severity:
            errors["severity"] = _("Vælg en vurdering.")
        if not note.summary:
            errors["summary"] = _("Skriv en opsummering.")
        if not note.risks:
            errors["risks"] = _("Beskriv risici.")
        if not note.contingency:
            errors["contingency"] = _("Beskriv hvad der gøres, hvis det går galt.")
        if not actions:
            errors["actions"] = _("Angiv mindst én handling med ansvarlig og dato.")
        if drug_case and not note.overdose_risk:
            errors["overdose_risk"] = _(
                "Vurdér overdosisrisikoen: tolerancen falder under døgnbehandling, og et "
                "tilbagefald i de første uger efter udskrivning er det farligste tidspunkt."
            )
        messages = overdose_messages()
        for problem in overdose_safety_problems(note, drug_case=drug_case):
            errors[problem.value] = messages[problem]
    elif not note.body:
        errors["body"] = _("Skriv statusnotatet.")
    if any(a.owner is not None and not may_own_action(a.owner, transition.case) for a in actions):
        errors["actions"] = str(NO_CASE_ACCESS)
    due_problems = [p for p in (action_due_problem(a.due_on) for a in actions) if p]
    if due_problems:
        errors["actions"] = due_problems[0]
    if errors:
        raise ValidationError(errors)
    note.full_clean()
    note.save()
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                case_id=transition.case_id,
                transition=transition,
                note=note,
                kind=ActionItem.Kind.ACTION,
                text=a.text,
                owner=a.owner,
                owner_text=a.owner_text,
                due_on=a.due_on,
                created_by=actor,
            )
            for a in actions
        ]
    )
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Statusnotat skrevet: %(kind)s") % {"kind": note.get_kind_display()},
        code=EventCode.STATUS_NOTE_WRITTEN,
        values={"note_kind": note.kind},
        data={"transition": transition.pk, "note": note.pk, "action": "note"},
    )
    transition_status_refresh(transition=transition)
    return note


@transaction.atomic
def status_note_acknowledge(*, note: StatusNote, user: User) -> NoteAcknowledgement:
    """The receiver confirms having read the note. Only receivers acknowledge; twice is once."""
    transition = Transition.objects.select_related(
        "case__caseworker", "outpatient_therapist", "residential_therapist"
    ).get(pk=note.transition_id)
    if user.pk not in {u.pk for u in note_receivers(transition=transition, note=note)}:
        raise ValidationError(_("Kun modtagere af notatet kan kvittere for at have læst det."))
    ack, _created = NoteAcknowledgement.objects.get_or_create(
        note=note, user=user, defaults={"acknowledged_at": timezone.now()}
    )
    return ack
