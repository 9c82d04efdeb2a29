"""§5.7: only the named receiver completes the handover, in their own words; then the
residential side keeps read access for 30 days and loses it (DESIGN §1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts.roles import Role
from cases.models import CaseEvent, TemporaryCaseAccess
from tests import factories
from transitions import services
from transitions.models import Transition

from .conftest import login

pytestmark = pytest.mark.django_db

SYNTHESIS = {
    "receiver_situation": "Borgeren er stabil efter tolv uger, men bekymret for at bo alene.",
    "receiver_actions": "Ugentlige samtaler i otte uger, bostøtte søges, AA-gruppe om tirsdagen.",
    "receiver_contingency": "Ved tilbagefald ringer borgeren til mig, ellers akuttelefonen.",
}


@pytest.fixture
def discharged(before_discharge_note, residential_therapist):
    transition = before_discharge_note.transition
    episode = transition.residential_episode
    episode.actual_end, episode.end_reason = date(2026, 3, 16), "completed"
    episode.save()
    return services.transition_record_discharge(episode=episode, actor=residential_therapist)


def confirm_url(transition):
    return reverse("transitions:confirm", kwargs={"case_id": transition.case_id})


def test_receiver_must_acknowledge_the_note_before_confirming(discharged, outpatient_therapist):
    response = login(outpatient_therapist).post(confirm_url(discharged), SYNTHESIS)
    assert response.status_code == 200
    assert "Kvittér for at have læst statusnotatet" in response.content.decode()
    discharged.refresh_from_db()
    assert discharged.status == Transition.Status.HANDED_OVER


def test_trivial_answers_do_not_complete(discharged, before_discharge_note, outpatient_therapist):
    services.status_note_acknowledge(note=before_discharge_note, user=outpatient_therapist)
    response = login(outpatient_therapist).post(
        confirm_url(discharged),
        {
            "receiver_situation": "ok",
            "receiver_actions": "se planen",
            "receiver_contingency": "ring",
        },
    )
    assert response.status_code == 200
    assert "med dine egne ord" in response.content.decode()
    discharged.refresh_from_db()
    assert discharged.completed_at is None


def test_only_the_named_outpatient_therapist_can_confirm(
    discharged, before_discharge_note, ambulant_unit
):
    colleague = factories.UserFactory(
        username="colleague", unit=ambulant_unit, role=Role.OUTPATIENT_THERAPIST
    )
    with pytest.raises(services.TransitionNotConfirmable) as raised:
        services.transition_confirm(
            transition=discharged,
            actor=colleague,
            situation=SYNTHESIS["receiver_situation"],
            actions=SYNTHESIS["receiver_actions"],
            contingency=SYNTHESIS["receiver_contingency"],
        )
    assert "not_named_receiver" in raised.value.problems


def test_confirmation_completes_and_grants_30_days_of_read_access(
    discharged, before_discharge_note, outpatient_therapist, residential_therapist, sydgaarden
):
    client = login(outpatient_therapist)
    ack = reverse(
        "transitions:note_acknowledge",
        kwargs={"case_id": discharged.case_id, "pk": before_discharge_note.pk},
    )
    client.post(ack)

    response = client.post(confirm_url(discharged), SYNTHESIS)

    assert response.status_code == 302
    discharged.refresh_from_db()
    assert discharged.status == Transition.Status.COMPLETED
    assert discharged.confirmed_by == outpatient_therapist
    assert discharged.receiver_actions == SYNTHESIS["receiver_actions"]
    access = TemporaryCaseAccess.objects.get(kind=TemporaryCaseAccess.Kind.AFTER_HANDOVER)
    assert access.user == residential_therapist
    assert access.group == sydgaarden.group
    assert access.expires_at == discharged.completed_at + timedelta(days=30)
    assert CaseEvent.objects.filter(data__action="completed").exists()


def test_residential_therapist_reads_for_30_days_then_loses_access(
    discharged,
    before_discharge_note,
    outpatient_therapist,
    residential_therapist,
    caseworker,
    time_machine,
):
    services.status_note_acknowledge(note=before_discharge_note, user=outpatient_therapist)
    services.transition_confirm(
        transition=discharged,
        actor=outpatient_therapist,
        situation=SYNTHESIS["receiver_situation"],
        actions=SYNTHESIS["receiver_actions"],
        contingency=SYNTHESIS["receiver_contingency"],
    )
    detail = reverse("transitions:detail", kwargs={"case_id": discharged.case_id})
    section = reverse(
        "transitions:section_edit", kwargs={"case_id": discharged.case_id, "key": "goals"}
    )

    time_machine.shift(timedelta(days=29))
    dorte = login(residential_therapist)
    assert dorte.get(detail).status_code == 200
    assert dorte.post(section, {"text": "Nyt mål", "based_on_version": 0}).status_code == 403

    time_machine.shift(timedelta(days=2))  # day 31
    assert login(residential_therapist).get(detail).status_code == 404
    # The receiver and the caseworker keep the case.
    assert (
        login(outpatient_therapist)
        .post(section, {"text": "Nyt mål", "based_on_version": 0})
        .status_code
        == 302
    )
    assert login(caseworker).get(detail).status_code == 200
