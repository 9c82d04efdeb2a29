"""Writes for the handover (DESIGN §5). Every change to a transition goes through here.

Permission checks (role + per-case grant) are the views' job (`has_case_perm`); the services
enforce the domain rules: who may confirm, which consent covers a meeting participant, that a
reduction has a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from cases.models import RPL115_PARTIES, CaseEvent, Consent, Disclosure, InformationKind, PartyKind

from . import readiness
from .models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    CommitmentChange,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionKey,
    PlanSectionVersion,
    StatusMeeting,
    StatusNote,
    Transition,
)

DEFAULT_CHECKIN_WEEKS = [2, 6, 12, 26]
# Statuses in which the handover is over: nothing more to plan or confirm.
CLOSED_STATUSES = (Transition.Status.COMPLETED, Transition.Status.CANCELLED)


# --- helpers ----------------------------------------------------------------------------------


def _case_event(
    *, case: Any, actor: Any, description: str, data: dict[str, Any] | None = None
) -> None:
    """A HANDOVER entry on the case timeline (through the cases service when it exists)."""
    data = data or {}
    try:
        from cases.services import case_event_record  # type: ignore[attr-defined]
    except ImportError:
        case_event_record = None
    if case_event_record is not None:
        try:
            case_event_record(
                case=case,
                kind=CaseEvent.Kind.HANDOVER,
                actor=actor,
                description=description,
                data=data,
            )
            return
        except TypeError:
            # A different signature than expected: fall back to a plain row rather than
            # losing the timeline entry.
            pass
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.HANDOVER,
        actor=actor,
        occurred_at=timezone.now(),
        description=description,
        data=data,
    )


def _sync_access(case: Any) -> None:
    from cases.access import case_access_sync

    case_access_sync(case)


def _notify(**kwargs: Any) -> int:
    # Imported here: the notifications app depends on transitions, not the other way round.
    from notifications.services import notify

    return notify(**kwargs)


def _is_role(user: Any, role: Role) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "role", None) == role
    )


def transition_url(transition: Transition) -> str:
    return reverse("transitions:detail", kwargs={"case_id": transition.case_id})


def _bump(transition: Transition, *fields: str) -> None:
    transition.version += 1
    transition.save(update_fields=[*fields, "version"])


def _lock(transition: Transition) -> Transition:
    """Re-read the transition row under a lock, so that two status changes (confirm, cancel,
    discharge) made at the same moment are applied one after the other."""
    return (
        Transition.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=transition.pk)
    )


# --- creation and discharge -------------------------------------------------------------------


def residential_episode_for_transition(case: Any) -> Any:
    """The case's started residential episode without a transition, newest first, or None."""
    from treatment_options.models import Episode, TreatmentType

    return (
        Episode.objects.filter(
            case=case,
            offer__treatment_type=TreatmentType.RESIDENTIAL,
            actual_start__isnull=False,
            transition_from__isnull=True,
        )
        .order_by("-actual_start", "-pk")
        .first()
    )


@transaction.atomic
def transition_create_for_episode(*, episode: Any, actor: Any) -> Transition:
    """The transition for a residential episode, created with its ten plan sections on the
    first call (§5: the handover starts when the residential episode starts). Idempotent."""
    existing = Transition.objects.filter(residential_episode=episode).first()
    if existing is not None:
        return existing
    case = episode.case
    transition = Transition(
        case=case,
        residential_episode=episode,
        residential_therapist=actor if _is_role(actor, Role.RESIDENTIAL_THERAPIST) else None,
        planned_discharge_on=episode.planned_end,
        checkin_weeks=list(DEFAULT_CHECKIN_WEEKS),
    )
    transition.full_clean()
    transition.save()
    PlanSection.objects.bulk_create(
        [PlanSection(transition=transition, key=key) for key in PlanSectionKey.values]
    )
    _ensure_final_checkin(transition)
    _case_event(
        case=case,
        actor=actor,
        description=_("Overgang oprettet"),
        data={"transition": transition.pk, "action": "created"},
    )
    _sync_access(case)
    return transition


@transaction.atomic
def transition_record_discharge(*, episode: Any, actor: Any) -> Transition | None:
    """Record the discharge from the residential episode and schedule the aftercare check-ins
    (§5.5: by default 2, 6, 12 and 26 weeks after discharge). None if the episode has no
    transition."""
    transition = Transition.objects.select_for_update().filter(residential_episode=episode).first()
    if transition is None or episode.actual_end is None:
        return transition
    transition.discharged_on = episode.actual_end
    fields = ["discharged_on"]
    if transition.status in (Transition.Status.PLANNING, Transition.Status.READY):
        # The citizen has left the institution; the handover now waits for the receiver.
        transition.status = Transition.Status.HANDED_OVER
        fields.append("status")
    _bump(transition, *fields)
    checkins_schedule_after_discharge(transition=transition)
    _case_event(
        case=transition.case,
        actor=actor,
        description=_("Udskrivning registreret på overgangen"),
        data={"transition": transition.pk, "action": "discharged"},
    )
    _sync_access(transition.case)
    return transition


def checkin_label_for_weeks(weeks: int) -> str:
    return _("%(weeks)s uger efter udskrivning") % {"weeks": weeks}


