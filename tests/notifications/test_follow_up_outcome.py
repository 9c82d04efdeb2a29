"""The follow-up records its outcome (BEK 1477/2019 § 4, DESIGN §3.1): dated attempts, "not
reached" only after the team's number of them, what was found, a need for new treatment that
opens a request, and reminders that stop once there is an outcome. Frozen clock (tests.clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import FollowUpBy
from cases.access import has_case_perm
from cases.guarantee import add_months
from cases.models import TreatmentRequest
from notifications import follow_up_outcomes
from notifications.follow_ups import RECORD, follow_up_attempt_add, follow_up_outcome_record
from notifications.models import FollowUp, Notification
from tests.clock import TODAY

from .conftest import make_case, make_episode, run_rule

END = TODAY - timedelta(days=40)  # the course ended 40 days ago: the 1-month one is overdue


@pytest.fixture
def ended(clock, caseworker, team_nord, outpatient_offer):
    """An open SEL § 101 case in aftercare whose only episode ended on END."""
    case = make_case(
        caseworker=caseworker,
        team=team_nord,
        status="aftercare",
        inquiry_date=END - timedelta(days=90),
    )
    make_episode(
        case,
        outpatient_offer,
        request=case.requests.first(),
        actual_start=END - timedelta(days=60),
        actual_end=END,
        end_reason="completed",
    )
    return case


def attempt(case, user, days_ago):
    return follow_up_attempt_add(
        actor=user, case=case, due_kind="1m", attempted_on=TODAY - timedelta(days=days_ago)
    )


def record(case, user, **fields):
    fields.setdefault("due_kind", "1m")
    fields.setdefault("outcome", "held")
    fields.setdefault("done_on", TODAY)
    return follow_up_outcome_record(actor=user, case=case, **fields)


def test_the_outcomes_are_the_pure_modules():
    assert set(FollowUp.Outcome.values) == follow_up_outcomes.OUTCOMES


def test_not_reached_only_after_the_set_number_of_attempts(ended, caseworker):
    attempt(ended, caseworker, 3)
    attempt(ended, caseworker, 2)
    with pytest.raises(ValidationError) as exc:
        record(ended, caseworker, outcome="not_reached")
    assert exc.value.error_dict["outcome"][0].code == "too_few_attempts"
    assert FollowUp.objects.get().outcome == ""
    attempt(ended, caseworker, 1)
    follow_up = record(ended, caseworker, outcome="not_reached")
    assert (follow_up.outcome, follow_up.done_on, follow_up.attempts.count()) == (
        "not_reached",
        TODAY,
        3,
    )


def test_the_team_sets_the_number_of_attempts(ended, caseworker, team_nord):
    team_nord.follow_up_attempts = 1
    team_nord.save()
    attempt(ended, caseworker, 1)
    assert record(ended, caseworker, outcome="not_reached").outcome == "not_reached"


def test_attempts_keep_the_reminder_and_an_outcome_stops_it(ended, caseworker):
    due = add_months(END, 1)
    overdue = [(caseworker.pk, "follow_up_overdue", f"1m:overdue:{due.isoformat()}")]
    assert run_rule("follow_up", TODAY) == overdue
    attempt(ended, caseworker, 1)
    assert run_rule("follow_up", TODAY) == overdue
    record(ended, caseworker, outcome="declined")
    assert run_rule("follow_up", TODAY) == []


def test_an_outcome_marks_the_follow_up_reminders_read(ended, caseworker):
    from notifications.sweep import reminder_sweep

    reminder_sweep(today=TODAY)
    assert Notification.objects.filter(rule="follow_up_overdue", read_at__isnull=True).count() == 1
    record(ended, caseworker)
    assert Notification.objects.filter(rule="follow_up_overdue", read_at__isnull=True).count() == 0


def test_a_held_follow_up_records_what_was_found(ended, caseworker):
    found = {"use": "reduced", "housing": " Egen bolig ", "work": "Flexjob", "network": "Søster"}
    follow_up = record(ended, caseworker, **found)
    assert (follow_up.use, follow_up.housing, follow_up.work, follow_up.network) == (
        "reduced",
        "Egen bolig",
        "Flexjob",
        "Søster",
    )


def test_a_declined_follow_up_records_no_findings(ended, caseworker):
    follow_up = record(ended, caseworker, outcome="declined", use="worse", needs_new_treatment=True)
    assert (follow_up.use, follow_up.needs_new_treatment) == ("", False)
    assert follow_up.new_request is None
    assert ended.requests.count() == 1


def test_a_need_for_new_treatment_opens_a_request_on_an_open_case(ended, caseworker):
    follow_up = record(ended, caseworker, needs_new_treatment=True)
    request = follow_up.new_request
    assert request is not None
    assert (request.case, request.kind, request.legal_basis, request.requested_on) == (
        ended,
        TreatmentRequest.Kind.RENEWED,
        "SEL101",
        TODAY,
    )
    assert request.guarantee_deadline == TODAY + timedelta(days=14)


def test_on_a_closed_case_the_need_is_recorded_without_a_request(ended, caseworker):
    ended.status = "closed"
    ended.closed_on = END
    ended.course_end_reason = "completed"
    ended.save()
    follow_up = record(ended, caseworker, needs_new_treatment=True)
    assert (follow_up.needs_new_treatment, follow_up.new_request) == (True, None)
    assert ended.requests.count() == 1


@pytest.mark.parametrize(
    ("done_on", "code"),
    [(TODAY + timedelta(days=1), "future"), (END - timedelta(days=1), "before_end")],
)
def test_the_follow_up_date_is_not_in_the_future_nor_before_the_end(
    ended, caseworker, done_on, code
):
    with pytest.raises(ValidationError) as exc:
        record(ended, caseworker, done_on=done_on)
    assert exc.value.error_dict["done_on"][0].code == code


def test_a_recorded_outcome_is_not_recorded_twice(ended, caseworker):
    record(ended, caseworker)
    with pytest.raises(ValidationError):
        record(ended, caseworker, outcome="declined")
    with pytest.raises(ValidationError):
        attempt(ended, caseworker, 1)
    assert FollowUp.objects.get().outcome == "held"


def test_a_course_not_followed_up_takes_no_outcome(ended, caseworker):
    ended.course_end_reason = "death"
    ended.save()
    with pytest.raises(ValidationError) as exc:
        record(ended, caseworker)
    assert exc.value.error_dict["__all__"][0].code == "not_followed_up"


# --- The provider's therapist holds the follow-up ----------------------------------------------


def test_the_last_provider_holds_a_closed_case_while_its_follow_up_is_open(
    ended, caseworker, team_nord, outpatient_therapist
):
    from cases.access import case_access_sync

    team_nord.follow_up_by = FollowUpBy.PROVIDER_THERAPIST
    team_nord.save()
    ended.status = "closed"
    ended.closed_on = END
    ended.course_end_reason = "completed"
    ended.save()
    case_access_sync(ended)
    assert has_case_perm(outpatient_therapist, RECORD, ended)
    record(ended, outpatient_therapist)
    assert has_case_perm(outpatient_therapist, RECORD, ended)  # the 6-month one is open
    FollowUp.objects.create(
        case=ended,
        due_kind="6m",
        course_end_on=END,
        outcome="held",
        done_on=TODAY,
        done_by=caseworker,
    )
    case_access_sync(ended)
    assert not has_case_perm(outpatient_therapist, RECORD, ended)


def test_without_the_setting_the_provider_does_not_hold_the_closed_case(
    ended, outpatient_therapist
):
    from cases.access import case_access_sync

    ended.status = "closed"
    ended.closed_on = END
    ended.course_end_reason = "completed"
    ended.save()
    case_access_sync(ended)
    assert not has_case_perm(outpatient_therapist, RECORD, ended)


# --- Pages --------------------------------------------------------------------------------------


def _outcome_url(case, kind="1m"):
    return reverse("notifications:follow_up_outcome", kwargs={"case_id": case.pk, "due_kind": kind})


def test_the_case_page_shows_the_follow_up_with_its_forms(client, ended, caseworker):
    client.force_login(caseworker)
    response = client.get(reverse("cases:detail", kwargs={"case_id": ended.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="opfoelgning"' in html
    assert _outcome_url(ended) in html
    assert 'name="opf6m-outcome"' in html


def test_an_outcome_with_errors_keeps_what_was_typed(client, ended, caseworker):
    client.force_login(caseworker)
    response = client.post(
        _outcome_url(ended),
        {
            "opf1m-outcome": "not_reached",
            "opf1m-done_on": TODAY.isoformat(),
            "opf1m-housing": "Bor hos en ven",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bor hos en ven" in html
    assert "3 daterede forsøg" in html
    assert not FollowUp.objects.exclude(outcome="").exists()


def test_the_outcome_form_records_and_opens_a_request(client, ended, caseworker):
    client.force_login(caseworker)
    response = client.post(
        _outcome_url(ended),
        {
            "opf1m-outcome": "held",
            "opf1m-done_on": TODAY.isoformat(),
            "opf1m-use": "drug_free",
            "opf1m-needs_new_treatment": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#opfoelgning")
    follow_up = FollowUp.objects.get()
    assert follow_up.new_request is not None
    assert (follow_up.outcome, follow_up.use, follow_up.new_request.kind) == (
        "held",
        "drug_free",
        "renewed",
    )


def test_the_attempt_form_records_an_attempt(client, ended, caseworker):
    client.force_login(caseworker)
    url = reverse("notifications:follow_up_attempt", kwargs={"case_id": ended.pk, "due_kind": "1m"})
    response = client.post(url, {"opf1m-attempted_on": TODAY.isoformat(), "opf1m-note": "Telefon"})
    assert response.status_code == 302
    assert FollowUp.objects.get().attempts.get().note == "Telefon"


def test_the_follow_up_pages_are_404_without_access(client, ended, other_team_caseworker):
    client.force_login(other_team_caseworker)
    assert client.get(_outcome_url(ended)).status_code == 404
    assert client.post(_outcome_url(ended), {}).status_code == 404


def test_an_unknown_follow_up_kind_is_404(client, ended, caseworker):
    client.force_login(caseworker)
    assert client.get(_outcome_url(ended, "2y")).status_code == 404


def test_the_inbox_button_refuses_a_course_not_followed_up(client, ended, caseworker):
    ended.course_end_reason = "moved"
    ended.save()
    client.force_login(caseworker)
    url = reverse("notifications:follow_up_done", kwargs={"case_id": ended.pk})
    assert client.post(url, {"due_kind": "1m"}).status_code == 400
    assert not FollowUp.objects.exists()


def test_the_reminder_links_to_the_follow_up_on_the_case_page(ended):
    from notifications.rules import RuleContext, follow_up_rule
    from notifications.thresholds import DEFAULT_THRESHOLDS

    found = follow_up_rule(RuleContext(today=TODAY, thresholds=DEFAULT_THRESHOLDS))
    assert [p.url for p in found] == [f"/sager/{ended.pk}/#opfoelgning-1m"]
