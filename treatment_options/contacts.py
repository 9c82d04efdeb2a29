"""Writes for the contacts with the citizen within an episode (DESIGN §2, §5.10): a session, a
call, a home visit..., planned or not, and how it went.

Who may record them is who may change the episode (`cases.access.may_change_episode`: the
case's caseworkers and the staff of the provider the episode is at), asked here for the pages
and the API alike. Which commitment a contact delivers is the handover's business
(transitions.services.contacts wraps these two functions).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cases.access import may_change_episode
from cases.services import Errors, require_open

from .models import Contact, Episode

# Outcomes that say the contact's time has come: they cannot lie in the future.
HAPPENED = (Contact.Outcome.ATTENDED, Contact.Outcome.MISSED)


def _check(errors: Errors, *, episode: Episode, at: datetime | None, outcome: str) -> None:
    if at is None:
        errors.add("at", _("Angiv dato og klokkeslæt for kontakten."), code="required")
        return
    if outcome in HAPPENED and at > timezone.now():
        errors.add(
            "at",
            _("En gennemført eller udeblevet kontakt kan ikke ligge i fremtiden."),
            code="future",
        )
    elif timezone.localdate(at) < episode.referral_date:
        errors.add(
            "at",
            _("Kontakten kan ikke ligge før henvisningen til forløbet (%(date)s).")
            % {"date": date_format(episode.referral_date, "DATE_FORMAT")},
            code="before_referral",
        )
    if outcome not in Contact.Outcome.values:
        errors.add("outcome", _("Vælg, hvordan kontakten gik."), code="required")


def contact_writer_require(actor: User, episode: Episode) -> None:
    """PermissionDenied unless the actor may record contacts in the episode."""
    if not may_change_episode(actor, episode):
        raise PermissionDenied(_("Du har ikke adgang til at registrere kontakter i forløbet."))


@transaction.atomic
def contact_record(
    *,
    actor: User,
    episode: Episode,
    at: datetime | None,
    kind: str,
    outcome: str,
    is_planned: bool = True,
) -> Contact:
    """Record a contact with the citizen in `episode`."""
    contact_writer_require(actor, episode)
    require_open(episode.case)
    errors = Errors()
    _check(errors, episode=episode, at=at, outcome=outcome)
    errors.raise_if_any()
    assert at is not None  # _check refused a missing time
    contact = Contact(
        episode=episode,
        at=at,
        kind=kind,
        outcome=outcome,
        is_planned=is_planned,
        recorded_by=actor,
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(
    *,
    actor: User,
    contact: Contact,
    at: datetime | None,
    kind: str,
    outcome: str,
    is_planned: bool,
) -> Contact:
    """Correct a recorded contact (its time, kind, outcome or whether it was planned)."""
    contact = (
        Contact.objects.select_for_update(of=("self",))
        .select_related("episode__case", "episode__offer__provider")
        .get(pk=contact.pk)
    )
    contact_writer_require(actor, contact.episode)
    require_open(contact.episode.case)
    errors = Errors()
    _check(errors, episode=contact.episode, at=at, outcome=outcome)
    errors.raise_if_any()
    assert at is not None  # _check refused a missing time
    contact.at, contact.kind, contact.outcome, contact.is_planned = at, kind, outcome, is_planned
    contact.full_clean()
    contact.save(update_fields=["at", "kind", "outcome", "is_planned", "updated_at"])
    return contact
