"""The work agreement (DESIGN §2, §5.12): recorded only under a valid written consent of the
employer that covers the "work agreement" kind, shared only under it, versioned (409 on a
stale save); and the transition page's prompt to invite the employer to the first status
meeting when the citizen has a job."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent, Consent, Disclosure
from tests import factories
from tests.reports.conftest import pdf_text
from transitions.models import Participant, StatusMeeting, WorkAgreement
from transitions.selectors.work import BASIS_MESSAGES, work_agreement_basis_for
from transitions.work import BasisProblem, ConsentFacts, basis_problem, work_agreement_basis

from .conftest import login

FORM = {
    "version": "0",
    "work_functions": "Lagerarbejde og truckkørsel, dagvagt",
    "accommodations": "Ingen nattevagter de første otte uger",
    "starts_on": "2026-04-06",
    "contact_name": "Lone Lagerchef",
    "contact_phone": "20 30 40 50",
    "contact_email": "",
    "notes": "",
}


def form_url(case):
    return reverse("transitions:work_agreement", kwargs={"case_id": case.pk})


def detail_url(case):
    return reverse("transitions:detail", kwargs={"case_id": case.pk})


def employer_consent(case, user, kinds=("work_agreement",), **fields):
    return factories.ConsentFactory(
        case=case, information_kinds=list(kinds), recorded_by=user, **fields
    )


# --- the rule (pure) --------------------------------------------------------------------------


def facts(key=1, party_kind="employer", form="written", valid=True, covers=True):
    return ConsentFacts(
        key=key,
        party_kind=party_kind,
        form=form,
        is_valid_today=valid,
        covers_work_agreement=covers,
    )


def test_only_a_valid_written_employer_consent_that_covers_the_kind_is_a_basis():
    assert basis_problem(facts()) is None
    assert basis_problem(facts(form="oral")) is BasisProblem.ORAL
    assert basis_problem(facts(party_kind="jobcenter")) is BasisProblem.NOT_EMPLOYER
    assert basis_problem(facts(valid=False)) is BasisProblem.NOT_VALID
    assert basis_problem(facts(covers=False)) is BasisProblem.NOT_COVERED


def test_the_most_telling_problem_is_given_when_no_consent_is_a_basis():
    assert work_agreement_basis([]) == (None, BasisProblem.NO_CONSENT)
    # Another party's consent without the kind says nothing about the work agreement.
    assert work_agreement_basis([facts(party_kind="relative", covers=False)]) == (
        None,
        BasisProblem.NO_CONSENT,
    )
    assert work_agreement_basis([facts(form="oral"), facts(key=2, covers=False)]) == (
        None,
        BasisProblem.NOT_COVERED,
    )
    assert work_agreement_basis([facts(valid=False), facts(key=2)]) == (2, None)


def test_an_oral_employer_consent_is_refused_with_the_reason():
    """The database refuses to store one (consent_employer_written); should one exist, it
    is still no basis."""
    oral = Consent(
        pk=99,
        party_kind="employer",
        party_name="Lagerhuset A/S",
        form="oral",
        information_kinds=["work_agreement"],
        valid_from=timezone.localdate() - timedelta(days=1),
    )
    consent, problem = work_agreement_basis_for([oral], timezone.localdate())
    assert (consent, problem) == (None, BasisProblem.ORAL)
    assert "mundtligt" in str(BASIS_MESSAGES[BasisProblem.ORAL])


# --- recording it on the page -----------------------------------------------------------------


def test_without_consent_the_form_comes_back_with_a_danish_error_and_the_typed_text(
    transition, caseworker
):
    response = login(caseworker).post(form_url(transition.case), FORM)

    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "Arbejdsaftalen kan først registreres, når arbejdsgiveren har givet et skriftligt" in body
    )
    assert "Lagerarbejde og truckkørsel, dagvagt" in body
    assert "Ingen nattevagter de første otte uger" in body
    assert not WorkAgreement.objects.exists()


def test_a_consent_that_does_not_cover_the_work_agreement_is_refused(transition, caseworker):
    employer_consent(transition.case, caseworker, kinds=["meetings"])

    response = login(caseworker).post(form_url(transition.case), FORM)

    assert response.status_code == 200
    assert "omfatter ikke arbejdsaftalen" in response.content.decode()
    assert not WorkAgreement.objects.exists()


def test_an_oral_consent_of_another_party_is_refused(transition, caseworker):
    """An oral employer consent cannot even be stored (consent_employer_written); an oral
    consent of the Jobcenter that names the kind is not the employer's written consent."""
    employer_consent(transition.case, caseworker, party_kind="jobcenter", form="oral")

    response = login(caseworker).post(form_url(transition.case), FORM)

    assert response.status_code == 200
    assert "Samtykket er ikke givet til arbejdsgiveren" in response.content.decode()
    assert not WorkAgreement.objects.exists()


