"""Issue 14: the purpose prompt, the managers' access log and the citizen's look-up extract in
the browser; axe finds no serious or critical violations on any of them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Unit
from accounts.roles import Role
from cases.access_log import access_log_record
from cases.models import AccessLog, TemporaryCaseAccess
from tests import factories
from tests.e2e.journey import login


@pytest.fixture
def world(transactional_db):
    team = factories.UnitFactory(name="Team Øst", kind=Unit.Kind.MUNICIPAL_TEAM)
    other = factories.UnitFactory(name="Team Vest", kind=Unit.Kind.MUNICIPAL_TEAM)
    manager = factories.UserFactory(
        username="lene", first_name="Lene", last_name="Leder", unit=team, role=Role.MANAGER
    )
    caseworker = factories.UserFactory(
        username="sune",
        first_name="Sune",
        last_name="Sagsbehandler",
        unit=team,
        role=Role.CASEWORKER,
    )
    outsider = factories.UserFactory(
        username="olga",
        first_name="Olga",
        last_name="Udefra",
        unit=other,
        role=Role.CASEWORKER,
    )
    open_case = factories.CaseFactory(team=team, caseworker=caseworker)
    closed_case = factories.CaseFactory(
        team=team,
        caseworker=caseworker,
        status="closed",
        closed_on=timezone.localdate() - timedelta(days=10),
    )
    TemporaryCaseAccess.objects.create(
        case=open_case,
        user=outsider,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=timezone.now() + timedelta(hours=4),
        reason="Hospitalet ringer om borgeren",
        reason_code="hospital",
    )
    access_log_record(
        user=outsider,
        case=open_case,
        object_type="case",
        purpose="break_glass",
        break_glass=True,
    )
    access_log_record(user=caseworker, case=closed_case, object_type="case", purpose="case_work")
    return {"manager": manager, "open": open_case, "closed": closed_case}


def test_a_manager_picks_a_purpose_reads_the_access_log_and_prints_an_extract(
    page, axe_check, world
):
    page.set_default_timeout(30_000)
    login(page, "lene")
    closed = world["closed"]

    # A closed case is outside the team's daily list: the purpose first, in one click.
    page.goto(f"/sager/{closed.pk}/")
    page.get_by_role("heading", name="Vælg formålet med opslaget", level=1).wait_for()
    axe_check(page)
    page.get_by_role("button", name="Borgerens egen anmodning").click()
    page.get_by_role("heading", name=f"Sag {closed.number}", level=1).wait_for()
    entry = AccessLog.objects.filter(user=world["manager"]).latest("pk")
    assert (entry.purpose, entry.purpose_chosen) == ("citizen_request", True)

    # The access log: the unusual marked, the filters, axe clean.
    page.goto("/")
    page.get_by_role("link", name="Adgangslog for enheden").click()
    page.get_by_role("heading", name="Adgangslog", level=1).wait_for()
    assert page.get_by_role("link", name="Nødadgang, ikke gennemgået").is_visible()
    assert page.get_by_text("Opslag efter afslutning").first.is_visible()
    assert page.get_by_text("1 brud på glasset mangler gennemgang.").is_visible()
    axe_check(page)
    page.get_by_label("Formål").select_option("break_glass")
    page.get_by_role("button", name="Anvend filtre").click()
    page.wait_for_url("**formaal=break_glass**")
    summary = page.locator(".results-summary").inner_text().strip()
    assert summary.endswith("opslag 1\N{EN DASH}1, nyeste først")
    axe_check(page)

    # The citizen's look-up extract.
    page.goto(f"/sager/borger/{closed.citizen_id}/")
    # The citizen has only the closed case: the citizen's page asks too.
    page.get_by_role("button", name="Borgerens egen anmodning").click()
    page.get_by_role("link", name="Udskrift af opslag til borgeren").click()
    page.get_by_role("heading", name="Udskrift af opslag til borgeren", level=1).wait_for()
    axe_check(page)
    page.get_by_label("CSV").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent udskriften").click()
    assert download.value.suggested_filename.endswith(".csv")
    assert AccessLog.objects.filter(
        object_type="citizen_lookup_extract", purpose="citizen_request"
    ).exists()
