"""Issue 13: the provider makes the treatment plan and revises it, the versions are compared; the
caseworker saves the action plan; the case page with children in the home shows the standing
prompt. axe finds no serious or critical violations on these pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Unit
from accounts.roles import Role
from tests import factories
from tests.e2e.journey import login

from .test_case_journey import logout

pytestmark = pytest.mark.e2e


@pytest.fixture
def started(transactional_db):
    team = factories.UnitFactory(name="Team Vest", kind=Unit.Kind.MUNICIPAL_TEAM)
    clinic = factories.UnitFactory(name="Rusmiddelcenter Vest", kind=Unit.Kind.OUTPATIENT)
    caseworker = factories.UserFactory(
        username="sofie", first_name="Sofie", unit=team, role=Role.CASEWORKER
    )
    factories.UserFactory(
        username="bo", first_name="Bo", unit=clinic, role=Role.OUTPATIENT_THERAPIST
    )
    provider = factories.ProviderFactory(name="Rusmiddelcenter Vest", unit=clinic)
    offer = factories.OfferFactory(provider=provider, name="Ambulant", treatment_type="outpatient")
    today = timezone.localdate()
    case = factories.CaseFactory(
        team=team,
        caseworker=caseworker,
        inquiry_date=today - timedelta(days=6),
        status="in_treatment",
        children_in_home=1,
        children_ages="6 år",
    )
    return factories.EpisodeFactory(
        case=case,
        offer=offer,
        referral_date=today - timedelta(days=4),
        actual_start=today - timedelta(days=2),
    )


def test_treatment_plan_versions_and_action_plan(page, axe_check, started):
    page.set_default_timeout(30_000)
    case = started.case
    login(page, "bo")
    page.goto(f"/sager/{case.pk}/")
    assert page.get_by_text("Der bor et barn under 18 i borgerens hjem.").is_visible()
    axe_check(page)
    page.goto(f"/tilbud/sag/{case.pk}/forloeb/{started.pk}/behandlingsplan/")
    page.get_by_label("Mål").fill("Stoppe det daglige forbrug.")
    page.get_by_label("Aktiviteter og faser").fill("Fase 1: samtaler.")
    page.get_by_role("button", name="Gem ny version").click()
    page.get_by_text("Behandlingsplanen er gemt.").wait_for()
    page.get_by_label("Aktiviteter og faser").fill("Fase 1: samtaler. Fase 2: gruppe.")
    page.get_by_role("button", name="Gem ny version").click()
    page.get_by_text("Behandlingsplanen er gemt.").wait_for()
    page.get_by_role("link", name="Sammenlign 1 og 2").click()
    page.get_by_role("heading", name="Version 1 sammenlignet med version 2").wait_for()
    axe_check(page)

    page.goto(f"/sager/{case.pk}/handleplan/")
    assert page.get_by_role("heading", name="Redigér handleplanen").count() == 0  # provider
    logout(page)
    login(page, "sofie")
    page.goto(f"/sager/{case.pk}/handleplan/")
    page.get_by_label("Formål").fill("Stabil bolig.")
    page.get_by_role("button", name="Gem handleplan").click()
    page.get_by_text("Handleplanen er gemt.").wait_for()
    axe_check(page)
