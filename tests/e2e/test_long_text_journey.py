"""Issue 18: a 20,000-character note on the case page is shown shortened; "Vis hele teksten"
(a <details> summary, no JavaScript) opens the whole text, by mouse and by keyboard. axe finds
no serious or critical violations, closed or open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Unit
from accounts.roles import Role
from tests import factories
from tests.e2e.journey import login

pytestmark = pytest.mark.e2e

LONG_NOTE = ("Borgeren ringede og fortalte om forbruget, familien og boligen. " * 320)[:20_000]
LAST_WORDS = LONG_NOTE[-60:].strip()


@pytest.fixture
def case_with_long_note(transactional_db):
    team = factories.UnitFactory(name="Team Øst", kind=Unit.Kind.MUNICIPAL_TEAM)
    caseworker = factories.UserFactory(
        username="ida", first_name="Ida", unit=team, role=Role.CASEWORKER
    )
    return factories.CaseFactory(
        team=team,
        caseworker=caseworker,
        inquiry_date=timezone.localdate() - timedelta(days=3),
        inquiry_note=LONG_NOTE,
    )


def test_long_note_is_shortened_and_opens_whole(page, axe_check, case_with_long_note):
    page.set_default_timeout(30_000)
    case = case_with_long_note
    login(page, "ida")
    page.goto(f"/sager/{case.pk}/")
    note = page.locator("#oversigt .long-text")
    control = note.get_by_text("Vis hele teksten")
    whole = note.locator(".long-text-whole")
    assert note.locator(".long-text-preview").is_visible()
    assert control.is_visible()
    assert not whole.is_visible()
    # The closed note takes a few lines, not thousands of pixels.
    assert note.bounding_box()["height"] < 400
    axe_check(page)

    control.click()
    assert whole.is_visible()
    assert whole.get_by_text(LAST_WORDS, exact=False).is_visible()
    assert not note.locator(".long-text-preview").is_visible()
    assert note.get_by_text("Vis mindre").is_visible()
    axe_check(page)

    # Keyboard: the summary is a focusable control that Enter toggles.
    summary = note.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert not whole.is_visible()
    assert note.locator(".long-text-preview").is_visible()
    page.keyboard.press("Enter")
    assert whole.is_visible()
