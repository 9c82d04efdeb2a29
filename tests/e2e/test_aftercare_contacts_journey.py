"""Acceptance 2 of issue 15 in the browser (DESIGN §5.10, §5.11): the residential therapist writes
the before-discharge note of a drug case with its overdose plan (refused first without it, in
Danish, keeping what was typed); the outpatient therapist records two weeks of contacts from the
transition page, one session missed; the shortfall shows on the commitment and, after a reminder
sweep, in the caseworker's inbox. axe-clean on the new forms (with and without errors) and on the
pages that show the figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.sweep import reminder_sweep
from tests import factories
from tests.e2e.journey import login
from transitions.models import StatusNote
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


def write_before_discharge_note_with_overdose_plan(page, axe_check, transition) -> None:
    """The residential therapist's part: the structured note, with the overdose safety."""
    today = timezone.localdate()
    page.goto(f"/overgange/{transition.case_id}/notater/ny/?type=before_discharge")
    safety = page.locator("[data-testid=overdose-safety]")
    safety.get_by_text("Plan for de første 72 timer").wait_for()
    axe_check(page)
    page.get_by_label("Skal følges tæt").check()
    page.locator("#id_summary").fill("Stabil i ti uger; ensomhed i weekenderne er risikoen.")
    page.locator("#id_actions-0-text").fill("Første ambulante samtale")
    page.locator("#id_actions-0-owner_text").fill("Ambulant behandler")
    page.locator("#id_actions-0-due_on").fill((today + timedelta(days=14)).isoformat())
    page.locator("#id_risks").fill("Tilbagefald ved ensomhed.")
    page.locator("#id_contingency").fill("Ring til den ambulante behandler samme dag.")
    page.locator("#id_overdose_risk").fill("Lav tolerance efter ti uger uden heroin.")
    page.locator("#id_first_72h_who").fill("Anders Ambulant, ambulant behandler")
    page.locator("#id_first_72h_unreachable").fill(
        "Ring til søsteren; ellers opsøgende besøg samme dag, og sagsbehandleren orienteres."
    )
    # Naloxone, the tolerance talk and the "when" left out: refused in Danish, nothing lost.
    page.get_by_role("button", name="Gem notatet").click()
    page.get_by_text(
        "Angiv om naloxon er tilbudt og udleveret, ikke tilbudt, eller tilbudt og afslået."
    ).first.wait_for()
    page.get_by_text(
        "Tal med borgeren om den lavere tolerance efter døgnbehandlingen, og markér det."
    ).first.wait_for()
    page.get_by_text("Angiv hvornår borgeren kontaktes de første 72 timer.").first.wait_for()
    assert page.locator("#id_first_72h_who").input_value() == "Anders Ambulant, ambulant behandler"
    assert "opsøgende besøg" in page.locator("#id_first_72h_unreachable").input_value()
    assert page.locator("#id_summary").input_value().startswith("Stabil i ti uger")
    axe_check(page)

    page.get_by_label("Ja, tilbudt og udleveret").check()
    page.get_by_label("Samtalen om lavere tolerance er holdt").check()
    page.locator("#id_first_72h_when").fill("Dagen efter udskrivning kl. 10, og på tredjedagen")
    page.get_by_role("button", name="Gem notatet").click()
    page.get_by_role("heading", name="Statusnotat: Før udskrivning").wait_for()
    shown = page.locator("[data-testid=overdose-safety]").inner_text()
    assert "Ja, tilbudt og udleveret" in shown
    assert "Dagen efter udskrivning kl. 10, og på tredjedagen" in shown
    axe_check(page)

    # The readiness checklist has the overdose safety done.
    page.goto(f"/overgange/{transition.case_id}/")
    readiness = page.locator("[data-testid=readiness]").inner_text()
    assert "Overdosissikkerhed i statusnotatet før udskrivning: klaret" in readiness


def test_two_weeks_of_contacts_with_one_missed_show_a_shortfall(
    page, new_context, axe_check, aftercare
):
    page.context.set_default_timeout(30_000)
    today = timezone.localdate()
    detail = f"/overgange/{aftercare.case_id}/"

    # The residential therapist, in a browser of their own, writes the before-discharge note.
    residential = new_context()
    residential.set_default_timeout(30_000)
    ida = residential.new_page()
    login(ida, "residential")
    write_before_discharge_note_with_overdose_plan(ida, axe_check, aftercare)
    note = StatusNote.objects.get(transition=aftercare, kind=StatusNote.Kind.BEFORE_DISCHARGE)
    assert note.naloxone == StatusNote.Naloxone.YES and note.tolerance_talk
    residential.close()

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
