"""The new pages of issue 15 in the browser: an outpatient-only course's check-ins on the case
page and its schedule page, an answer that needs follow-up and its task in the panel, and the
question after a discharge without outpatient treatment; axe finds nothing serious on them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.services import case_move
from tests.cases.service_helpers import open_case, record_decision
from tests.e2e.journey import login
from treatment_options.models import Offer
from treatment_options.services import episode_end, episode_refer, episode_start


def _decided_case(caseworker: User) -> Any:
    case = open_case(caseworker, inquiry_date=timezone.localdate() - timedelta(days=20))
    case_move(actor=caseworker, case=case, action="start_assessment")
    record_decision(case, caseworker, on=timezone.localdate())
    return case_move(actor=caseworker, case=case, action="refer")


def test_an_outpatient_only_course_shows_its_check_ins_and_schedule(
    page: Any, axe_check: Callable[..., dict[str, Any]], caseworker: User, outpatient_offer: Offer
) -> None:
    page.context.set_default_timeout(30_000)
    today = timezone.localdate()
    case = _decided_case(caseworker)
    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=today
    )
    episode_start(actor=caseworker, episode=episode, actual_start=today)
    login(page, "caseworker")

    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    panel = page.locator("#tjek-ind")
    assert "2 uger efter ambulant start" in panel.inner_text()
    axe_check(page)

    panel.get_by_role("link", name="Ret planen").click()
    page.get_by_label("Tjek-ind efter ambulant start (uger)").fill("1, 2, 6, 12, 26, 52")
    page.get_by_label("Begrundelse").fill("Borgeren ønsker tættere opfølgning")
    page.get_by_role("button", name="Gem planen").click()
    page.wait_for_url(f"**/sager/{case.pk}/#tjek-ind")
    assert "1 uge efter ambulant start" in page.locator("#tjek-ind").inner_text()
    axe_check(page)

    # An answer that needs follow-up gives the caseworker a task, listed with the check-ins.
    page.locator("#tjek-ind").get_by_role("link", name="1 uge efter ambulant start").click()
    # The click navigates: wait for the form rather than test the page that is being left.
    page.get_by_text("Giver sagsbehandleren en opfølgningsopgave.").wait_for()
    page.get_by_label("Hvad er du mest usikker på?").fill("Om jeg kan holde weekenderne ud.")
    page.get_by_label("Tilbagefald").check()
    page.get_by_label("Kræver opfølgning").check()
    page.get_by_role("button", name="Gem svaret").click()
    page.wait_for_url(f"**/sager/{case.pk}/#tjek-ind")
    follow_ups = page.locator("#tjek-ind tbody tr").filter(
        has_text="Følg op på tjek-ind: 1 uge efter ambulant start"
    )
    follow_ups.wait_for()
    assert caseworker.get_full_name() in follow_ups.inner_text()
    axe_check(page)
    follow_ups.get_by_role("button", name="Udført").click()
    page.get_by_text("Handlingen er markeret som udført.").wait_for()
    assert "Åbne opfølgninger" not in page.locator("#tjek-ind").inner_text()


def test_a_discharge_without_outpatient_treatment_asks_what_comes_next(
    page: Any,
    axe_check: Callable[..., dict[str, Any]],
    caseworker: User,
    residential_offer: Offer,
    residential_therapist: User,
) -> None:
    today = timezone.localdate()
    case = _decided_case(caseworker)
    stay = episode_refer(actor=caseworker, case=case, offer=residential_offer, referral_date=today)
    stay = episode_start(actor=residential_therapist, episode=stay, actual_start=today)
    episode_end(actor=residential_therapist, episode=stay, actual_end=today, end_reason="completed")
    login(page, "caseworker")

    page.goto(reverse("treatment_options:discharge_next", kwargs={"case_id": case.pk}))
    assert page.get_by_role("heading", name="Efter udskrivningen").is_visible()
    axe_check(page)
    # The click posts the form: wait for the answer rather than read the page being left.
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_text("Vælg, hvad der skal ske.").first.wait_for()
    assert page.get_by_role("heading", name="Efter udskrivningen").is_visible()
    axe_check(page)
