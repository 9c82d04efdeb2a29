"""The large-data generator (issue 3): `manage.py generate_load_data`.

One generated data set (200 cases) is shared by the read-only tests of this module; it is made
once per module and rolled back afterwards."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Min
from django.test.utils import override_settings
from django.utils import translation

from accounts.models import Unit, User
from accounts.roles import Role
from bench import loaddata
from cases.access import case_access_sync
from cases.cpr import birth_date_from_cpr, parse_cpr
from cases.event_messages import event_text
from cases.models import (
    Case,
    CaseEvent,
    CaseGroupObjectPermission,
    CaseStatus,
    CaseUserObjectPermission,
    Citizen,
    LegalBasis,
)
from tests import factories
from tests.clock import LOAD_DATA_NOW
from transitions.models import (
    AftercareCommitment,
    CommitmentDelivery,
    PlanSection,
    PlanSectionKey,
    Transition,
)
from transitions.services import after_discharge
from treatment_options.models import Contact, Episode

CASES = 200


@pytest.fixture(scope="module")
def load_data(django_db_setup, django_db_blocker):
    """Generate once for the module inside a transaction that is rolled back at the end."""
    # The fast hasher that tests/conftest.py sets per test, here for the whole module.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), time_machine.travel(LOAD_DATA_NOW, tick=False), fast:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("generate_load_data", cases=CASES, seed=7, stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def generated(load_data, db):
    return Case.objects.filter(team__name__startswith=loaddata.UNIT_PREFIX)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _grant_rows(case_ids: list[int]) -> tuple[set[tuple], set[tuple]]:
    users = set(
        CaseUserObjectPermission.objects.filter(content_object_id__in=case_ids).values_list(
            "pk", "content_object_id", "user_id", "permission__codename"
        )
    )
    groups = set(
        CaseGroupObjectPermission.objects.filter(content_object_id__in=case_ids).values_list(
            "pk", "content_object_id", "group_id", "permission__codename"
        )
    )
    return users, groups


def test_makes_the_requested_number_of_cases_and_reports_it(load_data, generated):
    assert generated.count() == CASES
    assert f"{CASES} sager genereret" in load_data


def test_every_case_state_is_present_and_closed_dominates(generated):
    statuses = Counter(generated.values_list("status", flat=True))
    assert set(statuses) == set(CaseStatus.values)
    assert statuses[CaseStatus.CLOSED] == max(statuses.values())


def test_a_citizen_has_at_most_one_open_case(generated):
    open_per_citizen = (
        generated.exclude(status=CaseStatus.CLOSED)
        .values("citizen")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not open_per_citizen.exists()
    # Citizens with several courses: the earlier ones closed before the next inquiry.
    for citizen in Citizen.objects.annotate(n=Count("cases")).filter(n__gt=1)[:20]:
        cases = list(citizen.cases.order_by("inquiry_date"))
        for earlier, later in itertools.pairwise(cases):
            assert earlier.status == CaseStatus.CLOSED
            assert earlier.closed_on is not None
            assert earlier.closed_on < later.inquiry_date


def test_cpr_numbers_are_valid_unique_and_match_the_birth_date(generated):
    citizens = Citizen.objects.filter(cases__in=generated).distinct()
    named = citizens.filter(is_anonymous=False)
    assert named.count() > 100
    for citizen in named:
        assert citizen.cpr is not None
        assert parse_cpr(citizen.cpr) == citizen.cpr
        assert birth_date_from_cpr(citizen.cpr) == citizen.birth_date
    anonymous = citizens.filter(is_anonymous=True)
    assert anonymous.exists()
    assert all(c.cpr is None and c.alias for c in anonymous)


def test_legal_bases_fit_the_citizen_and_the_guarantee_deadline_is_filled(generated):
    bases = set(generated.values_list("legal_basis", flat=True))
    assert {LegalBasis.SEL101, LegalBasis.SUL141, LegalBasis.SEL101A} <= bases
    for case in generated.select_related("citizen", "clock_request"):
        # DESIGN §3: the deadline belongs to the case's request; the case stores its open clock.
        request = case.requests.get()
        assert case.clock_request == request
        assert request.requested_on == case.inquiry_date
        assert set(case.episodes.values_list("request", flat=True)) <= {request.pk}
        if case.legal_basis == LegalBasis.SEL101A:
            assert case.citizen.is_anonymous
            assert request.guarantee_deadline is None
        elif not case.regional_dual_diagnosis:
            assert request.guarantee_deadline == case.inquiry_date + timedelta(days=14)
        open_clock = request.is_open_clock(today=LOAD_DATA_NOW.date())
        assert case.guarantee_deadline == (request.guarantee_deadline if open_clock else None)
        if case.legal_basis == LegalBasis.BL33:
            assert _age_on(case.citizen.birth_date, case.inquiry_date) < 18
        if case.legal_basis == LegalBasis.SEL101:
            assert _age_on(case.citizen.birth_date, case.inquiry_date) >= 18
        assert case.inquiry_date <= LOAD_DATA_NOW.date()
        assert (LOAD_DATA_NOW.date() - case.inquiry_date).days <= loaddata.WINDOW_DAYS


def test_treatment_start_is_the_first_actual_episode_start(generated):
    first = dict(
        Episode.objects.filter(case__in=generated)
        .values("case")
        .annotate(first=Min("actual_start"))
        .values_list("case", "first")
    )
    for case in generated:
        assert case.treatment_started_on == first.get(case.pk)
        if case.status in (CaseStatus.IN_TREATMENT, CaseStatus.AFTERCARE):
            assert case.treatment_started_on is not None


def test_closed_cases_have_no_open_episode_and_open_ones_follow_their_state(generated):
    open_started = Episode.objects.filter(actual_start__isnull=False, actual_end__isnull=True)
    assert not open_started.filter(case__status=CaseStatus.CLOSED, case__in=generated).exists()
    assert not Episode.objects.filter(
        case__in=generated, case__status__in=[CaseStatus.INQUIRY, CaseStatus.ASSESSMENT]
    ).exists()
    # Referred cases wait for their first start; the referral is open.
    for case in generated.filter(status=CaseStatus.REFERRED):
        assert case.treatment_started_on is None
        assert case.episodes.filter(actual_start__isnull=True, actual_end__isnull=True).exists()


def test_timeline_has_created_and_every_status_change(generated):
    for case in generated:
        events = list(CaseEvent.objects.filter(case=case).order_by("occurred_at", "pk"))
        assert events[0].kind == CaseEvent.Kind.CREATED
        changes = [e for e in events if e.kind == CaseEvent.Kind.STATUS_CHANGED]
        last = changes[-1].to_status if changes else CaseStatus.INQUIRY
        assert last == case.status
        # Written with code and values as the services write them (issue 18), so an English
        # timeline shows English texts.
        for event in events:
            assert event.code
            with translation.override("en"):
                assert event_text(event.code, event.values, strict=True)


def test_transitions_have_the_ten_plan_sections(generated):
    transitions = Transition.objects.filter(case__in=generated)
    assert transitions.exists()
    counts = transitions.annotate(n=Count("plan_sections")).values_list("n", flat=True)
    assert set(counts) == {len(PlanSectionKey.values)}
    assert PlanSection.objects.filter(transition__in=transitions, version=1).exists()


def test_users_in_every_role_share_one_password_hash(generated):
    users = User.objects.filter(username__startswith=loaddata.USERNAME_PREFIX)
    roles = set(users.values_list("groups__name", flat=True))
    assert set(Role.values) <= roles
    assert users.values("password").distinct().count() == 1
    first = users.first()
    assert first is not None
    assert first.check_password(loaddata.PASSWORD)
    assert Unit.objects.filter(name__startswith=loaddata.UNIT_PREFIX).count() == 20


def test_bulk_grants_equal_what_case_access_sync_computes(generated):
    case_ids = list(generated.values_list("pk", flat=True))
    before = _grant_rows(case_ids)
    assert before[0] and before[1]
    for case in generated.select_related("team"):
        case_access_sync(case)
    assert _grant_rows(case_ids) == before


def test_refuses_to_generate_twice_without_reset(generated):
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_load_data", cases=10, stdout=StringIO())


def test_reset_removes_load_data_and_keeps_other_data(generated, caseworker, team_nord):
    # The factory numbers cases from 2026-00001, which the load data already uses.
    case = factories.CaseFactory(number="1999-00001", team=team_nord, caseworker=caseworker)
    out = StringIO()
    call_command("generate_load_data", reset_only=True, stdout=out)
    assert not Case.objects.filter(team__name__startswith=loaddata.UNIT_PREFIX).exists()
    assert not User.objects.filter(username__startswith=loaddata.USERNAME_PREFIX).exists()
    assert not Group.objects.filter(name__startswith=f"Enhed: {loaddata.UNIT_PREFIX}").exists()
    assert Citizen.objects.filter(pk=case.citizen_id).exists()
    assert Case.objects.filter(pk=case.pk).exists()
    assert CaseUserObjectPermission.objects.filter(content_object=case).exists()


def test_aftercare_commitments_have_contacts_that_deliver_them(generated):
    contacts = Contact.objects.filter(episode__case__in=generated)
    assert contacts.exists()
    assert set(contacts.values_list("outcome", flat=True)) >= {"attended", "missed"}
    assert CommitmentDelivery.objects.filter(contact__in=contacts).count() == contacts.count()
    commitments = AftercareCommitment.objects.filter(transition__case__in=generated)
    assert not commitments.filter(contacts_per_period__isnull=True).exists()


def test_first_contact_and_first_appointment_status_follow_the_contacts(generated):
    """DESIGN §5.9: the two fields are what the contacts say, as if the services wrote them."""
    transitions = list(
        Transition.objects.filter(case__in=generated, outpatient_episode__isnull=False)
    )
    with_contact = 0
    for transition in transitions:
        attended = after_discharge.attended_contact_times(transition)
        status, first = after_discharge.derived_first_weeks(
            transition, attended_at=attended, now=LOAD_DATA_NOW
        )
        assert transition.first_outpatient_contact_on == first, transition.pk
        if transition.first_appointment_status != Transition.AppointmentStatus.MISSED:
            assert transition.first_appointment_status == status, transition.pk
        else:
            assert status == Transition.AppointmentStatus.MISSED
        with_contact += first is not None
    assert with_contact > 0


def test_follow_ups_only_on_followed_up_courses_with_consistent_outcomes(generated):
    from notifications.models import FollowUp

    rows = FollowUp.objects.filter(case__in=generated).select_related("case")
    assert rows.exists()
    assert rows.exclude(outcome="").exists()
    for row in rows:
        assert row.case.status == CaseStatus.CLOSED
        assert row.case.legal_basis in (LegalBasis.SEL101, LegalBasis.BL33)
        assert row.case.course_end_reason not in ("death", "moved", "no_treatment")
        last_end = max(e.actual_end for e in row.case.episodes.all() if e.actual_end)
        assert row.course_end_on == last_end
        if row.outcome:
            assert row.done_on is not None and row.done_on >= row.course_end_on
        if row.outcome == "not_reached":
            assert row.attempts.count() == 3
