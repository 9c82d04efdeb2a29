"""The handover in two browsers (DESIGN §5): the residential therapist edits a plan section and
writes the before-discharge note; the outpatient therapist, who opened the same section before
that save, gets the conflict screen, merges, acknowledges the note and confirms the handover."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.journey import login
from transitions.models import PlanSection, Transition


@pytest.fixture
def handover(handover_builder):
    today = timezone.localdate()
    built = handover_builder.through_services(
        stage="planning",
        planned_discharge_on=today + timedelta(days=10),
        first_appointment_at=timezone.now() + timedelta(days=13),
        first_appointment_place="Rusmiddelcentret",
        first_appointment_with="Anders Ambulant",
    )
    return built.transition


def open_section_editor(page, key: str) -> None:
    section = page.locator(f"#plan-{key}")
    section.get_by_role("link", name=re.compile("^Rediger")).click()
    page.locator(f"#id_plan_{key}_text").wait_for()


def test_handover_journey(page, new_context, axe_check, handover, outpatient_therapist):
    detail = f"/overgange/{handover.case_id}/"
    # Generous timeouts: two browsers and a live server on a busy CI machine.
    page.context.set_default_timeout(30_000)

    # The outpatient therapist, in a second browser, opens the housing section first.
    other = new_context()
    other.set_default_timeout(30_000)
    anders = other.new_page()
    try:
        login(anders, "outpatient")
        anders.goto(detail)
        open_section_editor(anders, "housing")

        # The residential therapist edits and saves the same section (htmx, no reload).
        login(page, "residential")
        page.goto(detail)
        axe_check(page)
        open_section_editor(page, "housing")
        page.locator("#id_plan_housing_text").fill("Bor hos sin mor indtil 1. maj.")
        page.locator("#plan-housing").get_by_role("button", name="Gem afsnit").click()
        page.locator("#plan-housing").get_by_text("Gemt som version 1.").wait_for()

        # ... and writes the structured before-discharge note.
        page.goto(f"/overgange/{handover.case_id}/notater/ny/?type=before_discharge")
        page.get_by_label("Skal følges tæt").check()
        page.locator("#id_summary").fill("Stabil i ti uger; ensomhed i weekenderne er risikoen.")
        page.locator("#id_actions-0-text").fill("Første ambulante samtale")
        page.locator("#id_actions-0-owner").select_option(str(outpatient_therapist.pk))
        page.locator("#id_actions-0-due_on").fill(
            (timezone.localdate() + timedelta(days=14)).isoformat()
        )
        page.locator("#id_risks").fill("Tilbagefald ved ensomhed.")
        page.locator("#id_contingency").fill("Ring til den ambulante behandler samme dag.")
        page.locator("#id_overdose_risk").fill("Lav tolerance; naloxon udleveret.")
        # A drug case: the overdose safety (DESIGN §5.11).
        page.get_by_label("Ja, tilbudt og udleveret").check()
        page.get_by_label("Samtalen om lavere tolerance er holdt").check()
        page.locator("#id_first_72h_who").fill("Anders Ambulant")
        page.locator("#id_first_72h_when").fill("Dagen efter udskrivning kl. 10")
        page.locator("#id_first_72h_unreachable").fill("Opsøgende besøg samme dag.")
        page.get_by_role("button", name="Gem notatet").click()
        page.get_by_role("heading", name="Statusnotat: Før udskrivning").wait_for()

        # The outpatient therapist saves the section they opened before that save: conflict.
        anders.locator("#id_plan_housing_text").fill("Har fået tilbudt egen lejlighed.")
        anders.locator("#plan-housing").get_by_role("button", name="Gem afsnit").click()
        conflict = anders.locator("#plan-housing")
        conflict.get_by_text("En anden har gemt afsnittet, mens du skrev").wait_for()
        assert "Bor hos sin mor" in conflict.locator("[data-testid=diff-theirs]").inner_text()
        assert "egen lejlighed" in conflict.locator("[data-testid=diff-mine]").inner_text()
        axe_check(anders)
        anders.locator("#id_plan_housing_text").fill(
            "Bor hos sin mor indtil 1. maj; har fået tilbudt egen lejlighed derefter."
        )
        conflict.get_by_role("button", name="Gem den samlede tekst").click()
        anders.locator("#plan-housing").get_by_text("Gemt som version 3.").wait_for()

        # Acknowledges the note (htmx) and confirms the handover in their own words.
        anders.goto(detail)
        anders.get_by_role("button", name="Jeg har læst notatet").click()
        anders.get_by_text(re.compile(r"Anders Ambulant:\s+læst")).wait_for()
        anders.get_by_role("link", name="Bekræft modtagelse").click()
        anders.get_by_label("Borgerens situation, med dine ord").fill(
            "Borgeren er stabil efter ti uger, men bekymret for at bo alene efter maj."
        )
        anders.get_by_label("De aftalte handlinger").fill(
            "Ugentlige samtaler, hjælp til at flytte i egen lejlighed, tilbagefaldsgruppe."
        )
        anders.get_by_label("Hvad du gør, hvis det går galt").fill(
            "Ved tegn på tilbagefald ringer borgeren til mig, og jeg tilbyder samtale samme uge."
        )
        # The discharge is ten days away, a later week: the page asks why it is confirmed now.
        anders.get_by_label("Hvorfor bekræftes overgangen før udskrivningsugen?").fill(
            "Borgeren og jeg har talt sammen; planen er på plads, og udskrivningen holder."
        )
        anders.get_by_role("button", name="Bekræft og gennemfør overgangen").click()
        anders.get_by_text("Overgangen er bekræftet og gennemført.").wait_for()
        axe_check(anders)
    finally:
        other.close()

    handover.refresh_from_db()
    assert handover.status == Transition.Status.COMPLETED
    assert handover.confirmed_by_id == outpatient_therapist.pk
    housing = PlanSection.objects.get(transition=handover, key="housing")
    assert housing.version == 3
    assert list(housing.versions.order_by("number").values_list("is_stale", flat=True)) == [
        False,
        True,
        False,
    ]
