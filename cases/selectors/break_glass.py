"""The uses of break the glass a manager reviews (DESIGN §1)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User

from ..break_glass_access import break_glass_reviewable_by
from ..models import TemporaryCaseAccess


def break_glass_unreviewed_for(user: User) -> QuerySet[TemporaryCaseAccess]:
    """The uses the manager reviews that nobody has reviewed yet, oldest first."""
    return (
        break_glass_reviewable_by(user)
        .filter(reviewed_at__isnull=True)
        .select_related("case", "user")
        .order_by("granted_at", "pk")
    )


def break_glass_get_for_reviewer(user: User, pk: object) -> TemporaryCaseAccess:
    """One use the manager reviews; 404 for any other (it answers like a missing one)."""
    try:
        access_id = int(str(pk))
    except ValueError:
        raise Http404 from None
    access = (
        break_glass_reviewable_by(user)
        .select_related("case", "user", "reviewed_by")
        .filter(pk=access_id)
        .first()
    )
    if access is None:
        raise Http404
    return access
