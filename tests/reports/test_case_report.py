"""The case status report: what it contains, the external variant that holds only what a consent
covers, the disclosure it records, and who may make it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from cases.models import AccessLog, CaseEvent, Disclosure, InformationKind
from tests import factories
from tests.clock import REPORT_DAY
from tests.reports.conftest import fill_case, pdf_text
from transitions.models import Participant, StatusMeeting

ALL_KINDS = list(InformationKind.values)


def report_url(case):
    return reverse("reports:case_report", kwargs={"case_id": case.pk})


def external_url(case):
    return reverse("reports:external_case_report", kwargs={"case_id": case.pk})


@pytest.fixture
def marked_case(
    case,
    residential_offer,
    outpatient_offer,
    residential_therapist,
    outpatient_therapist,
    caseworker,
):
    """A case whose every report section carries the marker MARKER-<KIND> (health: the
    substance "Kokain"). The employer Vestas A/S took part in the status meeting, with a
    participant from Kriminalforsorgen; a second meeting was held without the employer."""
    case.inquiry_date = REPORT_DAY - timedelta(days=150)
    case.guarantee_deadline = case.inquiry_date + timedelta(days=14)
    case.substances = ["cocaine"]
    case.save()
    fill_case(
        case,
        residential_offer=residential_offer,
        outpatient_offer=outpatient_offer,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        caseworker=caseworker,
        marker=True,
    )
    meeting = StatusMeeting.objects.get(transition__case=case)
    employer_consent = factories.ConsentFactory(
        case=case, information_kinds=["meetings"], recorded_by=caseworker
    )
    Participant.objects.create(
        meeting=meeting, basis="consent", consent=employer_consent, name="Per Personalechef"
    )
    Participant.objects.create(
        meeting=meeting,
        basis="rpl115",
        party_kind="kriminalforsorgen",
        name="Kim KRIMINALFORSORG-MARKER",
        organisation="Kriminalforsorgen Nord",
        necessity="Tilsynet skal kende vilkåret om behandling",
    )
    StatusMeeting.objects.create(
        transition=meeting.transition,
        starts_at=meeting.starts_at + timedelta(days=1),
        minutes="Møde uden arbejdsgiveren OTHER-MEETING-MARKER",
        held=True,
        created_by=caseworker,
    )
    return case


def marker_for(kind: str) -> str:
    return {"status_notes": "MARKER-NOTES", "health": "Kokain"}.get(kind, f"MARKER-{kind.upper()}")


def unbroken(text: str) -> str:
    """The text with line breaks at hyphens undone: a narrow column may break "MARKER-PLAN"
    after its hyphen, or hyphenate a word (U+2010)."""
    return re.sub(r"-\s+", "-", re.sub(r"\u2010\s+", "", text))


# --- the internal report ----------------------------------------------------------------------


def test_case_report_contains_every_section(client, caseworker, full_case):
    client.force_login(caseworker)
    response = client.get(report_url(full_case))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="statusrapport-{full_case.number}.pdf"'
    )
    text = unbroken(pdf_text(response.content))
    for expected in [
        "Statusrapport for sag",
        "FORTROLIGT",
        "Team Nord",
        "23.11.2026",  # the Danish date format, in the header
        "Mette Hansen",
        "Overholdt",  # the guarantee with its reason
        "frist 14 dage fra henvendelse",
        "Døgnbehandling Sydgården",
        "Jeg har lært, at jeg drikker",  # the plan's latest text
        "Version 2",
        "Ikke udfyldt:",
        "Individuelle samtaler",
        "Borgeren ønsker færre samtaler efter fire stabile uger.",  # a commitment's change
        "Reduceret",
        "Lav tolerance efter tolv ugers afholdenhed",  # the before-discharge note
        "Kvitteret for læst: Anders Ambulant",
        "Borgeren fortalte om planerne",  # meeting minutes
        "Book første ambulante samtale",  # an action item
        "At være alene i lejligheden om aftenen.",  # a check-in and its themes
        "Økonomi, Arbejde",
        "Ikke besvaret",
    ]:
        assert expected in text, expected
    assert "Side 1 af" in text


def test_cpr_is_masked_unless_the_user_asks_for_it(client, caseworker, full_case):
    client.force_login(caseworker)
    masked = pdf_text(client.get(report_url(full_case)).content)
    full = pdf_text(client.get(report_url(full_case), {"fuldt_cpr": "on"}).content)

    assert "120385-XXXX" in masked
    assert "120385-1234" not in masked
    assert "120385-1234" in full


def test_anonymous_citizen_has_no_cpr_line(client, caseworker, team_nord):
    citizen = factories.CitizenFactory(is_anonymous=True, cpr=None, alias="Fugl", birth_date=None)
    case = factories.CaseFactory(
        citizen=citizen, team=team_nord, caseworker=caseworker, legal_basis="SEL101A"
    )
    client.force_login(caseworker)
    text = pdf_text(client.get(report_url(case), {"fuldt_cpr": "on"}).content)
    assert "Anonym behandling \u2013 alias Fugl" in text
    assert "CPR-nummer" not in text
    assert "Ikke omfattet: anonym behandling" in text


def test_case_report_is_written_to_the_access_log_as_an_export(client, caseworker, full_case):
    client.force_login(caseworker)
    client.get(report_url(full_case), {"fuldt_cpr": "on"})

    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.action, entry.case_id_logged, entry.user_id) == (
        "case_report",
        "export",
        full_case.pk,
        caseworker.pk,
    )
    assert entry.object_id.endswith(":cpr")


def test_manager_of_the_team_may_make_the_report(client, manager, full_case):
    client.force_login(manager)
    assert client.get(report_url(full_case)).status_code == 200


@pytest.mark.parametrize(
    "user_fixture", ["other_team_caseworker", "other_unit_manager", "admin_user"]
)
def test_unrelated_user_gets_404_and_nothing_is_logged(client, request, full_case, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(report_url(full_case)).status_code == 404
    assert client.post(external_url(full_case), {"samtykke": 1}).status_code == 404
    assert not AccessLog.objects.exists()


def test_anonymous_user_is_sent_to_login(client, full_case):
    response = client.get(report_url(full_case))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- the external variant ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "kinds",
    [[kind] for kind in ALL_KINDS]
    + [["meetings", "plan"], ["identity", "checkins", "commitments"], ALL_KINDS],
    ids=lambda kinds: "+".join(kinds),
)
def test_external_report_contains_only_what_the_consent_covers(
    client, caseworker, marked_case, kinds
):
    consent = factories.ConsentFactory(
        case=marked_case, information_kinds=kinds, recorded_by=caseworker
    )
    client.force_login(caseworker)
    response = client.post(external_url(marked_case), {"samtykke": consent.pk})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-ekstern.pdf"')
    text = unbroken(pdf_text(response.content))
    assert "Statusrapport til ekstern part" in text
    assert "Vestas A/S" in text
    for kind in ALL_KINDS:
        if kind in kinds:
            assert marker_for(kind) in text, f"{kind} is covered but missing"
        else:
            assert marker_for(kind) not in text, f"{kind} is not covered but in the report"


def test_internal_report_carries_every_marker(client, caseworker, marked_case):
    """The markers themselves work: the full report shows all of them."""
    client.force_login(caseworker)
    text = unbroken(pdf_text(client.get(report_url(marked_case)).content))
    for kind in ALL_KINDS:
        assert marker_for(kind) in text, kind
    assert "KRIMINALFORSORG-MARKER" in text
    assert "OTHER-MEETING-MARKER" in text


def test_external_report_records_the_disclosure(client, caseworker, marked_case):
    consent = factories.ConsentFactory(
        case=marked_case, information_kinds=["plan", "meetings"], recorded_by=caseworker
    )
    client.force_login(caseworker)
    client.post(external_url(marked_case), {"samtykke": consent.pk})

    disclosure = Disclosure.objects.get()
    assert disclosure.case == marked_case
    assert disclosure.consent == consent
    assert disclosure.recipient == "Vestas A/S"
    assert sorted(disclosure.information_kinds) == ["meetings", "plan"]
    assert disclosure.disclosed_by == caseworker
    assert CaseEvent.objects.filter(case=marked_case, kind=CaseEvent.Kind.DISCLOSURE).count() == 1
    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.action, entry.object_id) == (
        "case_report",
        "export",
        f"consent:{consent.pk}",
    )


@pytest.mark.parametrize(
    "consent_changes",
    [
        {"valid_to": REPORT_DAY - timedelta(days=1)},  # expired
        {"valid_from": REPORT_DAY + timedelta(days=1), "valid_to": REPORT_DAY + timedelta(days=30)},
        {"withdrawn_on": REPORT_DAY, "withdrawn_reason": "Borgeren ønsker det ikke længere"},
    ],
    ids=["expired", "not_begun", "withdrawn"],
)
def test_no_external_report_without_a_valid_consent(
    client, caseworker, marked_case, consent_changes
):
    consent = factories.ConsentFactory(
        case=marked_case,
        information_kinds=ALL_KINDS,
        recorded_by=caseworker,
        valid_from=REPORT_DAY - timedelta(days=60),
    )
    for field, value in consent_changes.items():
        setattr(consent, field, value)
    consent.save()
    client.force_login(caseworker)
    response = client.post(external_url(marked_case), {"samtykke": consent.pk})

    assert response.status_code == 302
    assert response.get("Content-Type") != "application/pdf"
    assert not Disclosure.objects.exists()
    assert not AccessLog.objects.filter(action="export").exists()


def test_consent_of_another_case_is_not_found(client, caseworker, marked_case, team_nord):
    other_case = factories.CaseFactory(team=team_nord, caseworker=caseworker)
    consent = factories.ConsentFactory(case=other_case, recorded_by=caseworker)
    client.force_login(caseworker)
    assert client.post(external_url(marked_case), {"samtykke": consent.pk}).status_code == 404
    assert not Disclosure.objects.exists()


def test_manager_may_read_but_not_disclose(client, manager, caseworker, marked_case):
    consent = factories.ConsentFactory(case=marked_case, recorded_by=caseworker)
    client.force_login(manager)
    assert client.post(external_url(marked_case), {"samtykke": consent.pk}).status_code == 403
    assert not Disclosure.objects.exists()


def test_external_report_is_not_made_by_get(client, caseworker, marked_case):
    factories.ConsentFactory(case=marked_case, recorded_by=caseworker)
    client.force_login(caseworker)
    assert client.get(external_url(marked_case)).status_code == 405


@pytest.mark.parametrize("kinds", [[kind] for kind in ALL_KINDS], ids=lambda kinds: kinds[0])
def test_external_report_names_no_other_party_and_no_meeting_the_party_missed(
    client, caseworker, marked_case, kinds
):
    consent = factories.ConsentFactory(
        case=marked_case, information_kinds=kinds, recorded_by=caseworker
    )
    client.force_login(caseworker)
    response = client.post(external_url(marked_case), {"samtykke": consent.pk})

    assert response.status_code == 200
    text = unbroken(pdf_text(response.content))
    assert "KRIMINALFORSORG-MARKER" not in text
    assert "Kriminalforsorgen" not in text
    assert "OTHER-MEETING-MARKER" not in text
    assert ("Per Personalechef" in text) == (kinds == ["meetings"])


def test_status_and_meetings_consent_shows_no_substances_and_names_what_was_left_out(
    client, caseworker, marked_case
):
    """The case from the issue: an employer's consent for case status and status meetings."""
    consent = factories.ConsentFactory(
        case=marked_case, information_kinds=["case_status", "meetings"], recorded_by=caseworker
    )
    client.force_login(caseworker)
    response = client.post(external_url(marked_case), {"samtykke": consent.pk})

    assert response.status_code == 200
    text = " ".join(unbroken(pdf_text(response.content)).split())
    assert "MARKER-CASE_STATUS" in text
    assert "MARKER-MEETINGS" in text
    assert "Kokain" not in text
    assert "Rusmidler" not in text
    assert "Serviceloven" not in text
    assert "KRIMINALFORSORG-MARKER" not in text
    assert "og 1 deltager fra en anden part, som ikke nævnes" in text
    assert "Helbred og rusmiddelbrug" in text  # in the list of what was left out
    assert "Udeladte felter: navn eller alias, CPR-nummer" in text
    assert "lovgrundlag, rusmidler, lægesamtale" in text


