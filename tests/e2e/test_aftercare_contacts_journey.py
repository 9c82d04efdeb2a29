"""Delivered versus agreed in the browser (DESIGN §5.10): the outpatient therapist records two
weeks of contacts from the transition page, one session missed; the shortfall shows on the
commitment and, after a reminder sweep, in the caseworker's inbox. axe-clean on the new form
(with and without errors) and on the pages that show the figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.sweep import reminder_sweep
from tests import factories
from tests.e2e.journey import login
from treatment_options.models import Contact


@pytest.fixture
def aftercare(handover_builder, outpatient_offer, outpatient_therapist):
    """A handover with an outpatient episode started two weeks ago and a weekly commitment."""
    today = timezone.localdate()
    transition = handover_builder.through_services(
        stage="planning", planned_discharge_on=today + timedelta(days=7)
    ).transition
    episode = factories.EpisodeFactory(
        case=transition.case,
        offer=outpatient_offer,
        referral_date=today - timedelta(days=20),
        actual_start=today - timedelta(days=14),
    )
    transition.outpatient_episode = episode
    transition.save(update_fields=["outpatient_episode"])
    factories.AftercareCommitmentFactory(
        transition=transition,
        description="Individuelle samtaler",
        frequency="1 gang om ugen",
        contacts_per_period=1,
        period_weeks=1,
        starts_on=today - timedelta(days=13),
        responsible=outpatient_therapist,
    )
    return transition


def record(page, day, outcome_label: str) -> None:
    form = page.locator("#contact-form")
    form.locator("#id_contact-date").fill(day.isoformat())
    form.locator("#id_contact-time").fill("10:00")
    form.get_by_label(outcome_label, exact=True).check()
    # Saved, the page reloads (HX-Refresh) with fresh figures and the message.
    with page.expect_navigation():
        form.get_by_role("button", name="Registrér kontakt").click()
    page.get_by_text("Kontakten er registreret.").wait_for()


def test_two_weeks_of_contacts_with_one_missed_show_a_shortfall(
    page, new_context, axe_check, aftercare
):
    page.context.set_default_timeout(30_000)
    today = timezone.localdate()
    detail = f"/overgange/{aftercare.case_id}/"

    login(page, "outpatient")
    page.goto(detail)
    axe_check(page)

    # An attended session in the future is refused in Danish, and nothing typed is lost.
    form = page.locator("#contact-form")
    form.locator("#id_contact-date").fill((today + timedelta(days=3)).isoformat())
    form.locator("#id_contact-time").fill("11:15")
    form.get_by_label("Gennemført", exact=True).check()
    form.get_by_role("button", name="Registrér kontakt").click()
    page.locator("#contact-form").get_by_text(
        "En gennemført eller udeblevet kontakt kan ikke ligge i fremtiden."
    ).first.wait_for()
    assert page.locator("#id_contact-time").input_value() == "11:15"
    assert page.locator("#id_contact-date").input_value() == (today + timedelta(days=3)).isoformat()
    axe_check(page)

    # Week one attended, week two missed by the citizen.
    record(page, today - timedelta(days=12), "Gennemført")
    record(page, today - timedelta(days=5), "Udeblevet (borgeren)")
    assert Contact.objects.count() == 2

    window = page.locator("[data-testid=delivery-window]").first
    assert "Leveret 1 af 2 aftalte" in window.inner_text()
    assert "Udeblevet: 1" in window.inner_text()
    assert "Under aftalt niveau" in window.inner_text()
    assert "Gennemført" in page.locator("[data-testid=contacts]").inner_text()
    axe_check(page)

    # The sweep tells the caseworker, who finds it in the inbox.
    assert reminder_sweep(today=today) >= 2
    other = new_context()
    other.set_default_timeout(30_000)
    karin = other.new_page()
    login(karin, "caseworker")
    karin.goto("/indbakke/")
    karin.get_by_text("En aftalt indsats leveres under det aftalte niveau").first.wait_for()
    karin.get_by_role("link", name="Se leveret og aftalt").first.wait_for()
    axe_check(karin)

    # The case page shows the contacts too, with the form behind a button.
    karin.goto(f"/sager/{aftercare.case_id}/")
    panel = karin.locator("#kontakter")
    assert "Udeblevet (borgeren)" in panel.inner_text()
    panel.locator("summary").click()
    panel.locator("#id_contact-date").wait_for()
    axe_check(karin)
