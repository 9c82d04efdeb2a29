"""Overdose safety in the before-discharge note (DESIGN §5.11): asked of drug cases only, by the
page, the API and the service alike, shown on the note and listed by the readiness checklist."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from tests.builders.through_services import BEFORE_DISCHARGE_NOTE, OVERDOSE_SAFETY
from transitions import services
from transitions.labels import MISSING_LABELS, OVERDOSE_LABELS, overdose_messages
from transitions.models import StatusNote, Transition
from transitions.overdose import OverdoseProblem
from transitions.readiness import Missing
from transitions.services import transition_status_refresh

from .conftest import login

pytestmark = pytest.mark.django_db

SAFETY_FIELDS = set(OVERDOSE_SAFETY)
BLANK_SAFETY: dict[str, Any] = {
    "naloxone": "",
    "tolerance_talk": False,
    "first_72h_who": "",
    "first_72h_when": "",
    "first_72h_unreachable": "",
}
ERRORS = {
    "naloxone": (
        "Angiv om naloxon er tilbudt og udleveret, ikke tilbudt, eller tilbudt og afslået."
    ),
    "tolerance_talk": (
        "Tal med borgeren om den lavere tolerance efter døgnbehandlingen, og markér det."
    ),
    "first_72h_who": "Angiv hvem der kontakter borgeren de første 72 timer.",
    "first_72h_when": "Angiv hvornår borgeren kontaktes de første 72 timer.",
    "first_72h_unreachable": (
        "Beskriv hvad der sker, hvis borgeren ikke kan træffes de første 72 timer."
    ),
}


def make_alcohol_case(transition: Transition) -> None:
    case = transition.case
    case.legal_basis, case.substances = "SUL141", ["alcohol"]
    case.save()


def note_kwargs(transition, author, **change):
    return {
        "transition": transition,
        "actor": author,
        **BEFORE_DISCHARGE_NOTE,
        "actions": [
            services.PlannedAction(text="Book tid", owner_text="Ambulant", due_on=date(2026, 4, 1))
        ],
        **change,
    }


def form_data(**change):
    data = {
        "kind": "before_discharge",
        "severity": "watch",
        "summary": "Seks stabile uger, usikker på boligen.",
        "risks": "Ensomhed i weekenderne.",
        "contingency": "Ring til den ambulante behandler samme dag.",
        "overdose_risk": "Lav tolerance efter tolv uger.",
        "naloxone": "yes",
        "tolerance_talk": "on",
        "first_72h_who": "Anders Ambulant, ambulant behandler",
        "first_72h_when": "Dagen efter udskrivning kl. 10",
        "first_72h_unreachable": "Ring til søsteren; ellers opsøgende besøg samme dag.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-text": "Book møde med boligsocial medarbejder",
        "actions-0-owner_text": "Boligrådgiver",
        "actions-0-due_on": "2026-04-01",
    }
    data.update(change)
    return {k: v for k, v in data.items() if v is not None}


def note_url(transition):
    return reverse("transitions:note_create", kwargs={"case_id": transition.case_id})


# --- the service -------------------------------------------------------------------------------


@pytest.mark.parametrize("field", sorted(SAFETY_FIELDS))
def test_a_drug_case_note_needs_each_part_of_the_overdose_safety(
    named_transition, residential_therapist, field
):
    with pytest.raises(ValidationError) as raised:
        services.status_note_create(
            **note_kwargs(named_transition, residential_therapist, **{field: BLANK_SAFETY[field]})
        )
    assert {k: [str(m) for m in v] for k, v in raised.value.message_dict.items()} == {
        field: [ERRORS[field]]
    }
    assert not StatusNote.objects.filter(kind="before_discharge").exists()


def test_a_drug_case_note_keeps_the_overdose_safety(named_transition, residential_therapist):
    note = services.status_note_create(**note_kwargs(named_transition, residential_therapist))
    note.refresh_from_db()
    assert {f: getattr(note, f) for f in SAFETY_FIELDS} == OVERDOSE_SAFETY


@pytest.mark.parametrize("answer", ["no", "declined"])
def test_not_offered_and_declined_are_answers_too(named_transition, residential_therapist, answer):
    note = services.status_note_create(
        **note_kwargs(named_transition, residential_therapist, naloxone=answer)
    )
    assert note.naloxone == answer


def test_an_alcohol_case_note_needs_none_of_it_and_keeps_none(
    named_transition, residential_therapist
):
    make_alcohol_case(named_transition)
    blank = services.status_note_create(
        **note_kwargs(named_transition, residential_therapist, **BLANK_SAFETY)
    )
    sent = services.status_note_create(**note_kwargs(named_transition, residential_therapist))
    for note in (blank, sent):
        note.refresh_from_db()
        assert {f: getattr(note, f) for f in SAFETY_FIELDS} == BLANK_SAFETY


def test_other_notes_keep_none_of_it(named_transition, residential_therapist):
    note = services.status_note_create(
        transition=named_transition,
        actor=residential_therapist,
        kind=StatusNote.Kind.MIDWAY,
        body="Midtvejs: går godt.",
        **OVERDOSE_SAFETY,
    )
    assert {f: getattr(note, f) for f in SAFETY_FIELDS} == BLANK_SAFETY


# --- the page ----------------------------------------------------------------------------------


def test_the_drug_case_form_shows_the_fieldset(named_transition, residential_therapist):
    page = login(residential_therapist).get(
        note_url(named_transition), {"type": "before_discharge"}
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="overdose-safety"' in body
    for field in SAFETY_FIELDS:
        assert f'name="{field}"' in body
    assert "Plan for de første 72 timer" in body


def test_the_alcohol_case_form_has_no_fieldset(named_transition, residential_therapist):
    make_alcohol_case(named_transition)
    page = login(residential_therapist).get(
        note_url(named_transition), {"type": "before_discharge"}
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="overdose-safety"' not in body
    for field in SAFETY_FIELDS:
        assert f'name="{field}"' not in body


def test_a_drug_case_note_without_it_is_not_saved_and_keeps_what_was_typed(
    named_transition, residential_therapist
):
    response = login(residential_therapist).post(
        note_url(named_transition),
        form_data(naloxone=None, tolerance_talk=None, first_72h_when=""),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert ERRORS["naloxone"] in body
    assert ERRORS["tolerance_talk"] in body
    assert ERRORS["first_72h_when"] in body
    assert ERRORS["first_72h_who"] not in body
    # What was typed is still there.
    assert 'value="Anders Ambulant, ambulant behandler"' in body
    assert "Ring til søsteren; ellers opsøgende besøg samme dag." in body
    assert "Seks stabile uger, usikker på boligen." in body
    assert not StatusNote.objects.filter(kind="before_discharge").exists()


def test_a_drug_case_note_with_it_is_saved_and_shown(
    named_transition, residential_therapist, caseworker
):
    response = login(residential_therapist).post(note_url(named_transition), form_data())
    assert response.status_code == 302
    note = StatusNote.objects.get(kind="before_discharge")
    assert note.naloxone == "yes" and note.tolerance_talk
    assert note.first_72h_unreachable == "Ring til søsteren; ellers opsøgende besøg samme dag."

    page = login(caseworker).get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "Overdosissikkerhed" in body
    assert "Ja, tilbudt og udleveret" in body
    assert "Dagen efter udskrivning kl. 10" in body
    assert "Ring til søsteren; ellers opsøgende besøg samme dag." in body


def test_an_alcohol_case_note_is_saved_without_it(named_transition, residential_therapist):
    make_alcohol_case(named_transition)
    response = login(residential_therapist).post(
        note_url(named_transition),
        form_data(
            overdose_risk="",
            naloxone=None,
            tolerance_talk=None,
            first_72h_who="",
            first_72h_when="",
            first_72h_unreachable="",
        ),
    )
    assert response.status_code == 302
    note = StatusNote.objects.get(kind="before_discharge")
    page = login(residential_therapist).get(response["Location"])
    assert page.status_code == 200
    assert "Overdosissikkerhed" not in page.content.decode()
    assert {f: getattr(note, f) for f in SAFETY_FIELDS} == BLANK_SAFETY


def test_the_kind_sent_without_its_structure_keeps_the_safety_typed(
    named_transition, residential_therapist
):
    response = login(residential_therapist).post(
        note_url(named_transition),
        {"kind": "before_discharge", "body": "Kort notat", "first_72h_who": "Anders"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Anders"' in body
    assert not StatusNote.objects.exists()


# --- the API -----------------------------------------------------------------------------------


def api_note(transition, **change):
    data = {
        **{k: v for k, v in BEFORE_DISCHARGE_NOTE.items()},
        "transition": transition.pk,
        "actions": [{"text": "Book tid", "owner_text": "Ambulant", "due_on": "2026-04-01"}],
    }
    data.update(change)
    return data


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_the_api_refuses_a_drug_case_note_without_it_with_field_errors(
    named_transition, residential_therapist
):
    response = api_client(residential_therapist).post(
        "/api/v1/status-notes/", api_note(named_transition, **BLANK_SAFETY), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {field: [message] for field, message in ERRORS.items()}
    assert not StatusNote.objects.filter(kind="before_discharge").exists()


def test_the_api_refuses_an_unknown_naloxone_answer(named_transition, residential_therapist):
    response = api_client(residential_therapist).post(
        "/api/v1/status-notes/", api_note(named_transition, naloxone="maybe"), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"naloxone"}


def test_the_api_writes_and_reads_it(named_transition, residential_therapist):
    client = api_client(residential_therapist)
    response = client.post("/api/v1/status-notes/", api_note(named_transition), format="json")
    assert response.status_code == 201
    body = response.json()
    assert {f: body[f] for f in SAFETY_FIELDS} == OVERDOSE_SAFETY
    read = client.get(f"/api/v1/status-notes/{body['id']}/")
    assert read.status_code == 200
    assert read.json()["first_72h_when"] == OVERDOSE_SAFETY["first_72h_when"]


def test_the_api_takes_an_alcohol_case_note_without_it(named_transition, residential_therapist):
    make_alcohol_case(named_transition)
    response = api_client(residential_therapist).post(
        "/api/v1/status-notes/",
        api_note(named_transition, overdose_risk="", **BLANK_SAFETY),
        format="json",
    )
    assert response.status_code == 201


# --- readiness ---------------------------------------------------------------------------------


@pytest.fixture
def old_note(named_transition, residential_therapist):
    """A drug case's before-discharge note written before the overdose safety was asked."""
    note = services.status_note_create(**note_kwargs(named_transition, residential_therapist))
    StatusNote.objects.filter(pk=note.pk).update(
        **{**BLANK_SAFETY, "first_72h_who": "Anders Ambulant"}
    )
    return note


