"""Issue 3, acceptance 4: a caseworker creates a citizen and a case, assesses, decides and
refers to an offer; the institution's user records the start; the case shows the guarantee as
met, and the course at a glance (issue 18) shows it all. axe finds no serious or critical
violations on the case list and the case page."""

from __future__ import annotations

import re

import pytest

from accounts.models import Unit
from accounts.roles import Role
from cases.models import Case
from tests import factories
from tests.e2e.journey import login


@pytest.fixture
def people(transactional_db):
    team = factories.UnitFactory(name="Team Vest", kind=Unit.Kind.MUNICIPAL_TEAM)
    clinic = factories.UnitFactory(name="Rusmiddelcenter Vest", kind=Unit.Kind.OUTPATIENT)
    caseworker = factories.UserFactory(
        username="sofie",
        first_name="Sofie",
        last_name="Sagsbehandler",
        unit=team,
        role=Role.CASEWORKER,
    )
    therapist = factories.UserFactory(
        username="bo",
        first_name="Bo",
        last_name="Behandler",
        unit=clinic,
        role=Role.OUTPATIENT_THERAPIST,
    )
    provider = factories.ProviderFactory(name="Rusmiddelcenter Vest", unit=clinic)
    offer = factories.OfferFactory(
        provider=provider,
        name="Ambulant stofbehandling",
        treatment_type="outpatient",
        legal_bases=["SEL101", "BL33", "SUL142"],
        waiting_time_days=3,
    )
    return {"caseworker": caseworker, "therapist": therapist, "offer": offer}


def logout(page) -> None:
    page.locator("form.logout-form button[type=submit]").click()
    page.wait_for_url("**/accounts/login/**")


def test_case_journey_from_inquiry_to_guarantee_met(page, axe_check, people):
    page.set_default_timeout(30_000)  # a long journey on a shared, sometimes busy machine
    login(page, "sofie")

    # The citizen.
    page.get_by_role("link", name="Opret borger og sag").first.click()
    page.get_by_label("Fornavn", exact=True).fill("Jonas")
    page.get_by_label("Efternavn", exact=True).fill("Berg")
    page.get_by_label("CPR-nummer", exact=True).fill("010190-1234")
    page.get_by_role("textbox", name="Adresse").fill("Nørregade 1")
    page.get_by_role("button", name="Opret borger og fortsæt").click()

    # The case: team and caseworker default to the caseworker's own.
    page.get_by_role("heading", name="Opret sag", level=1).wait_for()
    assert page.get_by_label("Team").locator("option:checked").inner_text() == "Team Vest"
    page.get_by_label("Lovgrundlag").select_option("SEL101")
    page.get_by_label("Hash/cannabis").check()
    page.get_by_label("Henvendelsen", exact=False).first.fill(
        "Ringede selv efter råd fra egen læge."
    )
    page.get_by_role("button", name="Opret sag").click()
    page.wait_for_url(re.compile(r"/sager/\d+/$"))
    case = Case.objects.get(citizen__last_name="Berg")
    assert page.get_by_role("heading", name=f"Sag {case.number}", level=1).is_visible()
    assert page.get_by_text("010190-XXXX").first.is_visible()
    assert page.get_by_text("14 dage tilbage").first.is_visible()
    axe_check(page)

    # Assessment.
    page.get_by_role("button", name="Start udredning").click()
    page.get_by_text("Sagen har nu status Udredning").wait_for()
    page.get_by_role("link", name="Redigér afdækning").click()
    for label, text in [
        ("Brug af rusmidler", "Dagligt hashforbrug i fem år."),
        ("Sociale forhold, netværk og familie", "Bor alene; kontakt til søster."),
        ("Fysisk og psykisk helbred", "Søvnproblemer."),
        ("Arbejde og uddannelse", "Sygemeldt fra lagerjob."),
        ("Bolig", "Lejebolig."),
        ("Andre relevante forhold", "Ingen."),
    ]:
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Gem afdækning").click()
    page.get_by_text("Afdækningen er gemt.").wait_for()
    assert page.get_by_text("Dagligt hashforbrug i fem år.").is_visible()

    # Decision and visitation.
    page.get_by_role("link", name="Registrér afgørelse").click()
    page.get_by_label("Begrundelse").fill("Bevilget ambulant behandling efter SEL § 101.")
    page.get_by_label("Klagevejledning er givet").check()
    page.get_by_role("button", name="Gem afgørelse").click()
    page.get_by_text("Afgørelsen er gemt.").wait_for()
    page.get_by_role("button", name="Visitér til tilbud").click()
    page.get_by_text("Sagen har nu status Visiteret").wait_for()

    # Referral to an offer, with its waiting time in the choice.
    page.get_by_role("link", name="Henvis til tilbud").click()
    offer_select = page.get_by_role("combobox", name=re.compile("^Tilbud"))
    assert "ventetid 3 dage" in offer_select.inner_text()
    offer_select.select_option(str(people["offer"].pk))
    page.get_by_role("button", name="Henvis", exact=True).click()
    page.get_by_text("Borgeren er henvist til").wait_for()

    # The case list, with its search (posted) and the guarantee column.
    page.goto("/sager/")
    page.get_by_label("Søg efter navn, CPR-nummer eller sagsnummer").fill("010190-1234")
    with page.expect_navigation():
        page.get_by_role("button", name="Søg", exact=True).click()
    assert "010190" not in page.url
    assert page.get_by_role("link", name=case.number).is_visible()
    axe_check(page)
    logout(page)

    # The institution records the start.
    login(page, "bo")
    page.get_by_role("link", name=case.number).first.click()
    page.get_by_role("link", name=re.compile("^Registrér")).click()
    page.get_by_role("button", name="Registrér start").click()
    page.get_by_text("Behandlingsstart er registreret.").wait_for()

    guarantee = page.locator(".guarantee-panel")
    assert guarantee.get_by_text("Overholdt", exact=True).is_visible()
    assert "guarantee-success" in (guarantee.get_attribute("class") or "")
    assert page.get_by_text("I behandling").first.is_visible()
    axe_check(page)

    # The course at a glance (issue 18): all on one day, the request, the decision, the
    # referral and the start, in the strip and in the list beside it.
    assert page.get_by_role("img", name="Forløbet i overblik").is_visible()
    assert page.locator(".course-strip-svg [style]").count() == 0
    page.get_by_text("Forløbet som liste").click()
    facts = page.locator(".course-strip-list li")
    assert facts.filter(has_text="Anmodning (Første anmodning").count() == 1
    assert facts.filter(has_text="Afgørelse (Første anmodning)").count() == 1
    assert facts.filter(has_text="Henvist til Ambulant stofbehandling").count() == 1
    assert facts.filter(has_text="Ambulant behandling: Ambulant stofbehandling").count() == 1
    axe_check(page)
