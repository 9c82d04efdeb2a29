"""The reminder rules of DESIGN §6.

Each rule is a small function `(today, thresholds, ctx) -> list[Pending]` that finds its due
subjects with a fixed number of set-based queries (never one query per case), and says whom to
notify, about what, under which threshold key. The sweep (`notifications.tasks`) runs them all
and inserts the result in bulk; the unique constraint on Notification makes that idempotent.

Messages name the kind of deadline and its date only: no citizen name, no CPR number, no free
text from the case. They are shown in the inbox and may be e-mailed.

Recipients of each rule:
- guarantee in 7/3/1 days: the caseworker; breached: the caseworker and the team's managers;
- check-in due / overdue: the transition's outpatient therapist (the caseworker when none is
  named yet: somebody must hold the check-in);
- action item due / overdue: its owner;
- discharge without first appointment / not ready: caseworker, residential and outpatient
  therapist;
- no outpatient contact after discharge: outpatient therapist and caseworker;
- episode without treatment plan, drug case without doctor's consultation: the caseworker;
- legal follow-up (BEK 1477/2019 § 4): the caseworker.
"""

from __future__ import annotations

import functools
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, Max, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import get_language, gettext

from accounts.roles import Role
from cases.models import Case, CaseStatus, LegalBasis
from transitions.models import ActionItem, CheckIn, StatusMeeting, StatusNote, Transition
from treatment_options.models import Episode

from . import thresholds as th
from .models import FollowUp, Rule
from .services import Pending

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=512)
def _translated(language: str | None, message: str) -> str:
    return gettext(message)


def _(message: str) -> str:
    """gettext, cached per language: the rules format the same few texts for many rows."""
    return _translated(get_language(), message)


# Transitions whose handover is still to happen (discharge rules) or that are alive at all.
_BEFORE_DISCHARGE = (Transition.Status.PLANNING, Transition.Status.READY)
_CANCELLED = Transition.Status.CANCELLED


def current_thresholds() -> th.Thresholds:
    return th.from_overrides(getattr(settings, "REMINDER_THRESHOLDS", None))


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


# Sentinel ids: the URL of each subject kind is reversed once per sweep with these and then
# filled in by string formatting, since reverse() per row dominated the sweep's time.
_CASE_SENTINEL, _PK_SENTINEL = 987654321, 987654322


@functools.cache
def _url_template(kind: str) -> str:
    """A format string ("/sager/{case_id}/") for the page of a subject kind. Tries the URL
    names in order (other apps may still be adding their pages); the case page, mounted at
    /sager/<case_id>/, is the fallback for everything."""
    candidates: dict[str, list[tuple[str, tuple[str, ...]]]] = {
        "case": [("cases:detail", ("case_id",))],
        "transition": [
            ("transitions:detail", ("case_id",)),
            ("transitions:detail", ("case_id", "pk")),
        ],
    }
    sentinels = {"case_id": _CASE_SENTINEL, "pk": _PK_SENTINEL}
    for name, kwargs in candidates[kind]:
        try:
            url = reverse(name, kwargs={k: sentinels[k] for k in kwargs})
        except NoReverseMatch:
            continue
        url = url.replace("{", "{{").replace("}", "}}")
        return url.replace(str(_CASE_SENTINEL), "{case_id}").replace(str(_PK_SENTINEL), "{pk}")
    return "/sager/{case_id}/" if kind == "case" else _url_template("case")


def case_url(case_id: int) -> str:
    """The case page."""
    return _url_template("case").format(case_id=case_id)


def transition_url(case_id: int, transition_id: int) -> str:
    """The handover page of a case (the case page while there is none)."""
    return _url_template("transition").format(case_id=case_id, pk=transition_id)


@dataclass
class RuleContext:
    """What every rule needs besides the date: content type ids, and a cached manager look-up."""

    today: date
    thresholds: th.Thresholds
    content_types: dict[type, int] = field(default_factory=dict)

    def ct(self, model: type) -> int:
        # ContentType.objects caches per process, so this is a query only on the first sweep.
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model).pk
        return self.content_types[model]


def _pending(
    ctx: RuleContext,
    recipients: Iterable[int | None],
    *,
    rule: Rule,
    model: type,
    subject_id: int,
    case_id: int | None,
    threshold: str,
    message: str,
    url: str,
) -> list[Pending]:
    return [
        Pending(
            recipient_id=rid,
            rule=rule.value,
            subject_type_id=ctx.ct(model),
            subject_id=subject_id,
            case_id=case_id,
            threshold=threshold,
            message=message,
            url=url,
        )
        for rid in dict.fromkeys(recipients)
        if rid is not None
    ]


