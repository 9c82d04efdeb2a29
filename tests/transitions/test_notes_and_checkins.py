"""§5.3, §5.5, §5.8: written status notes with acknowledgements, and check-ins."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.builders.through_services import OVERDOSE_SAFETY
from transitions import services
from transitions.models import ActionItem, CheckIn, StatusNote

from .conftest import login

pytestmark = pytest.mark.django_db


def test_before_discharge_note_needs_its_structure(named_transition, residential_therapist):
    with pytest.raises(ValidationError) as raised:
        services.status_note_create(
            transition=named_transition,
            actor=residential_therapist,
            kind=StatusNote.Kind.BEFORE_DISCHARGE,
            summary="Kort",
        )
    assert {"severity", "risks", "contingency", "actions", "overdose_risk"} <= set(
        raised.value.error_dict
    )


def test_overdose_risk_is_required_for_a_drug_case_only(named_transition, residential_therapist):
    case = named_transition.case
    kwargs = dict(
        transition=named_transition,
        actor=residential_therapist,
        kind=StatusNote.Kind.BEFORE_DISCHARGE,
        severity="stable",
        summary="Stabil",
        risks="Ensomhed",
        contingency="Ring",
        **OVERDOSE_SAFETY,
        actions=[
            services.PlannedAction(text="Book tid", owner_text="Ambulant", due_on=date(2026, 4, 1))
        ],
    )
    with pytest.raises(ValidationError) as raised:
        services.status_note_create(**kwargs)
    assert set(raised.value.error_dict) == {"overdose_risk"}
    case.legal_basis, case.substances = "SUL141", ["alcohol"]
    case.save()
    note = services.status_note_create(**kwargs)
    assert note.action_items.get().text == "Book tid"


def test_note_action_list_becomes_action_items(before_discharge_note, outpatient_therapist):
    item = before_discharge_note.action_items.get()
    assert item.owner == outpatient_therapist
    assert item.transition == before_discharge_note.transition
    assert item.kind == ActionItem.Kind.ACTION


def test_receivers_acknowledge_and_the_note_shows_who_has_not(
    before_discharge_note, outpatient_therapist, caseworker
):
    case_id = before_discharge_note.transition.case_id
    url = reverse(
        "transitions:note_acknowledge", kwargs={"case_id": case_id, "pk": before_discharge_note.pk}
    )
    assert login(outpatient_therapist).post(url).status_code == 302

    page = login(caseworker).get(
        reverse(
            "transitions:note_detail", kwargs={"case_id": case_id, "pk": before_discharge_note.pk}
        )
    )
    body = page.content.decode()
    assert "Anders Ambulant:\n      læst" in body
    assert "Karin Sagsbehandler:\n      ikke læst endnu" in body
    assert "Jeg har læst notatet" in body  # the caseworker still can


def test_the_author_is_not_a_receiver(before_discharge_note, residential_therapist):
    with pytest.raises(ValidationError):
        services.status_note_acknowledge(note=before_discharge_note, user=residential_therapist)


def test_residential_therapist_receives_notes_written_by_others(
    named_transition, outpatient_therapist, residential_therapist
):
    note = services.status_note_create(
        transition=named_transition, actor=outpatient_therapist, kind="aftercare", body="Går godt."
    )
    ack = services.status_note_acknowledge(note=note, user=residential_therapist)
    again = services.status_note_acknowledge(note=note, user=residential_therapist)
    assert ack.pk == again.pk


def test_final_checkin_exists_from_the_start(transition):
    final = transition.checkins.get(kind=CheckIn.Kind.FINAL)
    assert final.due_on == transition.planned_discharge_on


def test_answer_with_follow_up_creates_a_task_for_the_outpatient_therapist(
    named_transition, residential_therapist, outpatient_therapist
):
    final = named_transition.checkins.get(kind=CheckIn.Kind.FINAL)
    services.checkin_answer(
        checkin=final,
        actor=residential_therapist,
        answer="At være alene i weekenderne.",
        themes=["network", "relapse"],
        needs_follow_up=True,
    )
    task = ActionItem.objects.get(kind=ActionItem.Kind.FOLLOW_UP)
    assert task.owner == outpatient_therapist
    assert task.checkin == final
    final.refresh_from_db()
    assert final.themes == ["network", "relapse"]


def test_invalid_theme_is_refused(named_transition, residential_therapist):
    final = named_transition.checkins.get(kind=CheckIn.Kind.FINAL)
    with pytest.raises(ValidationError):
        services.checkin_answer(
            checkin=final,
            actor=residential_therapist,
            answer="x",
            themes=["bogus"],
            needs_follow_up=False,
        )


def test_schedule_change_moves_only_unanswered_checkins(
    named_transition, residential_therapist, caseworker
):
    episode = named_transition.residential_episode
    episode.actual_end, episode.end_reason = date(2026, 3, 16), "completed"
    episode.save()
    transition = services.transition_record_discharge(episode=episode, actor=residential_therapist)
    assert transition is not None
    two_weeks = transition.checkins.get(weeks_after_discharge=2)
    services.checkin_answer(
        checkin=two_weeks,
        actor=residential_therapist,
        answer="Økonomien",
        themes=["finances"],
        needs_follow_up=False,
    )

    services.transition_checkin_schedule_update(
        transition=transition, actor=caseworker, weeks=[2, 4, 12], reason="Tættere opfølgning"
    )

    weeks = list(
        transition.checkins.filter(kind="aftercare")
        .order_by("weeks_after_discharge")
        .values_list("weeks_after_discharge", flat=True)
    )
    assert weeks == [2, 4, 12]
    assert transition.checkins.get(weeks_after_discharge=4).due_on == date(2026, 3, 16) + timedelta(
        weeks=4
    )
    assert transition.checkins.get(weeks_after_discharge=2).answer == "Økonomien"


def test_transition_page_shows_the_theme_grid_over_time(named_transition, residential_therapist):
    final = named_transition.checkins.get(kind=CheckIn.Kind.FINAL)
    services.checkin_answer(
        checkin=final,
        actor=residential_therapist,
        answer="Boligen",
        themes=["housing"],
        needs_follow_up=False,
    )
    body = (
        login(residential_therapist)
        .get(reverse("transitions:detail", kwargs={"case_id": named_transition.case_id}))
        .content.decode()
    )
    assert "Temaer over tid" in body
    assert "Afsluttende samtale" in body
