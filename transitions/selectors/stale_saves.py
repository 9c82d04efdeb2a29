"""Stale saves still waiting for a decision (DESIGN §5.13): a text saved on an old version of
a plan section, kept in the history, that nobody has settled yet. Flagged on the section and
listed in its author's inbox until someone resolves it (`services.plan_stale_save_resolve`)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from cases.access import case_list_visible_to

from ..models import PlanSectionVersion

# At most this many in the inbox: the rest are on their sections.
INBOX_LIMIT = 20


def _open() -> dict[str, object]:
    return {"is_stale": True, "resolved_at__isnull": True}


def open_stale_prefetch() -> Prefetch[str, QuerySet[PlanSectionVersion], str]:
    """Each section's open stale saves as `section.open_stale` (one query for all sections)."""
    return Prefetch(
        "versions",
        queryset=PlanSectionVersion.objects.filter(**_open())
        .select_related("author")
        .order_by("number"),
        to_attr="open_stale",
    )


def stale_saves_open_for(user: User) -> list[PlanSectionVersion]:
    """The user's own stale saves awaiting a decision, on cases they may still read."""
    return list(
        PlanSectionVersion.objects.filter(
            **_open(), author=user, section__transition__case__in=case_list_visible_to(user)
        )
        .select_related("section__transition__case")
        .order_by("-created_at")[:INBOX_LIMIT]
    )
