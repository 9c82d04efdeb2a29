"""§5.2: agreed aftercare commitments cannot be reduced silently."""

from __future__ import annotations

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.models import Notification
from tests.factories import UserFactory
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
        changes={"frequency": "Hver 14. dag"},
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
            commitment=commitment,
            actor=outpatient_therapist,
            kind="cancelled",
            reason="",
            changes={},
        )
    services.commitment_change(
        commitment=commitment,
        actor=outpatient_therapist,
        kind="cancelled",
        reason="Flyttet til Odense",
        changes={},
    )
    commitment.refresh_from_db()
    assert commitment.status == AftercareCommitment.Status.CANCELLED
    assert Notification.objects.filter(rule="commitment_reduced").count() == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"description": "Individuelle samtaler (KRAP)"},
        {"frequency": "1 gang om måneden"},
        {"starts_on": date(2026, 7, 1)},
    ],
)
def test_any_change_without_a_reason_is_refused_and_changes_nothing(
    commitment, outpatient_therapist, changes
):
    with pytest.raises(ValidationError) as raised:
        services.commitment_change(
            commitment=commitment, actor=outpatient_therapist, changes=changes, reason=" "
        )
    assert "reason" in raised.value.error_dict
    commitment.refresh_from_db()
    assert commitment.version == 1
    assert commitment.changes.count() == 1
    assert not Notification.objects.exists()


def test_a_change_of_responsible_is_kept_with_old_and_new_values_and_notifies(
    commitment, outpatient_therapist, residential_therapist, caseworker
):
    other = UserFactory(unit=outpatient_therapist.unit)
    change = services.commitment_change(
        commitment=commitment,
        actor=outpatient_therapist,
        changes={"responsible": other, "starts_on": date(2026, 6, 22)},
        reason="Ny behandler overtager",
    )
    assert change.kind == CommitmentChange.Kind.CHANGED
    assert change.actor == outpatient_therapist
    assert change.before["responsible"] == outpatient_therapist.pk
    assert change.after["responsible"] == other.pk
    assert change.before["starts_on"] == "2026-06-15"
    assert change.after["starts_on"] == "2026-06-22"
    assert set(change.changed_fields) == {"responsible", "starts_on"}
    notified = Notification.objects.filter(rule="commitment_changed")
    assert set(notified.values_list("recipient", flat=True)) == {
        residential_therapist.pk,
        caseworker.pk,
    }
    assert commitment.transition.case.events.filter(description="Aftalt indsats ændret").exists()


def test_a_change_that_changes_nothing_is_refused(commitment, outpatient_therapist):
    with pytest.raises(ValidationError):
        services.commitment_change(
            commitment=commitment,
            actor=outpatient_therapist,
            changes={"frequency": commitment.frequency},
            reason="Ingenting",
        )


def test_a_commitment_cannot_lose_its_responsible_person(commitment, outpatient_therapist):
    with pytest.raises(ValidationError) as raised:
        services.commitment_change(
            commitment=commitment,
            actor=outpatient_therapist,
            changes={"responsible": None},
            reason="Ingen",
        )
    assert "responsible" in raised.value.error_dict


def test_a_new_commitment_without_responsible_gets_the_outpatient_therapist(
    named_transition, outpatient_therapist
):
    commitment = services.commitment_create(
        transition=named_transition,
        actor=outpatient_therapist,
        description="Gruppe",
        frequency="Ugentlig",
        starts_on=date(2026, 6, 15),
    )
    assert commitment.responsible == outpatient_therapist


def test_a_new_commitment_with_nobody_responsible_is_refused(transition, residential_therapist):
    assert transition.outpatient_therapist is None
    with pytest.raises(ValidationError) as raised:
        services.commitment_create(
            transition=transition,
            actor=residential_therapist,
            description="Gruppe",
            frequency="Ugentlig",
            starts_on=date(2026, 6, 15),
        )
    assert "responsible" in raised.value.error_dict


def test_the_page_refuses_a_change_without_a_reason_and_keeps_what_was_typed(
    commitment, outpatient_therapist
):
    url = reverse(
        "transitions:commitment_detail",
        kwargs={"case_id": commitment.transition.case_id, "pk": commitment.pk},
    )
    response = login(outpatient_therapist).post(
        url,
        {
            "kind": "changed",
            "description": "Samtaler hos ny behandler",
            "contacts_per_period": "1",
            "period_weeks": "1",
            "starts_on": "2026-06-15",
            "reason": "",
        },
    )
    assert response.status_code == 200
    assert "Samtaler hos ny behandler" in response.content.decode()
    assert response.context["form"].errors["reason"]
    commitment.refresh_from_db()
    assert commitment.description == "Individuelle samtaler"


def test_the_page_saves_a_reasoned_change_in_the_history(commitment, outpatient_therapist):
    url = reverse(
        "transitions:commitment_detail",
        kwargs={"case_id": commitment.transition.case_id, "pk": commitment.pk},
    )
    response = login(outpatient_therapist).post(
        url,
        {
            "kind": "changed",
            "description": "Samtaler hos ny behandler",
            "contacts_per_period": "1",
            "period_weeks": "1",
            "starts_on": "2026-06-15",
            "reason": "Borgeren ønskede en anden behandler",
        },
    )
    assert response.status_code == 302
    change = commitment.changes.order_by("pk").last()
    assert change.reason == "Borgeren ønskede en anden behandler"
    assert change.after["description"] == "Samtaler hos ny behandler"
    page = login(outpatient_therapist).get(url).content.decode()
    assert "Borgeren ønskede en anden behandler" in page


def test_migration_gives_empty_commitments_the_outpatient_therapist(named_transition):
    """The data migration's function, run on a row like the ones it finds."""
    migration = import_module("transitions.migrations.0004_commitment_responsible_required")
    empty = AftercareCommitment.objects.create(
        transition=named_transition,
        description="Gammel",
        frequency="Ugentlig",
        starts_on=date(2026, 6, 15),
        responsible=None,
    )
    migration.responsible_from_outpatient_therapist(django_apps, None)
    empty.refresh_from_db()
    assert empty.responsible_id == named_transition.outpatient_therapist_id


def test_a_commitment_without_responsible_is_flagged_on_its_page(
    named_transition, outpatient_therapist
):
    empty = AftercareCommitment.objects.create(
        transition=named_transition,
        description="Gammel",
        frequency="Ugentlig",
        starts_on=date(2026, 6, 15),
        responsible=None,
    )
    url = reverse(
        "transitions:commitment_detail",
        kwargs={"case_id": named_transition.case_id, "pk": empty.pk},
    )
    page = login(outpatient_therapist).get(url).content.decode()
    assert "Indsatsen har ingen ansvarlig" in page
    overview = reverse("transitions:detail", kwargs={"case_id": named_transition.case_id})
    assert "Ingen ansvarlig" in login(outpatient_therapist).get(overview).content.decode()


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
