"""Access to the file (issue 14, acceptance 2 and 6): the export holds every record of the
citizen, the review blocks the release until every flagged field is decided, a redaction shows
in both outputs, the release is a disclosure and an access-log entry."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog, CaseEvent, Disclosure, DisclosureBasis
from rights.file_export import (
    REDACTED,
    SECTIONS,
    FieldKey,
    citizen_file_collect,
    file_export_review,
)
from rights.models import FileExport
from tests import factories as f
from tests.reports.conftest import pdf_text
from tests.rights.file_export_data import citizen_with_every_record, place_markers

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(team_nord, caseworker):
    return citizen_with_every_record(team=team_nord, caseworker=caseworker)


def start(client, citizen):
    response = client.post(reverse("rights:file_export_start", kwargs={"citizen_id": citizen.pk}))
    assert response.status_code == 302
    return FileExport.objects.get(citizen=citizen, status="review")


def review_url(export):
    return reverse("rights:file_export_review", kwargs={"export_id": export.pk})


def release_url(export):
    return reverse("rights:file_export_release", kwargs={"export_id": export.pk})


def download_url(export, file_format):
    kwargs = {"export_id": export.pk, "file_format": file_format}
    return reverse("rights:file_export_download", kwargs=kwargs)


def field_name(key: FieldKey) -> str:
    return f"felt:{key.label}:{key.record_id}:{key.field}"


def decide_all(client, export, *, redact: frozenset[FieldKey] | set[FieldKey] = frozenset()):
    data = {
        field_name(item.value.key): "redacted" if item.value.key in redact else "approved"
        for item in file_export_review(export)
    }
    assert client.post(review_url(export), data).status_code == 302


def released_outputs(client, export):
    assert client.post(release_url(export)).status_code == 302
    pdf = client.get(download_url(export, "pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    data = client.get(download_url(export, "json"))
    assert data.status_code == 200
    return pdf_text(pdf.content), json.loads(data.content)


def json_value(data, label, record_id, field):
    for section in data["sections"]:
        if section["model"] == label:
            for record in section["records"]:
                if record["id"] == record_id:
                    return record["fields"][field]
    raise AssertionError(f"{label} {record_id} not in the JSON")


def test_a_marker_in_every_text_field_of_every_record_is_in_the_pdf_and_the_json(
    client, caseworker, citizen, team_nord
):
    other = citizen_with_every_record(team=team_nord, caseworker=caseworker)
    markers = place_markers(citizen)
    other_case = other.cases.get()
    other_case.decision_text = "ANDEN-BORGER"
    other_case.save(update_fields=["decision_text"])
    client.force_login(caseworker)
    export = start(client, citizen)
    decide_all(client, export)

    text, data = released_outputs(client, export)

    squeezed = text.replace(" ", "")
    missing_pdf = [m for m in markers if m.text not in squeezed]
    assert not missing_pdf
    missing_json = [m for m in markers if json_value(data, m.label, m.record_id, m.field) != m.text]
    assert not missing_json
    # Only this citizen's records.
    assert "ANDEN-BORGER" not in text
    assert "ANDEN-BORGER" not in json.dumps(data)
    assert data["format"] == "overgang.aktindsigt"
    assert data["citizen_id"] == citizen.pk


def test_collecting_takes_one_query_per_kind_of_record(
    citizen, team_nord, caseworker, django_assert_max_num_queries
):

    with django_assert_max_num_queries(len(SECTIONS)):
        file = citizen_file_collect(citizen)
    # A second course, with one more record of every kind: no more queries.
    citizen.cases.update(status="closed", closed_on=timezone.localdate())
    more = citizen_with_every_record(team=team_nord, caseworker=caseworker)
    more.cases.update(citizen=citizen)
    with django_assert_max_num_queries(len(SECTIONS)):
        bigger = citizen_file_collect(citizen)
    assert len(bigger.values()) > len(file.values())


def test_release_is_blocked_until_every_flagged_field_is_decided(client, caseworker, citizen):
    client.force_login(caseworker)
    export = start(client, citizen)
    items = file_export_review(export)
    assert len(items) > 10
    first, *rest = items
    assert (
        client.post(review_url(export), {field_name(first.value.key): "approved"}).status_code
        == 302
    )

    response = client.post(release_url(export))
    assert response.status_code == 409
    assert f"{len(rest)} felter mangler" in response.content.decode()
    assert client.get(download_url(export, "pdf")).status_code == 409
    assert client.get(download_url(export, "json")).status_code == 409
    export.refresh_from_db()
    assert export.status == "review"
    assert not Disclosure.objects.filter(basis=DisclosureBasis.FVL9).exists()

    decide_all(client, export)
    assert client.post(release_url(export)).status_code == 302
    export.refresh_from_db()
    assert export.status == "released"
    # Released once: no second release, no decisions after it.
    assert client.post(release_url(export)).status_code == 409
    assert (
        client.post(review_url(export), {field_name(first.value.key): "redacted"}).status_code
        == 409
    )


def test_a_decision_no_longer_holds_when_the_value_changed(client, caseworker, citizen):
    client.force_login(caseworker)
    export = start(client, citizen)
    decide_all(client, export)
    case = citizen.cases.get()
    case.decision_text = "Ny tekst efter gennemgangen"
    case.save(update_fields=["decision_text"])

    assert client.post(release_url(export)).status_code == 409
    pending = [item for item in file_export_review(export) if not item.decision]
    assert [item.value.key.field for item in pending] == ["decision_text"]


def test_an_unknown_field_or_decision_is_a_400(client, caseworker, citizen):
    client.force_login(caseworker)
    export = start(client, citizen)
    assert (
        client.post(
            review_url(export), {"felt:cases.Case:999999:decision_text": "approved"}
        ).status_code
        == 400
    )
    item = file_export_review(export)[0]
    assert client.post(review_url(export), {field_name(item.value.key): "maybe"}).status_code == 400
    assert not export.decisions.exists()


def test_a_redacted_field_reads_udeladt_in_both_outputs(client, caseworker, citizen):
    participant = f.ParticipantFactory(
        meeting=citizen.cases.get().transitions.get().meetings.get(),
        user=None,
        name="Søsteren Ingeborg Hemmelig",
        party_kind="relative",
        basis="consent",
        consent=citizen.cases.get().consents.first(),
    )
    client.force_login(caseworker)
    export = start(client, citizen)
    key = FieldKey("transitions.Participant", participant.pk, "name")
    assert key in {item.value.key for item in file_export_review(export)}
    decide_all(client, export, redact={key})

    text, data = released_outputs(client, export)

    assert "Ingeborg" not in text
    assert REDACTED in text
    assert json_value(data, key.label, key.record_id, "name") == REDACTED
    assert "Ingeborg" not in json.dumps(data)


def test_the_release_is_a_disclosure_to_the_citizen_and_logged_for_the_citizens_request(
    client, caseworker, citizen
):
    client.force_login(caseworker)
    export = start(client, citizen)
    decide_all(client, export)
    before = AccessLog.objects.count()
    assert client.post(release_url(export)).status_code == 302

    case = citizen.cases.get()
    disclosure = Disclosure.objects.get(case=case, basis=DisclosureBasis.FVL9)
    assert disclosure.disclosed_by == caseworker
    assert "Borgeren" in disclosure.recipient
    assert CaseEvent.objects.filter(case=case, code="rights.file_released").count() == 1
    entries = AccessLog.objects.order_by("pk")[before:]
    assert [(e.object_type, e.action, e.purpose, e.case_id_logged) for e in entries] == [
        ("citizen_file_export", "export", "citizen_request", case.pk)
    ]


def test_the_review_page_lists_each_flagged_field_and_its_showing_is_logged(
    client, caseworker, citizen
):
    client.force_login(caseworker)
    export = start(client, citizen)
    response = client.get(review_url(export))
    assert response.status_code == 200
    body = response.content.decode()
    for item in file_export_review(export):
        assert field_name(item.value.key) in body
    entry = AccessLog.objects.order_by("-pk")[0]
    assert (entry.object_type, entry.purpose) == ("citizen_file_export", "citizen_request")


def test_starting_again_continues_the_export_under_review(client, caseworker, citizen):
    client.force_login(caseworker)
    first = start(client, citizen)
    assert start(client, citizen) == first
    assert FileExport.objects.filter(citizen=citizen).count() == 1


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [
        ("caseworker", 302),
        ("manager", 302),
        ("other_team_caseworker", 404),
        ("other_unit_manager", 404),
        ("residential_therapist", 403),
    ],
)
def test_who_may_start_an_export(client, request, citizen, user_fixture, expected):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("rights:file_export_start", kwargs={"citizen_id": citizen.pk})
    assert client.post(url).status_code == expected


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [("other_team_caseworker", 404), ("other_unit_manager", 404), ("residential_therapist", 403)],
)
def test_others_may_not_see_review_release_or_download(
    client, request, caseworker, citizen, user_fixture, expected
):
    client.force_login(caseworker)
    export = start(client, citizen)
    decide_all(client, export)
    assert client.post(release_url(export)).status_code == 302
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(review_url(export)).status_code == expected
    assert client.post(release_url(export)).status_code == expected
    assert client.get(download_url(export, "pdf")).status_code == expected
    assert client.get(download_url(export, "json")).status_code == expected


def test_anonymous_is_sent_to_login(client, citizen):
    url = reverse("rights:file_export_start", kwargs={"citizen_id": citizen.pk})
    assert client.post(url).status_code == 302
    assert "login" in client.post(url)["Location"]