def _final_checkin_due_on(transition: Transition) -> dt.date:
    return transition.planned_discharge_on or timezone.localdate()


def _ensure_final_checkin(transition: Transition) -> None:
    """§5.5: the question is first asked at the final conversation before discharge."""
    final = transition.checkins.filter(kind=CheckIn.Kind.FINAL).first()
    if final is None:
        CheckIn.objects.create(
            transition=transition,
            kind=CheckIn.Kind.FINAL,
            label=_("Afsluttende samtale"),
            due_on=_final_checkin_due_on(transition),
        )
    elif final.answered_at is None and final.due_on != _final_checkin_due_on(transition):
        final.due_on = _final_checkin_due_on(transition)
        final.save(update_fields=["due_on"])


def checkins_schedule_after_discharge(*, transition: Transition) -> list[CheckIn]:
    """Make the unanswered aftercare check-ins match the schedule: create missing ones, move
    or drop unanswered ones whose offset changed. Answered check-ins are never touched."""
    if transition.discharged_on is None:
        return []
    weeks_wanted = sorted({int(w) for w in transition.checkin_weeks or []})
    scheduled = {
        c.weeks_after_discharge: c
        for c in transition.checkins.filter(
            kind=CheckIn.Kind.AFTERCARE, weeks_after_discharge__isnull=False
        )
    }
    created = []
    for weeks in weeks_wanted:
        due_on = transition.discharged_on + dt.timedelta(weeks=weeks)
        existing = scheduled.get(weeks)
        if existing is None:
            created.append(
                CheckIn(
                    transition=transition,
                    kind=CheckIn.Kind.AFTERCARE,
                    weeks_after_discharge=weeks,
                    label=checkin_label_for_weeks(weeks),
                    due_on=due_on,
                )
            )
        elif existing.answered_at is None and existing.due_on != due_on:
            existing.due_on = due_on
            existing.save(update_fields=["due_on"])
    CheckIn.objects.bulk_create(created)
    dropped = [
        c.pk for w, c in scheduled.items() if w not in weeks_wanted and c.answered_at is None
    ]
    CheckIn.objects.filter(pk__in=dropped).delete()
    return created


@transaction.atomic
def transition_create_for_case(*, case: Any, actor: Any) -> Transition:
    """ "Opret overgang" from the case page: the case must have a started residential episode."""
    episode = residential_episode_for_transition(case)
    if episode is None:
        existing = case.transitions.exclude(status=Transition.Status.CANCELLED).first()
        if existing is not None:
            return existing
        raise ValidationError(
            _("Sagen har intet påbegyndt døgnforløb, som en overgang kan knyttes til.")
        )
    return transition_create_for_episode(episode=episode, actor=actor)


# --- the transition itself --------------------------------------------------------------------


def readiness_facts(transition: Transition) -> readiness.ReadinessFacts:
    """The readiness facts, from the database (the page uses its prefetched rows instead)."""
    return readiness.ReadinessFacts(
        has_outpatient_therapist=transition.outpatient_therapist_id is not None,
        has_first_appointment=transition.first_appointment_at is not None,
        meetings_held=transition.meetings.filter(held=True).count(),
        has_before_discharge_note=transition.notes.filter(
            kind=StatusNote.Kind.BEFORE_DISCHARGE
        ).exists(),
        final_checkin_done=transition.checkins.filter(
            kind=CheckIn.Kind.FINAL, answered_at__isnull=False
        ).exists(),
    )


def transition_status_refresh(*, transition: Transition) -> Transition:
    """Planning <-> ready, following the readiness checklist (§5.6). Other statuses are set by
    discharge, confirmation and cancellation only."""
    if transition.status not in (Transition.Status.PLANNING, Transition.Status.READY):
        return transition
    ready = not readiness.readiness_missing(readiness_facts(transition))
    wanted = Transition.Status.READY if ready else Transition.Status.PLANNING
    if transition.status != wanted:
        transition.status = wanted
        _bump(transition, "status")
    return transition


@dataclass(frozen=True)
class TransitionChanges:
    outpatient_therapist: Any = None
    outpatient_episode: Any = None
    planned_discharge_on: dt.date | None = None
    first_appointment_at: dt.datetime | None = None
    first_appointment_place: str = ""
    first_appointment_with: str = ""


def outpatient_therapists_for(case: Any) -> Any:
    """Users who can be named as the receiving outpatient therapist."""
    from accounts.models import User

    return (
        User.objects.filter(is_active=True, groups__name=Role.OUTPATIENT_THERAPIST.value)
        .select_related("unit")
        .order_by("first_name", "last_name", "pk")
        .distinct()
    )


