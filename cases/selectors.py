"""Reads of citizens and cases, always limited to what the user may see, filtered in the
database (DESIGN §1). Selectors never write; the views write the access log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Case as SqlCase,
)
from django.db.models import (
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import case_list_visible_to
from .cpr import parse_cpr
from .guarantee import GuaranteeStatus
from .models import Case, CaseEvent, CaseStatus, Citizen, LegalBasis

GS = GuaranteeStatus

# Orderings of the case list. "urgency": breached guarantees first, then running ones by
# deadline, then the rest; closed cases last.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "urgency": ("guarantee_rank", "guarantee_deadline", "-inquiry_date", "-pk"),
    "newest": ("-inquiry_date", "-pk"),
    "oldest": ("inquiry_date", "pk"),
    "number": ("number",),
    "name": ("citizen__last_name", "citizen__first_name", "pk"),
}


# --- guarantee status in the database ---------------------------------------------------------


def annotate_guarantee_status(qs: QuerySet[Case], today: date) -> QuerySet[Case]:
    """Annotate `guarantee_status` (the values of cases.guarantee.GuaranteeStatus) and
    `guarantee_rank` (0 breached, 1 running, 2 the rest, 3 closed) computed in SQL from the
    denormalised guarantee fields, so that lists filter and sort without loading every case.

    It mirrors cases.guarantee.evaluate() (the source of truth); a test checks the two agree.
    """
    not_covered = (
        Q(legal_basis=LegalBasis.SEL101A)
        | Q(regional_dual_diagnosis=True)
        | Q(guarantee_deadline__isnull=True)
    )
    # A start after `today` has not happened yet as seen from `today` (as evaluate() does).
    # Case.guarantee() evaluates a case inquired after `today` as of its inquiry date, so a
    # start on the inquiry date counts as started there too.
    started = Q(treatment_started_on__isnull=False) & (
        Q(treatment_started_on__lte=today) | Q(treatment_started_on__lte=F("inquiry_date"))
    )
    status = SqlCase(
        When(not_covered, then=Value(GS.NOT_COVERED.value)),
        When(free_choice=True, then=Value(GS.WAIVED.value)),
        When(
            started & Q(treatment_started_on__lte=F("guarantee_deadline")), then=Value(GS.MET.value)
        ),
        When(started, then=Value(GS.BREACHED.value)),
        When(guarantee_deadline__gte=today, then=Value(GS.RUNNING.value)),
        default=Value(GS.BREACHED.value),
        output_field=CharField(),
    )
    rank = SqlCase(
        When(status=CaseStatus.CLOSED, then=Value(3)),
        When(guarantee_status=GS.BREACHED.value, then=Value(0)),
        When(guarantee_status=GS.RUNNING.value, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.annotate(guarantee_status=status).annotate(guarantee_rank=rank)


# --- case lists -------------------------------------------------------------------------------


def _search_q(search: str) -> Q:
    """Citizen name or alias (every word must match), CPR number (exact, with or without the
    hyphen) or case number."""
    text = " ".join(search.split())
    if not text:
        return Q()
    try:
        cpr = parse_cpr(text)
    except ValueError:
        cpr = None
    if cpr is not None:
        return Q(citizen__cpr=cpr)
    q = Q(number__icontains=text)
    words = Q()
    for word in text.split(" "):
        words &= (
            Q(citizen__first_name__icontains=word)
            | Q(citizen__last_name__icontains=word)
            | Q(citizen__alias__icontains=word)
        )
    return q | words


def case_list_for(
    user: Any,
    *,
    search: str = "",
    status: str = "",
    guarantee_status: str = "",
    legal_basis: str = "",
    caseworker_id: int | None = None,
    team_id: int | None = None,
    today: date,
    order: str = "",
) -> QuerySet[Case]:
    """The cases the user may see, filtered and ordered in the database, each annotated with
    `guarantee_status` and `guarantee_rank`. `status="open"` means every state but closed;
    `order` is a key of ORDERINGS (default: newest inquiry first)."""
    qs = case_list_visible_to(user).select_related("citizen", "team", "caseworker")
    qs = annotate_guarantee_status(qs, today)
    if search:
        qs = qs.filter(_search_q(search))
    if status == "open":
        qs = qs.exclude(status=CaseStatus.CLOSED)
    elif status:
        qs = qs.filter(status=status)
    if guarantee_status:
        qs = qs.filter(guarantee_status=guarantee_status)
    if legal_basis:
        qs = qs.filter(legal_basis=legal_basis)
    if caseworker_id:
        qs = qs.filter(caseworker_id=caseworker_id)
    if team_id:
        qs = qs.filter(team_id=team_id)
    return qs.order_by(*ORDERINGS.get(order, ORDERINGS["newest"]))


def _mine_q(user: Any) -> Q:
    from transitions.models import Transition
    from treatment_options.models import Episode

    q = Q(caseworker_id=user.pk)
    if user.unit_id:
        q |= Q(
            Exists(
                Episode.objects.filter(
                    case=OuterRef("pk"),
                    actual_end__isnull=True,
                    offer__provider__unit_id=user.unit_id,
                )
            )
        )
    # Named on a handover: the residential side until it is completed, the outpatient side
    # also afterwards (it owns the aftercare).
    active = [
        Transition.Status.PLANNING,
        Transition.Status.READY,
        Transition.Status.HANDED_OVER,
    ]
    named = Transition.objects.filter(case=OuterRef("pk")).filter(
        Q(residential_therapist_id=user.pk, status__in=active)
        | (Q(outpatient_therapist_id=user.pk) & ~Q(status=Transition.Status.CANCELLED))
    )
    return q | Q(Exists(named))


def my_cases(user: Any, *, today: date) -> QuerySet[Case]:
    """The user's own open cases: assigned to them (caseworkers), or with an open episode at
    their institution or a handover naming them (therapists). Most urgent first."""
    qs = (
        case_list_visible_to(user)
        .exclude(status=CaseStatus.CLOSED)
        .filter(_mine_q(user))
        .select_related("citizen", "team", "caseworker")
    )
    return annotate_guarantee_status(qs, today).order_by(*ORDERINGS["urgency"])


def upcoming_deadlines(user: Any, *, today: date, days: int = 14) -> QuerySet[Case]:
    """Open cases the user may see whose guarantee is running and due within `days` days,
    soonest first."""
    qs = (
        case_list_visible_to(user)
        .exclude(status=CaseStatus.CLOSED)
        .filter(guarantee_deadline__lte=today + timedelta(days=days))
        .select_related("citizen", "team", "caseworker")
    )
    return (
        annotate_guarantee_status(qs, today)
        .filter(guarantee_status=GS.RUNNING.value)
        .order_by("guarantee_deadline", "pk")
    )


# --- the timeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str
    title: str
    description: str = ""
    actor: Any = None
    url: str = ""
    object_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _on_day(day: date, event: CaseEvent | None) -> datetime:
    """A date as a point in time: the time the act was recorded if that was on the same day,
    else noon (so that it sorts after that morning's referral, before the evening's note)."""
    if event is not None and timezone.localdate(event.occurred_at) == day:
        return event.occurred_at
    return timezone.make_aware(datetime.combine(day, time(12)))


def _short(text: str, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def case_timeline(case: Case) -> list[TimelineItem]:
    """Everything that happened on the case in time order: events, episode starts and ends,
    and the handover's status notes, meetings and answered check-ins. One query per kind."""
    from treatment_options.models import Episode

    events = list(CaseEvent.objects.filter(case=case).select_related("actor"))
    # Episode starts and ends are shown at their actual dates, with the description and the
    # actor of the event that recorded them (no double entries).
    episode_events: dict[tuple[int, str], CaseEvent] = {}
    # (item, tie-break): acts recorded in the same instant keep the order they were recorded in.
    items: list[tuple[TimelineItem, int]] = []
    for event in events:
        episode_id = event.data.get("episode") if isinstance(event.data, dict) else None
        if (
            event.kind in (CaseEvent.Kind.EPISODE_STARTED, CaseEvent.Kind.EPISODE_ENDED)
            and episode_id
        ):
            episode_events[(int(episode_id), event.kind)] = event
            continue
        items.append(
            (
                TimelineItem(
                    when=event.occurred_at,
                    kind=event.kind,
                    title=event.get_kind_display(),
                    description=event.description,
                    actor=event.actor,
                    object_id=event.pk,
                    data=event.data if isinstance(event.data, dict) else {},
                ),
                event.pk,
            )
        )
    episodes = Episode.objects.filter(case=case).select_related("offer__provider")
    for episode in episodes:
        for day, kind, title in (
            (episode.actual_start, CaseEvent.Kind.EPISODE_STARTED, _("Behandling startet")),
            (episode.actual_end, CaseEvent.Kind.EPISODE_ENDED, _("Behandling afsluttet")),
        ):
            if day is None:
                continue
            recorded = episode_events.pop((episode.pk, kind), None)
            description = recorded.description if recorded else str(episode.offer)
            if kind == CaseEvent.Kind.EPISODE_ENDED and recorded is None:
                description += f": {episode.get_end_reason_display()}"
            items.append(
                (
                    TimelineItem(
                        when=_on_day(day, recorded),
                        kind=kind,
                        title=title,
                        description=description,
                        actor=recorded.actor if recorded else None,
                        object_id=episode.pk,
                    ),
                    recorded.pk if recorded else 0,
                )
            )
    for event in episode_events.values():  # the episode is gone; keep the record of it
        items.append(
            (
                TimelineItem(
                    when=event.occurred_at,
                    kind=event.kind,
                    title=event.get_kind_display(),
                    description=event.description,
                    actor=event.actor,
                    object_id=event.pk,
                ),
                event.pk,
            )
        )
    items.extend((item, 0) for item in _handover_items(case))
    items.sort(key=lambda pair: (pair[0].when, pair[1]))
    return [item for item, _tie in items]


