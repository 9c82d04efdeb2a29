"""The case page's followed-up course end, derived from the rows it has read, is the one the
SQL of the sweeps and reports gives (notifications.selectors, issue 17)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from cases.models import Case, LegalBasis, TreatmentRequest
from cases.page import CasePage
from notifications.selectors import followed_up_course_end_of, followed_up_course_end_on_page
from tests import factories

pytestmark = pytest.mark.django_db

START = date(2026, 1, 5)


def _case(basis, ends, *, reason="", request_basis=None, first_request=True):
    case = factories.CaseFactory(
        legal_basis=basis,
        course_end_reason=reason,
        inquiry_date=START,
        first_request=first_request,
    )
    if request_basis is not None:
        TreatmentRequest.objects.filter(case=case).update(legal_basis=request_basis)
    for end in ends:
        factories.EpisodeFactory(
            case=case,
            actual_start=START,
            actual_end=None if end is None else START + end,
            end_reason="" if end is None else "completed",
        )
    return Case.objects.get(pk=case.pk)


CASES: dict[str, dict[str, Any]] = {
    "no episode": dict(basis=LegalBasis.SEL101, ends=[]),
    "all ended": dict(basis=LegalBasis.SEL101, ends=[timedelta(days=9), timedelta(days=30)]),
    "one still open": dict(basis=LegalBasis.SEL101, ends=[timedelta(days=9), None]),
    "health basis": dict(basis=LegalBasis.SUL141, ends=[timedelta(days=9)]),
    "ended by death": dict(basis=LegalBasis.SEL101, ends=[timedelta(days=9)], reason="death"),
    "ended, other reason": dict(basis=LegalBasis.SEL101, ends=[timedelta(days=9)], reason="other"),
    "request on a social basis": dict(
        basis=LegalBasis.SUL141, ends=[timedelta(days=9)], request_basis=LegalBasis.SEL101
    ),
    "request on a health basis": dict(
        basis=LegalBasis.SEL101, ends=[timedelta(days=9)], request_basis=LegalBasis.SUL142
    ),
    "legacy episode without a request": dict(
        basis=LegalBasis.SEL101, ends=[timedelta(days=9)], first_request=False
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_page_and_the_sql_agree(name):
    case = _case(**CASES[name])
    expected = followed_up_course_end_of(case=case)
    page = CasePage(case, None, START + timedelta(days=60))
    assert followed_up_course_end_on_page(page) == expected
    if name in ("all ended", "ended, other reason", "request on a social basis"):
        assert expected is not None  # the grid holds followed-up courses too
