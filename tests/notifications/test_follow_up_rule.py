"""The legal follow-up (BEK 1477/2019 § 4, DESIGN §3.1, §6): which courses are followed up (by
basis and by end reason), from which end, and who is reminded (the team's setting). Frozen clock:
each test moves time to the day it runs the rule on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from accounts.models import FollowUpBy
from accounts.roles import Role
from cases.course_end_reasons import FOLLOWED_UP, is_followed_up
from cases.guarantee import add_months
from cases.models import CourseEndReason, TreatmentRequest
from tests import factories
from tests.clock import REMINDER_DAY, at

from .conftest import make_case, make_episode, run_rule

D = REMINDER_DAY  # the course ends on D
DUE_1M = add_months(D, 1)


def rule_on(clock, day):
    """The follow-up rule's findings with the clock stopped on `day`."""
    clock.move_to(at(day, 12), tick=False)
    assert date.today() == day
    return run_rule("follow_up", date.today())


def ended(case, offer, *, end=D, request=None, reason="completed"):
    return make_episode(
        case,
        offer,
        request=request or case.requests.first(),
        actual_start=end - timedelta(days=60),
        actual_end=end,
        end_reason=reason,
    )


@pytest.fixture
def course(caseworker, team_nord):
    def make(basis="SEL101", course_end_reason=""):
        case = make_case(
            caseworker=caseworker,
            team=team_nord,
            legal_basis=basis,
            inquiry_date=D - timedelta(days=90),
            course_end_reason=course_end_reason,
        )
        return case

    return make


def test_the_end_reason_table_has_every_course_end_reason():
    assert set(FOLLOWED_UP) == set(CourseEndReason.values)


def test_an_unknown_end_reason_is_an_error():
    with pytest.raises(ValueError):
        is_followed_up("vanished")


@pytest.mark.parametrize(
    ("basis", "reminded"),
    [("SEL101", True), ("BL33", True), ("SEL101A", False), ("SUL141", False), ("SUL142", False)],
)
def test_only_social_drug_treatment_is_followed_up(
    clock, course, outpatient_offer, caseworker, basis, reminded
):
    case = course(basis)
    ended(case, outpatient_offer)
    found = rule_on(clock, DUE_1M)
    expected = [(caseworker.pk, "follow_up_due", f"1m:7d:{DUE_1M.isoformat()}")]
    assert found == (expected if reminded else [])


@pytest.mark.parametrize(
    ("reason", "reminded"),
    [
        ("", True),
        ("completed", True),
        ("dropped_out", True),
        ("other_offer", True),
        ("other", True),
        ("death", False),
        ("moved", False),
        ("no_treatment", False),
    ],
)
def test_follow_up_by_course_end_reason(
    clock, course, outpatient_offer, caseworker, reason, reminded
):
    case = course("SEL101", course_end_reason=reason)
    ended(case, outpatient_offer)
    found = rule_on(clock, DUE_1M + timedelta(days=1))  # overdue
    expected = [(caseworker.pk, "follow_up_overdue", f"1m:overdue:{DUE_1M.isoformat()}")]
    assert found == (expected if reminded else [])


def test_a_combination_case_is_followed_up_for_its_social_part(
    clock, course, outpatient_offer, caseworker
):
    """SUL § 142 case with a SEL § 101 request (combination treatment): the social episode
    makes it a followed-up course; the medical episode alone would not."""
    case = course("SUL142")
    ended(case, outpatient_offer)
    assert rule_on(clock, DUE_1M) == []
    social = factories.TreatmentRequestFactory(
        case=case, kind=TreatmentRequest.Kind.COMBINATION, legal_basis="SEL101"
    )
    ended(case, outpatient_offer, request=social)
    assert len(rule_on(clock, DUE_1M)) == 1


def test_a_course_continued_in_another_offer_counts_from_the_last_end(
    clock, course, outpatient_offer, residential_offer, caseworker
):
    case = course("SEL101")
    ended(case, residential_offer, reason="other_offer")
    later = D + timedelta(days=40)
    ended(case, outpatient_offer, end=later)
    assert rule_on(clock, DUE_1M) == []
    due = add_months(later, 1)
    assert rule_on(clock, due) == [(caseworker.pk, "follow_up_due", f"1m:7d:{due.isoformat()}")]


def test_an_open_episode_in_another_offer_holds_the_follow_up(
    clock, course, outpatient_offer, residential_offer
):
    case = course("SEL101")
    ended(case, residential_offer, reason="other_offer")
    make_episode(case, outpatient_offer, request=case.requests.first(), actual_start=D)
    assert rule_on(clock, DUE_1M + timedelta(days=1)) == []


# --- Who follows up ---------------------------------------------------------------------------


@pytest.fixture
def therapist_team(team_nord):
    team_nord.follow_up_by = FollowUpBy.PROVIDER_THERAPIST
    team_nord.save()
    return team_nord


def test_the_caseworker_follows_up_by_default(
    clock, course, outpatient_offer, caseworker, outpatient_therapist
):
    ended(course(), outpatient_offer)
    assert [r for r, *_ in rule_on(clock, DUE_1M)] == [caseworker.pk]


def test_the_provider_therapists_of_the_last_episode_follow_up_when_the_team_says_so(
    clock,
    therapist_team,
    course,
    outpatient_offer,
    residential_offer,
    caseworker,
    outpatient_therapist,
    residential_therapist,
    ambulant_unit,
):
    # A second therapist at the last provider, and a caseworker there who is not reminded.
    other = factories.UserFactory(unit=ambulant_unit, role=Role.RESIDENTIAL_THERAPIST)
    factories.UserFactory(unit=ambulant_unit, role=Role.CASEWORKER)
    factories.UserFactory(unit=ambulant_unit, role=Role.OUTPATIENT_THERAPIST, is_active=False)
    case = course()
    ended(case, residential_offer, end=D - timedelta(days=30), reason="other_offer")
    ended(case, outpatient_offer)
    found = rule_on(clock, DUE_1M)
    assert found == sorted(
        (pk, "follow_up_due", f"1m:7d:{DUE_1M.isoformat()}")
        for pk in (outpatient_therapist.pk, other.pk)
    )


def test_the_caseworker_is_told_too_when_the_follow_up_is_overdue(
    clock, therapist_team, course, outpatient_offer, caseworker, outpatient_therapist
):
    ended(course(), outpatient_offer)
    found = rule_on(clock, DUE_1M + timedelta(days=1))
    assert {r for r, *_ in found} == {caseworker.pk, outpatient_therapist.pk}


def test_the_caseworker_follows_up_when_the_provider_has_no_therapist(
    clock, therapist_team, course, caseworker, outpatient_therapist
):
    offer = factories.OfferFactory(
        provider=factories.ProviderFactory(name="Uden enhed"), treatment_type="outpatient"
    )
    ended(course(), offer)
    assert [r for r, *_ in rule_on(clock, DUE_1M)] == [caseworker.pk]