def _handover_items(case: Case) -> list[TimelineItem]:
    try:
        from transitions.models import CheckIn, StatusMeeting, StatusNote
    except ImportError:  # pragma: no cover - the handover app is part of the project
        return []
    items: list[TimelineItem] = []
    for note in StatusNote.objects.filter(transition__case=case).select_related("author"):
        items.append(
            TimelineItem(
                when=note.written_at,
                kind="status_note",
                title=_("Statusnotat: %(kind)s") % {"kind": note.get_kind_display()},
                description=_short(note.summary or note.body),
                actor=note.author,
                object_id=note.pk,
            )
        )
    for meeting in StatusMeeting.objects.filter(transition__case=case).select_related("created_by"):
        items.append(
            TimelineItem(
                when=meeting.starts_at,
                kind="status_meeting",
                title=_("Statusmøde (afholdt)") if meeting.held else _("Statusmøde (planlagt)"),
                description=_short(meeting.decisions or meeting.agenda),
                actor=meeting.created_by,
                object_id=meeting.pk,
            )
        )
    for checkin in CheckIn.objects.filter(
        transition__case=case, answered_at__isnull=False
    ).select_related("recorded_by"):
        assert checkin.answered_at is not None  # filtered above
        items.append(
            TimelineItem(
                when=checkin.answered_at,
                kind="checkin",
                title=_("Tjek-ind: %(label)s") % {"label": checkin.label},
                description=_short(checkin.answer),
                actor=checkin.recorded_by,
                object_id=checkin.pk,
            )
        )
    return items