# --- overdose safety (DESIGN §5.11) -----------------------------------------------------------

OVERDOSE_SAFETY_TEXTS = [
    "Overdosissikkerhed",
    "Naloxon: Tilbudt, men borgeren takkede nej",
    "Samtale om lavere tolerance: holdt",
    "Anders Ambulant ringer",
    "Dagen efter udskrivning kl. 10",
    "Opsøgende besøg samme eftermiddag.",
]


def test_case_report_contains_the_overdose_safety(client, caseworker, full_case):
    client.force_login(caseworker)
    response = client.get(report_url(full_case))

    assert response.status_code == 200
    text = " ".join(unbroken(pdf_text(response.content)).split())
    for expected in OVERDOSE_SAFETY_TEXTS:
        assert expected in text, expected


@pytest.mark.parametrize(
    ("kinds", "shown"), [(["status_notes"], True), (["meetings", "plan", "health"], False)]
)
def test_external_report_shows_the_overdose_safety_only_under_the_status_notes_kind(
    client, caseworker, marked_case, kinds, shown
):
    consent = factories.ConsentFactory(
        case=marked_case, information_kinds=kinds, recorded_by=caseworker
    )
    client.force_login(caseworker)
    response = client.post(external_url(marked_case), {"samtykke": consent.pk})

    assert response.status_code == 200
    text = " ".join(unbroken(pdf_text(response.content)).split())
    for expected in OVERDOSE_SAFETY_TEXTS:
        assert (expected in text) is shown, expected
