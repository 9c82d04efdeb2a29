"""Lists of cases: the case list with search and filters, the user's own cases, and the
deadlines coming up."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from accounts.models import User

from ..access import case_list_visible_to
from ..cpr import cpr_date_part, parse_cpr
from ..guarantee import GuaranteeStatus
from ..hooks import my_cases_filters
from ..models import CaseStatus
from .guarantee_status import CaseWithGuarantee, annotate_guarantee_status

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
) -> QuerySet[CaseWithGuarantee]:
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


def _mine_q(user: User) -> Q:
    """Assigned to the user, or tied to the user by another app (an open episode at the
    user's institution, a handover naming the user): the filters registered on
    `cases.hooks.my_cases_filters`."""
    q = Q(caseworker_id=user.pk)
    for mine_q in my_cases_filters:
        q |= mine_q(user)
    return q


def my_cases(user: User, *, today: date) -> QuerySet[CaseWithGuarantee]:
    """The user's own open cases: assigned to them (caseworkers), or with an open episode at
    their institution or a handover naming them (therapists). Most urgent first."""
    qs = (
        case_list_visible_to(user)
        .exclude(status=CaseStatus.CLOSED)
        .filter(_mine_q(user))
        .select_related("citizen", "team", "caseworker")
    )
    return annotate_guarantee_status(qs, today).order_by(*ORDERINGS["urgency"])


def upcoming_deadlines(user: User, *, today: date, days: int = 14) -> QuerySet[CaseWithGuarantee]:
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