def _managers_by_team(team_ids: set[int]) -> dict[int, list[int]]:
    """Active managers of each team: one query for all teams."""
    result: dict[int, list[int]] = defaultdict(list)
    if not team_ids:
        return result
    rows = (
        get_user_model()
        .objects.filter(unit_id__in=team_ids, is_active=True, groups__name=Role.MANAGER.value)
        .values_list("unit_id", "pk")
        .distinct()
    )
    for unit_id, user_id in rows:
        result[unit_id].append(user_id)
    return result


def _open_cases() -> Q:
    return ~Q(status=CaseStatus.CLOSED)


# --- The treatment guarantee ----------------------------------------------------------------


def guarantee_rule(ctx: RuleContext) -> list[Pending]:
    """Guarantee deadline in 7, 3 and 1 days (caseworker) and breached (caseworker and the
    team's managers). Open cases whose treatment has not started; a free choice waives the
    deadline (SEL § 101 stk. 6) and anonymous/regional cases have none."""
    today, t = ctx.today, ctx.thresholds
    horizon = today + timedelta(days=max(t.guarantee_days_before))
    oldest = today - timedelta(days=t.catch_up_days + 1)
    rows = list(
        Case.objects.filter(
            _open_cases(),
            treatment_started_on__isnull=True,
            free_choice=False,
            regional_dual_diagnosis=False,
            guarantee_deadline__gte=oldest,
            guarantee_deadline__lte=horizon,
        )
        .exclude(legal_basis=LegalBasis.SEL101A)
        .values_list("pk", "guarantee_deadline", "caseworker_id", "team_id")
    )
    managers = _managers_by_team({team for _pk, deadline, _cw, team in rows if deadline < today})
    result: list[Pending] = []
    for pk, deadline, caseworker_id, team_id in rows:
        days_left = (deadline - today).days
        if days_left < 0:
            if not th.within_catch_up(deadline + timedelta(days=1), today, t):
                continue
            result += _pending(
                ctx,
                [caseworker_id, *managers.get(team_id, [])],
                rule=Rule.GUARANTEE_BREACHED,
                model=Case,
                subject_id=pk,
                case_id=pk,
                threshold=th.key("breached", deadline),
                message=_("Behandlingsgarantien er overskredet: fristen var %(date)s.")
                % {"date": _d(deadline)},
                url=case_url(pk),
            )
            continue
        reached = th.countdown_threshold(days_left, t.guarantee_days_before)
        if reached is None:
            continue
        result += _pending(
            ctx,
            [caseworker_id],
            rule=Rule.GUARANTEE_DUE,
            model=Case,
            subject_id=pk,
            case_id=pk,
            threshold=th.key(f"{reached}d", deadline),
            message=_(
                "Behandlingsgarantien udløber om %(days)s dag(e): behandling skal være "
                "iværksat senest %(date)s."
            )
            % {"days": days_left, "date": _d(deadline)},
            url=case_url(pk),
        )
    return result


# --- The handover --------------------------------------------------------------------------


def checkin_rule(ctx: RuleContext) -> list[Pending]:
    """A check-in is due (on its day) and 3 days overdue, while unanswered."""
    today, t = ctx.today, ctx.thresholds
    rows = (
        CheckIn.objects.filter(
            answered_at__isnull=True,
            due_on__lte=today,
            due_on__gte=today - timedelta(days=t.catch_up_days),
            transition__case__in=Case.objects.filter(_open_cases()),
        )
        .exclude(transition__status=_CANCELLED)
        .values_list(
            "pk",
            "due_on",
            "transition_id",
            "transition__case_id",
            "transition__outpatient_therapist_id",
            "transition__case__caseworker_id",
        )
    )
    result: list[Pending] = []
    for pk, due_on, transition_id, case_id, therapist_id, caseworker_id in rows:
        overdue = (today - due_on).days >= t.checkin_overdue_days
        result += _pending(
            ctx,
            [therapist_id or caseworker_id],
            rule=Rule.CHECKIN_OVERDUE if overdue else Rule.CHECKIN_DUE,
            model=CheckIn,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{t.checkin_overdue_days}d" if overdue else "due", due_on),
            message=(
                _("Et tjek-ind planlagt %(date)s er ikke gennemført.")
                if overdue
                else _("Et tjek-ind skal gennemføres (planlagt %(date)s).")
            )
            % {"date": _d(due_on)},
            url=transition_url(case_id, transition_id),
        )
    return result


