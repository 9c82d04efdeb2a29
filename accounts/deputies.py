"""Deputies (DESIGN §5.10, "no day without an owner"): a user who is away names a colleague of
their own unit for a period. The reminders, outreach tasks and notes awaiting acknowledgement
of the away user then go to the deputy too (notifications and transitions read
`deputies_on` / `away_users_of`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Deputyship, User

# A deputyship is for an absence, not a permanent delegation.
MAX_DAYS = 366


def deputy_candidates(user: User) -> QuerySet[User]:
    """Who may deputise: an active colleague of the same unit (who therefore sees the same
    cases through the unit's grant), never the user themselves."""
    if user.unit_id is None:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, unit_id=user.unit_id)
        .exclude(pk=user.pk)
        .order_by("first_name", "last_name", "username")
    )


@transaction.atomic
def deputyship_create(
    *, user: User, deputy: User, starts_on: dt.date, ends_on: dt.date
) -> Deputyship:
    """Name `deputy` for the user's absence from `starts_on` to `ends_on` (both included)."""
    errors: dict[str, list[str]] = {}
    if not deputy_candidates(user).filter(pk=deputy.pk).exists():
        errors["deputy"] = [_("Vælg en aktiv kollega fra din egen enhed.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("Slutdatoen skal være samme dag som eller efter startdatoen.")]
    elif (ends_on - starts_on).days >= MAX_DAYS:
        errors["ends_on"] = [_("En periode kan højst vare et år.")]
    elif ends_on < timezone.localdate():
        errors["ends_on"] = [_("Perioden er allerede slut.")]
    if errors:
        raise ValidationError(errors)
    deputyship = Deputyship(user=user, deputy=deputy, starts_on=starts_on, ends_on=ends_on)
    deputyship.full_clean()
    deputyship.save()
    return deputyship


@transaction.atomic
def deputyship_delete(*, user: User, deputyship_id: int) -> None:
    """Remove one of the user's own deputyships (someone else's: PermissionDenied)."""
    deleted, _rows = Deputyship.objects.filter(pk=deputyship_id, user=user).delete()
    if not deleted:
        raise PermissionDenied


def deputyship_list_for_user(*, user: User) -> QuerySet[Deputyship]:
    """The user's deputyships that have not ended, and those naming them as deputy."""
    return Deputyship.objects.filter(user=user, ends_on__gte=timezone.localdate()).select_related(
        "deputy"
    )


def deputising_for(*, user: User, day: dt.date | None = None) -> QuerySet[Deputyship]:
    """The deputyships in which the user stands in for someone on `day`."""
    day = day or timezone.localdate()
    return Deputyship.objects.filter(
        deputy=user, starts_on__lte=day, ends_on__gte=day
    ).select_related("user")


def deputies_on(day: dt.date, user_ids: Iterable[int]) -> dict[int, list[int]]:
    """Away user id → the deputies standing in on `day`; one query for any number of users."""
    ids = set(user_ids)
    found: dict[int, list[int]] = defaultdict(list)
    if not ids:
        return found
    rows = Deputyship.objects.filter(
        user_id__in=ids, starts_on__lte=day, ends_on__gte=day, deputy__is_active=True
    ).values_list("user_id", "deputy_id")
    for user_id, deputy_id in rows:
        if deputy_id not in found[user_id]:
            found[user_id].append(deputy_id)
    return found


def away_users_of(deputy: User, day: dt.date | None = None) -> list[int]:
    """Ids of the users `deputy` stands in for on `day`."""
    return list(deputising_for(user=deputy, day=day).values_list("user_id", flat=True))
