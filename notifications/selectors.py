"""Reads of the notifications app: the signed-in user's own rows, and when a case's course
ended (the legal follow-up counts from it)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, Func, Max, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from cases.course_end_reasons import NOT_FOLLOWED_UP
from cases.legal_bases import bases_where
from cases.models import Case
from cases.page import CasePage
from treatment_options.models import Episode

from .models import Notification

# The attribute on the request's user that holds the unread count read with the user row
# (accounts.backends.USER_ROW_ANNOTATIONS; registered in NotificationsConfig.ready).
UNREAD_ATTRIBUTE = "unread_notifications_at_start"


def unread_count_expression() -> Any:
    """The unread count of the user row's OuterRef("pk"), as one scalar subquery."""
    unread = Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
    return Subquery(unread.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def unread_count_forget(user: object) -> None:
    """The user's notifications changed in this request: the count read with the user row
    at the start of the request is out of date (the header then counts again)."""
    if hasattr(user, UNREAD_ATTRIBUTE):
        delattr(user, UNREAD_ATTRIBUTE)


def notification_unread_count(*, user: User) -> int:
    """Unread in-app notifications of the user (the header badge)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_counts_for_user(*, user: User) -> tuple[int, int]:
    """All and unread notifications of the user in one query (the inbox's pages and its
    "Markér alle som læst")."""
    counts = Notification.objects.filter(recipient=user).aggregate(
        total=Count("pk"), unread=Count("pk", filter=Q(read_at__isnull=True))
    )
    return counts["total"], counts["unread"]


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("case", "deputy_for")
        .order_by("-created_at", "-pk")
    )


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


def course_end_of(*, case: Case) -> date | None:
    """The day the case's course ended (see `course_end_cases`), or None while an episode is
    still open or none has ended."""
    row = (
        course_end_cases(ended_from=date.min, ended_to=date.max)
        .filter(pk=case.pk)
        .values_list("course_end", flat=True)
        .first()
    )
    return row


def follow_up_bases_q(prefix: str = "") -> Q:
    """Episodes (or, with a prefix, rows reached through one) whose basis is followed up
    (cases.legal_bases `bek1477_follow_up`): the episode's request's basis, or the case's for a
    legacy episode without a request."""
    bases = [b.value for b in bases_where("bek1477_follow_up")]
    return Q(**{f"{prefix}request__legal_basis__in": bases}) | Q(
        **{f"{prefix}request__isnull": True, f"{prefix}case__legal_basis__in": bases}
    )


def followed_up_cases(*, ended_from: date, ended_to: date) -> Any:
    """`course_end_cases` narrowed to the courses the law follows up (DESIGN §3.1): a case with
    an episode under social drug treatment (a combination case for its social part), whose
    course did not end by death, a move away or without treatment (cases.course_end_reasons)."""
    social = Episode.objects.filter(follow_up_bases_q()).values("case_id")
    return (
        course_end_cases(ended_from=ended_from, ended_to=ended_to)
        .filter(pk__in=social)
        .exclude(course_end_reason__in=NOT_FOLLOWED_UP)
    )


def followed_up_course_ends(*, ended_from: date, ended_to: date) -> list[tuple[int, date, int]]:
    """(case id, course end, team id) of the followed-up courses ended between the dates."""
    return list(
        followed_up_cases(ended_from=ended_from, ended_to=ended_to).values_list(
            "pk", "course_end", "team_id"
        )
    )


def followed_up_course_end_of(*, case: Case) -> date | None:
    """The end of the case's course when the law follows it up, else None."""
    return (
        followed_up_cases(ended_from=date.min, ended_to=date.max)
        .filter(pk=case.pk)
        .values_list("course_end", flat=True)
        .first()
    )


def followed_up_course_end_on_page(page: CasePage) -> date | None:
    """`followed_up_course_end_of` from the rows the case page has read (its episodes and
    requests), in Python: the same rule as `course_end_cases` and `followed_up_cases`
    (tests/notifications hold the two to the same answers)."""
    episodes = page.episodes
    if not episodes or any(e.actual_end is None for e in episodes):
        return None
    bases = {b.value for b in bases_where("bek1477_follow_up")}
    request_bases = {row.request.pk: row.request.legal_basis for row in page.requests}
    followed = any(
        (request_bases.get(e.request_id) if e.request_id else page.case.legal_basis) in bases
        for e in episodes
    )
    if not followed or page.case.course_end_reason in NOT_FOLLOWED_UP:
        return None
    return max(e.actual_end for e in episodes)


def last_provider_units(case_ids: Iterable[int]) -> dict[int, int | None]:
    """Per case, the unit of the provider of its last ended episode (the latest end, then the
    latest made); None when that provider has no unit in Overgang."""
    last_unit: dict[int, int | None] = {}
    rows = (
        Episode.objects.filter(case_id__in=list(case_ids), actual_end__isnull=False)
        .order_by("case_id", "actual_end", "pk")
        .values_list("case_id", "offer__provider__unit_id")
    )
    for case_id, unit_id in rows:
        last_unit[case_id] = unit_id  # ordered: the last one per case wins
    return last_unit