def action_item_rule(ctx: RuleContext) -> list[Pending]:
    """An action item due in 2 days (owner), and overdue."""
    today, t = ctx.today, ctx.thresholds
    rows = (
        ActionItem.objects.filter(
            done_at__isnull=True,
            owner__isnull=False,
            due_on__lte=today + timedelta(days=t.action_due_days_before),
            due_on__gte=today - timedelta(days=t.catch_up_days),
            transition__case__in=Case.objects.filter(_open_cases()),
        )
        .exclude(transition__status=_CANCELLED)
        .values_list("pk", "due_on", "owner_id", "transition_id", "transition__case_id")
    )
    result: list[Pending] = []
    for pk, due_on, owner_id, transition_id, case_id in rows:
        overdue = due_on < today
        result += _pending(
            ctx,
            [owner_id],
            rule=Rule.ACTION_OVERDUE if overdue else Rule.ACTION_DUE,
            model=ActionItem,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key("overdue" if overdue else f"{t.action_due_days_before}d", due_on),
            message=(
                _("En handling med frist %(date)s er ikke udført.")
                if overdue
                else _("En handling, du er ansvarlig for, har frist %(date)s.")
            )
            % {"date": _d(due_on)},
            url=transition_url(case_id, transition_id),
        )
    return result


def _transitions_before_discharge(ctx: RuleContext, days_before: int) -> Any:
    today = ctx.today
    return Transition.objects.filter(
        status__in=_BEFORE_DISCHARGE,
        discharged_on__isnull=True,
        planned_discharge_on__gte=today,
        planned_discharge_on__lte=today + timedelta(days=days_before),
        case__in=Case.objects.filter(_open_cases()),
    )


_HANDOVER_PEOPLE = (
    "case__caseworker_id",
    "residential_therapist_id",
    "outpatient_therapist_id",
)


def discharge_no_appointment_rule(ctx: RuleContext) -> list[Pending]:
    """Discharge in 7 days and no first outpatient appointment booked."""
    days = ctx.thresholds.discharge_no_appointment_days_before
    rows = (
        _transitions_before_discharge(ctx, days)
        .filter(first_appointment_at__isnull=True)
        .values_list("pk", "case_id", "planned_discharge_on", *_HANDOVER_PEOPLE)
    )
    result: list[Pending] = []
    for pk, case_id, discharge_on, *people in rows:
        result += _pending(
            ctx,
            people,
            rule=Rule.DISCHARGE_NO_APPOINTMENT,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", discharge_on),
            message=_(
                "Udskrivning planlagt %(date)s: der er ikke booket en første ambulant aftale."
            )
            % {"date": _d(discharge_on)},
            url=transition_url(case_id, pk),
        )
    return result


def discharge_not_ready_rule(ctx: RuleContext) -> list[Pending]:
    """Discharge in 3 days and no before-discharge status note, or no status meeting held."""
    days = ctx.thresholds.discharge_not_ready_days_before
    has_note = StatusNote.objects.filter(
        transition=OuterRef("pk"), kind=StatusNote.Kind.BEFORE_DISCHARGE
    )
    has_meeting = StatusMeeting.objects.filter(transition=OuterRef("pk"), held=True)
    rows = (
        _transitions_before_discharge(ctx, days)
        .annotate(has_note=Exists(has_note), has_meeting=Exists(has_meeting))
        .filter(Q(has_note=False) | Q(has_meeting=False))
        .values_list(
            "pk", "case_id", "planned_discharge_on", "has_note", "has_meeting", *_HANDOVER_PEOPLE
        )
    )
    result: list[Pending] = []
    for pk, case_id, discharge_on, note, meeting, *people in rows:
        missing = [
            text
            for text, present in (
                (_("statusnotat før udskrivning"), note),
                (_("afholdt statusmøde"), meeting),
            )
            if not present
        ]
        result += _pending(
            ctx,
            people,
            rule=Rule.DISCHARGE_NOT_READY,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", discharge_on),
            message=_("Udskrivning planlagt %(date)s: mangler %(missing)s.")
            % {"date": _d(discharge_on), "missing": _(" og ").join(missing)},
            url=transition_url(case_id, pk),
        )
    return result


