"""The work agreement in the browser (DESIGN §5.12): the citizen has a job, the transition page
prompts inviting the employer; without a consent covering the work agreement the form keeps
what was typed and says why; with the employer's written consent it is saved and shown. axe-clean
on the transition page's work section and on the form (with and without errors)."""

from __future__ import annotations

from django.urls import reverse

from tests import factories
from tests.e2e.journey import login


def test_the_caseworker_records_the_work_agreement_under_the_employers_consent(
    page, axe_check, handover_builder, caseworker
):
    page.context.set_default_timeout(30_000)
    transition = handover_builder.through_services(stage="planning").transition
    case = transition.case
    case.has_job = True
    case.save(update_fields=["has_job"])
    login(page, caseworker.username)

    page.goto(reverse("transitions:detail", kwargs={"case_id": case.pk}))
    prompt = page.get_by_test_id("employer-prompt")
    assert "invitér arbejdsgiveren" in prompt.inner_text()
    assert prompt.get_by_role("link", name="Registrér arbejdsgiverens samtykke").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Registrér arbejdsaftale").click()
    page.get_by_label("Arbejdsfunktioner").fill("Lagerarbejde, dagvagt")
    page.get_by_label("Kontaktperson hos arbejdsgiveren").fill("Lone Lagerchef")
    page.get_by_label("Kontaktpersonens telefon").fill("20 30 40 50")
    page.get_by_role("button", name="Gem arbejdsaftale").click()
    page.get_by_text("Arbejdsaftalen kan først registreres").first.wait_for()
    assert page.get_by_label("Arbejdsfunktioner").input_value() == "Lagerarbejde, dagvagt"
    axe_check(page)

    factories.ConsentFactory(
        case=case, information_kinds=["meetings", "work_agreement"], recorded_by=caseworker
    )
    page.get_by_role("button", name="Gem arbejdsaftale").click()
    page.get_by_text("Arbejdsaftalen er gemt.").wait_for()
    section = page.locator("#arbejde")
    assert "Lagerarbejde, dagvagt" in section.inner_text()
    assert "Lone Lagerchef, 20 30 40 50" in section.inner_text()
    axe_check(page)
