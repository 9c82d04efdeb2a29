"""Issue 14, acceptance 7: a manager sees what the nightly deletion removes in the next 30
days, places a hold with a reason and lifts it again, confirms a rule, and filters the access
log by the held case; axe finds no serious or critical violations on any of the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Unit
from accounts.roles import Role
from cases.access_log import access_log_record
from rights.models import LegalHold, RetentionKind, RetentionRule
from rights.retention.defaults import DEFAULTS, add_months
from tests import factories
from tests.e2e.journey import login


@pytest.fixture
def world(transactional_db):
    # The migration's rows do not survive other browser tests' flushes: make them again.
    for default in DEFAULTS:
        RetentionRule.objects.get_or_create(
            kind=default.kind.value,
            defaults={
                "period_months": default.months,
                "counted_from": default.counted_from.value,
                "action": default.action.value,
                "legal_source": default.legal_source,
            },
        )
    RetentionRule.objects.exclude(kind=RetentionKind.NOTIFICATION).update(
        confirmed=True, confirmed_at=timezone.now()
    )
    RetentionRule.objects.filter(kind=RetentionKind.NOTIFICATION).update(confirmed=False)
    team = factories.UnitFactory(name="Team Øst", kind=Unit.Kind.MUNICIPAL_TEAM)
    manager = factories.UserFactory(
        username="lene", first_name="Lene", last_name="Leder", unit=team, role=Role.MANAGER
    )
    caseworker = factories.UserFactory(
        username="sune", first_name="Sune", last_name="Sag", unit=team, role=Role.CASEWORKER
    )
    # Ended five years ago less ten days: deleted in ten days.
    ended = add_months(timezone.localdate() + timedelta(days=10), -60)
    case = factories.CaseFactory(
        team=team,
        caseworker=caseworker,
        citizen=factories.CitizenFactory(cpr="030360-3333"),
        inquiry_date=ended - timedelta(days=90),
        closed_on=ended,
        status="closed",
    )
    access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    return {"manager": manager, "case": case}


def test_a_manager_holds_a_case_due_for_deletion_and_lifts_the_hold(page, axe_check, world):
    page.set_default_timeout(30_000)
    case = world["case"]
    login(page, "lene")

    page.get_by_role("link", name="Sletning og tilbageholdelse").click()
    page.get_by_role("heading", name="Sletning og tilbageholdelse", level=1).wait_for()
    assert page.get_by_text("Frister, der ikke er bekræftet").is_visible()
    row = page.get_by_role("row").filter(has_text=case.number)
    assert row.get_by_text("030360-XXXX").is_visible()
    assert "030360-3333" not in page.content()
    axe_check(page)

    row.get_by_role("link", name=f"Tilbagehold sag {case.number}").click()
    page.get_by_role("heading", name="Tilbagehold data", level=1).wait_for()
    axe_check(page)
    page.get_by_role("button", name="Tilbagehold").click()
    page.get_by_text("Skriv en begrundelse.").first.wait_for()
    axe_check(page)
    page.get_by_label("Begrundelse").fill("Klage til Ankestyrelsen over afgørelsen")
    page.get_by_role("button", name="Tilbagehold").click()

    page.get_by_role("heading", name="Sletning og tilbageholdelse", level=1).wait_for()
    assert (
        page.get_by_role("row")
        .filter(has_text=case.number)
        .first.get_by_text("Tilbageholdt")
        .is_visible()
    )
    hold = LegalHold.objects.get()
    assert (hold.case_id, hold.kind, hold.placed_by) == (case.pk, "manager", world["manager"])
    axe_check(page)

    page.get_by_role("link", name=f"Ophæv tilbageholdelsen {case.number}").click()
    page.get_by_role("heading", name="Ophæv tilbageholdelse", level=1).wait_for()
    axe_check(page)
    page.get_by_label("Begrundelse").fill("Klagen er afgjort")
    page.get_by_role("button", name="Ophæv").click()
    page.get_by_text("Ingen åbne tilbageholdelser.").wait_for()
    hold.refresh_from_db()
    assert hold.lift_reason == "Klagen er afgjort"

    page.get_by_role("button", name="Bekræft Notifikationer").click()
    page.get_by_text("Fristen er bekræftet.").wait_for()
    assert RetentionRule.objects.get(kind="notification").confirmed
    assert not page.get_by_text("Frister, der ikke er bekræftet").is_visible()
    axe_check(page)

    # The access log filtered by the case: the caseworker's read, and the retention page's
    # list reads (one per visit, purpose "list"); then by purpose as well.
    page.goto("/sager/adgangslog/")
    page.get_by_label("Sag").fill(case.number)
    page.get_by_role("button", name="Anvend filtre").click()
    page.wait_for_url(f"**sag={case.number}**")
    summary = page.locator(".results-summary").inner_text().strip()
    assert summary.endswith("opslag 1\N{EN DASH}6, nyeste først")
    axe_check(page)
    page.get_by_label("Formål").select_option("case_work")
    page.get_by_role("button", name="Anvend filtre").click()
    page.wait_for_url("**formaal=case_work**")
    summary = page.locator(".results-summary").inner_text().strip()
    assert summary.endswith("opslag 1\N{EN DASH}1, nyeste først")
    assert page.get_by_role("cell", name="Sune Sag").first.is_visible()
    axe_check(page)
