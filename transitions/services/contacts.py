"""A contact with the citizen and the commitment it delivers (DESIGN §5.10). The contact is
treatment_options' (`treatment_options.contacts`); the link to the commitment is kept here, in
`CommitmentDelivery`, because the commitment lives in this app, above it. Recording or
correcting a contact here also refreshes what follows from it on the case's transitions (the
first appointment's status and the first outpatient contact date, §5.9): contacts are
recorded through these two functions only, by the pages and the API alike."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from treatment_options import contacts as contact_services
from treatment_options.models import Contact, Episode

from ..models import AftercareCommitment, CommitmentDelivery, Transition
from .after_discharge import transitions_first_weeks_refresh_for_case


def _check_commitment(commitment: AftercareCommitment | None, episode: Episode) -> None:
    if commitment is None:
        return
    transition = Transition.objects.only("case_id", "status").get(pk=commitment.transition_id)
    if transition.case_id != episode.case_id:
        raise ValidationError({"commitment": _("Indsatsen hører ikke til sagen.")})
    if (
        commitment.status == AftercareCommitment.Status.CANCELLED
        or transition.status == Transition.Status.CANCELLED
    ):
        raise ValidationError(
            {"commitment": _("Indsatsen er annulleret; en kontakt kan ikke levere den.")}
        )


def _link(contact: Contact, commitment: AftercareCommitment | None) -> None:
    if commitment is None:
        CommitmentDelivery.objects.filter(contact=contact).delete()
    else:
        CommitmentDelivery.objects.update_or_create(
            contact=contact, defaults={"commitment": commitment}
        )


@transaction.atomic
def contact_record_for_commitment(
    *,
    actor: User,
    episode: Episode,
    at: datetime | None,
    kind: str,
    outcome: str,
    is_planned: bool = True,
    commitment: AftercareCommitment | None = None,
) -> Contact:
    """Record a contact (treatment_options.contacts.contact_record) and the commitment it
    delivers, if any. Only an attended contact counts as delivered; the others are shown
    apart on the commitment."""
    contact_services.contact_writer_require(actor, episode)
    _check_commitment(commitment, episode)
    contact = contact_services.contact_record(
        actor=actor, episode=episode, at=at, kind=kind, outcome=outcome, is_planned=is_planned
    )
    _link(contact, commitment)
    # §5.9: the first appointment's status and the first contact date follow the contacts.
    transitions_first_weeks_refresh_for_case(case_id=episode.case_id)
    return contact


@transaction.atomic
def contact_update_for_commitment(
    *,
    actor: User,
    contact: Contact,
    at: datetime | None,
    kind: str,
    outcome: str,
    is_planned: bool,
    commitment: AftercareCommitment | None,
) -> Contact:
    """Correct a contact and which commitment it delivers (None: none)."""
    contact_services.contact_writer_require(actor, contact.episode)
    _check_commitment(commitment, contact.episode)
    contact = contact_services.contact_update(
        actor=actor, contact=contact, at=at, kind=kind, outcome=outcome, is_planned=is_planned
    )
    _link(contact, commitment)
    transitions_first_weeks_refresh_for_case(case_id=contact.episode.case_id)
    return contact
