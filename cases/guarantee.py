"""The 14-day treatment guarantee (behandlingsgaranti), DESIGN §3.1.

Pure rules: standard library only, no Django and no database, so every rule can be tested on its
own and the same answer is given to the case page, the API, the reminders and the reports.

Every result carries a Danish ``reason`` that the UI and the API show next to the deadline, and
a ``reason_code`` with its ``reason_values`` (plain data: ISO dates, numbers, legal sources) from
which other languages render the same sentence (the catalogue is in cases.reason_messages).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Final, Literal

from .legal_bases import LegalBasis, parse_legal_basis, rules_for

__all__ = ["LegalBasis", "parse_legal_basis"]  # re-exported: the guarantee's callers use them


class GuaranteeStatus(StrEnum):
    RUNNING = "running"
    MET = "met"
    BREACHED = "breached"
    WAIVED = "waived"
    NOT_COVERED = "not_covered"


GUARANTEE_STATUS_LABELS: Final[dict[GuaranteeStatus, str]] = {
    GuaranteeStatus.RUNNING: "Løber",
    GuaranteeStatus.MET: "Overholdt",
    GuaranteeStatus.BREACHED: "Overskredet",
    GuaranteeStatus.WAIVED: "Fraveget",
    GuaranteeStatus.NOT_COVERED: "Ikke omfattet",
}

# SEL § 101, stk. 4, BL § 33, SUL § 141, stk. 2 and SUL § 142, stk. 6: treatment must be started
# "senest 14 dage efter henvendelsen". Calendar days: the law does not move the deadline past a
# weekend or a public holiday, so neither do we (the reminders warn earlier instead).
GUARANTEE_DAYS: Final = 14

# BEK 1477/2019 § 4, stk. 2: follow up no later than 1 month and again 6 months after discharge.
FOLLOW_UP_MONTHS: Final = (1, 6)

REASON_ANONYMOUS: Final = "Ikke omfattet: anonym behandling (SEL § 101 a)"
REASON_REGIONAL_DUAL_DIAGNOSIS: Final = (
    "Ikke omfattet: regional integreret behandling af dobbeltdiagnose (SUL § 82 c)"
)

# Where the right to waive the deadline after a free choice comes from, per legal basis.
# SEL § 101, stk. 5-6 says it outright: "Fristen efter stk. 4 kan fraviges, hvis personen vælger at
# blive behandlet i et andet ... behandlingstilbud". The right belongs to citizens over 18, so
# Barnets lov § 33 has none (cases.legal_bases, free_choice_allowed). Sundhedsloven § 141
# and § 142 give free choice of treatment place but no numbered stk. that waives the deadline
# (§ 141, stk. 5 is about Socialtilsynet's approval), so only the section is cited there.
_FREE_CHOICE_SOURCE: Final[dict[LegalBasis, str]] = {
    LegalBasis.SEL101: "SEL § 101, stk. 6",
    LegalBasis.SUL141: "frit valg efter SUL § 141",
    LegalBasis.SUL142: "frit valg efter SUL § 142",
}


class ReasonCode(StrEnum):
    """What a guarantee reason or warning says, independent of the language it is shown in."""

    NOT_COVERED_ANONYMOUS = "guarantee.not_covered_anonymous"
    NOT_COVERED_REGIONAL = "guarantee.not_covered_regional_dual_diagnosis"
    MET = "guarantee.met"
    WAIVED = "guarantee.waived"
    BREACHED_LATE_START = "guarantee.breached_late_start"
    BREACHED_LATE_START_LATE_CHOICE = "guarantee.breached_late_start_late_choice"
    BREACHED_NO_START = "guarantee.breached_no_start"
    BREACHED_NO_START_LATE_CHOICE = "guarantee.breached_no_start_late_choice"
    RUNNING = "guarantee.running"
    DECISION_LATE = "guarantee.decision_late"
    DOCTOR_CONSULTATION_MISSING = "guarantee.doctor_consultation_missing"
    DOCTOR_CONSULTATION_AFTER_START = "guarantee.doctor_consultation_after_start"


Urgency = Literal["danger", "warning", "info", "success", "neutral"]


@dataclass(frozen=True, slots=True)
class GuaranteeResult:
    deadline: date | None
    status: GuaranteeStatus
    days_left: int | None
    reason: str
    # The reason as a code and plain values for other languages; derived from `reason`, so left
    # out of equality.
    reason_code: str = field(default="", compare=False)
    reason_values: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def covered(self) -> bool:
        return self.status != GuaranteeStatus.NOT_COVERED


def guarantee_deadline(inquiry_date: date) -> date:
    """The last day on which treatment may start: the inquiry date plus 14 calendar days."""
    return _require_date(inquiry_date, "Henvendelsesdatoen") + timedelta(days=GUARANTEE_DAYS)


def evaluate(
    legal_basis: str,
    inquiry_date: date,
    *,
    today: date,
    started_on: date | None = None,
    free_choice: bool = False,
    free_choice_on: date | None = None,
    regional_dual_diagnosis: bool = False,
    anonymous: bool = False,
) -> GuaranteeResult:
    """Deadline, status and reason of the guarantee of one treatment request on the day `today`.

    With D = inquiry date + 14 days the rules apply in this order (DESIGN §3.1):
    1. a basis that is not covered (§ 101 a; a regional dual-diagnosis referral) → not_covered;
    2. treatment started on or before D → met, whatever was chosen before or after;
    3. a free choice dated on or before D, or `free_choice=True` with no date (chosen in time)
       → waived, for every covered basis except Barnets lov § 33;
    4. treatment started after D, or nothing started and today after D → breached (a free choice
       made after D changes nothing);
    5. otherwise running.

    `started_on` is the actual start of the request's first episode ("iværksat": the treatment
    itself, not the first contact, the assessment or the decision). A start later than `today`
    has not happened yet as seen from `today`, so it is treated as no start; this keeps an "as of"
    evaluation (a report for a past period) correct.

    `anonymous` is informational only and never changes the result: anonymous alcohol treatment
    (SUL § 141, stk. 7) is covered by the guarantee like any other. Anonymous *drug* treatment is
    its own legal basis, SEL101A, and that basis is what takes a request out of the guarantee.

    Raises ValueError (Danish message) for an unknown legal basis, a value that is not a date, an
    inquiry date after `today`, a start before the inquiry date, a free choice on a Barnets lov
    § 33 request, a free-choice date before the inquiry or after `today`, or a free-choice date
    without a free choice.
    """
    basis = parse_legal_basis(legal_basis)
    inquiry = _require_date(inquiry_date, "Henvendelsesdatoen")
    today = _require_date(today, "Dagens dato")
    start = None if started_on is None else _require_date(started_on, "Behandlingsstart")
    chosen = (
        None if free_choice_on is None else _require_date(free_choice_on, "Datoen for frit valg")
    )
    free_choice = bool(free_choice)
    if inquiry > today:
        raise ValueError("Henvendelsesdatoen kan ikke ligge i fremtiden")
    if start is not None and start < inquiry:
        raise ValueError("Behandlingsstart kan ikke ligge før henvendelsesdatoen")
    if chosen is not None and not free_choice:
        raise ValueError("En dato for frit valg kræver, at borgeren har valgt frit")
    if chosen is not None and chosen < inquiry:
        raise ValueError("Datoen for frit valg kan ikke ligge før henvendelsesdatoen")
    if chosen is not None and chosen > today:
        raise ValueError("Datoen for frit valg kan ikke ligge i fremtiden")
    if free_choice and basis is LegalBasis.BL33:
        # SEL § 101, stk. 5-6: the right to choose belongs to visited citizens over 18.
        raise ValueError("Frit valg gælder ikke for Barnets lov § 33 (borgere under 18 år)")

    # 1. SEL § 101 a has no deadline: the anonymous offer is open access, no visitation.
    if not rules_for(basis).covered:
        return GuaranteeResult(
            None,
            GuaranteeStatus.NOT_COVERED,
            None,
            REASON_ANONYMOUS,
            ReasonCode.NOT_COVERED_ANONYMOUS,
        )
    # Citizens referred to the regions' integrated dual-diagnosis treatment (SUL § 82 c) are
    # treated by the region under its own rules, outside the municipal guarantee.
    if regional_dual_diagnosis:
        return GuaranteeResult(
            None,
            GuaranteeStatus.NOT_COVERED,
            None,
            REASON_REGIONAL_DUAL_DIAGNOSIS,
            ReasonCode.NOT_COVERED_REGIONAL,
        )

    deadline = inquiry + timedelta(days=GUARANTEE_DAYS)
    since = f"{GUARANTEE_DAYS} dage fra henvendelse {inquiry.isoformat()}"
    started = start if start is not None and start <= today else None
    values: dict[str, Any] = {
        "days": GUARANTEE_DAYS,
        "inquiry": inquiry.isoformat(),
        "deadline": deadline.isoformat(),
    }

    # 2. Started in time: met, whatever the citizen chose before or after.
    if started is not None and started <= deadline:
        return GuaranteeResult(
            deadline,
            GuaranteeStatus.MET,
            None,
            f"Overholdt: behandling iværksat {started.isoformat()}, frist {since}",
            ReasonCode.MET,
            {**values, "started": started.isoformat()},
        )

    # 3. SEL § 101, stk. 6: the deadline may be waived when the citizen chooses another offer
    # than the one the municipality referred to, in time. Never a breach; the deadline is shown.
    if free_choice and (chosen is None or chosen <= deadline):
        return GuaranteeResult(
            deadline,
            GuaranteeStatus.WAIVED,
            None,
            f"Fraveget: borgeren har valgt et andet tilbud ({_FREE_CHOICE_SOURCE[basis]})",
            ReasonCode.WAIVED,
            {**values, "basis": basis.value},
        )

    # 4. A late start, or no start and the deadline passed. Waiting for a residential place
    # gets no longer deadline (DESIGN §3.1), and a free choice after D changes nothing.
    late_choice = (
        f"; frit valg {chosen.isoformat()} efter fristen ændrer ikke overskridelsen"
        if free_choice and chosen is not None
        else ""
    )
    if free_choice and chosen is not None:
        values["chosen"] = chosen.isoformat()
    if started is not None:
        over = (started - deadline).days
        return GuaranteeResult(
            deadline,
            GuaranteeStatus.BREACHED,
            None,
            f"Overskredet med {_days(over)}: behandling iværksat {started.isoformat()}, "
            f"frist {deadline.isoformat()} ({since}){late_choice}",
            ReasonCode.BREACHED_LATE_START_LATE_CHOICE
            if late_choice
            else ReasonCode.BREACHED_LATE_START,
            {**values, "started": started.isoformat(), "over": over},
        )
    if today > deadline:
        return GuaranteeResult(
            deadline,
            GuaranteeStatus.BREACHED,
            None,
            f"Overskredet: ingen behandling iværksat inden fristen {deadline.isoformat()} "
            f"({since}){late_choice}",
            ReasonCode.BREACHED_NO_START_LATE_CHOICE
            if late_choice
            else ReasonCode.BREACHED_NO_START,
            values,
        )

    # 5. Running.
    return GuaranteeResult(
        deadline,
        GuaranteeStatus.RUNNING,
        (deadline - today).days,
        since,
        ReasonCode.RUNNING,
        values,
    )


@dataclass(frozen=True)
class GuaranteeWarning:
    """A warning the law asks for: the Danish ``reason`` and, for other languages, its
    ``reason_code`` and plain ``reason_values`` (as on GuaranteeResult)."""

    reason: str
    reason_code: str
    reason_values: dict[str, Any] = field(default_factory=dict)


def is_open(result: GuaranteeResult, *, started: bool) -> bool:
    """An open clock: running, or breached with nothing started (DESIGN §3)."""
    if result.status is GuaranteeStatus.RUNNING:
        return True
    return result.status is GuaranteeStatus.BREACHED and not started


def decision_warning(
    inquiry_date: date,
    decision_date: date | None,
    legal_basis: str,
    *,
    regional_dual_diagnosis: bool = False,
) -> GuaranteeWarning | None:
    """A warning when the decision (afgørelse) was made after the guarantee deadline, else None.

    BEK 1477/2019 § 1: the decision, made after a holistic needs assessment, falls within the
    guarantee. Only for social drug treatment (SEL § 101, BL § 33: the bases BEK 1477 covers);
    no warning for bases outside the guarantee, or while no decision is recorded.
    """
    basis = parse_legal_basis(legal_basis)
    inquiry = _require_date(inquiry_date, "Henvendelsesdatoen")
    if decision_date is None:
        return None
    decision = _require_date(decision_date, "Afgørelsesdatoen")
    if decision < inquiry:
        raise ValueError("Afgørelsesdatoen kan ikke ligge før henvendelsesdatoen")
    rules = rules_for(basis)
    if not (rules.covered and rules.bek1477_assessment) or regional_dual_diagnosis:
        return None
    deadline = inquiry + timedelta(days=GUARANTEE_DAYS)
    if decision <= deadline:
        return None
    over = (decision - deadline).days
    return GuaranteeWarning(
        f"Afgørelsen er truffet {decision.isoformat()}, {_days(over)} efter "
        f"fristen {deadline.isoformat()} ({GUARANTEE_DAYS} dage fra henvendelse "
        f"{inquiry.isoformat()}). Afgørelsen skal træffes inden for behandlingsgarantien "
        "(BEK 1477/2019 § 1).",
        ReasonCode.DECISION_LATE,
        {
            "decided": decision.isoformat(),
            "over": over,
            "deadline": deadline.isoformat(),
            "days": GUARANTEE_DAYS,
            "inquiry": inquiry.isoformat(),
        },
    )


def doctor_consultation_warning(
    legal_basis: str,
    started_on: date | None,
    doctor_consultation_on: date | None,
    *,
    declined_on: date | None = None,
) -> GuaranteeWarning | None:
    """A warning when drug treatment started without the doctor's consultation held or declined.

    SUL § 142, stk. 1-2 (since L 34 (2014-15)): everyone seeking drug treatment, under Sundhedsloven
    or Serviceloven, is offered a doctor's consultation (lægesamtale) before treatment starts. It is
    an offer: held or declined, either on or before the start, is enough. Only the bases the table
    marks (cases.legal_bases: doctor_consultation_offered) are checked, once treatment has started.
    """
    basis = parse_legal_basis(legal_basis)
    start = None if started_on is None else _require_date(started_on, "Behandlingsstart")
    consultation = (
        None
        if doctor_consultation_on is None
        else _require_date(doctor_consultation_on, "Datoen for lægesamtalen")
    )
    declined = None if declined_on is None else _require_date(declined_on, "Datoen for afslaget")
    if not rules_for(basis).doctor_consultation_offered or start is None:
        return None
    if declined is not None and declined <= start:
        return None
    if consultation is None:
        return GuaranteeWarning(
            f"Lægesamtale mangler: behandlingen er iværksat {start.isoformat()}, uden at "
            "lægesamtalen er holdt eller afslået (SUL § 142, stk. 1-2).",
            ReasonCode.DOCTOR_CONSULTATION_MISSING,
            {"started": start.isoformat()},
        )
    if consultation > start:
        return GuaranteeWarning(
            f"Lægesamtalen {consultation.isoformat()} ligger efter behandlingsstart "
            f"{start.isoformat()}; lægesamtalen skal komme før behandlingen (SUL § 142, stk. 1-2).",
            ReasonCode.DOCTOR_CONSULTATION_AFTER_START,
            {"consulted": consultation.isoformat(), "started": start.isoformat()},
        )
    return None


def urgency(result: GuaranteeResult) -> Urgency:
    """The colour of a guarantee badge: how soon somebody has to act."""
    match result.status:
        case GuaranteeStatus.BREACHED:
            return "danger"
        case GuaranteeStatus.RUNNING:
            days_left = result.days_left if result.days_left is not None else 0
            if days_left <= 3:
                return "danger"
            if days_left <= 7:
                return "warning"
            return "info"
        case GuaranteeStatus.MET:
            return "success"
        case _:
            return "neutral"


def follow_up_due_dates(discharged_on: date) -> tuple[date, date]:
    """Due dates of the two follow-ups after a course ends: 1 and 6 months after discharge.

    BEK 1477/2019 § 4, stk. 2. A month later than a day that the target month lacks is that
    month's last day (31 January + 1 month = 28 or 29 February).
    """
    discharged = _require_date(discharged_on, "Udskrivningsdatoen")
    first, second = FOLLOW_UP_MONTHS
    return add_months(discharged, first), add_months(discharged, second)


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _require_date(value: object, what: str) -> date:
    # A datetime is a date subclass but compares unequal to, and cannot be ordered against, a
    # plain date; it would also hide a time-zone question. Only plain dates are accepted.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{what} skal være en dato, ikke {type(value).__name__}")
    return value


def _days(count: int) -> str:
    return "1 dag" if count == 1 else f"{count} dage"