def checklist(client, transition):
    page = client.get(reverse("transitions:detail", kwargs={"case_id": transition.case_id}))
    assert page.status_code == 200
    return page.context["page"].checklist


def test_readiness_lists_what_the_note_lacks(old_note, named_transition, residential_therapist):
    rows = dict(checklist(login(residential_therapist), named_transition))
    label = (
        "Overdosissikkerhed i statusnotatet før udskrivning (naloxon, samtalen om lavere "
        "tolerance, hvornår borgeren kontaktes, hvad der sker, hvis borgeren ikke kan træffes)"
    )
    assert rows[label] is False
    assert rows["Statusnotat før udskrivning skrevet"] is True


def test_readiness_has_it_done_once_the_note_has_it(named_transition, residential_therapist):
    services.status_note_create(**note_kwargs(named_transition, residential_therapist))
    rows = dict(checklist(login(residential_therapist), named_transition))
    assert rows["Overdosissikkerhed i statusnotatet før udskrivning"] is True


def test_readiness_of_an_alcohol_case_does_not_ask_it(named_transition, residential_therapist):
    make_alcohol_case(named_transition)
    labels = [label for label, _done in checklist(login(residential_therapist), named_transition)]
    assert not any(label.startswith("Overdosissikkerhed") for label in labels)
    assert len(labels) == 5


def test_a_drug_case_without_it_is_not_ready(handover_builder):
    handover = handover_builder.through_services(stage="ready")
    transition = handover.transition
    assert transition.status == Transition.Status.READY
    StatusNote.objects.filter(transition=transition, kind="before_discharge").update(naloxone="")
    transition_status_refresh(transition=Transition.objects.get(pk=transition.pk))
    assert Transition.objects.get(pk=transition.pk).status == Transition.Status.PLANNING


def test_the_messages_and_labels_have_english():
    with translation.override("en"):
        messages = overdose_messages()
        assert messages[OverdoseProblem.FIRST_72H_WHO] == (
            "State who contacts the citizen in the first 72 hours."
        )
        assert str(OVERDOSE_LABELS[OverdoseProblem.NALOXONE]) == "naloxone"
        assert str(MISSING_LABELS[Missing.OVERDOSE_SAFETY]) == (
            "Overdose safety in the before-discharge status note"
        )
        assert str(StatusNote.Naloxone.DECLINED.label) == "Offered, but the citizen declined"
