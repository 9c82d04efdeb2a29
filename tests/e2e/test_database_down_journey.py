"""Issue 16: an htmx save answered 503 while the database restarts leaves the form and the text
in place and shows the server's message (static/js/htmx-unavailable.js, under the CSP)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.unavailable import database_unavailable_response
from tests.e2e.journey import PASSWORD

TYPED = "Bor hos sin mor indtil 1. maj; søger egen bolig."


@pytest.fixture
def handover(handover_builder):
    built = handover_builder.through_services(
        stage="planning", planned_discharge_on=timezone.localdate() + timedelta(days=10)
    )
    return built.transition


def test_an_htmx_save_during_a_database_restart_keeps_the_text(page, axe_check, handover):
    page.context.set_default_timeout(30_000)
    url = reverse(
        "transitions:section_edit", kwargs={"case_id": handover.case_id, "key": "housing"}
    )
    # The answer the server gives while PostgreSQL is down (tests/core/test_database_down.py
    # shows the server sends it); here the browser's side of it.
    unavailable = database_unavailable_response(RequestFactory().post(url, HTTP_HX_REQUEST="true"))

    def answer(route):
        if route.request.method != "POST":
            route.continue_()
            return
        route.fulfill(
            status=unavailable.status_code,
            headers={k: v for k, v in unavailable.items()},
            body=unavailable.content,
        )

    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill("residential")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(lambda u: "/accounts/login/" not in u)
    page.goto(f"/overgange/{handover.case_id}/")
    page.locator("#plan-housing").get_by_role("link", name=re.compile("^Rediger")).click()
    page.locator("#id_plan_housing_text").fill(TYPED)
    page.route(re.compile(re.escape(url) + "$"), answer)
    page.locator("#plan-housing").get_by_role("button", name="Gem afsnit").click()

    alert = page.locator("#htmx-unavailable")
    alert.wait_for()
    assert "Prøv igen om lidt" in alert.inner_text()
    assert alert.get_attribute("role") == "alert"
    assert page.locator("#id_plan_housing_text").input_value() == TYPED
    axe_check(page)
