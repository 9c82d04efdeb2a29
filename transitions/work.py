"""Which consent a work agreement may be recorded and shared under (DESIGN §2, §5.12): a
consent of the employer, given in writing (an employer always needs explicit written consent),
valid today, that covers the "work agreement" kind of information. Pure: no framework."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

EMPLOYER = "employer"
WRITTEN = "written"


class BasisProblem(StrEnum):
    """Why no consent of the case can carry the work agreement."""

    NO_CONSENT = "no_employer_consent"
    NOT_EMPLOYER = "not_employer"
    ORAL = "oral"
    NOT_VALID = "not_valid"
    NOT_COVERED = "not_covered"


@dataclass(frozen=True)
class ConsentFacts:
    key: int
    party_kind: str
    form: str
    is_valid_today: bool
    covers_work_agreement: bool


def basis_problem(consent: ConsentFacts) -> BasisProblem | None:
    """What keeps this one consent from carrying the work agreement, or None if it can."""
    if consent.party_kind != EMPLOYER:
        return BasisProblem.NOT_EMPLOYER
    if consent.form != WRITTEN:
        return BasisProblem.ORAL
    if not consent.is_valid_today:
        return BasisProblem.NOT_VALID
    if not consent.covers_work_agreement:
        return BasisProblem.NOT_COVERED
    return None


# When no consent can, the problem to tell the user, the most telling first: an employer's
# consent that only lacks the kind says more than another party's consent.
_TELLING = (
    BasisProblem.NOT_COVERED,
    BasisProblem.NOT_VALID,
    BasisProblem.ORAL,
    BasisProblem.NOT_EMPLOYER,
)


def work_agreement_basis(
    consents: Sequence[ConsentFacts],
) -> tuple[int | None, BasisProblem | None]:
    """The key of the first consent (newest first, as given) that can carry the work
    agreement, or None and the most telling problem of the others."""
    problems: set[BasisProblem] = set()
    for consent in consents:
        problem = basis_problem(consent)
        if problem is None:
            return consent.key, None
        if problem is not BasisProblem.NOT_EMPLOYER or consent.covers_work_agreement:
            problems.add(problem)
    for problem in _TELLING:
        if problem in problems:
            return None, problem
    return None, BasisProblem.NO_CONSENT
