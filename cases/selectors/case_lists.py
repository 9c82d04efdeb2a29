"""Lists of cases: the case list with search and filters, the user's own cases, and the
deadlines coming up."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

from accounts.models import User
from accounts.roles import THERAPIST_ROLES

from ..access import case_list_visible_to
from ..cpr import cpr_date_part, parse_cpr
from ..guarantee import GuaranteeStatus
from ..hooks import my_cases_filters
from ..models import Citizen, Urgency
from .guarantee_status import CaseWithGuarantee, annotate_guarantee_status

GS = GuaranteeStatus

# Orderings of the case list. "urgency": the open clocks by deadline (so the breached ones,
# oldest first, then the running ones), then open cases without a clock, closed cases last:
# stored columns only (cases.models.urgency), walked in the index case_urgency_order. Every
# ordering ends in the primary key, so that it is total and the list can be paged by keyset.
ORDERINGS: dict[str, tuple[str | OrderBy, ...]] = {
    "urgency": (
        "urgency",
        F("guarantee_deadline").asc(nulls_last=True),
        "-inquiry_date",
        "-pk",
    ),
    "newest": ("-inquiry_date", "-pk"),
    "oldest": ("inquiry_date", "pk"),
    "number": ("number", "pk"),
    "name": ("citizen__last_name", "citizen__first_name", "pk"),
}


def case_list_ordering(order: str = "") -> tuple[str | OrderBy, ...]:
    """The ordering of the case list for an `order` key (default: newest inquiry first)."""
    return ORDERINGS.get(order, ORDERINGS["newest"])


def _search_q(search: str) -> Q:
    """Citizen name or alias (every word must match), CPR number (exact, with or without the
    hyphen), the date part of a CPR number ("150390": every citizen born that day whose number
    is stored, "DDMMYY-SSSS", so a prefix match in the database) or case number."""
    text = " ".join(search.split())
    if not text:
        return Q()
    try:
        cpr = parse_cpr(text)
    except ValueError:
        cpr = None
    if cpr is not None:
        return Q(citizen__cpr=cpr)
    date_part = cpr_date_part(text)
    if date_part is not None:
        return Q(citizen__cpr__startswith=f"{date_part}-") | Q(number__icontains=date_part)
    words = Q()
    for word in text.split(" "):
        words &= (
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(alias__icontains=word)
        )
    # The citizens are found first, by the trigram indexes on their names (migration
    # cases.0019), and then their cases; a case number has digits, so a text without any is
    # not looked for among the numbers (which no index serves).
    by_name = Q(citizen_id__in=Citizen.objects.filter(words).values("pk"))
    if any(character.isdigit() for character in text):
        return Q(number__icontains=text) | by_name
    return by_name


def case_list_for(
    user: User,
    *,
    search: str = "",
    status: str = "",
    guarantee_status: str = "",
    legal_basis: str = "",
    caseworker_id: int | None = None,
    team_id: int | None = None,
    today: date,
    order: str = "",
    paged: bool = True,
) -> QuerySet[CaseWithGuarantee]:
    """The cases the user may see, filtered and ordered in the database, each annotated with
    `guarantee_status` and `guarantee_rank`. `status="open"` means every state but closed;
    `order` is a key of ORDERINGS (default: newest inquiry first). `paged=False` for a read
    of every row (an aggregate), which the user's set serves better than a probe per row."""
    # A search narrows the list to a few citizens: the set is then sorted, not walked.
    qs = case_list_visible_to(user, ordered=paged and not search).select_related(
        "citizen", "team", "caseworker"
    )
    qs = annotate_guarantee_status(qs, today)
    if search:
        qs = qs.filter(_search_q(search))
    if status == "open":
        # The same as excluding closed cases (the class is computed from the status), said so
        # that the urgency index bounds the scan.
        qs = qs.filter(urgency__lt=Urgency.CLOSED)
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
    return qs.order_by(*case_list_ordering(order))


def _mine_q(user: User) -> Q:
    """Assigned to the user, or, for a therapist, tied to the user by another app (an open
    episode at the user's institution, a handover naming the user): the filters registered on
    `cases.hooks.my_cases_filters`. A caseworker's are the assigned ones alone, so that their
    start page is driven by the assignment index, not by every case the team sees."""
    q = Q(caseworker_id=user.pk)
    if user.role not in THERAPIST_ROLES:
        return q
    for mine_q in my_cases_filters:
        q |= mine_q(user)
    return q


def my_cases(user: User, *, today: date) -> QuerySet[CaseWithGuarantee]:
    """The user's own open cases: assigned to them (caseworkers), or with an open episode at
    their institution or a handover naming them (therapists). Most urgent first."""
    qs = (
        case_list_visible_to(user)
        .filter(urgency__lt=Urgency.CLOSED)
        .filter(_mine_q(user))
        .select_related("citizen", "team", "caseworker")
    )
    return annotate_guarantee_status(qs, today).order_by(*ORDERINGS["urgency"])


def upcoming_deadlines(user: User, *, today: date, days: int = 14) -> QuerySet[CaseWithGuarantee]:
    """Open cases the user may see whose guarantee is running and due within `days` days,
    soonest first."""
    # An open case's stored deadline is its open clock's, running from today on: the status
    # follows from the stored columns and today's date (cases.models.urgency).
    qs = (
        case_list_visible_to(user, ordered=True)
        .filter(
            urgency=Urgency.OPEN_CLOCK,
            guarantee_deadline__gte=today,
            guarantee_deadline__lte=today + timedelta(days=days),
        )
        .select_related("citizen", "team", "caseworker")
    )
    return annotate_guarantee_status(qs, today).order_by("urgency", "guarantee_deadline", "pk")