def test_a_written_employer_consent_covering_the_kind_lets_it_be_saved(transition, caseworker):
    consent = employer_consent(transition.case, caseworker)

    response = login(caseworker).post(form_url(transition.case), FORM)

    assert response.status_code == 302
    agreement = WorkAgreement.objects.get(transition=transition)
    assert agreement.version == 1
    assert agreement.consent == consent
    assert agreement.work_functions == "Lagerarbejde og truckkørsel, dagvagt"
    assert agreement.starts_on == date(2026, 4, 6)
    assert agreement.updated_by == caseworker
    assert CaseEvent.objects.filter(
        case=transition.case, data__work_agreement=agreement.pk
    ).exists()
    page = login(caseworker).get(detail_url(transition.case)).content.decode()
    assert "Lagerarbejde og truckkørsel, dagvagt" in page
    assert "Lone Lagerchef, 20 30 40 50" in page


def test_a_contact_needs_a_phone_or_an_e_mail(transition, caseworker):
    employer_consent(transition.case, caseworker)

    response = login(caseworker).post(form_url(transition.case), {**FORM, "contact_phone": ""})

    assert response.status_code == 200
    assert "Angiv kontaktpersonens telefon eller e-mail." in response.content.decode()
    assert not WorkAgreement.objects.exists()


def test_a_withdrawn_consent_stops_the_next_save(transition, caseworker):
    consent = employer_consent(transition.case, caseworker)
    login(caseworker).post(form_url(transition.case), FORM)
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawn_reason = "Borgeren ønsker det ikke længere"
    consent.save()

    response = login(caseworker).post(
        form_url(transition.case), {**FORM, "version": "1", "notes": "Ny aftale"}
    )

    assert response.status_code == 200
    assert "ikke gyldigt i dag" in response.content.decode()
    assert WorkAgreement.objects.get().version == 1


