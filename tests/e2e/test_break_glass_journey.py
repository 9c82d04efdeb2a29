"""Break the glass end to end (DESIGN §1, issue 11): a caseworker of another team opens a case
with a reason from the list and a text and reads it; the case team's manager finds the review
task in the inbox and on the list of unreviewed uses, opens the review page and closes it with a
comment; the task is then read and the case's timeline says the use was reviewed. axe finds no
serious or critical violation on the pages, and no page breaks the Content-Security-Policy (the
harness in conftest.py fails the test on any violation)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from accounts.models import Unit
from accounts.roles import Role
from cases.models import TemporaryCaseAccess
from notifications.models import Notification
from tests import factories
from tests.e2e.journey import login

REASON = "Politiet ringer om borgeren, der er fundet forvirret på banegården."
COMMENT = "Talt med politiet og med Sune: adgangen var berettiget."


@pytest.fixture
def world(transactional_db):
    nord = factories.UnitFactory(name="Team Nord", kind=Unit.Kind.MUNICIPAL_TEAM)
    syd = factories.UnitFactory(name="Team Syd", kind=Unit.Kind.MUNICIPAL_TEAM)
    karin = factories.UserFactory(
        username="karin", first_name="Karin", last_name="Kure", unit=nord, role=Role.CASEWORKER
    )
    lise = factories.UserFactory(
        username="lise", first_name="Lise", last_name="Leder", unit=nord, role=Role.MANAGER
    )
    sune = factories.UserFactory(
        username="sune", first_name="Sune", last_name="Syd", unit=syd, role=Role.CASEWORKER
    )
    case = factories.CaseFactory(
        team=nord,
        caseworker=karin,
        inquiry_date=date.today() - timedelta(days=4),
        citizen=factories.CitizenFactory(first_name="Vibeke", last_name="Vinter"),
    )
    return {"case": case, "manager": lise, "caseworker": sune}


def test_break_the_glass_and_its_review(page, new_context, axe_check, world):
    case = world["case"]
    page.set_default_timeout(30_000)  # two browsers and a live server on a busy machine

    # Sune (Team Syd) has no access to the case: it answers like a missing one.
    login(page, "sune")
    assert page.goto(f"/sager/{case.pk}/").status == 404

    # He breaks the glass with a reason from the list and a text.
    page.goto("/sager/noedadgang/")
    page.get_by_role("heading", name="Nødadgang til en sag", level=1).wait_for()
    axe_check(page)
    page.get_by_label("Sagsnummer").fill(case.number)
    page.get_by_label("Politiet").check()
    page.get_by_label("Begrundelse").fill(REASON)
    page.get_by_role("button", name="Åbn sagen med nødadgang").click()
    page.wait_for_url(re.compile(rf"/sager/{case.pk}/$"))
    page.get_by_text("Du har nødadgang til sagen i 4 timer.").wait_for()
    assert page.get_by_text("Du læser sagen med nødadgang.").is_visible()
    assert page.get_by_role("heading", name=f"Sag {case.number}", level=1).is_visible()
    assert page.get_by_text("Vibeke Vinter").first.is_visible()
    axe_check(page)
    access = TemporaryCaseAccess.objects.get(case=case, user=world["caseworker"])
    assert (access.reason_code, access.reason) == ("police", REASON)

    # Lise, the manager of the case's team, in another browser: the task is in her inbox ...
    lise = new_context().new_page()
    lise.set_default_timeout(30_000)
    login(lise, "lise")
    lise.goto("/indbakke/")
    task = lise.locator("tr", has_text="Nødadgang til en sag i dit team")
    assert task.get_by_text("Ny", exact=True).is_visible()
    assert task.get_by_text(case.number).first.is_visible()

    # ... and on the list of unreviewed uses, from which she opens the review page.
    lise.goto("/sager/noedadgang/mangler-gennemgang/")
    use = lise.locator("tbody tr", has_text=case.number)
    assert use.get_by_text("Sune Syd").is_visible()
    assert use.get_by_text("Politiet").is_visible()
    axe_check(lise)
    lise.get_by_role("link", name=f"Gennemgå {case.number}").click()
    lise.get_by_role("heading", name="Gennemgå nødadgang", level=1).wait_for()
    assert lise.get_by_text(REASON).is_visible()
    axe_check(lise)

    # A review needs a comment: a Danish error, on the same page.
    lise.get_by_role("button", name="Afslut gennemgangen").click()
    lise.get_by_role("heading", name="Gennemgå nødadgang", level=1).wait_for()
    assert lise.get_by_text("Dette felt er påkrævet.").first.is_visible()
    axe_check(lise)

    lise.get_by_label("Kommentar").fill(COMMENT)
    lise.get_by_role("button", name="Afslut gennemgangen").click()
    lise.wait_for_url("**/sager/noedadgang/mangler-gennemgang/")
    lise.get_by_text("Nødadgangen er gennemgået.").wait_for()
    assert lise.get_by_text("Alle brud på glasset er gennemgået.").is_visible()
    axe_check(lise)

    # The task is done: read in the inbox, and the timeline says the use was reviewed.
    notification = Notification.objects.get(recipient=world["manager"])
    assert notification.read_at is not None
    lise.goto("/indbakke/")
    task = lise.locator("tr", has_text="Nødadgang til en sag i dit team")
    assert task.get_by_text("Ny", exact=True).count() == 0
    lise.goto(f"/sager/{case.pk}/tidslinje/")
    assert lise.get_by_text("Nødadgang gennemgået").first.is_visible()
    assert lise.get_by_text(COMMENT).count() == 0

    # The review page now shows who closed it, and with what comment.
    lise.goto(f"/sager/noedadgang/{access.pk}/gennemgang/")
    assert lise.get_by_text("Gennemgået af Lise Leder").is_visible()
    assert lise.get_by_text(COMMENT).is_visible()
    axe_check(lise)
