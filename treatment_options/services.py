"""Writes for a case's episodes: referral to an offer, actual start and end. (The treatment
plan is treatment_plans.py.)

The caseworker refers; the receiving institution (or the caseworker, for providers without
staff in Overgang) records the actual start and end. The first actual start stops the
treatment guarantee (DESIGN §3.1, §4). Every change is written to the case's timeline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cases import guarantee, lifecycle
from cases.access import case_access_sync, has_case_perm, may_change_episode
from cases.event_messages import EventCode, part, reason_part
from cases.legal_bases import rules_for
from cases.models import Case, CaseEvent, CaseStatus, LegalBasis, TreatmentRequest
from cases.services import Errors, apply_move, case_event_record, lock_case, require_open
from cases.services.requests import is_adult_on, refresh_urgency, request_start_problem
from cases.services.treatment_consents import under_18_consents_missing

from . import hooks
from .discharge import OUTPATIENT_TYPES, aftercare_move_if_due
from .models import EndReason, Episode, Offer, TreatmentType


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


def request_for_referral(case: Case, request: TreatmentRequest | None) -> TreatmentRequest:
    """The request an episode serves: the one given (it must be the case's), else the case's
    latest request."""
    if request is not None:
        if request.case_id != case.pk:
            raise ValidationError(
                {"request": _("Anmodningen hører ikke til sagen.")}, code="wrong_case"
            )
        return request
    latest = TreatmentRequest.objects.filter(case=case).order_by("-requested_on", "-pk").first()
    if latest is None:  # a case made before requests existed and not migrated
        raise ValidationError({"request": _("Sagen har ingen anmodning.")}, code="no_request")
    return latest


def referral_warning_values(
    request: TreatmentRequest, planned_start: date | None
) -> dict[str, Any] | None:
    """The values of the referral warning (EventCode.PLANNED_START_LATE), or None."""
    deadline = request.guarantee_deadline
    if planned_start is None or deadline is None or planned_start <= deadline:
        return None
    if request.treatment_started_on is not None:
        return None
    return {
        "start": planned_start.isoformat(),
        "deadline": deadline.isoformat(),
        "days": guarantee.GUARANTEE_DAYS,
        "requested": request.requested_on.isoformat(),
    }


def referral_warning(request: TreatmentRequest, planned_start: date | None) -> str | None:
    """A warning at referral when the planned start is after the request's deadline, with the
    date (DESIGN §3.1: the deadline is never moved; warn instead)."""
    values = referral_warning_values(request, planned_start)
    if values is None:
        return None
    return (
        _(
            "Den planlagte start %(start)s ligger efter behandlingsgarantiens frist %(deadline)s "
            "(%(days)s dage fra anmodningen %(requested)s)."
        )
        % values
    )


def _check_free_choice(
    errors: Errors,
    *,
    case: Case,
    request: TreatmentRequest,
    offer: Offer,
    free_choice_on: date,
) -> None:
    """SEL § 101, stk. 5-6: a free choice belongs to visited citizens over 18, and is only
    among offers "af tilsvarende karakter" (the treatment type visited to)."""
    if not rules_for(request.legal_basis).free_choice_allowed:
        if request.legal_basis == LegalBasis.BL33 and is_adult_on(case.citizen, free_choice_on):
            message = _(
                "Borgeren er fyldt 18 år: et frit valg hører under Serviceloven § 101. "
                "Opret en ny anmodning efter SEL § 101."
            )
        else:
            message = _("Frit valg gælder ikke for anmodninger efter %(basis)s.") % {
                "basis": request.get_legal_basis_display()
            }
        errors.add("free_choice", message, code="not_allowed")
        return
    visited = request.visited_treatment_type
    if not visited:
        errors.add(
            "free_choice",
            _(
                "Frit valg forudsætter en visitation: henvis først til det tilbud, kommunen har "
                "visiteret til, så behandlingstypen er kendt."
            ),
            code="not_visited",
        )
    elif offer.treatment_type != visited:
        errors.add(
            "offer",
            _(
                "Frit valg er kun mellem tilbud af tilsvarende karakter: vælg et tilbud med "
                "behandlingstypen %(type)s."
            )
            % {"type": dict(TreatmentType.choices).get(visited, visited)},
            code="free_choice_type",
        )
    try:
        guarantee.evaluate(
            request.legal_basis,
            request.requested_on,
            today=max(_today(), request.requested_on),
            free_choice=True,
            free_choice_on=free_choice_on,
        )
    except ValueError as exc:
        errors.add("free_choice_on", str(exc), code="invalid")


@transaction.atomic
def episode_refer(
    *,
    actor: User,
    case: Case,
    offer: Offer,
    referral_date: date,
    planned_start: date | None = None,
    free_choice: bool = False,
    free_choice_on: date | None = None,
    request: TreatmentRequest | None = None,
) -> Episode:
    """Refer the case to an offer under one of its requests (by default its latest). The
    institution gets access to the case from the referral until the episode ends. A free
    choice of another offer of the same treatment type, made on or before the request's
    deadline, waives it (SEL § 101, stk. 5-6); a later one leaves the breach."""
    if not has_case_perm(actor, "treatment_options.add_episode", case):
        raise PermissionDenied(_("Du har ikke adgang til at henvise sagen."))
    case = lock_case(case)
    require_open(case)
    request = request_for_referral(case, request)
    request = TreatmentRequest.objects.select_for_update().get(pk=request.pk)
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
    elif request.legal_basis not in (offer.legal_bases or []):
        errors.add(
            "offer",
            _("Tilbuddet dækker ikke anmodningens lovgrundlag (%(basis)s).")
            % {"basis": request.get_legal_basis_display()},
            code="legal_basis",
        )
    elif Episode.objects.filter(case=case, offer=offer, actual_end__isnull=True).exists():
        errors.add(
            "offer",
            _("Sagen har allerede et åbent forløb i dette tilbud."),
            code="duplicate",
        )
    if free_choice and referral_date is not None and not errors.errors:
        _check_free_choice(
            errors,
            case=case,
            request=request,
            offer=offer,
            free_choice_on=free_choice_on or referral_date,
        )
    errors.raise_if_any()

    episode = Episode(
        case=case,
        request=request,
        offer=offer,
        referral_date=referral_date,
        planned_start=planned_start,
        free_choice=bool(free_choice),
        referred_by=actor,
    )
    episode.full_clean()
    episode.save()
    if free_choice:
        chosen_on = free_choice_on or referral_date
        request.free_choice = True
        if request.free_choice_on is None or chosen_on < request.free_choice_on:
            request.free_choice_on = chosen_on
        request.save(update_fields=["free_choice", "free_choice_on"])
    elif not request.visited_treatment_type:
        # The municipality's own referral says which treatment type the citizen is visited to.
        request.visited_treatment_type = offer.treatment_type
        request.save(update_fields=["visited_treatment_type"])
    case.version += 1
    case.save(update_fields=["version", "updated_at"])
    refresh_urgency(case)
    description = _("Henvist til %(offer)s %(date)s.") % {
        "offer": str(offer),
        "date": date_format(referral_date, "DATE_FORMAT"),
    }
    also: list[dict[str, Any]] = []
    if free_choice:
        result = request.guarantee(today=_today())
        if result.status == guarantee.GuaranteeStatus.WAIVED:
            description += " " + _("Borgeren har valgt tilbuddet frit; garantifristen er fraveget.")
            also.append(part(EventCode.FREE_CHOICE_WAIVED))
        else:
            description += " " + _(
                "Borgeren har valgt tilbuddet frit; valget fraviger ikke garantien: %(reason)s"
            ) % {"reason": result.reason}
            also.append(part(EventCode.FREE_CHOICE_NOT_WAIVED, {"reason": reason_part(result)}))
    warning = referral_warning(request, planned_start) if not free_choice else None
    if warning:
        description += " " + warning
        also.append(
            part(EventCode.PLANNED_START_LATE, referral_warning_values(request, planned_start))
        )
    values: dict[str, Any] = {"offer": str(offer), "date": referral_date.isoformat()}
    if also:
        values["also"] = also
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.REFERRED,
        actor=actor,
        description=description,
        code=EventCode.REFERRED,
        values=values,
        data=_event_data(
            episode,
            request=request.pk,
            free_choice=bool(free_choice),
            late_planned_start=bool(warning),
        ),
    )
    if offer.treatment_type in OUTPATIENT_TYPES:
        # The answer "refer to outpatient treatment now" after a discharge (§5.9).
        aftercare_move_if_due(actor=actor, case=case)
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
    request = episode.request
    if request is None:
        request = request_for_referral(case, None)
    # An episode under a request that needs a decision (SEL § 101, BL § 33) cannot start
    # without one: "iværksat" is the visited treatment.
    problem = request_start_problem(request)
    if problem and "actual_start" not in errors.errors:
        errors.add("actual_start", problem, code="no_decision")
    errors.add_all("actual_start", under_18_consents_missing(case, actual_start or today))
    errors.raise_if_any()

    episode.actual_start = actual_start
    episode.version += 1
    # referred_by is empty on episodes imported or made before the referral was recorded.
    episode.full_clean(exclude=["referred_by"])
    episode.save(update_fields=["actual_start", "version"])

    # DESIGN §4: each request's guarantee stops when the first episode under that request
    # actually starts. The earliest start counts, also when an earlier start is registered late.
    if episode.request_id is None:
        episode.request = request
        episode.save(update_fields=["request"])
    first_start = Episode.objects.filter(request=request).aggregate(first=Min("actual_start"))[
        "first"
    ]
    if request.treatment_started_on != first_start:
        request.treatment_started_on = first_start
        request.save(update_fields=["treatment_started_on"])
    case_first = Episode.objects.filter(case=case).aggregate(first=Min("actual_start"))["first"]
    if case.treatment_started_on != case_first:
        case.treatment_started_on = case_first
    case.version += 1
    case.save(update_fields=["treatment_started_on", "version", "updated_at"])
    refresh_urgency(case, today=today)

    description = _("Behandling startet i %(offer)s %(date)s.") % {
        "offer": str(episode.offer),
        "date": date_format(actual_start, "DATE_FORMAT"),
    }
    values: dict[str, Any] = {"offer": str(episode.offer), "date": actual_start.isoformat()}
    also: list[dict[str, Any]] = []
    result = request.guarantee(today=today)
    if result.covered:
        description += " " + _("Behandlingsgaranti: %(reason)s.") % {"reason": result.reason}
        also.append(part(EventCode.EPISODE_GUARANTEE, {"reason": reason_part(result)}))
    warning = guarantee.doctor_consultation_warning(
        request.legal_basis,
        actual_start,
        request.doctor_consultation_held_on or case.doctor_consultation_on,
        declined_on=request.doctor_consultation_declined_on,
    )
    if warning:
        description += " " + warning.reason
        also.append(reason_part(warning))
    if also:
        values["also"] = also
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.EPISODE_STARTED,
        actor=actor,
        description=description,
        code=EventCode.EPISODE_STARTED,
        values=values,
        data=_event_data(
            episode,
            request=request.pk,
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
            % {"date": date_format(episode.actual_start, "DATE_FORMAT")},
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
            "date": date_format(actual_end, "DATE_FORMAT"),
            "reason": episode.get_end_reason_display(),
        },
        code=EventCode.EPISODE_ENDED,
        values={
            "offer": str(episode.offer),
            "date": actual_end.isoformat(),
            "end_reason": end_reason,
        },
        data=_event_data(episode, actual_end=actual_end.isoformat(), end_reason=end_reason),
    )
    # §5: a residential end is the discharge on the handover (transitions connects to this).
    # Sent here, synchronously inside the transaction, so the handover is updated atomically.
    hooks.episode_ended.send(sender=Episode, episode=episode, actor=actor)
    if episode.offer.treatment_type == TreatmentType.RESIDENTIAL:
        # §5.9: to aftercare when outpatient treatment exists or is planned; otherwise the
        # discharge page asks what comes next (treatment_options.discharge).
        aftercare_move_if_due(actor=actor, case=case)
    case_access_sync(case)
    return episode
