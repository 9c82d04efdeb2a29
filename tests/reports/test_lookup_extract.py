"""The citizen's look-up extract (DESIGN §10): when, by which unit and for what purpose the
citizen's data was looked up, never by whom; PDF and CSV; making it is logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cases.access import temporary_access_grant
from cases.models import AccessLog, TemporaryCaseAccess
from tests import factories
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def extract_url(citizen):
    return reverse("reports:lookup_extract", kwargs={"citizen_id": citizen.pk})


def period(**extra):
    today = timezone.localdate()
    return {"fra": str(today - timedelta(days=7)), "til": str(today), **extra}


@pytest.fixture
def looked_up(
    client, residential_case, caseworker, manager, residential_therapist, other_team_caseworker
):
    """`residential_case` read by its caseworker, the team's manager, the residential therapist
    (page and API) and, through break the glass, a caseworker of another team."""
    case = residential_case
    url = reverse("cases:detail", kwargs={"case_id": case.pk})
    for user in (caseworker, manager, residential_therapist):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(residential_therapist)
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    temporary_access_grant(
        case=case,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=timezone.now() + timedelta(hours=4),
        user=other_team_caseworker,
        reason="Opkald fra politiet om borgeren",
    )
    client.force_login(other_team_caseworker)
    assert client.get(url).status_code == 200
    client.logout()
    return case


def user_names():
    names = set()
    for user in get_user_model().objects.all():
        names.update({user.username, user.get_full_name(), user.first_name, user.last_name})
    return {name for name in names if name}


def test_the_pdf_lists_every_read_with_date_unit_and_purpose_and_no_users_name(
    client, looked_up, caseworker
):
    client.force_login(caseworker)
    response = client.get(extract_url(looked_up.citizen), period(format="pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert looked_up.citizen.last_name not in response["Content-Disposition"]
    text = pdf_text(response.content)
    # Text extraction may split a word ("Sydgård en") or hyphenate it: search without spaces
    # and hyphens, so that no name can hide that way.
    squeezed = text.replace(" ", "").replace("\u2010", "")

    reads = AccessLog.objects.filter(case_id_logged=looked_up.pk).count()
    assert reads == 5
    # Every read: its unit and its purpose, and the extract's own making.
    rows = text.split("Dato Klokken Enhed Formål Handling Sag ", 1)[1]
    when = timezone.localtime().strftime("%d.%m.%Y %H:%M")
    assert rows.count(when) == reads + 1
    for unit, purpose in [
        ("TeamNord", "Sagsbehandling"),
        ("TeamNord", "Ledelsestilsyn"),
        ("Sydgården", "BehandlingVisning"),
        ("Sydgården", "BehandlingAPI"),
        ("TeamSyd", "Nødadgang"),
        ("TeamNord", "Borgerensegenanmodning"),
    ]:
        assert unit + purpose in squeezed
    assert f"Antal opslag {reads + 1}" in text
    for name in user_names():
        assert name.replace(" ", "") not in squeezed, name


def test_the_csv_has_the_same_rows_and_no_users_name(client, looked_up, manager):
    client.force_login(manager)
    response = client.get(extract_url(looked_up.citizen), period(format="csv"))
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    lines = content.strip().split("\r\n")
    assert lines[0] == "Dato;Klokken;Enhed;Formål;Handling;Sag"
    assert len(lines) == 1 + 5 + 1
    assert sum("Nødadgang" in line for line in lines) == 1
    assert timezone.localdate().strftime("%d-%m-%Y") in lines[1]
    for name in user_names():
        assert name not in content, name


def test_a_unit_name_that_looks_like_a_formula_is_defused(client, case, caseworker):
    evil = factories.UnitFactory(name="=HYPERLINK(1)")
    caseworker.unit = evil  # the reader's unit is recorded on the entry
    caseworker.save()
    factories.AccessLogFactory(user=caseworker, case=case)
    caseworker.unit = case.team
    caseworker.save()
    client.force_login(caseworker)
    content = client.get(extract_url(case.citizen), period(format="csv")).content.decode()
    assert ";'=HYPERLINK(1);" in content


def test_making_the_extract_is_logged_for_the_citizens_own_request(client, case, caseworker):
    client.force_login(caseworker)
    client.get(extract_url(case.citizen), period(format="pdf"))
    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.object_id, entry.purpose, entry.action) == (
        "citizen_lookup_extract",
        str(case.citizen.pk),
        "citizen_request",
        "export",
    )


def test_the_page_shows_the_form_and_logs_nothing(client, case, caseworker):
    client.force_login(caseworker)
    response = client.get(extract_url(case.citizen))
    assert response.status_code == 200
    assert "Udskrift af opslag til borgeren" in response.content.decode()
    assert case.citizen.last_name not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_a_period_ending_before_it_starts_is_a_danish_form_error(client, case, caseworker):
    client.force_login(caseworker)
    today = timezone.localdate()
    response = client.get(
        extract_url(case.citizen),
        {"fra": str(today), "til": str(today - timedelta(days=3)), "format": "pdf"},
    )
    assert response.status_code == 400
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [
        ("caseworker", 200),
        ("manager", 200),
        ("other_team_caseworker", 404),
        ("other_unit_manager", 404),
        ("residential_therapist", 403),
        ("admin_user", 403),
    ],
)
def test_who_may_print_the_extract(request, client, case, user_fixture, status):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(extract_url(case.citizen), period(format="csv")).status_code == status


def test_the_extract_costs_the_same_queries_for_few_and_many_reads(
    client, case, caseworker, manager, django_assert_max_num_queries
):
    # The user (session and groups from the cache, issue 17), the citizen's access, the entry of
    # the extract itself (head lock, then the entry and the head in one statement), the
    # citizen's cases, the entries, their units. 22 before the frame came from the cache.
    client.force_login(caseworker)
    client.get(extract_url(case.citizen))  # warm the session
    with django_assert_max_num_queries(12) as few:
        client.get(extract_url(case.citizen), period(format="csv"))
    for _ in range(30):
        factories.AccessLogFactory(user=manager, case=case, purpose="oversight")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(extract_url(case.citizen), period(format="csv"))


# --- the API ----------------------------------------------------------------------------------


def test_the_api_gives_the_lookups_without_users(looked_up, client, caseworker):
    from rest_framework.test import APIClient  # late import: the API client, here only

    api = APIClient()
    api.force_login(caseworker)
    today = timezone.localdate()
    url = f"/api/v1/citizens/{looked_up.citizen.pk}/lookups/"
    response = api.get(url, {"start": str(today - timedelta(days=1)), "end": str(today)})
    assert response.status_code == 200
    body = response.json()
    assert len(body["lookups"]) == 6
    assert set(body["lookups"][0]) == {
        "at",
        "unit",
        "purpose",
        "purpose_label",
        "action",
        "case_number",
    }
    assert [row["purpose"] for row in body["lookups"]][-1] == "citizen_request"
    for name in user_names():
        assert name not in response.content.decode(), name

    assert api.get(url, {"start": str(today)}).status_code == 400
    assert api.get(url, {"start": str(today), "end": "igår"}).status_code == 400


def test_the_api_extract_is_404_without_access(case, other_team_caseworker):
    from rest_framework.test import APIClient  # late import: the API client, here only

    api = APIClient()
    api.force_login(other_team_caseworker)
    today = str(timezone.localdate())
    response = api.get(
        f"/api/v1/citizens/{case.citizen.pk}/lookups/", {"start": today, "end": today}
    )
    assert response.status_code == 404
    assert not AccessLog.objects.exists()