@transaction.atomic
def transition_update(
    *, transition: Transition, actor: Any, changes: TransitionChanges
) -> Transition:
    """Name the outpatient therapist, link the outpatient episode, set the planned discharge
    and the first outpatient appointment. Naming a therapist grants them access."""
    transition = _lock(transition)
    if transition.status == Transition.Status.CANCELLED:
        raise ValidationError(_("Overgangen er annulleret."))
    therapist = changes.outpatient_therapist
    if therapist is not None and not _is_role(therapist, Role.OUTPATIENT_THERAPIST):
        raise ValidationError(
            {
                "outpatient_therapist": _(
                    "Den ambulante behandler skal have rollen Ambulant behandler."
                )
            }
        )
    therapist_changed = (therapist.pk if therapist else None) != transition.outpatient_therapist_id
    if therapist_changed and transition.status == Transition.Status.COMPLETED:
        # The receiver confirmed and owns the aftercare; the handover is not re-opened here.
        raise ValidationError(
            {"outpatient_therapist": _("Overgangen er gennemført; modtageren kan ikke skiftes.")}
        )
    episode = changes.outpatient_episode
    if episode is not None and episode.case_id != transition.case_id:
        raise ValidationError({"outpatient_episode": _("Forløbet hører ikke til sagen.")})
    discharge_changed = changes.planned_discharge_on != transition.planned_discharge_on
    transition.outpatient_therapist = therapist
    transition.outpatient_episode = episode
    transition.planned_discharge_on = changes.planned_discharge_on
    transition.first_appointment_at = changes.first_appointment_at
    transition.first_appointment_place = changes.first_appointment_place
    transition.first_appointment_with = changes.first_appointment_with
    transition.full_clean()
    _bump(
        transition,
        "outpatient_therapist",
        "outpatient_episode",
        "planned_discharge_on",
        "first_appointment_at",
        "first_appointment_place",
        "first_appointment_with",
    )
    if discharge_changed:
        _ensure_final_checkin(transition)
    if therapist_changed:
        _case_event(
            case=transition.case,
            actor=actor,
            description=_("Ambulant behandler udpeget på overgangen")
            if therapist
            else _("Ambulant behandler fjernet fra overgangen"),
            data={"transition": transition.pk, "action": "outpatient_therapist"},
        )
        # Naming (or un-naming) the receiver changes who holds the case (DESIGN §1).
        _sync_access(transition.case)
    transition_status_refresh(transition=transition)
    return transition


@transaction.atomic
def transition_checkin_schedule_update(
    *, transition: Transition, actor: Any, weeks: Sequence[int]
) -> Transition:
    """Change the aftercare check-in schedule for this case (§5.5: editable per case)."""
    cleaned = sorted({int(w) for w in weeks})
    if any(w < 1 or w > 104 for w in cleaned):
        raise ValidationError(_("Ugerne skal være mellem 1 og 104."))
    transition = _lock(transition)
    transition.checkin_weeks = cleaned
    _bump(transition, "checkin_weeks")
    checkins_schedule_after_discharge(transition=transition)
    return transition


@transaction.atomic
def transition_cancel(*, transition: Transition, actor: Any, reason: str) -> Transition:
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor overgangen annulleres.")})
    transition = _lock(transition)
    if transition.status in CLOSED_STATUSES:
        raise ValidationError(_("Overgangen er allerede afsluttet."))
    transition.status = Transition.Status.CANCELLED
    _bump(transition, "status")
    _case_event(
        case=transition.case,
        actor=actor,
        description=_("Overgang annulleret"),
        data={"transition": transition.pk, "action": "cancelled", "reason": reason.strip()},
    )
    _sync_access(transition.case)
    return transition


# --- the handover plan (§5.1) -----------------------------------------------------------------


class PlanSectionConflict(Exception):
    """Someone else saved the section after this user opened it. Nothing was overwritten; the
    stale text is kept as a flagged version (`stale_version`)."""

    def __init__(
        self,
        *,
        section: PlanSection,
        current_version: int,
        current_text: str,
        current_author: Any,
        current_at: dt.datetime | None,
        stale_text: str,
        based_on: int,
        stale_version: PlanSectionVersion,
    ) -> None:
        super().__init__(f"plan section {section.pk}: based on {based_on}, now {current_version}")
        self.section = section
        self.current_version = current_version
        self.current_text = current_text
        self.current_author = current_author
        self.current_at = current_at
        self.stale_text = stale_text
        self.based_on = based_on
        self.stale_version = stale_version


def _normalise_text(text: str) -> str:
    # Browsers post textareas with CRLF; store one form so that diffs do not see every line
    # as changed.
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def plan_section_save(
    *,
    actor: Any,
    section: PlanSection,
    text: str,
    based_on_version: int,
    is_merge: bool = False,
) -> PlanSectionVersion:
    """Save one plan section as a new version, if nobody else saved it since `based_on_version`.

    Raises PlanSectionConflict otherwise: the current text stays, and the stale text is stored
    as a flagged version so that nothing typed is lost. Different sections are different rows,
    so two people editing different sections never conflict.
    """
    text = _normalise_text(text)
    conflict: PlanSectionConflict | None = None
    # Not @transaction.atomic on the function: the stale version must be committed even though
    # the call ends by raising the conflict.
    with transaction.atomic():
        # The race: two users post a save of the same section at the same moment. Without the
        # row lock both would read version N, both pass the check below and both write N+1 —
        # one edit silently lost (or an IntegrityError on the version number). The lock makes
        # the second request wait until the first has committed; it then reads N+1, sees that
        # its form was based on N and gets the conflict screen instead.
        locked = (
            PlanSection.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .get(pk=section.pk)
        )
        now = timezone.now()
        next_number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        if based_on_version != locked.version and text != locked.text:
            stale = locked.versions.filter(
                is_stale=True, author=actor, based_on=based_on_version, text=text
            ).first()
            if stale is None:
                stale = PlanSectionVersion(
                    section=locked,
                    number=next_number,
                    text=text,
                    based_on=based_on_version,
                    is_stale=True,
                    author=actor,
                    created_at=now,
                )
                stale.full_clean()
                stale.save()
            conflict = PlanSectionConflict(
                section=locked,
                current_version=locked.version,
                current_text=locked.text,
                current_author=locked.updated_by,
                current_at=locked.updated_at,
                stale_text=text,
                based_on=based_on_version,
                stale_version=stale,
            )
        else:
            current = locked.versions.filter(number=locked.version).first()
            if text == locked.text and current is not None:
                # Nothing changed (or the other user saved exactly this): no empty version.
                section.text, section.version = locked.text, locked.version
                return current
            version = PlanSectionVersion(
                section=locked,
                number=next_number,
                text=text,
                based_on=based_on_version,
                is_merge=is_merge,
                author=actor,
                created_at=now,
            )
            version.full_clean()
            version.save()
            locked.text = text
            locked.version = next_number
            locked.updated_by = actor
            locked.updated_at = now
            locked.save(update_fields=["text", "version", "updated_by", "updated_at"])
            section.text, section.version = locked.text, locked.version
            section.updated_by, section.updated_at = actor, now
            return version
    assert conflict is not None
    raise conflict


