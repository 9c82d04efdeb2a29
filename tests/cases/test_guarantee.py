"""The 14-day treatment guarantee, DESIGN §3.1. Pure: no Django, no database."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cases.guarantee import (
    GUARANTEE_DAYS,
    GUARANTEE_STATUS_LABELS,
    REASON_ANONYMOUS,
    REASON_REGIONAL_DUAL_DIAGNOSIS,
    GuaranteeResult,
    GuaranteeStatus,
    LegalBasis,
    ReasonCode,
    add_months,
    decision_warning,
    doctor_consultation_warning,
    evaluate,
    follow_up_due_dates,
    guarantee_deadline,
    parse_legal_basis,
    urgency,
)

ROOT = Path(__file__).resolve().parents[2]

COVERED = [LegalBasis.SEL101, LegalBasis.BL33, LegalBasis.SUL141, LegalBasis.SUL142]
INQUIRY = date(2026, 3, 2)
DEADLINE = date(2026, 3, 16)


# --- the deadline -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inquiry", "deadline"),
    [
        (date(2026, 3, 2), date(2026, 3, 16)),
        # leap year: 29 February counts as a day
        (date(2028, 2, 20), date(2028, 3, 5)),
        (date(2027, 2, 20), date(2027, 3, 6)),
        (date(2028, 2, 15), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 3, 14)),
        # month ends
        (date(2026, 1, 31), date(2026, 2, 14)),
        (date(2026, 2, 15), date(2026, 3, 1)),
        (date(2026, 4, 30), date(2026, 5, 14)),
        # year end
        (date(2026, 12, 25), date(2027, 1, 8)),
        (date(2026, 12, 31), date(2027, 1, 14)),
        # a deadline on a Saturday stays on the Saturday
        (date(2026, 3, 7), date(2026, 3, 21)),
        # a deadline on a public holiday (Good Friday, Christmas Day) is not moved either
        (date(2026, 3, 20), date(2026, 4, 3)),
        (date(2026, 12, 11), date(2026, 12, 25)),
    ],
)
@pytest.mark.parametrize("basis", COVERED)
def test_deadline_is_inquiry_plus_14_calendar_days(
    basis: LegalBasis, inquiry: date, deadline: date
) -> None:
    result = evaluate(basis, inquiry, today=inquiry)

    assert result.deadline == deadline
    assert guarantee_deadline(inquiry) == deadline
    assert GUARANTEE_DAYS == 14


def test_weekend_and_holiday_deadlines_are_really_not_moved() -> None:
    assert date(2026, 3, 21).weekday() == 5  # Saturday
    assert date(2026, 4, 3).weekday() == 4  # Good Friday 2026 (Easter Sunday is 5 April)


def test_deadline_and_days_left_hold_for_every_day_over_two_years() -> None:
    inquiry = date(2027, 1, 1)
    while inquiry < date(2029, 1, 1):
        deadline = inquiry + timedelta(days=14)
        for offset in range(0, 20):
            today = inquiry + timedelta(days=offset)
            result = evaluate("SEL101", inquiry, today=today)
            assert result.deadline == deadline
            if today <= deadline:
                assert result.status == GuaranteeStatus.RUNNING
                assert result.days_left == (deadline - today).days == 14 - offset
            else:
                assert result.status == GuaranteeStatus.BREACHED
                assert result.days_left is None
        inquiry += timedelta(days=1)


# --- running ------------------------------------------------------------------------------------


def test_running_on_the_inquiry_day_has_14_days_left() -> None:
    result = evaluate("SEL101", INQUIRY, today=INQUIRY)

    assert result == GuaranteeResult(
        DEADLINE, GuaranteeStatus.RUNNING, 14, "14 dage fra henvendelse 2026-03-02"
    )


def test_running_on_the_deadline_has_0_days_left() -> None:
    result = evaluate("SEL101", INQUIRY, today=DEADLINE)

    assert result.status == GuaranteeStatus.RUNNING
    assert result.days_left == 0
    assert result.reason == "14 dage fra henvendelse 2026-03-02"


@pytest.mark.parametrize("basis", COVERED)
def test_running_reason_names_the_inquiry_date(basis: LegalBasis) -> None:
    result = evaluate(basis, date(2026, 12, 25), today=date(2027, 1, 2))

    assert result.status == GuaranteeStatus.RUNNING
    assert result.days_left == 6
    assert result.reason == "14 dage fra henvendelse 2026-12-25"
    assert result.covered


def test_breached_the_day_after_the_deadline_without_a_start() -> None:
    result = evaluate("SEL101", INQUIRY, today=DEADLINE + timedelta(days=1))

    assert result == GuaranteeResult(
        DEADLINE,
        GuaranteeStatus.BREACHED,
        None,
        "Overskredet: ingen behandling iværksat inden fristen 2026-03-16 "
        "(14 dage fra henvendelse 2026-03-02)",
    )


def test_waiting_for_a_residential_place_is_still_a_breach() -> None:
    # No longer deadline for residential treatment: waiting a year is a breach like any other.
    result = evaluate("SEL101", INQUIRY, today=date(2027, 3, 2))

    assert result.status == GuaranteeStatus.BREACHED


# --- met and breached by the actual start -------------------------------------------------------


@pytest.mark.parametrize("started", [INQUIRY, date(2026, 3, 10), DEADLINE])
def test_met_when_treatment_started_on_or_before_the_deadline(started: date) -> None:
    result = evaluate("SEL101", INQUIRY, today=date(2026, 6, 1), started_on=started)

    assert result.status == GuaranteeStatus.MET
    assert result.deadline == DEADLINE
    assert result.days_left is None
    assert result.reason == (
        f"Overholdt: behandling iværksat {started.isoformat()}, "
        "frist 14 dage fra henvendelse 2026-03-02"
    )


def test_met_on_the_deadline_itself_seen_on_the_deadline() -> None:
    result = evaluate("SUL141", INQUIRY, today=DEADLINE, started_on=DEADLINE)

    assert result.status == GuaranteeStatus.MET


def test_breached_by_one_day_when_started_the_day_after_the_deadline() -> None:
    started = DEADLINE + timedelta(days=1)

    result = evaluate("SEL101", INQUIRY, today=started, started_on=started)

    assert result == GuaranteeResult(
        DEADLINE,
        GuaranteeStatus.BREACHED,
        None,
        "Overskredet med 1 dag: behandling iværksat 2026-03-17, frist 2026-03-16 "
        "(14 dage fra henvendelse 2026-03-02)",
    )


def test_breach_reason_counts_the_days_over() -> None:
    result = evaluate("BL33", INQUIRY, today=date(2026, 4, 1), started_on=date(2026, 3, 19))

    assert result.status == GuaranteeStatus.BREACHED
    assert result.reason.startswith("Overskredet med 3 dage: behandling iværksat 2026-03-19")


def test_breach_over_a_leap_day_counts_the_29th() -> None:
    # 2028-02-20 + 14 = 2028-03-05; a start on 2028-03-08 is 3 days late.
    result = evaluate(
        "SUL142", date(2028, 2, 20), today=date(2028, 3, 8), started_on=date(2028, 3, 8)
    )

    assert result.deadline == date(2028, 3, 5)
    assert result.reason.startswith("Overskredet med 3 dage")


def test_late_start_stays_breached_however_long_ago() -> None:
    result = evaluate("SEL101", INQUIRY, today=date(2030, 1, 1), started_on=date(2026, 3, 20))

    assert result.status == GuaranteeStatus.BREACHED


def test_a_start_after_today_has_not_happened_yet() -> None:
    # "As of" evaluation: seen from 10 March, a start registered for 12 March has not happened.
    result = evaluate("SEL101", INQUIRY, today=date(2026, 3, 10), started_on=date(2026, 3, 12))

    assert result.status == GuaranteeStatus.RUNNING
    assert result.days_left == 6


def test_a_start_after_today_and_after_the_deadline_is_a_breach_without_start() -> None:
    result = evaluate("SEL101", INQUIRY, today=date(2026, 3, 20), started_on=date(2026, 3, 25))

    assert result.status == GuaranteeStatus.BREACHED
    assert result.reason.startswith("Overskredet: ingen behandling iværksat inden fristen")


# --- waived (free choice) -----------------------------------------------------------------------


def test_free_choice_waives_with_the_sel_101_reason() -> None:
    result = evaluate("SEL101", INQUIRY, today=INQUIRY, free_choice=True)

    assert result == GuaranteeResult(
        DEADLINE,
        GuaranteeStatus.WAIVED,
        None,
        "Fraveget: borgeren har valgt et andet tilbud (SEL § 101, stk. 6)",
    )
    assert result.covered


@pytest.mark.parametrize(
    ("basis", "source"),
    [
        (LegalBasis.SEL101, "SEL § 101, stk. 6"),
        (LegalBasis.SUL141, "SUL § 141"),
        (LegalBasis.SUL142, "SUL § 142"),
    ],
)
def test_free_choice_reason_cites_the_basis(basis: LegalBasis, source: str) -> None:
    result = evaluate(basis, INQUIRY, today=INQUIRY, free_choice=True)

    assert result.status == GuaranteeStatus.WAIVED
    assert result.reason.startswith("Fraveget: borgeren har valgt et andet tilbud (")
    assert source in result.reason


@pytest.mark.parametrize(
    ("today", "started"),
    [
        (date(2026, 3, 20), None),  # past the deadline, not started
        (date(2026, 4, 20), date(2026, 4, 1)),  # started late
        (DEADLINE, None),  # running day
    ],
)
def test_free_choice_in_time_is_never_a_breach_and_keeps_the_deadline(
    today: date, started: date | None
) -> None:
    result = evaluate("SEL101", INQUIRY, today=today, started_on=started, free_choice=True)

    assert result.status == GuaranteeStatus.WAIVED
    assert result.deadline == DEADLINE
    assert result.days_left is None


# --- not covered --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"started_on": date(2026, 5, 1)},
        {"free_choice": True},
        {"anonymous": True},
        {"regional_dual_diagnosis": True},
    ],
)
def test_anonymous_drug_treatment_is_not_covered(kwargs: dict[str, object]) -> None:
    result = evaluate("SEL101A", INQUIRY, today=date(2026, 6, 1), **kwargs)  # type: ignore[arg-type]

    assert result == GuaranteeResult(None, GuaranteeStatus.NOT_COVERED, None, REASON_ANONYMOUS)
    assert result.reason == "Ikke omfattet: anonym behandling (SEL § 101 a)"
    assert not result.covered


@pytest.mark.parametrize(
    ("basis", "free_choice"),
    [(basis, False) for basis in COVERED]
    + [(basis, True) for basis in COVERED if basis != LegalBasis.BL33],
)
def test_regional_dual_diagnosis_is_not_covered(basis: LegalBasis, free_choice: bool) -> None:
    result = evaluate(
        basis,
        INQUIRY,
        today=date(2026, 6, 1),
        free_choice=free_choice,
        regional_dual_diagnosis=True,
    )

    assert result.status == GuaranteeStatus.NOT_COVERED
    assert result.deadline is None
    assert result.days_left is None
    assert result.reason == REASON_REGIONAL_DUAL_DIAGNOSIS
    assert result.reason == (
        "Ikke omfattet: regional integreret behandling af dobbeltdiagnose (SUL § 82 c)"
    )
    assert not result.covered


@pytest.mark.parametrize("today", [INQUIRY, DEADLINE, date(2026, 3, 20)])
def test_anonymous_alcohol_treatment_is_still_covered(today: date) -> None:
    # SUL § 141, stk. 7 only gives a right to anonymity; the 14 days still apply.
    anonymous = evaluate("SUL141", INQUIRY, today=today, anonymous=True)
    named = evaluate("SUL141", INQUIRY, today=today)

    assert anonymous == named
    assert anonymous.covered
    assert anonymous.deadline == DEADLINE


# --- input --------------------------------------------------------------------------------------


@pytest.mark.parametrize("basis", [*LegalBasis, "SEL101", "BL33", "SEL101A", "SUL141", "SUL142"])
def test_legal_basis_accepts_enum_members_and_codes(basis: str) -> None:
    assert parse_legal_basis(basis) == LegalBasis(basis)
    evaluate(basis, INQUIRY, today=INQUIRY)


@pytest.mark.parametrize("basis", ["sel101", "SEL 101", "SEL102", "", "running", " SEL101"])
def test_unknown_legal_basis_is_refused(basis: str) -> None:
    with pytest.raises(ValueError, match=f"^Ukendt lovgrundlag: {basis}$"):
        evaluate(basis, INQUIRY, today=INQUIRY)


@pytest.mark.parametrize("basis", [None, 101, LegalBasis])
def test_legal_basis_that_is_not_text_is_refused(basis: object) -> None:
    with pytest.raises(ValueError, match=r"^Ukendt lovgrundlag"):
        evaluate(basis, INQUIRY, today=INQUIRY)  # type: ignore[arg-type]


def test_inquiry_in_the_future_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^Henvendelsesdatoen kan ikke ligge i fremtiden$"):
        evaluate("SEL101", date(2026, 3, 3), today=INQUIRY)


def test_inquiry_in_the_future_is_refused_even_when_not_covered() -> None:
    with pytest.raises(ValueError, match="fremtiden"):
        evaluate("SEL101A", date(2026, 3, 3), today=INQUIRY)


@pytest.mark.parametrize("basis", [*COVERED, LegalBasis.SEL101A])
def test_start_before_inquiry_is_refused(basis: LegalBasis) -> None:
    with pytest.raises(
        ValueError, match=r"^Behandlingsstart kan ikke ligge før henvendelsesdatoen$"
    ):
        evaluate(basis, INQUIRY, today=DEADLINE, started_on=date(2026, 3, 1))


def test_start_before_inquiry_is_refused_even_with_free_choice() -> None:
    with pytest.raises(ValueError, match="før henvendelsesdatoen"):
        evaluate("SEL101", INQUIRY, today=DEADLINE, started_on=date(2026, 3, 1), free_choice=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("inquiry_date", "2026-03-02"),
        ("inquiry_date", None),
        ("inquiry_date", datetime(2026, 3, 2, 9, 0)),
        ("inquiry_date", 20260302),
        ("today", "2026-03-02"),
        ("today", None),
        ("today", datetime(2026, 3, 2, 9, 0)),
        ("started_on", "2026-03-10"),
        ("started_on", datetime(2026, 3, 10, 9, 0)),
    ],
)
def test_values_that_are_not_plain_dates_are_refused(field: str, value: object) -> None:
    kwargs: dict[str, object] = {"inquiry_date": INQUIRY, "today": DEADLINE, field: value}

    with pytest.raises(ValueError, match="skal være en dato"):
        evaluate("SEL101", **kwargs)  # type: ignore[arg-type]


def test_result_is_immutable() -> None:
    result = evaluate("SEL101", INQUIRY, today=INQUIRY)

    with pytest.raises(dataclasses.FrozenInstanceError):
        result.status = GuaranteeStatus.MET  # type: ignore[misc]


def test_every_status_has_a_danish_label() -> None:
    assert set(GUARANTEE_STATUS_LABELS) == set(GuaranteeStatus)
    assert GUARANTEE_STATUS_LABELS[GuaranteeStatus.BREACHED] == "Overskredet"


def test_status_values_are_the_api_contract() -> None:
    assert [s.value for s in GuaranteeStatus] == [
        "running",
        "met",
        "breached",
        "waived",
        "not_covered",
    ]
    assert [b.value for b in LegalBasis] == ["SEL101", "BL33", "SEL101A", "SUL141", "SUL142"]


# --- urgency ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 2), "info"),  # 14 days left
        (date(2026, 3, 8), "info"),  # 8
        (date(2026, 3, 9), "warning"),  # 7
        (date(2026, 3, 12), "warning"),  # 4
        (date(2026, 3, 13), "danger"),  # 3
        (date(2026, 3, 16), "danger"),  # 0: the deadline
        (date(2026, 3, 17), "danger"),  # breached
    ],
)
def test_urgency_of_a_running_case_grows_towards_the_deadline(today: date, expected: str) -> None:
    assert urgency(evaluate("SEL101", INQUIRY, today=today)) == expected


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (GuaranteeResult(DEADLINE, GuaranteeStatus.MET, None, ""), "success"),
        (GuaranteeResult(DEADLINE, GuaranteeStatus.BREACHED, None, ""), "danger"),
        (GuaranteeResult(DEADLINE, GuaranteeStatus.WAIVED, None, ""), "neutral"),
        (GuaranteeResult(None, GuaranteeStatus.NOT_COVERED, None, ""), "neutral"),
    ],
)
def test_urgency_of_settled_statuses(result: GuaranteeResult, expected: str) -> None:
    assert urgency(result) == expected


# --- decision in time (BEK 1477/2019 § 1) -------------------------------------------------------


@pytest.mark.parametrize("decided", [None, INQUIRY, date(2026, 3, 10), DEADLINE])
@pytest.mark.parametrize("basis", COVERED)
def test_no_decision_warning_when_decided_in_time(basis: LegalBasis, decided: date | None) -> None:
    assert decision_warning(INQUIRY, decided, basis) is None


@pytest.mark.parametrize("basis", [LegalBasis.SEL101, LegalBasis.BL33])
def test_decision_after_the_deadline_warns(basis: LegalBasis) -> None:
    warning = decision_warning(INQUIRY, date(2026, 3, 17), basis)

    assert warning is not None
    assert "2026-03-17" in warning.reason
    assert "1 dag efter fristen 2026-03-16" in warning.reason
    assert "BEK 1477/2019 § 1" in warning.reason
    assert warning.reason_code == ReasonCode.DECISION_LATE
    assert warning.reason_values == {
        "decided": "2026-03-17",
        "over": 1,
        "deadline": "2026-03-16",
        "days": 14,
        "inquiry": "2026-03-02",
    }


@pytest.mark.parametrize("basis", ["SUL141", "SUL142"])
def test_no_bek_1477_decision_warning_for_health_law_requests(basis: str) -> None:
    assert decision_warning(INQUIRY, date(2026, 5, 1), basis) is None


def test_no_decision_warning_for_anonymous_drug_treatment() -> None:
    assert decision_warning(INQUIRY, date(2026, 5, 1), "SEL101A") is None


def test_no_decision_warning_for_regional_dual_diagnosis() -> None:
    assert (
        decision_warning(INQUIRY, date(2026, 5, 1), "SEL101", regional_dual_diagnosis=True) is None
    )


def test_decision_before_inquiry_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"^Afgørelsesdatoen kan ikke ligge før henvendelsesdatoen"
    ):
        decision_warning(INQUIRY, date(2026, 3, 1), "SEL101")


def test_decision_warning_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="Ukendt lovgrundlag: X"):
        decision_warning(INQUIRY, DEADLINE, "X")
    with pytest.raises(ValueError, match="skal være en dato"):
        decision_warning(INQUIRY, "2026-03-10", "SEL101")  # type: ignore[arg-type]


# --- doctor's consultation (SUL § 142, stk. 1-2) ------------------------------------------------


def test_medical_treatment_started_without_consultation_warns() -> None:
    warning = doctor_consultation_warning("SUL142", date(2026, 3, 10), None)

    assert warning is not None
    assert warning.reason.startswith("Lægesamtale mangler")
    assert "2026-03-10" in warning.reason
    assert "SUL § 142" in warning.reason
    assert warning.reason_code == ReasonCode.DOCTOR_CONSULTATION_MISSING
    assert warning.reason_values == {"started": "2026-03-10"}


def test_consultation_after_the_start_warns() -> None:
    warning = doctor_consultation_warning("SUL142", date(2026, 3, 10), date(2026, 3, 12))

    assert warning is not None
    assert "2026-03-12" in warning.reason
    assert "efter behandlingsstart 2026-03-10" in warning.reason
    assert warning.reason_code == ReasonCode.DOCTOR_CONSULTATION_AFTER_START
    assert warning.reason_values == {"consulted": "2026-03-12", "started": "2026-03-10"}


@pytest.mark.parametrize(
    ("started", "consulted"),
    [
        (None, None),  # not started yet: nothing to warn about
        (None, date(2026, 3, 5)),
        (date(2026, 3, 10), date(2026, 3, 10)),  # same day counts as before
        (date(2026, 3, 10), date(2026, 3, 4)),
    ],
)
def test_no_consultation_warning(started: date | None, consulted: date | None) -> None:
    assert doctor_consultation_warning("SUL142", started, consulted) is None


@pytest.mark.parametrize("basis", ["SEL101", "BL33", "SUL142"])
def test_every_drug_basis_warns_without_consultation(basis: str) -> None:
    warning = doctor_consultation_warning(basis, date(2026, 3, 10), None)

    assert warning is not None
    assert warning.reason.startswith("Lægesamtale mangler")


@pytest.mark.parametrize("declined", [date(2026, 3, 4), date(2026, 3, 10)])
def test_a_declined_consultation_before_the_start_is_enough(declined: date) -> None:
    assert (
        doctor_consultation_warning("SEL101", date(2026, 3, 10), None, declined_on=declined) is None
    )


def test_a_consultation_declined_after_the_start_still_warns() -> None:
    warning = doctor_consultation_warning(
        "SUL142", date(2026, 3, 10), None, declined_on=date(2026, 3, 11)
    )

    assert warning is not None


@pytest.mark.parametrize("basis", ["SEL101A", "SUL141"])
def test_consultation_is_not_checked_outside_the_offer(basis: str) -> None:
    assert doctor_consultation_warning(basis, date(2026, 3, 10), None) is None
    assert doctor_consultation_warning(basis, date(2026, 3, 10), date(2026, 3, 12)) is None


def test_consultation_warning_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="Ukendt lovgrundlag"):
        doctor_consultation_warning("SUL143", date(2026, 3, 10), None)
    with pytest.raises(ValueError, match="skal være en dato"):
        doctor_consultation_warning("SUL142", date(2026, 3, 10), "2026-03-01")  # type: ignore[arg-type]


# --- follow-up after discharge (BEK 1477/2019 § 4, stk. 2) --------------------------------------


@pytest.mark.parametrize(
    ("discharged", "one_month", "six_months"),
    [
        (date(2026, 3, 15), date(2026, 4, 15), date(2026, 9, 15)),
        (date(2026, 1, 31), date(2026, 2, 28), date(2026, 7, 31)),
        (date(2028, 1, 31), date(2028, 2, 29), date(2028, 7, 31)),
        (date(2026, 3, 31), date(2026, 4, 30), date(2026, 9, 30)),
        (date(2026, 8, 31), date(2026, 9, 30), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2027, 9, 30), date(2028, 2, 29)),
        (date(2026, 12, 15), date(2027, 1, 15), date(2027, 6, 15)),
        (date(2026, 12, 31), date(2027, 1, 31), date(2027, 6, 30)),
        (date(2028, 2, 29), date(2028, 3, 29), date(2028, 8, 29)),
    ],
)
def test_follow_up_is_due_one_and_six_months_after_discharge(
    discharged: date, one_month: date, six_months: date
) -> None:
    assert follow_up_due_dates(discharged) == (one_month, six_months)


def test_follow_up_refuses_a_datetime() -> None:
    with pytest.raises(ValueError, match="skal være en dato"):
        follow_up_due_dates(datetime(2026, 3, 15, 12, 0))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
        (date(2026, 5, 31), 12, date(2027, 5, 31)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months_clamps_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# --- purity -------------------------------------------------------------------------------------


def test_rule_modules_import_without_django() -> None:
    code = (
        "import sys\n"
        "sys.modules['django'] = None\n"  # any 'import django...' now raises ImportError
        "import cases.guarantee, cases.cpr, cases.lifecycle, cases.legal_bases\n"
        "from datetime import date\n"
        "r = cases.guarantee.evaluate('SEL101', date(2026, 3, 2), today=date(2026, 3, 2))\n"
        "assert r.days_left == 14, r\n"
        "assert not [m for m in sys.modules if m.startswith('django.')], 'django was imported'\n"
        "print('ok')\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "ok"
