"""No day without an owner and no quiet changes in the browser (issue 15): the outpatient
therapist names a deputy, the deputy's inbox shows what they cover, a manager moves a leaving
caseworker's cases, and a commitment changes only with a reason. Axe clean on every new page."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from accounts.roles import Role
from tests import factories
from tests.e2e.journey import login
from transitions import services as handover


def logout(page) -> None:
    with page.expect_navigation():
        page.locator("form.logout-form button[type=submit]").click()


def test_deputy_caseload_and_reasoned_commitment_change(
    page, axe_check, handover_builder, outpatient_therapist, ambulant_unit, manager, team_nord
):
    factories.UserFactory(
        username="kollega",
        first_name="Dorthe",
        last_name="Kollega",
        unit=ambulant_unit,
        role=Role.OUTPATIENT_THERAPIST,
    )
    transition = handover_builder.through_services(stage="planning").transition
    commitment = handover.commitment_create(
        transition=transition,
        actor=outpatient_therapist,
        description="Individuelle samtaler",
        frequency="1 gang om ugen",
        starts_on=date.today() + timedelta(days=10),
    )

    login(page, "outpatient")
    page.goto(reverse("accounts:deputies"))
    axe_check(page)
    page.locator("#id_deputy").select_option(label="Dorthe Kollega")
    page.locator("#id_starts_on").fill(date.today().isoformat())
    page.locator("#id_ends_on").fill((date.today() + timedelta(days=4)).isoformat())
    page.get_by_role("button", name="Gem stedfortræder").click()
    page.get_by_text("Din stedfortræder er gemt.").wait_for()
    axe_check(page)

    # A change without a reason is refused and what was typed stays.
    page.goto(
        reverse(
            "transitions:commitment_detail",
            kwargs={"case_id": transition.case_id, "pk": commitment.pk},
        )
    )
    axe_check(page)
    page.locator("#id_description").fill("Samtaler hos ny behandler")
    page.get_by_role("button", name="Gem ændringen").click()
    page.get_by_text("Skriv en begrundelse for ændringen af indsatsen.").first.wait_for()
    assert page.locator("#id_description").input_value() == "Samtaler hos ny behandler"
    axe_check(page)
    page.locator("#id_reason").fill("Borgeren ønskede en anden behandler")
    page.get_by_role("button", name="Gem ændringen").click()
    page.get_by_text("Borgeren ønskede en anden behandler").wait_for()
    logout(page)

    login(page, "kollega")
    page.goto(reverse("notifications:inbox"))
    assert page.get_by_text("Du er stedfortræder for").first.is_visible()
    axe_check(page)
    logout(page)

    login(page, "manager")
    page.goto(reverse("cases:caseload_move"))
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Flyt sagerne").click()
    assert page.get_by_text("Der er fejl i formularen").is_visible()
    axe_check(page)