# --- aftercare commitments (§5.2) -------------------------------------------------------------


def _commitment_snapshot(c: AftercareCommitment) -> dict[str, Any]:
    return {
        "description": c.description,
        "frequency": c.frequency,
        "starts_on": c.starts_on.isoformat() if c.starts_on else None,
        "responsible": c.responsible_id,
        "offer": c.offer_id,
        "status": c.status,
    }


@transaction.atomic
def commitment_create(
    *,
    transition: Transition,
    actor: Any,
    description: str,
    frequency: str,
    starts_on: dt.date,
    responsible: Any = None,
    offer: Any = None,
) -> AftercareCommitment:
    commitment = AftercareCommitment(
        transition=transition,
        description=description,
        frequency=frequency,
        starts_on=starts_on,
        responsible=responsible,
        offer=offer,
    )
    commitment.full_clean()
    commitment.save()
    CommitmentChange.objects.create(
        commitment=commitment,
        kind=CommitmentChange.Kind.CREATED,
        after=_commitment_snapshot(commitment),
        actor=actor,
        created_at=timezone.now(),
    )
    return commitment


@transaction.atomic
def commitment_change(
    *,
    commitment: AftercareCommitment,
    actor: Any,
    kind: str,
    reason: str,
    description: str | None = None,
    frequency: str | None = None,
    starts_on: dt.date | None = None,
    responsible: Any = None,
) -> CommitmentChange:
    """Change, reduce or cancel an agreed commitment. Reducing or cancelling needs a written
    reason and notifies the residential therapist and the caseworker (§5.2): citizens who look
    more resourceful than they are must not silently lose their agreed support."""
    commitment = AftercareCommitment.objects.select_for_update().get(pk=commitment.pk)
    reason = reason.strip()
    if commitment.status == AftercareCommitment.Status.CANCELLED:
        raise ValidationError(_("Indsatsen er annulleret og kan ikke ændres."))
    if kind not in (
        CommitmentChange.Kind.CHANGED,
        CommitmentChange.Kind.REDUCED,
        CommitmentChange.Kind.CANCELLED,
    ):
        raise ValidationError({"kind": _("Vælg en gyldig ændring.")})
    if kind in (CommitmentChange.Kind.REDUCED, CommitmentChange.Kind.CANCELLED) and not reason:
        raise ValidationError(
            {"reason": _("Skriv en begrundelse, når en aftalt indsats reduceres eller annulleres.")}
        )
    before = _commitment_snapshot(commitment)
    if kind != CommitmentChange.Kind.CANCELLED:
        if description is not None:
            commitment.description = description
        if frequency is not None:
            commitment.frequency = frequency
        if starts_on is not None:
            commitment.starts_on = starts_on
        commitment.responsible = responsible
    if (
        kind == CommitmentChange.Kind.CHANGED
        and commitment.frequency != before["frequency"]
        and not reason
    ):
        # A changed frequency may be a reduction in disguise: it must at least be explained.
        raise ValidationError({"reason": _("Skriv en begrundelse, når hyppigheden ændres.")})
    if kind == CommitmentChange.Kind.REDUCED:
        commitment.status = AftercareCommitment.Status.REDUCED
    elif kind == CommitmentChange.Kind.CANCELLED:
        commitment.status = AftercareCommitment.Status.CANCELLED
    commitment.version += 1
    commitment.full_clean()
    commitment.save()
    change = CommitmentChange.objects.create(
        commitment=commitment,
        kind=kind,
        reason=reason,
        before=before,
        after=_commitment_snapshot(commitment),
        actor=actor,
        created_at=timezone.now(),
    )
    if kind in (CommitmentChange.Kind.REDUCED, CommitmentChange.Kind.CANCELLED):
        transition = Transition.objects.select_related("case").get(pk=commitment.transition_id)
        _notify(
            recipients=[
                u
                for u in (transition.residential_therapist_id, transition.case.caseworker_id)
                if u is not None and u != actor.pk
            ],
            rule="commitment_reduced",
            subject=commitment,
            threshold=f"change-{change.pk}",
            message=_("En aftalt indsats er reduceret i en sag, du følger")
            if kind == CommitmentChange.Kind.REDUCED
            else _("En aftalt indsats er annulleret i en sag, du følger"),
            url=transition_url(transition),
        )
        _case_event(
            case=transition.case,
            actor=actor,
            description=_("Aftalt indsats reduceret")
            if kind == CommitmentChange.Kind.REDUCED
            else _("Aftalt indsats annulleret"),
            data={"transition": transition.pk, "commitment": commitment.pk, "change": change.pk},
        )
    return change