def test_a_stale_save_gets_409_keeps_the_typed_text_and_changes_nothing(transition, caseworker):
    employer_consent(transition.case, caseworker)
    login(caseworker).post(form_url(transition.case), FORM)

    # Opened at version 0, saved after someone else saved version 1.
    response = login(caseworker).post(
        form_url(transition.case), {**FORM, "work_functions": "Kontorarbejde, halv tid"}
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "Kontorarbejde, halv tid" in body  # what was typed
    assert "Lagerarbejde og truckkørsel, dagvagt" in body  # the saved agreement, to compare
    assert 'name="version" value="1"' in body
    assert WorkAgreement.objects.get().work_functions == "Lagerarbejde og truckkørsel, dagvagt"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_user_without_access_to_the_case_gets_404(
    transition, other_team_caseworker, caseworker, method
):
    employer_consent(transition.case, caseworker)
    response = getattr(login(other_team_caseworker), method)(form_url(transition.case), FORM)
    assert response.status_code == 404
    assert not WorkAgreement.objects.exists()


def test_a_read_only_user_may_not_save(transition, manager, caseworker):
    employer_consent(transition.case, caseworker)
    response = login(manager).post(form_url(transition.case), FORM)
    assert response.status_code == 403
    assert not WorkAgreement.objects.exists()


def test_the_work_agreement_may_only_be_consented_to_the_employer(transition, caseworker):
    response = login(caseworker).post(
        reverse("cases:consent_create", kwargs={"case_id": transition.case.pk}),
        {
            "party_kind": "jobcenter",
            "party_name": "Jobcenter Nord",
            "information_kinds": ["work_agreement"],
            "purpose": "Tilbagevenden til arbejdet",
            "form": "written",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Arbejdsaftalen kan kun videregives til arbejdsgiveren." in response.content.decode()
    assert not transition.case.consents.exists()


# --- shared only under the consent ------------------------------------------------------------


def external_report(caseworker, case, consent):
    return login(caseworker).post(
        reverse("reports:external_case_report", kwargs={"case_id": case.pk}),
        {"samtykke": consent.pk},
    )


def test_the_external_report_shares_it_only_while_a_consent_covers_it(transition, caseworker):
    case = transition.case
    covering = employer_consent(case, caseworker, kinds=["meetings", "work_agreement"])
    meetings_only = employer_consent(case, caseworker, kinds=["meetings"])
    login(caseworker).post(form_url(case), FORM)

    shared = external_report(caseworker, case, covering)
    assert shared.status_code == 200
    assert "Lagerarbejde og truckkørsel" in pdf_text(shared.content)
    disclosure = Disclosure.objects.get(consent=covering)
    assert "work_agreement" in disclosure.information_kinds

    other = external_report(caseworker, case, meetings_only)
    assert other.status_code == 200
    assert "Lagerarbejde og truckkørsel" not in pdf_text(other.content)

    covering.withdrawn_on = timezone.localdate()
    covering.withdrawn_reason = "Borgeren ønsker det ikke længere"
    covering.save()
    withdrawn = external_report(caseworker, case, covering)
    assert withdrawn.get("Content-Type") != "application/pdf"
    assert Disclosure.objects.filter(consent=covering).count() == 1
    page = login(caseworker).get(detail_url(case)).content.decode()
    assert 'data-testid="work-not-shared"' in page


# --- the prompt to invite the employer --------------------------------------------------------


def prompt_of(user, case):
    body = login(user).get(detail_url(case)).content.decode()
    if 'data-testid="employer-prompt"' not in body:
        return None
    link = body.split('data-testid="employer-prompt-link" href="', 1)[1].split('"', 1)[0]
    return link.replace("&amp;", "&")


def with_job(transition):
    case = transition.case
    case.has_job = True
    case.save()
    return case


def test_no_prompt_when_the_citizen_has_no_job(transition, caseworker):
    employer_consent(transition.case, caseworker, kinds=["meetings"])
    assert prompt_of(caseworker, transition.case) is None


def test_without_an_employer_consent_the_prompt_links_to_recording_it(transition, caseworker):
    case = with_job(transition)
    assert prompt_of(caseworker, case) == (
        reverse("cases:consent_create", kwargs={"case_id": case.pk}) + "?part=employer"
    )


def test_with_an_employer_consent_the_prompt_links_to_adding_the_employer(transition, caseworker):
    case = with_job(transition)
    consent = employer_consent(case, caseworker, kinds=["meetings"])
    # No meeting yet: plan one.
    assert prompt_of(caseworker, case) == reverse(
        "transitions:meeting_create", kwargs={"case_id": case.pk}
    )
    later = StatusMeeting.objects.create(
        transition=transition,
        starts_at=timezone.now() + timedelta(days=14),
        place="Sydgården",
        created_by=caseworker,
    )
    first = StatusMeeting.objects.create(
        transition=transition,
        starts_at=timezone.now() + timedelta(days=7),
        place="Sydgården",
        created_by=caseworker,
    )
    link = prompt_of(caseworker, case)
    assert link == (
        reverse("transitions:meeting_detail", kwargs={"case_id": case.pk, "pk": first.pk})
        + "?part=employer#external-heading"
    )
    # The meeting page's external participant form starts with the employer chosen.
    meeting_page = login(caseworker).get(link.split("#")[0]).content.decode()
    assert '<option value="employer" selected>' in meeting_page

    Participant.objects.create(
        meeting=later, basis="consent", consent=consent, name="Lone Lagerchef"
    )
    assert prompt_of(caseworker, case) is None
