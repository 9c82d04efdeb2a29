"""Writes of the legal follow-up (BEK 1477/2019 § 4, DESIGN §3.1): dated attempts to reach the
citizen, and the outcome with what was found. A need for new treatment found at a follow-up
opens a new request on an open case (cases.services.requests.request_open); on a closed case
the rule is a new case (DESIGN §3: a new request after a case has closed opens a new case), so
the page links to the citizen, where one is opened."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.access import CHANGE, case_access_sync, has_case_perm
from cases.legal_bases import bases_where
from cases.models import Case, TreatmentRequest
from cases.services.checks import Errors, local_today, require_perm
from cases.services.requests import request_open

from . import follow_up_outcomes as rules
from .models import FollowUp, FollowUpAttempt, Notification, Rule
from .selectors import followed_up_course_end_of

# Recording a follow-up: the caseworker's and the provider therapists' role permission, with a
# write grant on the case (the last provider holds it while its follow-up is open).
RECORD = "notifications.add_followup"
FINDINGS = ("use", "housing", "work", "network")


def _open_follow_up(case: Case, due_kind: str, errors: Errors) -> FollowUp | None:
    """The follow-up row of `due_kind` for the case's course end, locked, made when missing.
    Adds an error (and returns None) when the case has no followed-up course end."""
    if due_kind not in FollowUp.DueKind.values:
        errors.add("due_kind", _("Vælg opfølgningen efter 1 eller 6 måneder."), "invalid")
        return None
    course_end = followed_up_course_end_of(case=case)
    if course_end is None:
        errors.add(
            "__all__",
            _("Sagens forløb er ikke afsluttet, eller det følges ikke op (BEK 1477/2019 § 4)."),
            "not_followed_up",
        )
        return None
    follow_up, _created = FollowUp.objects.select_for_update().get_or_create(
        case=case, due_kind=due_kind, course_end_on=course_end
    )
    if follow_up.outcome:
        errors.add("__all__", _("Opfølgningen er allerede registreret."), "done")
    return follow_up


def _check_day(errors: Errors, field: str, day: date | None, course_end: date) -> None:
    if day is None:
        errors.add(field, _("Angiv datoen."), "required")
    elif day > local_today():
        errors.add(field, _("Datoen kan ikke ligge i fremtiden."), "future")
    elif day < course_end:
        errors.add(field, _("Datoen kan ikke ligge før forløbets afslutning."), "before_end")


def required_attempts(case: Case) -> int:
    """The team's number of attempts before "not reached" (default 3)."""
    return getattr(case.team, "follow_up_attempts", None) or rules.DEFAULT_ATTEMPTS


@transaction.atomic
def follow_up_attempt_add(
    *, actor: User, case: Case, due_kind: str, attempted_on: date | None, note: str = ""
) -> FollowUpAttempt:
    """Record one dated attempt to reach the citizen for the 1- or 6-month follow-up. The
    follow-up stays open (and reminded) until its outcome is recorded."""
    require_perm(actor, RECORD, case)
    errors = Errors()
    follow_up = _open_follow_up(case, due_kind, errors)
    if follow_up is not None:
        _check_day(errors, "attempted_on", attempted_on, follow_up.course_end_on)
    errors.raise_if_any()
    assert follow_up is not None and attempted_on is not None
    attempt = FollowUpAttempt(
        follow_up=follow_up,
        attempted_on=attempted_on,
        attempted_by=actor,
        note=(note or "").strip()[:300],
    )
    attempt.full_clean()
    attempt.save()
    return attempt


@transaction.atomic
def follow_up_outcome_record(
    *,
    actor: User,
    case: Case,
    due_kind: str,
    outcome: str,
    done_on: date | None,
    use: str = "",
    housing: str = "",
    work: str = "",
    network: str = "",
    needs_new_treatment: bool = False,
) -> FollowUp:
    """Record the outcome of the 1- or 6-month follow-up (held, declined, not reached) with
    what was found. "Not reached" only after the team's number of dated attempts. A held
    follow-up that finds a need for new treatment opens a renewed request on an open case, when
    the one recording it may open requests; otherwise the need is recorded for the caseworker
    (and on a closed case a new case is the way, DESIGN §3). The reminders stop."""
    require_perm(actor, RECORD, case)
    errors = Errors()
    follow_up = _open_follow_up(case, due_kind, errors)
    if outcome not in rules.OUTCOMES:
        errors.add("outcome", _("Vælg resultatet af opfølgningen."), "invalid")
    if follow_up is not None:
        _check_day(errors, "done_on", done_on, follow_up.course_end_on)
        attempts = follow_up.attempts.count()
        needed = required_attempts(case)
        if outcome == rules.NOT_REACHED and not rules.not_reached_allowed(attempts, needed):
            errors.add(
                "outcome",
                _(
                    "Borgeren kan først registreres som ikke truffet efter %(needed)s daterede "
                    "forsøg (registreret: %(attempts)s)."
                )
                % {"needed": needed, "attempts": attempts},
                "too_few_attempts",
            )
    if use and use not in FollowUp.Use.values:
        errors.add("use", _("Vælg forbruget."), "invalid")
    errors.raise_if_any()
    assert follow_up is not None and done_on is not None

    follow_up.outcome = outcome
    follow_up.done_on = done_on
    follow_up.done_by = actor
    found = rules.findings_apply(outcome)
    values = {"use": use, "housing": housing, "work": work, "network": network}
    for name in FINDINGS:
        setattr(follow_up, name, (values[name] or "").strip() if found else "")
    follow_up.needs_new_treatment = bool(needs_new_treatment) and found
    if follow_up.needs_new_treatment and case.is_open and has_case_perm(actor, CHANGE, case):
        follow_up.new_request = _open_request(actor, case, follow_up)
    follow_up.full_clean()
    follow_up.save()
    # Its reminders are done (the threshold key starts with the kind: "1m:7d:2026-04-10").
    Notification.objects.filter(
        rule__in=[Rule.FOLLOW_UP_DUE, Rule.FOLLOW_UP_OVERDUE],
        case=case,
        threshold__startswith=f"{due_kind}:",
        read_at__isnull=True,
    ).update(read_at=timezone.now())
    # The last provider holds the case while its follow-up is open (notifications.access).
    case_access_sync(Case.objects.select_related("team").get(pk=case.pk))
    return follow_up


def _open_request(actor: User, case: Case, follow_up: FollowUp) -> TreatmentRequest:
    """A renewed request from the follow-up's day under the course's social basis (BL § 33
    becomes SEL § 101 for an adult, request_open decides). Its errors are the need's."""
    social = [b.value for b in bases_where("bek1477_follow_up")]
    last = case.requests.filter(legal_basis__in=social).order_by("-requested_on", "-pk").first()
    basis = last.legal_basis if last is not None else case.legal_basis
    assert follow_up.done_on is not None
    try:
        return request_open(
            actor=actor,
            case=case,
            kind=TreatmentRequest.Kind.RENEWED,
            legal_basis=basis,
            requested_on=follow_up.done_on,
            note=_("Behov for ny behandling ved opfølgning %(kind)s efter forløbet.")
            % {"kind": follow_up.get_due_kind_display()},
        )
    except ValidationError as exc:
        errors = Errors()
        for messages in exc.message_dict.values():
            errors.add_all("needs_new_treatment", messages)
        errors.raise_if_any()
        raise
