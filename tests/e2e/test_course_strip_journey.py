"""The course at a glance (issue 18) in the browser: a case handed over from residential to
outpatient treatment shows its strip with a name, a legend and the same facts as a list; axe is
clean and the Content-Security-Policy is never violated (the strip uses no inline style), in
Danish and in English."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.e2e.journey import login


@pytest.fixture
def handed_over(transactional_db, handover_builder):
    return handover_builder.through_services(stage="handed_over").transition


def test_the_case_page_shows_the_course_at_a_glance(page, axe_check, handed_over):
    login(page, "caseworker")
    page.goto(f"/sager/{handed_over.case_id}/")

    strip = page.get_by_role("img", name="Forløbet i overblik")
    assert strip.is_visible()
    assert strip.get_attribute("style") is None
    assert page.locator(".course-strip-svg [style]").count() == 0
    legend = page.locator(".course-strip-legend")
    assert legend.get_by_text("Døgnbehandling", exact=True).is_visible()
    assert legend.get_by_text("Udskrivning", exact=True).is_visible()
    axe_check(page)

    # The same facts as a list, one per mark, and today.
    page.get_by_text("Forløbet som liste").click()
    facts = page.locator(".course-strip-list li")
    marks = page.locator(".course-strip-svg g > title")
    assert facts.count() == marks.count() + 1
    assert facts.filter(has_text="Udskrevet fra døgnbehandling").count() == 1
    assert facts.filter(has_text="Tjek-ind besvaret").count() == 1
    assert facts.filter(has_text="Tjek-ind planlagt").count() >= 4
    assert facts.last.inner_text().endswith("I dag")
    axe_check(page)

    # In English.
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": page.url}]
    )
    page.reload()
    assert page.get_by_role("img", name="The course at a glance").is_visible()
    page.get_by_text("The course as a list").click()
    assert page.locator(".course-strip-list li").last.inner_text().endswith("Today")
    axe_check(page)
