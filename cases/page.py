"""The case page's rows, read once per request and shared by its sections and the other apps'
panels (issue 17: the page's query count must not grow with its panels or their rows).

The view builds one `CasePage` and hands it to every panel (`cases.hooks.case_page_panels`) and
every course-strip source (`cases.hooks.course_facts`). A panel derives what it shows from the
rows the page has already read (the episodes, the requests) instead of asking again; the rows
of a higher app that several of its panels show (the handover's transitions, the check-ins)
are read by the first panel that asks, through `shared`, and reused by the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, cast

from django.db.models import QuerySet

from .models import Case, ConcernNotification, Consent, Disclosure, TreatmentConsent
from .prefetch import RowLists, Rows, by
from .selectors.requests import RequestRow, case_request_rows

# The case's own short lists on its page, read with the case (cases.prefetch: array columns
# of the case's one query on PostgreSQL).
CASE_PAGE_LISTS = RowLists(
    consents=Rows(Consent.objects.select_related("recorded_by"), where=by("case_id")),
    treatment_consents=Rows(TreatmentConsent.objects.all(), where=by("case_id")),
    concern_notifications=Rows(
        ConcernNotification.objects.select_related("made_by"), where=by("case_id")
    ),
    disclosures=Rows(
        Disclosure.objects.select_related("consent", "disclosed_by").order_by("-disclosed_at"),
        where=by("case_id"),
    ),
)


def case_page_query(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What the case page adds to the case's query (`case_view(shape=…)`): its action plan
    (one-to-one) and its short lists."""
    return CASE_PAGE_LISTS.annotate(cases.select_related("action_plan"))


@dataclass
class CasePage:
    """One case page's request: the case (with the user's permission flags), the reader (None
    for the API's course strip), today, and the rows read so far."""

    case: Case
    user: Any
    today: date
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def episodes(self) -> list[Any]:
        """The case's episodes in referral order, with offer, provider and treatment plan (the
        plan is treatment_options' TreatmentPlan: loaded here without importing that app)."""
        return list(
            self.case.episodes.select_related("offer__provider", "treatment_plan").order_by(
                "referral_date", "pk"
            )
        )

    @cached_property
    def requests(self) -> list[RequestRow]:
        """The case's requests with their clocks on `today`. The case's clock request among
        them is put on the case, so that `case.guarantee()` asks no query of its own."""
        rows = case_request_rows(self.case, today=self.today)
        for row in rows:
            if row.request.pk == self.case.clock_request_id:
                self.case.clock_request = row.request
        return rows

    @cached_property
    def lists(self) -> dict[str, list[Any]]:
        """The case's consents, treatment consents, concern notifications and disclosures
        (`CASE_PAGE_LISTS`): from the case's own query when `case_page_query` shaped it."""
        return CASE_PAGE_LISTS.rows(self.case)

    def shared[T](self, key: str, load: Callable[[], T]) -> T:
        """The rows named `key` (the app's name first: "transitions.checkins"), read by
        `load()` the first time a panel asks and kept for the rest of the request."""
        if key not in self._shared:
            self._shared[key] = load()
        return cast(T, self._shared[key])