def no_outpatient_contact_rule(ctx: RuleContext) -> list[Pending]:
    """7 days after discharge and no outpatient contact registered (§5.9: the gap)."""
    today, t = ctx.today, ctx.thresholds
    days = t.no_outpatient_contact_days_after
    rows = (
        Transition.objects.filter(
            first_outpatient_contact_on__isnull=True,
            discharged_on__lte=today - timedelta(days=days),
            discharged_on__gte=today - timedelta(days=days + t.catch_up_days),
            case__in=Case.objects.filter(_open_cases()),
        )
        .exclude(status=_CANCELLED)
        .values_list(
            "pk", "case_id", "discharged_on", "outpatient_therapist_id", "case__caseworker_id"
        )
    )
    result: list[Pending] = []
    for pk, case_id, discharged_on, therapist_id, caseworker_id in rows:
        result += _pending(
            ctx,
            [therapist_id, caseworker_id],
            rule=Rule.NO_OUTPATIENT_CONTACT,
            model=Transition,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", discharged_on),
            message=_("Udskrevet %(date)s: der er endnu ikke registreret en ambulant kontakt.")
            % {"date": _d(discharged_on)},
            url=transition_url(case_id, pk),
        )
    return result


# --- Treatment ------------------------------------------------------------------------------


def treatment_plan_rule(ctx: RuleContext) -> list[Pending]:
    """An episode started 7 days ago or more, still running, without a treatment plan
    (SEL § 101 stk. 8: the plan is made at the start of treatment)."""
    today, t = ctx.today, ctx.thresholds
    days = t.treatment_plan_days
    rows = Episode.objects.filter(
        actual_start__isnull=False,
        actual_end__isnull=True,
        treatment_plan_on__isnull=True,
        actual_start__lte=today - timedelta(days=days),
        actual_start__gte=today - timedelta(days=days + t.catch_up_days),
        case__in=Case.objects.filter(_open_cases()),
    ).values_list("pk", "case_id", "actual_start", "case__caseworker_id")
    result: list[Pending] = []
    for pk, case_id, started_on, caseworker_id in rows:
        result += _pending(
            ctx,
            [caseworker_id],
            rule=Rule.NO_TREATMENT_PLAN,
            model=Episode,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key(f"{days}d", started_on),
            message=_(
                "Et forløb startet %(date)s har endnu ingen behandlingsplan (SEL § 101, stk. 8)."
            )
            % {"date": _d(started_on)},
            url=case_url(case_id),
        )
    return result


def doctor_consultation_rule(ctx: RuleContext) -> list[Pending]:
    """A medical drug case (SUL § 142) whose treatment started with no doctor's consultation
    recorded before it (SUL § 142 stk. 1-2). Reminded from the day treatment started."""
    today, t = ctx.today, ctx.thresholds
    rows = (
        Case.objects.filter(
            _open_cases(),
            legal_basis=LegalBasis.SUL142,
            treatment_started_on__lte=today,
            treatment_started_on__gte=today - timedelta(days=t.catch_up_days),
        )
        .filter(
            Q(doctor_consultation_on__isnull=True)
            | Q(doctor_consultation_on__gt=F("treatment_started_on"))
        )
        .values_list("pk", "treatment_started_on", "caseworker_id")
    )
    result: list[Pending] = []
    for pk, started_on, caseworker_id in rows:
        result += _pending(
            ctx,
            [caseworker_id],
            rule=Rule.NO_DOCTOR_CONSULTATION,
            model=Case,
            subject_id=pk,
            case_id=pk,
            threshold=th.key("started", started_on),
            message=_(
                "Medicinsk behandling iværksat %(date)s uden registreret lægesamtale før "
                "start (SUL § 142, stk. 1-2)."
            )
            % {"date": _d(started_on)},
            url=case_url(pk),
        )
    return result


# --- Legal follow-up after the course ---------------------------------------------------------