# --- status notes (§5.3, §5.8) ----------------------------------------------------------------


@dataclass(frozen=True)
class PlannedAction:
    text: str
    due_on: dt.date
    owner: Any = None
    owner_text: str = ""


def note_receivers(*, transition: Transition, note: StatusNote) -> list[Any]:
    """Who must acknowledge reading the note: the outpatient therapist and the caseworker, and
    the residential therapist for notes others wrote. Never the author. Uses loaded relations
    (the page prefetches them)."""
    candidates = [transition.outpatient_therapist, transition.case.caseworker]
    candidates.append(transition.residential_therapist)
    seen: set[int] = set()
    receivers = []
    for user in candidates:
        if user is None or user.pk == note.author_id or user.pk in seen:
            continue
        seen.add(user.pk)
        receivers.append(user)
    return receivers


@transaction.atomic
def status_note_create(
    *,
    transition: Transition,
    actor: Any,
    kind: str,
    body: str = "",
    severity: str = "",
    summary: str = "",
    risks: str = "",
    contingency: str = "",
    overdose_risk: str = "",
    actions: Iterable[PlannedAction] = (),
) -> StatusNote:
    """A written status. The before-discharge note is structured (I-PASS/SBAR adapted):
    severity, summary, actions with owner and date, risks, contingency; for drug cases the
    overdose risk too."""
    transition = Transition.objects.select_related("case").get(pk=transition.pk)
    actions = list(actions)
    note = StatusNote(
        transition=transition,
        kind=kind,
        body=body.strip(),
        severity=severity,
        summary=summary.strip(),
        risks=risks.strip(),
        contingency=contingency.strip(),
        overdose_risk=overdose_risk.strip(),
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
        case = transition.case
        if (
            readiness.is_drug_case(case.legal_basis, case.substances or [])
            and not note.overdose_risk
        ):
            errors["overdose_risk"] = _(
                "Vurdér overdosisrisikoen: tolerancen falder under døgnbehandling, og et "
                "tilbagefald i de første uger efter udskrivning er det farligste tidspunkt."
            )
    elif not note.body:
        errors["body"] = _("Skriv statusnotatet.")
    if errors:
        raise ValidationError(errors)
    note.full_clean()
    note.save()
    ActionItem.objects.bulk_create(
        [
            ActionItem(
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
    _case_event(
        case=transition.case,
        actor=actor,
        description=_("Statusnotat skrevet: %(kind)s") % {"kind": note.get_kind_display()},
        data={"transition": transition.pk, "note": note.pk, "action": "note"},
    )
    transition_status_refresh(transition=transition)
    return note


@transaction.atomic
def status_note_acknowledge(*, note: StatusNote, user: Any) -> NoteAcknowledgement:
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


# --- status meetings (§5.4) -------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    transition: Transition,
    actor: Any,
    starts_at: dt.datetime,
    duration_minutes: int = 60,
    place: str = "",
    place_is_private: bool = False,
    video_link: str = "",
    agenda: str = "",
) -> StatusMeeting:
    if not place.strip() and not video_link.strip():
        raise ValidationError({"place": _("Angiv et sted eller et videolink.")})
    meeting = StatusMeeting(
        transition=transition,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        place_is_private=place_is_private,
        video_link=video_link.strip(),
        agenda=agenda.strip(),
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    Participant.objects.create(
        meeting=meeting,
        user=actor,
        basis=Participant.Basis.INTERNAL,
        added_by=actor,
        added_at=timezone.now(),
    )
    _case_event(
        case=transition.case,
        actor=actor,
        description=_("Statusmøde planlagt"),
        data={"transition": transition.pk, "meeting": meeting.pk, "action": "meeting"},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: StatusMeeting,
    actor: Any,
    agenda: str,
    minutes: str,
    decisions: str,
    held: bool,
) -> StatusMeeting:
    """Agenda, minutes and decisions; marking the meeting held (once)."""
    meeting = StatusMeeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.agenda, meeting.minutes, meeting.decisions = (
        agenda.strip(),
        minutes.strip(),
        decisions.strip(),
    )
    fields = ["agenda", "minutes", "decisions"]
    newly_held = held and not meeting.held
    if newly_held:
        meeting.held = True
        meeting.held_at = timezone.now()
        fields += ["held", "held_at"]
    meeting.full_clean()
    meeting.save(update_fields=fields)
    if newly_held:
        transition = Transition.objects.select_related("case").get(pk=meeting.transition_id)
        # What was shared with the external participants under a consent is a disclosure
        # (Retssikkerhedsloven § 11 a): the case shows what was shared with whom.
        Disclosure.objects.bulk_create(
            [
                Disclosure(
                    case=transition.case,
                    consent=p.consent,
                    information_kinds=[InformationKind.MEETINGS.value],
                    recipient=", ".join(x for x in (p.name, p.organisation) if x)[:200],
                    description=_("Deltog i statusmøde %(date)s")
                    % {"date": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y")},
                    disclosed_by=actor,
                )
                for p in meeting.participants.filter(basis=Participant.Basis.CONSENT)
            ]
        )
        _case_event(
            case=transition.case,
            actor=actor,
            description=_("Statusmøde afholdt"),
            data={"transition": transition.pk, "meeting": meeting.pk, "action": "meeting_held"},
        )
        transition_status_refresh(transition=transition)
    return meeting


@transaction.atomic
def meeting_participant_add_internal(
    *, meeting: StatusMeeting, actor: Any, user: Any
) -> Participant:
    """An internal participant must be someone who may read the case."""
    from cases.access import has_case_perm

    transition = Transition.objects.select_related("case").get(pk=meeting.transition_id)
    if not has_case_perm(user, "transitions.view_transition", transition.case):
        raise ValidationError({"user": _("Personen har ikke adgang til sagen.")})
    existing = meeting.participants.filter(user=user).first()
    if existing is not None:
        return existing
    return Participant.objects.create(
        meeting=meeting,
        user=user,
        basis=Participant.Basis.INTERNAL,
        added_by=actor,
        added_at=timezone.now(),
    )


def consent_problem(consent: Consent, *, party_kind: str, day: dt.date) -> str | None:
    """Why this consent cannot cover an external participant of `party_kind` at a meeting on
    `day` (Retssikkerhedsloven § 11 a: a consent is specific), or None if it can."""
    party_label = PartyKind(consent.party_kind).label
    if consent.party_kind != party_kind:
        return _("Samtykket (%(party)s) dækker ikke denne part.") % {"party": party_label}
    if consent.withdrawn_on is not None and consent.withdrawn_on <= day:
        return _("Samtykket fra %(party)s er trukket tilbage %(date)s.") % {
            "party": party_label,
            "date": consent.withdrawn_on.strftime("%d.%m.%Y"),
        }
    if consent.valid_to is not None and consent.valid_to < day:
        return _("Samtykket fra %(party)s er udløbet %(date)s.") % {
            "party": party_label,
            "date": consent.valid_to.strftime("%d.%m.%Y"),
        }
    if consent.valid_from > day:
        return _("Samtykket fra %(party)s gælder først fra %(date)s.") % {
            "party": party_label,
            "date": consent.valid_from.strftime("%d.%m.%Y"),
        }
    if not consent.covers(InformationKind.MEETINGS):
        return _("Samtykket fra %(party)s dækker ikke statusmøder.") % {"party": party_label}
    if party_kind == PartyKind.EMPLOYER and consent.form != Consent.Form.WRITTEN:
        return _("En arbejdsgiver kræver et skriftligt samtykke.")
    assert consent.is_valid_on(day)
    return None


@transaction.atomic
def meeting_participant_add_external(
    *,
    meeting: StatusMeeting,
    actor: Any,
    name: str,
    organisation: str,
    party_kind: str,
    consent: Consent | None = None,
    use_rpl115: bool = False,
    basis_note: str = "",
) -> Participant:
    """An external participant, allowed only on a valid consent that covers the party and
    "meetings" on the meeting day — or, for Kriminalforsorgen, police and psychiatry, on the
    KSP/PSP cooperation of Retsplejeloven § 115, recorded as the basis."""
    transition = Transition.objects.select_related("case").get(pk=meeting.transition_id)
    day = timezone.localtime(meeting.starts_at).date()
    if party_kind not in PartyKind.values:
        raise ValidationError({"party_kind": _("Vælg en gyldig part.")})
    if not name.strip() and not organisation.strip():
        raise ValidationError({"name": _("Angiv navn eller organisation.")})
    participant = Participant(
        meeting=meeting,
        name=name.strip(),
        organisation=organisation.strip(),
        party_kind=party_kind,
        added_by=actor,
        added_at=timezone.now(),
    )
    if use_rpl115:
        if party_kind not in RPL115_PARTIES:
            raise ValidationError(
                {
                    "use_rpl115": _(
                        "Retsplejeloven § 115 gælder kun Kriminalforsorgen, politiet og "
                        "psykiatrien."
                    )
                }
            )
        participant.basis = Participant.Basis.RPL115
        participant.basis_note = basis_note.strip()
    else:
        if consent is None:
            candidates = list(
                Consent.objects.filter(case=transition.case, party_kind=party_kind).order_by(
                    "-valid_from", "-pk"
                )
            )
            consent = next(
                (
                    c
                    for c in candidates
                    if consent_problem(c, party_kind=party_kind, day=day) is None
                ),
                None,
            )
            if consent is None:
                if candidates:
                    raise ValidationError(
                        {"consent": consent_problem(candidates[0], party_kind=party_kind, day=day)}
                    )
                extra = (
                    _(" Eller registrér samarbejdet efter Retsplejeloven § 115 som grundlag.")
                    if party_kind in RPL115_PARTIES
                    else ""
                )
                raise ValidationError(
                    {
                        "consent": _(
                            "Der er intet samtykke, der dækker %(party)s. En ekstern deltager "
                            "kræver et gyldigt samtykke til statusmøder."
                        )
                        % {"party": PartyKind(party_kind).label}
                        + extra
                    }
                )
        elif consent.case_id != transition.case_id:
            raise ValidationError({"consent": _("Samtykket hører ikke til sagen.")})
        problem = consent_problem(consent, party_kind=party_kind, day=day)
        if problem:
            raise ValidationError({"consent": problem})
        participant.basis = Participant.Basis.CONSENT
        participant.consent = consent
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def action_item_create(
    *,
    transition: Transition,
    actor: Any,
    text: str,
    due_on: dt.date,
    owner: Any = None,
    owner_text: str = "",
    meeting: StatusMeeting | None = None,
    kind: str = ActionItem.Kind.ACTION,
) -> ActionItem:
    if owner is None and not owner_text.strip():
        raise ValidationError({"owner": _("Angiv en ansvarlig.")})
    item = ActionItem(
        transition=transition,
        meeting=meeting,
        kind=kind,
        text=text.strip(),
        owner=owner,
        owner_text=owner_text.strip(),
        due_on=due_on,
        created_by=actor,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_mark_done(*, item: ActionItem, actor: Any) -> ActionItem:
    # Conditional update: marking done twice keeps the first time.
    ActionItem.objects.filter(pk=item.pk, done_at__isnull=True).update(done_at=timezone.now())
    item.refresh_from_db(fields=["done_at"])
    return item


# --- check-ins (§5.5) -------------------------------------------------------------------------


@transaction.atomic
def checkin_answer(
    *,
    checkin: CheckIn,
    actor: Any,
    answer: str,
    themes: Sequence[str],
    needs_follow_up: bool,
) -> CheckIn:
    """Record the answer to "Hvad er du mest usikker på?". Follow-up makes a task for the
    outpatient therapist."""
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    bad = [t for t in themes if t not in CheckIn.Theme.values]
    if bad:
        raise ValidationError({"themes": _("Ukendt tema.")})
    if not answer.strip():
        raise ValidationError({"answer": _("Skriv borgerens svar.")})
    first_answer = checkin.answered_at is None
    checkin.answer = answer.strip()
    checkin.themes = [t for t in CheckIn.Theme.values if t in set(themes)]
    checkin.needs_follow_up = needs_follow_up
    checkin.answered_at = checkin.answered_at or timezone.now()
    checkin.recorded_by = actor
    checkin.full_clean()
    checkin.save(
        update_fields=["answer", "themes", "needs_follow_up", "answered_at", "recorded_by"]
    )
    transition = Transition.objects.select_related("case").get(pk=checkin.transition_id)
    if needs_follow_up and not checkin.action_items.filter(kind=ActionItem.Kind.FOLLOW_UP).exists():
        ActionItem.objects.create(
            transition=transition,
            checkin=checkin,
            kind=ActionItem.Kind.FOLLOW_UP,
            text=_("Følg op på tjek-ind: %(label)s") % {"label": checkin.label},
            owner_id=transition.outpatient_therapist_id,
            owner_text="" if transition.outpatient_therapist_id else _("Ambulant behandler"),
            due_on=timezone.localdate() + dt.timedelta(days=7),
            created_by=actor,
        )
    if first_answer:
        _case_event(
            case=transition.case,
            actor=actor,
            description=_("Tjek-ind besvaret: %(label)s") % {"label": checkin.label},
            data={"transition": transition.pk, "checkin": checkin.pk, "action": "checkin"},
        )
    if checkin.kind == CheckIn.Kind.FINAL:
        transition_status_refresh(transition=transition)
    return checkin


# --- confirmation by the receiver (§5.7) ------------------------------------------------------


class TransitionNotConfirmable(ValidationError):
    def __init__(self, problems: list[readiness.ConfirmationProblem]) -> None:
        self.problems = problems
        messages = confirmation_messages()
        super().__init__([messages[p] for p in problems])


def confirmation_messages() -> dict[readiness.ConfirmationProblem, str]:
    P = readiness.ConfirmationProblem
    return {
        P.NOT_NAMED_RECEIVER: _(
            "Kun den ambulante behandler, der er udpeget på overgangen, kan bekræfte."
        ),
        P.ALREADY_COMPLETED: _("Overgangen er allerede gennemført."),
        P.CANCELLED: _("Overgangen er annulleret."),
        P.NO_BEFORE_DISCHARGE_NOTE: _("Statusnotatet før udskrivning er ikke skrevet endnu."),
        P.NOTE_NOT_ACKNOWLEDGED: _("Kvittér for at have læst statusnotatet før udskrivning."),
        P.SITUATION_TRIVIAL: _(
            "Beskriv borgerens situation med dine egne ord (mindst et par sætninger)."
        ),
        P.ACTIONS_TRIVIAL: _("Beskriv de aftalte handlinger med dine egne ord."),
        P.CONTINGENCY_TRIVIAL: _("Beskriv hvad du gør, hvis det går galt."),
        P.COPIED: _("Skriv forskellige svar i de tre felter."),
    }


def confirmation_problems_for(
    *, transition: Transition, user: Any, situation: str, actions: str, contingency: str
) -> list[readiness.ConfirmationProblem]:
    note = (
        transition.notes.filter(kind=StatusNote.Kind.BEFORE_DISCHARGE)
        .order_by("-written_at", "-pk")
        .first()
    )
    return readiness.confirmation_problems(
        readiness.ConfirmationFacts(
            is_named_receiver=user.pk == transition.outpatient_therapist_id,
            status=transition.status,
            has_before_discharge_note=note is not None,
            has_acknowledged_note=note is not None
            and note.acknowledgements.filter(user=user).exists(),
            situation=situation,
            actions=actions,
            contingency=contingency,
        )
    )


@transaction.atomic
def transition_confirm(
    *, transition: Transition, actor: Any, situation: str, actions: str, contingency: str
) -> Transition:
    """The named outpatient therapist confirms the handover in their own words (I-PASS
    synthesis by receiver). Completes it; the residential side keeps read access for
    RESIDENTIAL_READ_ACCESS_DAYS days, then loses it."""
    from cases.access import temporary_access_grant
    from cases.models import TemporaryCaseAccess

    transition = _lock(transition)
    problems = confirmation_problems_for(
        transition=transition,
        user=actor,
        situation=situation,
        actions=actions,
        contingency=contingency,
    )
    if problems:
        raise TransitionNotConfirmable(problems)
    now = timezone.now()
    transition.receiver_situation = situation.strip()
    transition.receiver_actions = actions.strip()
    transition.receiver_contingency = contingency.strip()
    transition.confirmed_by = actor
    transition.completed_at = now
    transition.status = Transition.Status.COMPLETED
    _bump(
        transition,
        "receiver_situation",
        "receiver_actions",
        "receiver_contingency",
        "confirmed_by",
        "completed_at",
        "status",
    )
    residential_unit = transition.residential_episode.offer.provider.unit
    group = residential_unit.group if residential_unit else None
    if transition.residential_therapist_id or group is not None:
        temporary_access_grant(
            case=transition.case,
            kind=TemporaryCaseAccess.Kind.AFTER_HANDOVER,
            user=transition.residential_therapist,
            group=group,
            expires_at=now + dt.timedelta(days=settings.RESIDENTIAL_READ_ACCESS_DAYS),
            reason=_("Læseadgang efter gennemført overgang"),
        )
    _case_event(
        case=transition.case,
        actor=actor,
        description=_("Overgang bekræftet af modtageren og gennemført"),
        data={"transition": transition.pk, "action": "completed"},
    )
    # The residential side's write grants end with completion (cases.access._desired_grants).
    _sync_access(transition.case)
    return transition


# --- after discharge (§5.9) -------------------------------------------------------------------


@transaction.atomic
def transition_first_contact_record(
    *, transition: Transition, actor: Any, contact_on: dt.date
) -> Transition:
    """The first outpatient contact: its gap from discharge is what the product measures."""
    transition = _lock(transition)
    if transition.discharged_on and contact_on < transition.discharged_on:
        raise ValidationError(
            {"contact_on": _("Den første ambulante kontakt kan ikke ligge før udskrivningen.")}
        )
    if contact_on > timezone.localdate():
        raise ValidationError({"contact_on": _("Datoen kan ikke ligge i fremtiden.")})
    transition.first_outpatient_contact_on = contact_on
    fields = ["first_outpatient_contact_on"]
    if transition.first_appointment_status == Transition.AppointmentStatus.PLANNED:
        transition.first_appointment_status = Transition.AppointmentStatus.ATTENDED
        fields.append("first_appointment_status")
    _bump(transition, *fields)
    _case_event(
        case=transition.case,
        actor=actor,
        description=_("Første ambulante kontakt registreret"),
        data={"transition": transition.pk, "action": "first_contact"},
    )
    return transition


@transaction.atomic
def transition_first_appointment_mark_missed(*, transition: Transition, actor: Any) -> ActionItem:
    """A missed first outpatient appointment: an outreach task for the outpatient therapist,
    and the caseworker is told at once (§5.9)."""
    transition = _lock(transition)
    if transition.first_appointment_at is None:
        raise ValidationError(_("Der er ingen første ambulante aftale at markere."))
    transition.first_appointment_status = Transition.AppointmentStatus.MISSED
    _bump(transition, "first_appointment_status")
    day = timezone.localdate()
    item = transition.action_items.filter(
        kind=ActionItem.Kind.OUTREACH, done_at__isnull=True
    ).first()
    if item is None:
        item = ActionItem.objects.create(
            transition=transition,
            kind=ActionItem.Kind.OUTREACH,
            text=_("Opsøg borgeren: første ambulante aftale blev ikke holdt"),
            owner_id=transition.outpatient_therapist_id,
            owner_text="" if transition.outpatient_therapist_id else _("Ambulant behandler"),
            due_on=day + dt.timedelta(days=1),
            created_by=actor,
        )
    appointment_day = timezone.localtime(transition.first_appointment_at).date()
    _notify(
        recipients=[transition.case.caseworker_id],
        rule="first_appointment_missed",
        subject=transition,
        threshold=f"missed-{appointment_day.isoformat()}",
        message=_("En borger er udeblevet fra første ambulante aftale i en sag, du følger"),
        url=transition_url(transition),
    )
    _case_event(
        case=transition.case,
        actor=actor,
        description=_("Første ambulante aftale ikke holdt; opsøgende kontakt oprettet"),
        data={"transition": transition.pk, "action": "first_appointment_missed"},
    )
    return item
