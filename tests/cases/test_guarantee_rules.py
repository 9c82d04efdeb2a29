"""The five ordered guarantee rules of issue 12 (DESIGN §3.1) and the per-basis table. Pure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cases.guarantee import GuaranteeStatus, LegalBasis, evaluate, is_open
from cases.legal_bases import (
    RULES,
    bases_where,
    basis_for_new_request,
    parse_legal_basis,
    rules_for,
)

S = GuaranteeStatus
INQUIRY = date(2026, 3, 2)
D = date(2026, 3, 16)
ADULT_COVERED = [LegalBasis.SEL101, LegalBasis.SUL141, LegalBasis.SUL142]


# --- rule 1: not covered comes first --------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"free_choice": True, "free_choice_on": INQUIRY},
        {"started_on": date(2026, 4, 1)},
        {"free_choice": True},
    ],
)
def test_not_covered_wins_over_every_later_rule(kwargs: dict[str, object]) -> None:
    anonymous = evaluate("SEL101A", INQUIRY, today=date(2026, 5, 1), **kwargs)  # type: ignore[arg-type]
    regional = evaluate(
        "SEL101",
        INQUIRY,
        today=date(2026, 5, 1),
        regional_dual_diagnosis=True,
        **kwargs,  # type: ignore[arg-type]
    )

    assert anonymous.status == S.NOT_COVERED
    assert regional.status == S.NOT_COVERED
    assert anonymous.deadline is None and regional.deadline is None


# --- rule 2: started in time is met, whatever is chosen ----------------------------------------


@pytest.mark.parametrize("basis", ADULT_COVERED)
@pytest.mark.parametrize(
    "choice",
    [
        None,
        date(2026, 3, 3),  # chosen before the start, in time
        date(2026, 3, 20),  # chosen after the deadline
    ],
)
def test_start_in_time_is_met_whatever_is_chosen(basis: LegalBasis, choice: date | None) -> None:
    result = evaluate(
        basis,
        INQUIRY,
        today=date(2026, 4, 1),
        started_on=D,
        free_choice=choice is not None,
        free_choice_on=choice,
    )

    assert result.status == S.MET
    assert result.deadline == D


def test_start_in_time_with_an_undated_free_choice_is_met() -> None:
    result = evaluate("SEL101", INQUIRY, today=D, started_on=date(2026, 3, 5), free_choice=True)

    assert result.status == S.MET


# --- rule 3: free choice in time waives ----------------------------------------------------------


@pytest.mark.parametrize("basis", ADULT_COVERED)
@pytest.mark.parametrize("choice", [INQUIRY, date(2026, 3, 10), D])
@pytest.mark.parametrize("today", [D, date(2026, 3, 17), date(2026, 6, 1)])
def test_free_choice_dated_on_or_before_the_deadline_waives(
    basis: LegalBasis, choice: date, today: date
) -> None:
    result = evaluate(basis, INQUIRY, today=today, free_choice=True, free_choice_on=choice)

    assert result.status == S.WAIVED
    assert result.deadline == D
    assert result.days_left is None
    assert result.reason.startswith("Fraveget: borgeren har valgt et andet tilbud (")


def test_free_choice_in_time_then_a_late_start_stays_waived() -> None:
    result = evaluate(
        "SEL101",
        INQUIRY,
        today=date(2026, 5, 1),
        started_on=date(2026, 4, 20),
        free_choice=True,
        free_choice_on=date(2026, 3, 12),
    )

    assert result.status == S.WAIVED


def test_undated_free_choice_counts_as_chosen_in_time() -> None:
    result = evaluate("SUL142", INQUIRY, today=date(2026, 6, 1), free_choice=True)

    assert result.status == S.WAIVED


def test_free_choice_reason_keeps_the_sel_101_text() -> None:
    result = evaluate("SEL101", INQUIRY, today=D, free_choice=True, free_choice_on=INQUIRY)

    assert result.reason == "Fraveget: borgeren har valgt et andet tilbud (SEL § 101, stk. 6)"


# --- rule 4: a late free choice changes nothing ------------------------------------------------


@pytest.mark.parametrize("basis", ADULT_COVERED)
def test_free_choice_the_day_after_the_deadline_leaves_the_breach(basis: LegalBasis) -> None:
    late = D + timedelta(days=1)
    result = evaluate(basis, INQUIRY, today=late, free_choice=True, free_choice_on=late)

    assert result.status == S.BREACHED
    assert result.deadline == D
    assert "2026-03-17" in result.reason
    assert "ændrer ikke overskridelsen" in result.reason


def test_late_free_choice_then_a_late_start_is_breached() -> None:
    result = evaluate(
        "SEL101",
        INQUIRY,
        today=date(2026, 5, 1),
        started_on=date(2026, 4, 2),
        free_choice=True,
        free_choice_on=date(2026, 3, 30),
    )

    assert result.status == S.BREACHED
    assert result.reason.startswith("Overskredet med 17 dage")


@pytest.mark.parametrize("basis", [*ADULT_COVERED, LegalBasis.BL33])
def test_late_start_without_free_choice_is_breached(basis: LegalBasis) -> None:
    result = evaluate(basis, INQUIRY, today=date(2026, 4, 1), started_on=date(2026, 3, 17))

    assert result.status == S.BREACHED


# --- rule 5: running ---------------------------------------------------------------------------


def test_running_until_the_deadline_even_with_nothing_chosen() -> None:
    assert evaluate("BL33", INQUIRY, today=D).status == S.RUNNING
    assert evaluate("BL33", INQUIRY, today=D + timedelta(days=1)).status == S.BREACHED


# --- month ends and leap years with a free choice -----------------------------------------------


@pytest.mark.parametrize(
    ("inquiry", "last_day"),
    [
        (date(2028, 2, 15), date(2028, 2, 29)),  # leap day is the deadline
        (date(2028, 2, 20), date(2028, 3, 5)),  # over the leap day
        (date(2027, 2, 20), date(2027, 3, 6)),  # no leap day
        (date(2026, 1, 31), date(2026, 2, 14)),
        (date(2026, 12, 31), date(2027, 1, 14)),  # over the year end
    ],
)
def test_free_choice_on_the_last_day_waives_the_day_after_breaches(
    inquiry: date, last_day: date
) -> None:
    today = last_day + timedelta(days=30)
    on_time = evaluate("SEL101", inquiry, today=today, free_choice=True, free_choice_on=last_day)
    late = evaluate(
        "SEL101",
        inquiry,
        today=today,
        free_choice=True,
        free_choice_on=last_day + timedelta(days=1),
    )

    assert on_time.status == S.WAIVED
    assert on_time.deadline == last_day
    assert late.status == S.BREACHED


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [{"free_choice": True}, {"free_choice": True, "free_choice_on": date(2026, 3, 5)}],
)
def test_free_choice_for_barnets_lov_33_is_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="Barnets lov § 33"):
        evaluate("BL33", INQUIRY, today=D, **kwargs)  # type: ignore[arg-type]


def test_free_choice_for_barnets_lov_33_is_refused_even_after_a_start() -> None:
    with pytest.raises(ValueError, match="Barnets lov § 33"):
        evaluate("BL33", INQUIRY, today=D, started_on=INQUIRY, free_choice=True)


def test_free_choice_date_before_the_inquiry_is_refused() -> None:
    with pytest.raises(ValueError, match="før henvendelsesdatoen"):
        evaluate("SEL101", INQUIRY, today=D, free_choice=True, free_choice_on=date(2026, 3, 1))


def test_free_choice_date_after_today_is_refused() -> None:
    with pytest.raises(ValueError, match="i fremtiden"):
        evaluate("SEL101", INQUIRY, today=date(2026, 3, 5), free_choice=True, free_choice_on=D)


def test_free_choice_date_without_a_free_choice_is_refused() -> None:
    with pytest.raises(ValueError, match="kræver"):
        evaluate("SEL101", INQUIRY, today=D, free_choice_on=date(2026, 3, 5))


def test_free_choice_date_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(ValueError, match="skal være en dato"):
        evaluate("SEL101", INQUIRY, today=D, free_choice=True, free_choice_on="2026-03-05")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("basis", "kwargs"),
    [
        ("SEL101", {"started_on": date(2026, 3, 1)}),
        ("SEL101", {"today": date(2026, 3, 1)}),
        ("SEL 101", {}),
        ("", {}),
    ],
)
def test_the_old_bad_inputs_still_raise(basis: str, kwargs: dict[str, object]) -> None:
    arguments: dict[str, object] = {"today": D, **kwargs}
    with pytest.raises(ValueError):
        evaluate(basis, INQUIRY, **arguments)  # type: ignore[arg-type]


# --- open clocks -------------------------------------------------------------------------------


def test_open_clock_is_running_or_breached_with_nothing_started() -> None:
    running = evaluate("SEL101", INQUIRY, today=D)
    waiting = evaluate("SEL101", INQUIRY, today=date(2026, 4, 1))
    late = evaluate("SEL101", INQUIRY, today=date(2026, 4, 1), started_on=date(2026, 3, 20))
    met = evaluate("SEL101", INQUIRY, today=D, started_on=D)

    assert is_open(running, started=False)
    assert is_open(waiting, started=False)
    assert not is_open(late, started=True)
    assert not is_open(met, started=True)


# --- the per-basis table -----------------------------------------------------------------------


def test_every_basis_has_rules() -> None:
    assert set(RULES) == set(LegalBasis)


def test_which_bases_need_a_decision() -> None:
    assert bases_where("needs_decision") == {LegalBasis.SEL101, LegalBasis.BL33}


def test_every_drug_basis_but_the_anonymous_one_gets_the_doctors_consultation_offer() -> None:
    assert bases_where("doctor_consultation_offered") == {
        LegalBasis.SEL101,
        LegalBasis.BL33,
        LegalBasis.SUL142,
    }


def test_covered_bases() -> None:
    assert bases_where("covered") == set(LegalBasis) - {LegalBasis.SEL101A}


def test_free_choice_only_for_adults_under_a_covered_basis() -> None:
    assert bases_where("free_choice_allowed") == {
        LegalBasis.SEL101,
        LegalBasis.SUL141,
        LegalBasis.SUL142,
    }


def test_bek_1477_duties_apply_to_social_drug_treatment_only() -> None:
    social = {LegalBasis.SEL101, LegalBasis.BL33}
    assert bases_where("bek1477_assessment") == social
    assert bases_where("bek1477_follow_up") == social
    assert bases_where("social_drug_treatment") == social


def test_rules_for_refuses_unknown_bases_and_attributes() -> None:
    assert rules_for("SUL142").doctor_consultation_offered
    with pytest.raises(ValueError, match="Ukendt lovgrundlag"):
        rules_for("SUL143")
    with pytest.raises(ValueError, match="Ukendt regel"):
        bases_where("nonsense")
    with pytest.raises(ValueError):
        parse_legal_basis(101)


def test_a_new_request_after_the_18th_birthday_falls_under_sel_101() -> None:
    assert basis_for_new_request("BL33", adult=True) == LegalBasis.SEL101
    assert basis_for_new_request("BL33", adult=False) == LegalBasis.BL33
    assert basis_for_new_request("SUL142", adult=True) == LegalBasis.SUL142