def course_end_cases(*, ended_from: date, ended_to: date) -> Any:
    """Cases whose course ended between the two dates, annotated with `course_end`.

    Definition (BEK 1477/2019 § 4, "efter udskrivning"): the course ends on the latest
    `actual_end` of the case's episodes, once the case has no episode left that has not ended
    (a pending referral or a running aftercare episode means the course goes on). Discharge
    from residential treatment into outpatient aftercare is therefore *not* the end: the
    follow-up comes when the citizen leaves treatment altogether. Closed cases count too: the
    duty to follow up outlives the case.
    """
    unfinished = Episode.objects.filter(case=OuterRef("pk"), actual_end__isnull=True)
    return (
        Case.objects.annotate(course_end=Max("episodes__actual_end"))
        .filter(course_end__gte=ended_from, course_end__lte=ended_to)
        .filter(~Exists(unfinished))
    )


def follow_up_rule(ctx: RuleContext) -> list[Pending]:
    """Legal follow-up 1 and 6 months after the course ended: reminded 7 days before the due
    date and when it is overdue, until a FollowUp for that course end is recorded."""
    today, t = ctx.today, ctx.thresholds
    # Widest window in which any follow-up reminder can fire: the 1-month one can be due from
    # 28 days after the end, the 6-month one up to 184 days after it, plus the catch-up.
    ended_to = today - timedelta(days=28 - t.follow_up_days_before)
    ended_from = today - timedelta(days=184 + t.catch_up_days + 1)
    rows = list(
        course_end_cases(ended_from=ended_from, ended_to=ended_to).values_list(
            "pk", "course_end", "caseworker_id"
        )
    )
    done = set(
        FollowUp.objects.filter(case_id__in=[pk for pk, _end, _cw in rows]).values_list(
            "case_id", "due_kind", "course_end_on"
        )
    )
    result: list[Pending] = []
    for pk, course_end, caseworker_id in rows:
        for months in th.FOLLOW_UP_MONTHS:
            due_kind = f"{months}m"
            if (pk, due_kind, course_end) in done:
                continue
            due_on = th.add_months(course_end, months)
            if today > due_on:
                if not th.within_catch_up(due_on, today, t):
                    continue
                rule, label = Rule.FOLLOW_UP_OVERDUE, f"{due_kind}:overdue"
                message = _(
                    "Opfølgning %(months)s md. efter afsluttet forløb var forfalden %(date)s "
                    "(BEK 1477/2019 § 4)."
                )
            elif (due_on - today).days <= t.follow_up_days_before:
                rule, label = Rule.FOLLOW_UP_DUE, f"{due_kind}:{t.follow_up_days_before}d"
                message = _(
                    "Opfølgning %(months)s md. efter afsluttet forløb skal ske senest %(date)s "
                    "(BEK 1477/2019 § 4)."
                )
            else:
                continue
            result += _pending(
                ctx,
                [caseworker_id],
                rule=rule,
                model=Case,
                subject_id=pk,
                case_id=pk,
                threshold=th.key(label, due_on),
                message=message % {"months": months, "date": _d(due_on)},
                url=case_url(pk),
            )
    return result


# Immediate rules are not swept: transitions.services calls notifications.services.notify()
# when it happens, with Rule.COMMITMENT_REDUCED (§5.2, a commitment reduced or cancelled) and
# Rule.FIRST_APPOINTMENT_MISSED (§5.9).
RULES: dict[str, Callable[[RuleContext], list[Pending]]] = {
    "guarantee": guarantee_rule,
    "checkin": checkin_rule,
    "action_item": action_item_rule,
    "discharge_no_appointment": discharge_no_appointment_rule,
    "discharge_not_ready": discharge_not_ready_rule,
    "no_outpatient_contact": no_outpatient_contact_rule,
    "treatment_plan": treatment_plan_rule,
    "doctor_consultation": doctor_consultation_rule,
    "follow_up": follow_up_rule,
}


def run_rules(*, today: date, thresholds: th.Thresholds | None = None) -> list[Pending]:
    """Evaluate every rule for `today`; logs counts and timings (no personal data)."""
    ctx = RuleContext(today=today, thresholds=thresholds or current_thresholds())
    _url_template.cache_clear()  # a fresh look at the URL configuration on every sweep
    pending: list[Pending] = []
    # Stored messages cannot be translated later: write them in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        for name, rule in RULES.items():
            started = time.perf_counter()
            found = rule(ctx)
            logger.info(
                "reminder rule %s: %d subjects, %d notifications, %.3f s",
                name,
                len({(p.subject_type_id, p.subject_id) for p in found}),
                len(found),
                time.perf_counter() - started,
            )
            pending += found
    return pending
