"""Issue 13 (acceptance 2): the follow-up after a course (BEK 1477/2019 § 4) on the case page.
The caseworker records an attempt, tries "not reached" too early (the error keeps what was
typed), then records a held follow-up that finds a need for new treatment: a request for
renewed treatment appears on the case. axe finds no serious or critical violations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Unit
from accounts.roles import Role
from cases.models import TreatmentRequest
from notifications.models import FollowUp
from tests import factories
from tests.e2e.journey import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def ended(transactional_db):
    team = factories.UnitFactory(name="Team Øst", kind=Unit.Kind.MUNICIPAL_TEAM)
    caseworker = factories.UserFactory(
        username="sofie", first_name="Sofie", unit=team, role=Role.CASEWORKER
    )
    provider = factories.ProviderFactory(name="Rusmiddelcenter Øst")
    offer = factories.OfferFactory(provider=provider, name="Ambulant", treatment_type="outpatient")
    today = timezone.localdate()
    end = today - timedelta(days=40)
    case = factories.CaseFactory(
        team=team,
        caseworker=caseworker,
        inquiry_date=end - timedelta(days=90),
        treatment_started_on=end - timedelta(days=60),
        status="aftercare",
    )
    factories.EpisodeFactory(
        case=case,
        offer=offer,
        request=case.requests.first(),
        referral_date=end - timedelta(days=70),
        actual_start=end - timedelta(days=60),
        actual_end=end,
        end_reason="completed",
    )
    return case


def test_the_follow_up_outcome_opens_a_new_request(page, axe_check, ended):
    page.set_default_timeout(30_000)
    login(page, "sofie")
    page.goto(f"/sager/{ended.pk}/")
    one = page.locator("#opfoelgning-1m")
    one.get_by_role("heading", name="1 måned efter forløbets afslutning").wait_for()

    one.get_by_text("Registrér forsøg").click()
    one.get_by_label("Note").fill("Ringet, ingen svar")
    one.get_by_role("button", name="Gem forsøget").click()
    page.get_by_text("Forsøget er registreret.").wait_for()
    one = page.locator("#opfoelgning-1m")
    assert one.get_by_text("Ringet, ingen svar").is_visible()

    one.get_by_text("Registrér resultat").click()
    one.get_by_label("Borgeren er ikke truffet").check()
    one.get_by_label("Bolig").fill("Bor hos en ven")
    axe_check(page)
    one.get_by_role("button", name="Gem resultatet").click()
    page.get_by_role("heading", name="Der er fejl i formularen").wait_for()
    assert page.get_by_label("Bolig").input_value() == "Bor hos en ven"
    assert page.get_by_text("efter 3 daterede forsøg (registreret: 1)").first.is_visible()
    axe_check(page)

    page.get_by_label("Opfølgningen er holdt").check()
    page.get_by_label("Forbrug").select_option("reduced")
    page.get_by_label("Borgeren har behov for ny behandling").check()
    page.get_by_role("button", name="Gem resultatet").click()
    page.get_by_text("Der er oprettet en anmodning om fornyet behandling.").wait_for()
    assert "#opfoelgning" in page.url
    one = page.locator("#opfoelgning-1m")
    assert one.get_by_text("Opfølgningen er holdt").first.is_visible()
    assert one.get_by_text("anmodning om fornyet behandling oprettet").is_visible()
    axe_check(page)

    follow_up = FollowUp.objects.get(case=ended, due_kind="1m")
    assert (follow_up.outcome, follow_up.use, follow_up.housing) == (
        "held",
        "reduced",
        "Bor hos en ven",
    )
    assert follow_up.new_request == ended.requests.get(kind=TreatmentRequest.Kind.RENEWED)
