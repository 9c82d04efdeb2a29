"""Writes for a case's episodes: referral to an offer, actual start and end. (The treatment
plan is treatment_plans.py.)

The caseworker refers; the receiving institution (or the caseworker, for providers without
staff in Overgang) records the actual start and end. The first actual start stops the
treatment guarantee (DESIGN §3.1, §4). Every change is written to the case's timeline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import guarantee, lifecycle
from cases.access import case_access_sync, has_case_perm, may_change_episode
from cases.models import Case, CaseEvent, CaseStatus
from cases.services import Errors, apply_move, case_event_record, lock_case, require_open
from cases.services.treatment_consents import under_18_consents_missing

from . import hooks
from .models import EndReason, Episode, Offer


def _today() -> date:
    return timezone.localdate()


def _lock_episode(episode: Episode) -> tuple[Episode, Case]:
    """Lock the case first, then the episode: the same order as every case service, so that
    an episode change and a case move never deadlock."""
    case = lock_case(episode.case_id)
    locked = (
        Episode.objects.select_for_update().select_related("offer__provider").get(pk=episode.pk)
    )
    locked.case = case
    return locked, case


def _event_data(episode: Episode, **extra: Any) -> dict[str, Any]:
    return {"episode": episode.pk, "offer": episode.offer_id, **extra}


@transaction.atomic
def episode_refer(
    *,
    actor: User,
    case: Case,
    offer: Offer,
    referral_date: date,
    planned_start: date | None = None,
    free_choice: bool = False,
) -> Episode:
    """Refer the case to an offer. The institution gets access to the case from the referral
    until the episode ends. A free choice of another offer waives the guarantee (SEL § 101,
    stk. 5-6)."""
    if not has_case_perm(actor, "treatment_options.add_episode", case):
        raise PermissionDenied(_("Du har ikke adgang til at henvise sagen."))
    case = lock_case(case)
    require_open(case)
    errors = Errors()
    if referral_date is None:
        errors.add("referral_date", _("Angiv henvisningsdatoen."), code="required")
    elif referral_date < case.inquiry_date:
        errors.add(
            "referral_date",
            _("Henvisningsdatoen kan ikke ligge før henvendelsesdatoen."),
            code="before_inquiry",
        )
    elif referral_date > _today():
        errors.add(
            "referral_date", _("Henvisningsdatoen kan ikke ligge i fremtiden."), code="future"
        )
    if planned_start is not None and referral_date is not None and planned_start < referral_date:
        errors.add(
            "planned_start",
            _("Planlagt start kan ikke ligge før henvisningsdatoen."),
            code="before_referral",
        )
    if not (offer.active and offer.provider.active):
        errors.add("offer", _("Tilbuddet er ikke aktivt."), code="inactive")
    elif case.legal_basis not in (offer.legal_bases or []):
        errors.add(
            "offer",
            _("Tilbuddet dækker ikke sagens lovgrundlag (%(basis)s).")
            % {"basis": case.get_legal_basis_display()},
            code="legal_basis",
        )
    elif Episode.objects.filter(case=case, offer=offer, actual_end__isnull=True).exists():
        errors.add(
            "offer",
            _("Sagen har allerede et åbent forløb i dette tilbud."),
            code="duplicate",
        )
    errors.raise_if_any()

    episode = Episode(
        case=case,
        offer=offer,
        referral_date=referral_date,
        planned_start=planned_start,
        free_choice=bool(free_choice),
        referred_by=actor,
    )
    episode.full_clean()
    episode.save()
    if free_choice and not case.free_choice:
        case.free_choice = True
        case.version += 1
        case.save(update_fields=["free_choice", "version", "updated_at"])
    description = _("Henvist til %(offer)s %(date)s.") % {
        "offer": str(offer),
        "date": referral_date.isoformat(),
    }
    if free_choice:
        description += " " + _("Borgeren har valgt tilbuddet frit; garantifristen er fraveget.")
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.REFERRED,
        actor=actor,
        description=description,
        data=_event_data(episode, free_choice=bool(free_choice)),
    )
    case_access_sync(case)
    return episode


@transaction.atomic
def episode_start(
    *,
    actor: User,
    episode: Episode,
    actual_start: date,
) -> Episode:
    """Record the actual start of treatment. The case's first start stops the guarantee; a
    referred case moves to "I behandling"; a residential start opens the handover (§5)."""
    episode, case = _lock_episode(episode)
    if not may_change_episode(actor, episode):
        raise PermissionDenied(_("Du har ikke adgang til at registrere start på forløbet."))
    require_open(case)
    today = _today()
    errors = Errors()
    if episode.actual_start is not None:
        errors.add("actual_start", _("Forløbet er allerede startet."), code="started")
    elif actual_start is None:
        errors.add("actual_start", _("Angiv startdatoen."), code="required")
    elif actual_start < case.inquiry_date:
        errors.add(
            "actual_start",
            _("Behandlingsstart kan ikke ligge før henvendelsesdatoen"),
            code="before_inquiry",
        )
    elif actual_start < episode.referral_date:
        errors.add(
            "actual_start",
            _("Behandlingsstart kan ikke ligge før henvisningsdatoen."),
            code="before_referral",
        )
    elif actual_start > today:
        errors.add("actual_start", _("Behandlingsstart kan ikke ligge i fremtiden."), code="future")
    errors.add_all("actual_start", under_18_consents_missing(case, actual_start or today))
    errors.raise_if_any()

    episode.actual_start = actual_start
    episode.version += 1
    # referred_by is empty on episodes imported or made before the referral was recorded.
    episode.full_clean(exclude=["referred_by"])
    episode.save(update_fields=["actual_start", "version"])

    # DESIGN §4: the guarantee stops when the case's first episode actually starts. The
    # earliest start counts, also when an earlier start is registered late.
    first_start = Episode.objects.filter(case=case).aggregate(first=Min("actual_start"))["first"]
    if case.treatment_started_on != first_start:
        case.treatment_started_on = first_start
        case.version += 1
        case.save(update_fields=["treatment_started_on", "version", "updated_at"])

    description = _("Behandling startet i %(offer)s %(date)s.") % {
        "offer": str(episode.offer),
        "date": actual_start.isoformat(),
    }
    result = case.guarantee(today=today)
    if result.covered:
        description += " " + _("Behandlingsgaranti: %(reason)s.") % {"reason": result.reason}
    warning = guarantee.doctor_consultation_warning(
        case.legal_basis, actual_start, case.doctor_consultation_on
    )
    if warning:
        description += " " + warning
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.EPISODE_STARTED,
        actor=actor,
        description=description,
        data=_event_data(
            episode,
            actual_start=actual_start.isoformat(),
            guarantee_status=str(result.status),
            doctor_consultation_missing=bool(warning),
        ),
    )
    if case.status == CaseStatus.REFERRED:
        # The permission was checked above for the episode (the institution's staff may not
        # change the case otherwise); the move's guard and its event are the lifecycle's.
        apply_move(actor=actor, case=case, move=lifecycle.move_for(case.status, "start_treatment"))
    # §5: a residential start opens the handover (transitions connects to this). Sent here,
    # synchronously inside the transaction, so the handover is created atomically with the start.
    hooks.episode_started.send(sender=Episode, episode=episode, actor=actor)
    case_access_sync(case)
    return episode


@transaction.atomic
def episode_end(*, actor: User, episode: Episode, actual_end: date, end_reason: str) -> Episode:
    """Record the end of an episode with the register's end reason. The institution loses
    access unless a handover still holds it; a residential end is the discharge (§5)."""
    episode, case = _lock_episode(episode)
    if not may_change_episode(actor, episode):
        raise PermissionDenied(_("Du har ikke adgang til at afslutte forløbet."))
    errors = Errors()
    if episode.actual_start is None:
        errors.add(
            "actual_end",
            _("Forløbet er ikke startet. Registrér startdatoen først."),
            code="not_started",
        )
    elif episode.actual_end is not None:
        errors.add("actual_end", _("Forløbet er allerede afsluttet."), code="ended")
    elif actual_end is None:
        errors.add("actual_end", _("Angiv slutdatoen."), code="required")
    elif actual_end < episode.actual_start:
        errors.add(
            "actual_end",
            _("Slutdatoen kan ikke ligge før startdatoen (%(date)s).")
            % {"date": episode.actual_start.isoformat()},
            code="before_start",
        )
    elif actual_end > _today():
        errors.add("actual_end", _("Slutdatoen kan ikke ligge i fremtiden."), code="future")
    if end_reason not in EndReason.values:
        errors.add("end_reason", _("Vælg en afslutningsårsag."), code="required")
    errors.raise_if_any()

    episode.actual_end = actual_end
    episode.end_reason = end_reason
    episode.version += 1
    episode.full_clean(exclude=["referred_by"])
    episode.save(update_fields=["actual_end", "end_reason", "version"])
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.EPISODE_ENDED,
        actor=actor,
        description=_("Forløb i %(offer)s afsluttet %(date)s: %(reason)s.")
        % {
            "offer": str(episode.offer),
            "date": actual_end.isoformat(),
            "reason": episode.get_end_reason_display(),
        },
        data=_event_data(episode, actual_end=actual_end.isoformat(), end_reason=end_reason),
    )
    # §5: a residential end is the discharge on the handover (transitions connects to this).
    # Sent here, synchronously inside the transaction, so the handover is updated atomically.
    hooks.episode_ended.send(sender=Episode, episode=episode, actor=actor)
    case_access_sync(case)
    return episode
