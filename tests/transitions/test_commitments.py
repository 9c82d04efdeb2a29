"""§5.2: agreed aftercare commitments cannot be reduced silently."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.models import Notification
from transitions import services
from transitions.models import AftercareCommitment, CommitmentChange

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(named_transition, outpatient_therapist):
    return services.commitment_create(
        transition=named_transition,
        actor=outpatient_therapist,
        description="Individuelle samtaler",
        frequency="1 gang om ugen",
        starts_on=date(2026, 6, 15),
        responsible=outpatient_therapist,
    )


def reduce(commitment, actor, reason):
    return services.commitment_change(
        commitment=commitment,
        actor=actor,
        kind=CommitmentChange.Kind.REDUCED,
        reason=reason,
        description=commitment.description,
        frequency="Hver 14. dag",
        starts_on=commitment.starts_on,
        responsible=commitment.responsible,
    )


def test_creating_a_commitment_starts_its_history(commitment):
    assert list(commitment.changes.values_list("kind", flat=True)) == ["created"]


def test_reduction_without_a_reason_is_refused_and_changes_nothing(
    commitment, outpatient_therapist
):
    with pytest.raises(ValidationError) as raised:
        reduce(commitment, outpatient_therapist, reason="  ")
    assert "reason" in raised.value.error_dict
    commitment.refresh_from_db()
    assert commitment.frequency == "1 gang om ugen"
    assert commitment.status == AftercareCommitment.Status.ACTIVE
    assert not Notification.objects.exists()


def test_reduction_is_kept_in_history_and_notifies_residential_therapist_and_caseworker(
    commitment, outpatient_therapist, residential_therapist, caseworker
):
    change = reduce(commitment, outpatient_therapist, reason="Borgeren ønsker færre samtaler")

    commitment.refresh_from_db()
    assert commitment.status == AftercareCommitment.Status.REDUCED
    assert commitment.frequency == "Hver 14. dag"
    assert change.before["frequency"] == "1 gang om ugen"
    assert change.after["frequency"] == "Hver 14. dag"
    assert change.reason == "Borgeren ønsker færre samtaler"
    notified = Notification.objects.filter(rule="commitment_reduced")
    assert set(notified.values_list("recipient", flat=True)) == {
        residential_therapist.pk,
        caseworker.pk,
    }
    for n in notified:
        # No personal data in the message; the link leads to the transition page.
        assert n.message == "En aftalt indsats er reduceret i en sag, du følger"
        assert n.url == reverse(
            "transitions:detail", kwargs={"case_id": commitment.transition.case_id}
        )
        assert commitment.transition.case.citizen.last_name not in n.message


def test_cancellation_needs_a_reason_and_notifies(commitment, outpatient_therapist):
    with pytest.raises(ValidationError):
        services.commitment_change(
            commitment=commitment, actor=outpatient_therapist, kind="cancelled", reason=""
        )
    services.commitment_change(
        commitment=commitment,
        actor=outpatient_therapist,
        kind="cancelled",
        reason="Flyttet til Odense",
    )
    commitment.refresh_from_db()
    assert commitment.status == AftercareCommitment.Status.CANCELLED
    assert Notification.objects.filter(rule="commitment_reduced").count() == 2


def test_a_correction_without_frequency_change_needs_no_reason_and_notifies_nobody(
    commitment, outpatient_therapist
):
    services.commitment_change(
        commitment=commitment,
        actor=outpatient_therapist,
        kind="changed",
        reason="",
        description="Individuelle samtaler (KRAP)",
        frequency="1 gang om ugen",
        starts_on=commitment.starts_on,
        responsible=outpatient_therapist,
    )
    assert not Notification.objects.exists()


def test_a_changed_frequency_must_be_explained_even_as_a_correction(
    commitment, outpatient_therapist
):
    with pytest.raises(ValidationError):
        services.commitment_change(
            commitment=commitment,
            actor=outpatient_therapist,
            kind="changed",
            reason="",
            frequency="1 gang om måneden",
            responsible=outpatient_therapist,
        )


def test_the_form_shows_the_error_when_the_reason_is_missing(commitment, outpatient_therapist):
    url = reverse(
        "transitions:commitment_detail",
        kwargs={"case_id": commitment.transition.case_id, "pk": commitment.pk},
    )
    response = login(outpatient_therapist).post(
        url,
        {
            "kind": "reduced",
            "description": commitment.description,
            "contacts_per_period": "1",
            "period_weeks": "2",
            "starts_on": "2026-06-15",
            "responsible": outpatient_therapist.pk,
            "reason": "",
        },
    )
    assert response.status_code == 200
    assert "Skriv en begrundelse" in response.content.decode()
    assert commitment.changes.count() == 1
