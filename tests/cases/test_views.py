"""The case pages (issue 3): what a caseworker, an institution and a manager see and can do.

Named users come from tests/conftest.py: `caseworker` owns `case` (Team Nord), `manager` reads
Team Nord's cases, `other_team_caseworker` is an outsider.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format

from cases.models import AccessLog, Case, CaseEvent, Citizen, Consent
from tests import factories
from tests.clock import TODAY
from tests.paging import counted_summary, page_link

pytestmark = pytest.mark.usefixtures("clock")


def detail_url(case):
    return reverse("cases:detail", kwargs={"case_id": case.pk})


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- case list ---------------------------------------------------------------------------------


def test_case_list_shows_visible_cases_with_masked_cpr_and_coloured_guarantee(
    client, caseworker, case
):
    client.force_login(caseworker)
    response = client.get(reverse("cases:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert case.number in html
    assert "120385-XXXX" in html
    assert "120385-1234" not in html
    # Inquiry 5 days ago: 9 days left, a blue ("info") badge with the reason under it.
    assert "Løber: 9 dage tilbage" in html
    assert "badge-info" in html
    assert f"14 dage fra henvendelse {date_format(case.inquiry_date, 'DATE_FORMAT')}" in html


def test_search_is_posted_and_never_put_in_the_url(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(reverse("cases:list"), {"q": "120385-1234"})
    assert response.status_code == 302
    assert "120385" not in response.url
    assert "Hansen" not in response.url
    page = client.get(response.url)
    assert case.number in page.content.decode()


def test_search_by_name_finds_only_matching_cases(client, caseworker, case, team_nord):
    other = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        citizen=factories.CitizenFactory(first_name="Lars", last_name="Nielsen"),
    )
    client.force_login(caseworker)
    client.post(reverse("cases:list"), {"q": "Hansen"})
    html = client.get(reverse("cases:list")).content.decode()
    assert case.number in html
    assert other.number not in html


def test_search_does_not_find_cases_the_user_may_not_see(client, other_team_caseworker, case):
    client.force_login(other_team_caseworker)
    client.post(reverse("cases:list"), {"q": "120385-1234"})
    html = client.get(reverse("cases:list")).content.decode()
    assert case.number not in html
    assert "Hansen" not in html
    assert "Ingen sager matcher" in html


def test_clearing_the_search_shows_all_cases_again(client, caseworker, case, team_nord):
    other = factories.CaseFactory(team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    client.post(reverse("cases:list"), {"q": "Hansen"})
    client.post(reverse("cases:list"), {"q": "Hansen", "clear": "1"})
    html = client.get(reverse("cases:list")).content.decode()
    assert case.number in html and other.number in html


def test_filters_are_get_parameters_and_filter_in_the_list(client, caseworker, case, team_nord):
    closed = factories.CaseFactory(team=team_nord, caseworker=caseworker, status="closed")
    alcohol = factories.CaseFactory(team=team_nord, caseworker=caseworker, legal_basis="SUL141")
    client.force_login(caseworker)

    open_only = client.get(reverse("cases:list")).content.decode()
    assert closed.number not in open_only

    everything = client.get(reverse("cases:list"), {"status": "all"}).content.decode()
    assert closed.number in everything

    by_basis = client.get(reverse("cases:list"), {"legal_basis": "SUL141"}).content.decode()
    assert alcohol.number in by_basis
    assert case.number not in by_basis


def test_guarantee_filter_shows_breached_cases(client, caseworker, case, team_nord):
    late = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=20)
    )
    client.force_login(caseworker)
    html = client.get(reverse("cases:list"), {"guarantee": "breached"}).content.decode()
    assert late.number in html
    assert case.number not in html
    assert "Overskredet" in html
    assert "badge-danger" in html


def test_htmx_filter_request_gets_only_the_results(client, caseworker, case):
    client.force_login(caseworker)
    response = client.get(reverse("cases:list"), {"status": "all"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="case-results">')
    assert "<html" not in html
    assert case.number in html


def test_case_list_is_paginated_25_per_page(client, caseworker, team_nord):
    for _ in range(30):
        factories.CaseFactory(team=team_nord, caseworker=caseworker)
    client.force_login(caseworker)
    first = client.get(reverse("cases:list"))
    assert len(first.context["page_obj"].object_list) == 25
    assert "Viser <strong>1\u201325</strong> af <strong>30</strong> sager" in counted_summary(
        client, first.content.decode()
    )
    assert page_link(first.content.decode(), "prev") is None
    second = client.get(page_link(first.content.decode(), "next"))
    assert len(second.context["page_obj"].object_list) == 5
    assert page_link(second.content.decode(), "next") is None
    back = client.get(page_link(second.content.decode(), "prev"))
    assert back.context["page_obj"].object_list == first.context["page_obj"].object_list


# --- citizens and new cases ------------------------------------------------------------------


def citizen_data(**overrides):
    data = {
        "first_name": "Jonas",
        "last_name": "Berg",
        "cpr": "0101901234",
        "address": "Nørregade 1",
        "postal_code": "8000",
        "city": "Aarhus C",
        "phone": "12345678",
        "email": "",
    }
    data.update(overrides)
    return data


def test_caseworker_creates_a_citizen_and_continues_to_the_new_case(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("cases:citizen_create"), citizen_data())
    citizen = Citizen.objects.get(last_name="Berg")
    assert response.status_code == 302
    assert response.url == reverse("cases:case_create", kwargs={"citizen_id": citizen.pk})
    assert citizen.cpr == "010190-1234"
    # The creator may open the case although no case of the citizen is visible yet.
    assert client.get(response.url).status_code == 200


def test_invalid_cpr_gives_a_danish_error_and_keeps_the_input(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("cases:citizen_create"), citizen_data(cpr="3213901234"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ugyldigt CPR-nummer" in html
    assert 'value="Nørregade 1"' in html
    assert not Citizen.objects.filter(last_name="Berg").exists()


def test_duplicate_cpr_offers_a_new_case_for_the_registered_citizen(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(reverse("cases:citizen_create"), citizen_data(cpr="120385-1234"))
    html = response.content.decode()
    assert "Der findes allerede en borger med dette CPR-nummer" in html
    assert reverse("cases:case_create", kwargs={"citizen_id": case.citizen_id}) in html


def test_anonymous_citizen_has_an_alias_and_no_cpr(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:citizen_create"),
        citizen_data(first_name="", last_name="", cpr="", is_anonymous="on", alias="Kim A."),
    )
    assert response.status_code == 302
    citizen = Citizen.objects.get(alias="Kim A.")
    assert citizen.is_anonymous and citizen.cpr is None


def test_anonymous_citizen_with_cpr_is_refused(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:citizen_create"),
        citizen_data(is_anonymous="on", alias="Kim A."),
    )
    assert "En anonym borger registreres uden CPR-nummer" in response.content.decode()


def test_new_case_form_defaults_to_the_users_team_and_the_user_as_caseworker(
    client, caseworker, team_nord
):
    citizen = factories.CitizenFactory()
    client.force_login(caseworker)
    session = client.session
    session["cases_case_create_citizens"] = [citizen.pk]
    session.save()
    form = client.get(reverse("cases:case_create", kwargs={"citizen_id": citizen.pk})).context[
        "form"
    ]
    assert form.initial["team"] == team_nord.pk
    assert form.initial["caseworker"] == caseworker.pk
    assert form.initial["inquiry_date"] == TODAY


def new_case_data(team, caseworker, **overrides):
    data = {
        "legal_basis": "SEL101",
        "inquiry_date": (TODAY - timedelta(days=1)).isoformat(),
        "substances": ["cannabis", "cocaine"],
        "team": team.pk,
        "caseworker": caseworker.pk,
        "inquiry_note": "Ringede selv.",
    }
    data.update(overrides)
    return data


def test_caseworker_opens_a_case_and_lands_on_the_case_page(client, caseworker, team_nord):
    client.force_login(caseworker)
    client.post(reverse("cases:citizen_create"), citizen_data())
    citizen = Citizen.objects.get(last_name="Berg")
    response = client.post(
        reverse("cases:case_create", kwargs={"citizen_id": citizen.pk}),
        new_case_data(team_nord, caseworker),
    )
    case = Case.objects.get(citizen=citizen)
    assert response.url == detail_url(case)
    assert case.substances == ["cannabis", "cocaine"]
    assert case.guarantee_deadline == TODAY + timedelta(days=13)


def test_inquiry_date_in_the_future_is_a_form_error(client, caseworker, case, team_nord):
    client.force_login(caseworker)
    citizen = case.citizen
    response = client.post(
        reverse("cases:case_create", kwargs={"citizen_id": citizen.pk}),
        new_case_data(team_nord, caseworker, inquiry_date=(TODAY + timedelta(days=1)).isoformat()),
    )
    assert "Henvendelsesdatoen kan ikke ligge i fremtiden" in response.content.decode()


def test_second_open_case_for_a_citizen_is_refused(client, caseworker, case, team_nord):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:case_create", kwargs={"citizen_id": case.citizen_id}),
        new_case_data(team_nord, caseworker),
    )
    assert response.status_code == 200
    assert f"Borgeren har allerede en åben sag ({case.number})" in response.content.decode()
    assert Case.objects.filter(citizen=case.citizen).count() == 1


def test_anonymous_citizen_gets_a_sel101a_case_without_guarantee(client, caseworker, team_nord):
    client.force_login(caseworker)
    client.post(
        reverse("cases:citizen_create"),
        citizen_data(first_name="", last_name="", cpr="", is_anonymous="on", alias="Kim A."),
    )
    citizen = Citizen.objects.get(alias="Kim A.")
    response = client.post(
        reverse("cases:case_create", kwargs={"citizen_id": citizen.pk}),
        new_case_data(team_nord, caseworker, legal_basis="SEL101A"),
    )
    case = Case.objects.get(citizen=citizen)
    assert case.guarantee_deadline is None
    page = client.get(response.url).content.decode()
    assert "Ikke omfattet: anonym behandling (SEL § 101 a)" in page
    assert "Kim A." in page


def test_citizen_page_shows_full_cpr_and_all_visible_cases(client, caseworker, case, team_nord):
    old = factories.CaseFactory(
        citizen=case.citizen,
        team=team_nord,
        caseworker=caseworker,
        status="closed",
        inquiry_date=TODAY - timedelta(days=400),
    )
    client.force_login(caseworker)
    html = client.get(
        reverse("cases:citizen_detail", kwargs={"citizen_id": case.citizen_id})
    ).content.decode()
    assert "120385-1234" in html
    assert case.number in html and old.number in html


def test_citizen_page_leaves_out_cases_the_user_may_not_see(
    client, caseworker, case, team_syd, other_team_caseworker
):
    hidden = factories.CaseFactory(
        citizen=case.citizen,
        team=team_syd,
        caseworker=other_team_caseworker,
        status="closed",
        inquiry_date=TODAY - timedelta(days=400),
    )
    client.force_login(caseworker)
    html = client.get(
        reverse("cases:citizen_detail", kwargs={"citizen_id": case.citizen_id})
    ).content.decode()
    assert hidden.number not in html


def test_citizen_contact_data_is_edited_on_the_citizen_page(client, caseworker, case):
    client.force_login(caseworker)
    url = reverse("cases:citizen_detail", kwargs={"citizen_id": case.citizen_id})
    response = client.post(
        url,
        citizen_data(first_name="Mette", last_name="Hansen", cpr="120385-1234", phone="87654321"),
    )
    assert response.status_code == 302
    case.citizen.refresh_from_db()
    assert case.citizen.phone == "87654321"


def test_manager_may_read_but_not_edit_the_citizen(client, manager, case):
    client.force_login(manager)
    url = reverse("cases:citizen_detail", kwargs={"citizen_id": case.citizen_id})
    assert client.get(url).status_code == 200
    assert client.post(url, citizen_data()).status_code == 403


# --- the case page -----------------------------------------------------------------------------


def test_case_page_shows_header_guarantee_and_masked_cpr(client, caseworker, case):
    client.force_login(caseworker)
    html = client.get(detail_url(case)).content.decode()
    assert case.number in html
    assert "Mette Hansen" in html
    assert "120385-XXXX" in html and "120385-1234" not in html
    assert "Henvendelse" in html  # status
    assert "Team Nord" in html and "Karin Sagsbehandler" in html
    assert "9 dage tilbage" in html
    assert "guarantee-panel guarantee-info" in html


def test_every_get_of_a_case_page_writes_the_access_log(client, caseworker, case):
    client.force_login(caseworker)
    before = AccessLog.objects.count()
    for _ in range(2):
        client.get(detail_url(case))
    entries = AccessLog.objects.order_by("-pk")[:2]
    assert AccessLog.objects.count() == before + 2
    assert all(e.case_id_logged == case.pk and e.user_id == caseworker.pk for e in entries)
    assert all(e.action == AccessLog.Action.VIEW for e in entries)


def test_case_page_warns_about_a_late_decision(client, caseworker, team_nord):
    case = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        inquiry_date=TODAY - timedelta(days=20),
        decision_date=TODAY - timedelta(days=1),
        decision_text="Bevilget",
        decision_result="granted",
    )
    client.force_login(caseworker)
    html = client.get(detail_url(case)).content.decode()
    assert "efter fristen" in html
    assert "BEK 1477/2019 § 1" in html


def test_case_page_warns_about_missing_doctor_consultation_and_treatment_plan(
    client, caseworker, team_nord, outpatient_offer
):
    case = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SUL142",
        status="in_treatment",
        inquiry_date=TODAY - timedelta(days=10),
        treatment_started_on=TODAY - timedelta(days=2),
    )
    factories.EpisodeFactory(
        case=case, offer=outpatient_offer, actual_start=TODAY - timedelta(days=2)
    )
    client.force_login(caseworker)
    html = client.get(detail_url(case)).content.decode()
    assert "Lægesamtale mangler" in html
    assert "Behandlingsplan mangler" in html


def test_case_page_shows_the_lifecycle_buttons_of_the_table(client, caseworker, manager, case):
    client.force_login(caseworker)
    html = client.get(detail_url(case)).content.decode()
    assert 'value="start_assessment"' in html
    assert 'value="close"' in html
    assert 'value="refer"' not in html  # not from "Henvendelse"
    client.force_login(manager)
    assert 'name="action"' not in client.get(detail_url(case)).content.decode()


def test_lifecycle_button_moves_the_case(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:move", kwargs={"case_id": case.pk}), {"action": "start_assessment"}
    )
    case.refresh_from_db()
    assert response.url == detail_url(case)
    assert case.status == "assessment"
    assert "Sagen har nu status Udredning" in " ".join(messages_of(response))


def test_the_case_page_posts_moves_to_the_move_url(client, caseworker, case):
    # One word, one meaning: a lifecycle change is a move; "transition" is only the handover.
    url = reverse("cases:move", kwargs={"case_id": case.pk})
    assert url == f"/sager/{case.pk}/skift/"
    client.force_login(caseworker)
    assert f'action="{url}"' in client.get(detail_url(case)).content.decode()


def test_the_old_transition_url_name_no_longer_resolves(case):
    with pytest.raises(NoReverseMatch):
        reverse("cases:transition", kwargs={"case_id": case.pk})


def test_refused_move_gives_a_danish_message_and_changes_nothing(client, caseworker, case):
    case.status = "assessment"
    case.save()
    client.force_login(caseworker)
    events = CaseEvent.objects.filter(case=case).count()
    response = client.post(reverse("cases:move", kwargs={"case_id": case.pk}), {"action": "refer"})
    case.refresh_from_db()
    assert case.status == "assessment"
    assert CaseEvent.objects.filter(case=case).count() == events
    assert any("Registrér afgørelsen" in m for m in messages_of(response))


def test_move_not_in_the_table_is_refused_with_a_message(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:move", kwargs={"case_id": case.pk}), {"action": "start_aftercare"}
    )
    case.refresh_from_db()
    assert case.status == "inquiry"
    assert any("kan ikke gå fra Henvendelse" in m for m in messages_of(response))


def test_manager_posting_a_move_gets_403(client, manager, case):
    client.force_login(manager)
    response = client.post(
        reverse("cases:move", kwargs={"case_id": case.pk}), {"action": "start_assessment"}
    )
    assert response.status_code == 403


def assessment_data(case, **overrides):
    data = {
        "version": case.version,
        "substance_use": "Dagligt hashforbrug.",
        "social": "Bor alene, lidt netværk.",
        "health": "Søvnproblemer.",
        "work": "Sygemeldt.",
        "housing": "Lejebolig.",
        "other": "",
        "completed_on": "",
        "doctor_consultation_on": "",
    }
    data.update(overrides)
    return data


def test_assessment_is_saved(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:assessment", kwargs={"case_id": case.pk}), assessment_data(case)
    )
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.assessment_substance_use == "Dagligt hashforbrug."
    assert case.version == 2


def test_stale_assessment_keeps_the_input_and_says_someone_else_changed_the_case(
    client, caseworker, case
):
    client.force_login(caseworker)
    stale = assessment_data(case, substance_use="Min egen tekst, som ikke må gå tabt.")
    # Somebody else saves first.
    client.post(
        reverse("cases:assessment", kwargs={"case_id": case.pk}),
        assessment_data(case, substance_use="Kollegaens tekst."),
    )
    response = client.post(reverse("cases:assessment", kwargs={"case_id": case.pk}), stale)
    html = response.content.decode()
    case.refresh_from_db()
    assert response.status_code == 200
    assert "Sagen er ændret af en anden" in html
    assert "Min egen tekst, som ikke må gå tabt." in html
    assert "Kollegaens tekst." in html  # shown for comparison
    assert case.assessment_substance_use == "Kollegaens tekst."
    # The form now carries the current version: saving again goes through.
    assert response.context["form"].data["version"] == str(case.version)
    again = client.post(
        reverse("cases:assessment", kwargs={"case_id": case.pk}), response.context["form"].data
    )
    case.refresh_from_db()
    assert again.status_code == 302
    assert case.assessment_substance_use == "Min egen tekst, som ikke må gå tabt."


def test_manager_posting_an_assessment_gets_403(client, manager, case):
    client.force_login(manager)
    url = reverse("cases:assessment", kwargs={"case_id": case.pk})
    assert client.post(url, assessment_data(case)).status_code == 403
    case.refresh_from_db()
    assert case.assessment_substance_use == ""


def decision_data(case, **overrides):
    data = {
        "version": case.version,
        "decision_date": TODAY.isoformat(),
        "decision_result": "granted",
        "decision_text": "Bevilget ambulant behandling efter SEL § 101.",
        "decision_complaint_guidance": "on",
    }
    data.update(overrides)
    return data


def test_decision_is_saved_and_lets_the_case_be_referred(client, caseworker, case):
    case.status = "assessment"
    case.save()
    client.force_login(caseworker)
    client.post(reverse("cases:decision", kwargs={"case_id": case.pk}), decision_data(case))
    response = client.post(reverse("cases:move", kwargs={"case_id": case.pk}), {"action": "refer"})
    case.refresh_from_db()
    assert case.decision_result == "granted"
    assert case.status == "referred", messages_of(response)


def test_decision_before_the_inquiry_is_a_form_error(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:decision", kwargs={"case_id": case.pk}),
        decision_data(case, decision_date=(case.inquiry_date - timedelta(days=1)).isoformat()),
    )
    assert "Afgørelsesdatoen kan ikke ligge før henvendelsesdatoen" in response.content.decode()


def test_refusal_without_complaint_guidance_is_refused(client, caseworker, case):
    client.force_login(caseworker)
    data = decision_data(case, decision_result="refused")
    del data["decision_complaint_guidance"]
    response = client.post(reverse("cases:decision", kwargs={"case_id": case.pk}), data)
    assert "klagevejledning" in response.content.decode()
    case.refresh_from_db()
    assert case.decision_date is None


# --- consents ----------------------------------------------------------------------------------


def consent_data(**overrides):
    data = {
        "party_kind": "employer",
        "party_name": "Vestas A/S",
        "information_kinds": ["meetings", "plan"],
        "purpose": "Tilbagevenden til arbejdet",
        "form": "written",
        "valid_from": TODAY.isoformat(),
        "valid_to": (TODAY + timedelta(days=180)).isoformat(),
    }
    data.update(overrides)
    return data


def test_consent_is_registered_and_listed(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:consent_create", kwargs={"case_id": case.pk}), consent_data()
    )
    assert response.status_code == 302
    html = client.get(detail_url(case)).content.decode()
    assert "Vestas A/S" in html
    assert "Statusmøder, Overgangsplan" in html
    assert "Gyldigt" in html


def test_employer_consent_must_be_written(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:consent_create", kwargs={"case_id": case.pk}), consent_data(form="oral")
    )
    assert "skriftligt samtykke" in response.content.decode()
    assert not Consent.objects.exists()


def test_consent_is_withdrawn_with_a_reason(client, caseworker, case):
    consent = factories.ConsentFactory(case=case, recorded_by=caseworker)
    client.force_login(caseworker)
    url = reverse("cases:consent_withdraw", kwargs={"case_id": case.pk, "pk": consent.pk})
    response = client.post(url, {"withdrawn_on": TODAY.isoformat(), "reason": "Ringede."})
    consent.refresh_from_db()
    assert response.status_code == 302
    assert consent.withdrawn_on == TODAY
    assert "Trukket tilbage" in client.get(detail_url(case)).content.decode()


def test_consent_of_another_case_is_404(client, caseworker, case, team_nord):
    other = factories.CaseFactory(team=team_nord, caseworker=caseworker)
    consent = factories.ConsentFactory(case=other, recorded_by=caseworker)
    client.force_login(caseworker)
    url = reverse("cases:consent_withdraw", kwargs={"case_id": case.pk, "pk": consent.pk})
    assert client.get(url).status_code == 404


# --- reassign ----------------------------------------------------------------------------------


def test_manager_reassigns_and_the_old_caseworker_loses_access(
    client, manager, caseworker, case, team_nord
):
    colleague = factories.UserFactory(username="kollega", unit=team_nord, role=caseworker.role)
    client.force_login(manager)
    response = client.post(
        reverse("cases:reassign", kwargs={"case_id": case.pk}), {"caseworker": colleague.pk}
    )
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.caseworker == colleague
    client.force_login(caseworker)
    # Karin is still in Team Nord, whose group holds the case; a colleague in another team
    # is the real test of "access follows the owner" (see the permission matrix).
    assert client.get(detail_url(case)).status_code == 200


def test_reassigning_to_another_team_removes_the_old_caseworkers_access(
    client, manager, caseworker, case, team_syd, other_team_caseworker
):
    client.force_login(manager)
    client.post(
        reverse("cases:reassign", kwargs={"case_id": case.pk}),
        {"caseworker": other_team_caseworker.pk, "team": team_syd.pk, "reason": "Flytter"},
    )
    client.force_login(caseworker)
    assert client.get(detail_url(case)).status_code == 404
    client.force_login(other_team_caseworker)
    assert client.get(detail_url(case)).status_code == 200


def test_reassign_to_a_caseworker_of_another_team_without_moving_the_team_is_an_error(
    client, manager, case, other_team_caseworker
):
    client.force_login(manager)
    response = client.post(
        reverse("cases:reassign", kwargs={"case_id": case.pk}),
        {"caseworker": other_team_caseworker.pk},
    )
    assert response.status_code == 200
    assert "Sagsbehandleren skal være sagsbehandler i Team Nord" in response.content.decode()


# --- break the glass ---------------------------------------------------------------------------


def test_break_the_glass_opens_the_case_after_a_reason(client, other_team_caseworker, case):
    client.force_login(other_team_caseworker)
    assert client.get(detail_url(case)).status_code == 404
    response = client.post(
        reverse("cases:break_glass"),
        {
            "case_number": case.number,
            "reason_code": "police",
            "reason": "Politiet ringer om akut situation",
        },
    )
    assert response.status_code == 302
    assert response.url == detail_url(case)
    page = client.get(detail_url(case))
    assert page.status_code == 200
    assert "nødadgang" in page.content.decode()
    assert AccessLog.objects.filter(case_id_logged=case.pk, break_glass=True).exists()


def test_break_the_glass_needs_a_real_reason_and_gives_no_hint_before(
    client, other_team_caseworker, case
):
    client.force_login(other_team_caseworker)
    response = client.post(
        reverse("cases:break_glass"),
        {"case_number": case.number, "reason_code": "police", "reason": "kort"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "mindst 10 tegn" in html
    assert "Ingen sag fundet" not in html
    assert client.get(detail_url(case)).status_code == 404


def test_break_the_glass_with_an_unknown_number_is_logged_before_the_answer(
    client, other_team_caseworker
):
    client.force_login(other_team_caseworker)
    response = client.post(
        reverse("cases:break_glass"),
        {
            "case_number": "2026-99999",
            "reason_code": "police",
            "reason": "Politiet ringer om akut situation",
        },
    )
    assert "Ingen sag fundet" in response.content.decode()
    entry = AccessLog.objects.get(object_type="break_glass_attempt")
    assert entry.user_id == other_team_caseworker.pk
    assert (entry.purpose, entry.note) == ("break_glass", "Politiet ringer om akut situation")


def test_therapists_cannot_break_the_glass(client, residential_therapist):
    client.force_login(residential_therapist)
    assert client.get(reverse("cases:break_glass")).status_code == 403


# --- timeline ----------------------------------------------------------------------------------


def test_timeline_lists_events_in_time_order(client, caseworker, case):
    client.force_login(caseworker)
    client.post(reverse("cases:move", kwargs={"case_id": case.pk}), {"action": "start_assessment"})
    case.refresh_from_db()
    client.post(reverse("cases:assessment", kwargs={"case_id": case.pk}), assessment_data(case))
    html = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert html.index("Status ændret") < html.index("Afdækning opdateret")
    assert "Karin Sagsbehandler" in html


# --- episodes ----------------------------------------------------------------------------------


def test_referral_offers_only_offers_for_the_legal_basis_with_waiting_time(
    client, caseworker, case, outpatient_offer, ambulant_provider
):
    outpatient_offer.waiting_time_days = 12
    outpatient_offer.save()
    alcohol_only = factories.OfferFactory(
        provider=ambulant_provider, name="Alkoholbehandling", legal_bases=["SUL141"]
    )
    client.force_login(caseworker)
    html = client.get(
        reverse("treatment_options:episode_refer", kwargs={"case_id": case.pk})
    ).content.decode()
    assert "Ambulant efterbehandling" in html
    assert "ventetid 12 dage" in html
    assert alcohol_only.name not in html


def test_institution_records_the_start_and_the_guarantee_is_met(
    client, caseworker, outpatient_therapist, case, outpatient_offer
):
    case.requests.update(decision_on=case.inquiry_date, decision_text="Bevilget.")
    client.force_login(caseworker)
    client.post(
        reverse("treatment_options:episode_refer", kwargs={"case_id": case.pk}),
        {"offer": outpatient_offer.pk, "referral_date": TODAY.isoformat()},
    )
    episode = case.episodes.get()
    client.force_login(outpatient_therapist)
    response = client.post(
        reverse("treatment_options:episode_start", kwargs={"case_id": case.pk, "pk": episode.pk}),
        {"actual_start": TODAY.isoformat()},
    )
    assert response.status_code == 302
    html = client.get(detail_url(case)).content.decode()
    assert "Overholdt" in html
    assert "guarantee-panel guarantee-success" in html


def test_start_before_the_inquiry_is_a_form_error(client, caseworker, case, outpatient_offer):
    episode = factories.EpisodeFactory(case=case, offer=outpatient_offer)
    client.force_login(caseworker)
    response = client.post(
        reverse("treatment_options:episode_start", kwargs={"case_id": case.pk, "pk": episode.pk}),
        {"actual_start": (case.inquiry_date - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 200
    assert "Behandlingsstart kan ikke ligge før henvendelsesdatoen" in response.content.decode()


def test_free_choice_referral_waives_the_guarantee(client, caseworker, case, outpatient_offer):
    client.force_login(caseworker)
    url = reverse("treatment_options:episode_refer", kwargs={"case_id": case.pk})
    client.post(url, {"offer": outpatient_offer.pk, "referral_date": TODAY.isoformat()})
    other = factories.OfferFactory(treatment_type=outpatient_offer.treatment_type)
    client.post(url, {"offer": other.pk, "referral_date": TODAY.isoformat(), "free_choice": "on"})
    html = client.get(detail_url(case)).content.decode()
    assert "Fraveget: borgeren har valgt et andet tilbud" in html


def test_free_choice_of_another_treatment_type_is_a_danish_form_error(
    client, caseworker, case, outpatient_offer, residential_offer
):
    client.force_login(caseworker)
    url = reverse("treatment_options:episode_refer", kwargs={"case_id": case.pk})
    client.post(url, {"offer": outpatient_offer.pk, "referral_date": TODAY.isoformat()})
    response = client.post(
        url,
        {"offer": residential_offer.pk, "referral_date": TODAY.isoformat(), "free_choice": "on"},
    )
    assert response.status_code == 200
    assert "tilbud af tilsvarende karakter" in response.content.decode()
    assert case.episodes.count() == 1


def test_start_without_a_decision_is_a_danish_form_error(
    client, outpatient_therapist, case, outpatient_offer
):
    episode = factories.EpisodeFactory(case=case, offer=outpatient_offer, referral_date=TODAY)
    client.force_login(outpatient_therapist)
    response = client.post(
        reverse("treatment_options:episode_start", kwargs={"case_id": case.pk, "pk": episode.pk}),
        {"actual_start": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert "før der er truffet afgørelse" in response.content.decode()
    episode.refresh_from_db()
    assert episode.actual_start is None


def test_ending_the_episode_ends_the_institutions_access(
    client, outpatient_therapist, case, outpatient_offer
):
    episode = factories.EpisodeFactory(
        case=case,
        offer=outpatient_offer,
        actual_start=TODAY - timedelta(days=1),
        treatment_plan_on=TODAY,
    )
    client.force_login(outpatient_therapist)
    assert client.get(detail_url(case)).status_code == 200
    response = client.post(
        reverse("treatment_options:episode_end", kwargs={"case_id": case.pk, "pk": episode.pk}),
        {"actual_end": TODAY.isoformat(), "end_reason": "completed"},
    )
    assert response.url == reverse("core:home")
    assert client.get(detail_url(case)).status_code == 404


def test_offer_catalogue_lists_providers_offers_and_waiting_times(
    client, manager, outpatient_offer
):
    outpatient_offer.waiting_time_days = 5
    outpatient_offer.save()
    client.force_login(manager)
    html = client.get(reverse("treatment_options:offer_list")).content.decode()
    assert "Rusmiddelcenter Ambulant" in html
    assert "Ambulant efterbehandling" in html
    assert "5 dage" in html


# --- start page --------------------------------------------------------------------------------


def test_start_page_lists_my_cases_most_urgent_first_with_deadlines(
    client, caseworker, case, team_nord
):
    urgent = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=13)
    )
    client.force_login(caseworker)
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert [c.pk for c in response.context["my_cases"]][:2] == [urgent.pk, case.pk]
    assert "Løber: 1 dag tilbage" in html
    assert "Frister de næste 14 dage" in html
    assert [c.pk for c in response.context["deadlines"]] == [urgent.pk, case.pk]


def test_therapist_start_page_shows_cases_with_an_episode_at_their_unit(
    client, residential_therapist, residential_case, team_nord, caseworker
):
    factories.CaseFactory(team=team_nord, caseworker=caseworker)
    client.force_login(residential_therapist)
    response = client.get(reverse("core:home"))
    assert [c.pk for c in response.context["my_cases"]] == [residential_case.pk]
    assert "Borgere i forløb" in response.content.decode()


def test_manager_start_page_shows_the_units_open_cases(
    client, manager, case, team_nord, caseworker
):
    late = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=TODAY - timedelta(days=20)
    )
    client.force_login(manager)
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert response.context["team_figures"]["open"] == 2
    assert response.context["team_figures"]["breached"] == 1
    assert [c.pk for c in response.context["team_cases"]] == [late.pk, case.pk]
    assert "Enhedens åbne sager" in html
    assert "Sager pr. sagsbehandler" in html
