"""What the contact form and the lists of contacts need (DESIGN §5.10): the episodes a user may
record contacts in, the commitments a contact can deliver, and the latest contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from cases.access import episodes_changeable_by
from cases.models import Case
from treatment_options.models import Contact, Episode, TreatmentType

from ..models import AftercareCommitment, Transition

RECENT_CONTACTS = 10


# The episodes a contact can be recorded in, loaded with what the form shows of them.
STARTED_EPISODES = Episode.objects.filter(actual_start__isnull=False)
EPISODE_RELATED = ("offer__provider",)


def contact_episodes_among(allowed: set[int]) -> QuerySet[Episode]:
    """The episodes of `allowed`, in the contact form's order (see `contact_episode_order`)."""
    return (
        Episode.objects.filter(pk__in=allowed)
        .select_related(*EPISODE_RELATED)
        .order_by("actual_end", "-actual_start", "-pk")
    )


def contact_episode_order(episode: Episode) -> tuple[bool, date, int, int]:
    """`contact_episodes_among`'s order in Python, as PostgreSQL sorts it: the ended episodes
    by their end (an open one, NULL, last), then the latest start, then the newest."""
    start = episode.actual_start or date.min
    return (
        episode.actual_end is None,
        episode.actual_end or date.min,
        -start.toordinal(),
        -episode.pk,
    )


def contact_episodes_for(
    user: User, case: Case, started: list[Episode] | None = None
) -> tuple[QuerySet[Episode], list[Episode]]:
    """Started episodes of the case that the user may record contacts in
    (cases.access.may_change_episode), outpatient ones first: as the form's queryset, and as
    rows (from `started`, the case's started episodes with EPISODE_RELATED, when loaded)."""
    if started is None:
        started = list(STARTED_EPISODES.filter(case=case).select_related(*EPISODE_RELATED))
    allowed = episodes_changeable_by(user, case, started)
    rows = sorted((e for e in started if e.pk in allowed), key=contact_episode_order)
    return contact_episodes_among(allowed), rows


def contact_commitments_for(case: Case) -> QuerySet[AftercareCommitment]:
    """Commitments of the case's handovers that a contact can still deliver."""
    return (
        AftercareCommitment.objects.filter(transition__case=case)
        .exclude(status=AftercareCommitment.Status.CANCELLED)
        .exclude(transition__status=Transition.Status.CANCELLED)
        .order_by("starts_on", "pk")
    )


def default_contact_episode(episodes: list[Episode]) -> Episode | None:
    """The open outpatient episode if there is one, else the first the user may record in."""
    for episode in episodes:
        if episode.actual_end is None and episode.offer.treatment_type in (
            TreatmentType.OUTPATIENT,
            TreatmentType.AFTERCARE,
        ):
            return episode
    return episodes[0] if episodes else None


@dataclass
class ContactRow:
    contact: Contact
    commitment: AftercareCommitment | None


def contacts_recent(case: Case, limit: int = RECENT_CONTACTS) -> list[ContactRow]:
    """The case's latest contacts with the commitment each delivers (one query)."""
    contacts: Any = (
        Contact.objects.filter(episode__case=case)
        .select_related("episode__offer", "recorded_by", "delivery__commitment")
        .order_by("-at", "-pk")[:limit]
    )
    return contact_rows(contacts)


def contact_rows(contacts: Any) -> list[ContactRow]:
    """Rows for contacts loaded with their delivery's commitment (as `contacts_recent`)."""
    rows = []
    for contact in contacts:
        delivery = getattr(contact, "delivery", None)
        rows.append(ContactRow(contact, delivery.commitment if delivery else None))
    return rows