# --- citizens ---------------------------------------------------------------------------------


def citizen_get_for_user(user: Any, pk: object) -> Citizen:
    """The citizen if the user can see at least one of the citizen's cases; 404 otherwise."""
    try:
        citizen_pk = int(str(pk))
    except ValueError:
        raise Http404 from None
    visible = case_list_visible_to(user).filter(citizen_id=OuterRef("pk"))
    citizen = Citizen.objects.filter(Exists(visible), pk=citizen_pk).first()
    if citizen is None:
        raise Http404
    return citizen


def citizen_cases(citizen: Citizen, user: Any) -> QuerySet[Case]:
    """The citizen's cases over the years that the user may see, newest first. Cases the user
    may not see are left out (not even counted: that would hint they exist)."""
    return (
        case_list_visible_to(user)
        .filter(citizen=citizen)
        .select_related("team", "caseworker")
        .order_by("-inquiry_date", "-pk")
    )


def citizen_find_by_cpr(user: Any, cpr: str) -> Citizen | None:
    """For opening a case: the citizen with this exact CPR number, for users who may create
    cases (they know the number already; the citizen's cases stay hidden). None if the number
    is invalid or unknown."""
    if not (user.is_authenticated and user.is_active and user.has_perm("cases.add_case")):
        return None
    try:
        normalised = parse_cpr(cpr)
    except ValueError:
        return None
    return Citizen.objects.filter(cpr=normalised).first()
