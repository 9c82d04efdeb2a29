"""Issue 15, "guards found on the walk": each guard of DESIGN §5.13 that a new user ran into."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import CaseEvent
from reports.panels import case_report_allowed
from tests import factories
from tests.builders.through_services import OVERDOSE_SAFETY
from transitions import services
from transitions.models import ActionItem, PlanSectionVersion, StatusMeeting, StatusNote

from .conftest import login

pytestmark = pytest.mark.django_db


# --- the before-discharge kind always uses the structured form ---------------------------------


def test_plain_note_form_does_not_offer_the_before_discharge_kind(
    named_transition, residential_therapist
):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    page = login(residential_therapist).get(url).content.decode()
    assert 'value="before_discharge"' not in page
    assert "?type=before_discharge" in page


def test_before_discharge_kind_from_the_plain_form_keeps_the_text(
    named_transition, residential_therapist
):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    response = login(residential_therapist).post(
        url, {"kind": "before_discharge", "body": "Borgeren er klar, men boligen er usikker."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "ManagementForm" not in page
    assert "Borgeren er klar, men boligen er usikker." in page
    assert 'name="actions-TOTAL_FORMS"' in page  # the structured form, with its action list
    assert not StatusNote.objects.exists()


def test_structured_note_with_errors_keeps_what_was_typed(named_transition, residential_therapist):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    response = login(residential_therapist).post(
        url,
        {
            "kind": "before_discharge",
            "summary": "Seks stabile uger.",
            "risks": "Ensomhed i weekenderne.",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-text": "Ring til boligselskabet",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    for typed in ("Seks stabile uger.", "Ensomhed i weekenderne.", "Ring til boligselskabet"):
        assert typed in page
    assert not StatusNote.objects.exists()


# --- dates keep their order --------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_discharge_planned_before_the_residential_start_is_refused_on_the_page(
    named_transition, caseworker
):
    start = named_transition.residential_episode.actual_start
    url = reverse("transitions:edit", kwargs={"case_id": named_transition.case_id})
    response = login(caseworker).post(url, {"planned_discharge_on": "2025-12-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Udskrivningen kan ikke planlægges før døgnopholdets start" in page
    assert start.strftime("%d.%m.%Y") in page
    assert 'value="2025-12-01"' in page  # what was typed stays in the field
    named_transition.refresh_from_db()
    assert named_transition.planned_discharge_on != date(2025, 12, 1)


def test_discharge_planned_before_the_residential_start_is_a_400_in_the_api(
    named_transition, caseworker
):
    response = api(caseworker).patch(
        f"/api/v1/transitions/{named_transition.pk}/",
        {"planned_discharge_on": "2025-12-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "planned_discharge_on" in response.json()


def test_action_due_in_the_past_is_refused_by_the_service(named_transition, caseworker):
    with pytest.raises(ValidationError) as error:
        services.action_item_create(
            transition=named_transition,
            actor=caseworker,
            text="Ring til boligselskabet",
            owner=caseworker,
            due_on=timezone.localdate() - timedelta(days=1),
        )
    assert "due_on" in error.value.message_dict
    assert not ActionItem.objects.filter(text="Ring til boligselskabet").exists()


def test_action_due_in_the_past_is_a_400_in_the_api(named_transition, caseworker):
    meeting = services.meeting_create(
        transition=named_transition,
        actor=caseworker,
        starts_at=timezone.now() + timedelta(days=2),
        place="Sydgården",
    )
    response = api(caseworker).post(
        f"/api/v1/meetings/{meeting.pk}/action-items/",
        {"text": "Ring", "owner": caseworker.pk, "due_on": "2026-03-15"},
        format="json",
    )
    assert response.status_code == 400
    assert "due_on" in response.json()


def test_note_action_due_in_the_past_is_a_form_error_that_keeps_the_text(
    named_transition, residential_therapist
):
    url = reverse("transitions:note_create", kwargs={"case_id": named_transition.case_id})
    response = login(residential_therapist).post(
        url,
        {
            "kind": "before_discharge",
            "severity": "stable",
            "summary": "Seks stabile uger.",
            "risks": "Ensomhed.",
            "contingency": "Ring samme dag.",
            "overdose_risk": "Naloxon udleveret.",
            **OVERDOSE_SAFETY,
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-text": "Ring til boligselskabet",
            "actions-0-owner_text": "Boligrådgiver",
            "actions-0-due_on": "2026-03-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fristen kan ikke ligge i fortiden." in page
    assert "Ring til boligselskabet" in page
    assert not StatusNote.objects.exists()


# --- a meeting is held only once it has started; one in the past only as held ------------------


def _meeting(transition, actor, starts_at, **fields):
    return services.meeting_create(
        transition=transition, actor=actor, starts_at=starts_at, place="Sydgården", **fields
    )


def test_future_meeting_cannot_be_marked_held(named_transition, caseworker):
    meeting = _meeting(named_transition, caseworker, timezone.now() + timedelta(hours=2))
    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            meeting=meeting, actor=caseworker, agenda="", minutes="Referat", decisions="", held=True
        )
    assert "held" in error.value.message_dict
    meeting.refresh_from_db()
    assert not meeting.held


def test_future_meeting_marked_held_on_the_page_is_a_form_error_and_keeps_the_minutes(
    named_transition, caseworker
):
    meeting = _meeting(named_transition, caseworker, timezone.now() + timedelta(hours=2))
    url = reverse(
        "transitions:meeting_detail", kwargs={"case_id": named_transition.case_id, "pk": meeting.pk}
    )
    response = login(caseworker).post(url, {"minutes": "Vi aftalte boligen.", "held": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mødet kan først markeres som afholdt, når det er begyndt" in page
    assert "Vi aftalte boligen." in page
    meeting.refresh_from_db()
    assert not meeting.held


def test_future_meeting_marked_held_in_the_api_is_a_400(named_transition, caseworker):
    meeting = _meeting(named_transition, caseworker, timezone.now() + timedelta(hours=2))
    response = api(caseworker).patch(
        f"/api/v1/meetings/{meeting.pk}/", {"held": True, "minutes": "Referat"}, format="json"
    )
    assert response.status_code == 400
    assert "held" in response.json()
    meeting.refresh_from_db()
    assert not meeting.held


def test_meeting_that_has_started_can_be_marked_held_with_minutes(named_transition, caseworker):
    meeting = _meeting(named_transition, caseworker, timezone.now() + timedelta(hours=2))
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=meeting, actor=caseworker, agenda="", minutes="", decisions="", held=True
        )
    meeting = StatusMeeting.objects.get(pk=meeting.pk)
    meeting.starts_at = timezone.now() - timedelta(minutes=5)
    meeting.save()
    with pytest.raises(ValidationError) as error:  # held needs its minutes
        services.meeting_update(
            meeting=meeting, actor=caseworker, agenda="", minutes="", decisions="", held=True
        )
    assert "minutes" in error.value.message_dict
    services.meeting_update(
        meeting=meeting, actor=caseworker, agenda="", minutes="Referat", decisions="", held=True
    )
    meeting.refresh_from_db()
    assert meeting.held


def test_past_meeting_is_recorded_only_as_held_with_minutes(named_transition, caseworker):
    yesterday = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        _meeting(named_transition, caseworker, yesterday)
    assert "held" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _meeting(named_transition, caseworker, yesterday, held=True)
    assert "minutes" in error.value.message_dict
    assert not StatusMeeting.objects.exists()
    meeting = _meeting(named_transition, caseworker, yesterday, held=True, minutes="Referat")
    assert meeting.held and meeting.minutes == "Referat"


def test_past_meeting_not_held_is_a_form_error_on_the_page_and_a_400_in_the_api(
    named_transition, caseworker
):
    url = reverse("transitions:meeting_create", kwargs={"case_id": named_transition.case_id})
    response = login(caseworker).post(
        url,
        {
            "date": "2026-03-10",
            "time": "13:00",
            "duration_minutes": "60",
            "place": "Sydgården",
            "agenda": "Udskrivning",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "kan kun registreres som afholdt, med et referat" in page
    assert "Udskrivning" in page
    api_response = api(caseworker).post(
        "/api/v1/meetings/",
        {
            "transition": named_transition.pk,
            "starts_at": "2026-03-10T13:00:00+01:00",
            "place": "Sydgården",
        },
        format="json",
    )
    assert api_response.status_code == 400
    assert "held" in api_response.json()
    api_response = api(caseworker).post(
        "/api/v1/meetings/",
        {
            "transition": named_transition.pk,
            "starts_at": "2026-03-10T13:00:00+01:00",
            "place": "Sydgården",
            "held": True,
            "minutes": "Referat",
        },
        format="json",
    )
    assert api_response.status_code == 201
    assert StatusMeeting.objects.get().held


# --- confirming before the planned discharge week asks for a reason ---------------------------

SYNTHESIS = {
    "receiver_situation": "Borgeren er stabil efter tolv uger, men bekymret for at bo alene.",
    "receiver_actions": "Ugentlige samtaler i otte uger, bostøtte søges, AA-gruppe om tirsdagen.",
    "receiver_contingency": "Ved tilbagefald ringer borgeren til mig, ellers akuttelefonen.",
}


@pytest.fixture
def early_receiver(named_transition, before_discharge_note, outpatient_therapist):
    """The note read; the discharge planned three weeks on (2026-04-06, a later week)."""
    services.status_note_acknowledge(note=before_discharge_note, user=outpatient_therapist)
    named_transition.planned_discharge_on = date(2026, 4, 6)
    named_transition.save()
    return named_transition


def confirm_url(transition):
    return reverse("transitions:confirm", kwargs={"case_id": transition.case_id})


def test_confirming_before_the_discharge_week_asks_for_a_reason(
    early_receiver, outpatient_therapist
):
    client = login(outpatient_therapist)
    page = client.get(confirm_url(early_receiver)).content.decode()
    assert 'name="early_reason"' in page
    response = client.post(confirm_url(early_receiver), SYNTHESIS)
    assert response.status_code == 200
    assert "skriv hvorfor overgangen bekræftes allerede nu" in response.content.decode()
    assert SYNTHESIS["receiver_situation"] in response.content.decode()  # kept
    early_receiver.refresh_from_db()
    assert early_receiver.completed_at is None

    reason = "Borgeren udskrives tidligere efter aftale; datoen rettes."
    response = client.post(confirm_url(early_receiver), {**SYNTHESIS, "early_reason": reason})
    assert response.status_code == 302
    early_receiver.refresh_from_db()
    assert early_receiver.status == "completed"
    event = CaseEvent.objects.filter(case=early_receiver.case).order_by("-pk")[0]
    assert event.data["early_reason"] == reason


def test_confirming_early_without_a_reason_is_a_400_in_the_api(
    early_receiver, outpatient_therapist
):
    body = {
        "situation": SYNTHESIS["receiver_situation"],
        "actions": SYNTHESIS["receiver_actions"],
        "contingency": SYNTHESIS["receiver_contingency"],
    }
    response = api(outpatient_therapist).post(
        f"/api/v1/transitions/{early_receiver.pk}/confirm/", body, format="json"
    )
    assert response.status_code == 400
    response = api(outpatient_therapist).post(
        f"/api/v1/transitions/{early_receiver.pk}/confirm/",
        {**body, "early_reason": "Udskrives tidligere efter aftale."},
        format="json",
    )
    assert response.status_code == 200


def test_confirming_in_the_discharge_week_needs_no_reason(
    named_transition, before_discharge_note, outpatient_therapist
):
    # Planned discharge Thursday 19 March, today Monday 16 March: the same week.
    services.status_note_acknowledge(note=before_discharge_note, user=outpatient_therapist)
    named_transition.planned_discharge_on = date(2026, 3, 19)
    named_transition.save()
    client = login(outpatient_therapist)
    assert 'name="early_reason"' not in client.get(confirm_url(named_transition)).content.decode()
    assert client.post(confirm_url(named_transition), SYNTHESIS).status_code == 302


def test_confirmation_page_lists_the_empty_plan_sections(early_receiver, outpatient_therapist):
    goals = early_receiver.plan_sections.get(key="goals")
    services.plan_section_save(
        actor=outpatient_therapist, section=goals, text="Holde mig ædru.", based_on_version=0
    )
    page = login(outpatient_therapist).get(confirm_url(early_receiver)).content.decode()
    assert "9 afsnit i overgangsplanen er ikke udfyldt" in page
    assert "Bolig" in page


# --- the case report and the external report have buttons --------------------------------------


def test_case_page_and_transition_page_have_the_report_buttons(named_transition, caseworker):
    case = named_transition.case
    factories.ConsentFactory(
        case=case, party_kind="employer", information_kinds=["case_status"], form="written"
    )
    report = reverse("reports:case_report", kwargs={"case_id": case.pk})
    external = reverse("reports:external_case_report", kwargs={"case_id": case.pk})
    client = login(caseworker)
    for url in (
        reverse("cases:detail", kwargs={"case_id": case.pk}),
        reverse("transitions:detail", kwargs={"case_id": case.pk}),
    ):
        page = client.get(url).content.decode()
        assert f'href="{report}"' in page, url
        assert f'action="{external}"' in page, url
    assert client.get(report).status_code == 200


def test_report_buttons_follow_the_report_views_access(
    named_transition, caseworker, other_team_caseworker
):
    case = named_transition.case
    outsider = other_team_caseworker
    assert case_report_allowed(caseworker, case)
    assert not case_report_allowed(outsider, case)
    report = reverse("reports:case_report", kwargs={"case_id": case.pk})
    assert login(outsider).get(report).status_code == 404


def test_external_report_form_is_left_out_without_a_consent(named_transition, caseworker):
    case = named_transition.case
    page = login(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    html = page.content.decode()
    assert reverse("reports:case_report", kwargs={"case_id": case.pk}) in html
    assert reverse("reports:external_case_report", kwargs={"case_id": case.pk}) not in html


# --- an abandoned stale save is flagged until someone resolves it -----------------------------


@pytest.fixture
def abandoned(named_transition, residential_therapist, outpatient_therapist):
    """Both opened "Bolig" at version 0; Dorte saved first, Anders's save went stale and he left
    the conflict screen without choosing."""
    url = reverse(
        "transitions:section_edit", kwargs={"case_id": named_transition.case_id, "key": "housing"}
    )
    login(residential_therapist).post(url, {"text": "Bor hos sin mor.", "based_on_version": 0})
    response = login(outpatient_therapist).post(
        url, {"text": "Har fået egen lejlighed.", "based_on_version": 0}
    )
    assert "En anden har gemt afsnittet, mens du skrev" in response.content.decode()
    return PlanSectionVersion.objects.get(is_stale=True)


def _transition_page(transition, user) -> str:
    url = reverse("transitions:detail", kwargs={"case_id": transition.case_id})
    return login(user).get(url).content.decode()


def _inbox(user) -> str:
    return login(user).get(reverse("notifications:inbox")).content.decode()


def test_abandoned_stale_save_is_flagged_on_the_section_and_in_its_authors_inbox(
    abandoned, named_transition, outpatient_therapist, residential_therapist
):
    page = _transition_page(named_transition, residential_therapist)
    assert page.count('data-testid="stale-save"') == 1
    assert "En tekst venter på en afklaring" in page
    assert "Dine tekster, der venter på en afklaring" in _inbox(outpatient_therapist)
    assert "Dine tekster, der venter på en afklaring" not in _inbox(residential_therapist)
    assert abandoned.resolved_at is None


def test_keeping_the_saved_text_resolves_the_stale_save(
    abandoned, named_transition, outpatient_therapist
):
    url = reverse(
        "transitions:section_resolve_stale",
        kwargs={"case_id": named_transition.case_id, "key": "housing", "number": abandoned.number},
    )
    assert login(outpatient_therapist).post(url).status_code == 302
    abandoned.refresh_from_db()
    assert abandoned.resolved_at is not None and abandoned.resolved_by == outpatient_therapist
    assert 'data-testid="stale-save"' not in _transition_page(
        named_transition, outpatient_therapist
    )
    assert "Dine tekster, der venter på en afklaring" not in _inbox(outpatient_therapist)
    section = abandoned.section
    section.refresh_from_db()
    assert section.text == "Bor hos sin mor."  # the saved text stays


def test_using_my_text_on_the_conflict_screen_resolves_the_stale_save(
    abandoned, named_transition, outpatient_therapist
):
    url = reverse(
        "transitions:section_edit", kwargs={"case_id": named_transition.case_id, "key": "housing"}
    )
    login(outpatient_therapist).post(
        url, {"text": "Har fået egen lejlighed.", "based_on_version": 1, "resolution": "mine"}
    )
    abandoned.refresh_from_db()
    assert abandoned.resolved_at is not None
    assert "Dine tekster, der venter på en afklaring" not in _inbox(outpatient_therapist)


def test_resolving_needs_the_right_to_edit_the_plan(abandoned, named_transition, caseworker):
    url = reverse(
        "transitions:section_resolve_stale",
        kwargs={"case_id": named_transition.case_id, "key": "housing", "number": abandoned.number},
    )
    other = factories.UserFactory()
    assert login(other).post(url).status_code == 404
    current = abandoned.section.versions.get(is_stale=False)
    url_not_stale = reverse(
        "transitions:section_resolve_stale",
        kwargs={"case_id": named_transition.case_id, "key": "housing", "number": current.number},
    )
    assert login(caseworker).post(url_not_stale).status_code == 404


def test_migration_resolves_only_the_stale_saves_already_merged(
    abandoned, named_transition, outpatient_therapist, residential_therapist
):
    migration = importlib.import_module("transitions.migrations.0004_plan_version_stale_resolved")
    section = abandoned.section
    # A second conflict on "Mål", settled by its author with a merged text.
    goals = named_transition.plan_sections.get(key="goals")
    services.plan_section_save(
        actor=residential_therapist, section=goals, text="Ædru.", based_on_version=0
    )
    with pytest.raises(services.PlanSectionConflict):
        services.plan_section_save(
            actor=outpatient_therapist, section=goals, text="Arbejde.", based_on_version=0
        )
    services.plan_section_save(
        actor=outpatient_therapist,
        section=goals,
        text="Ædru og arbejde.",
        based_on_version=1,
        is_merge=True,
    )
    PlanSectionVersion.objects.update(resolved_at=None, resolved_by=None)

    migration.resolve_stale_saves_already_merged(apps, None)

    merged = goals.versions.get(is_stale=True)
    assert merged.resolved_at is not None and merged.resolved_by == outpatient_therapist
    assert section.versions.get(is_stale=True).resolved_at is None  # still flagged
