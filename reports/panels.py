"""The report buttons on the case page and the handover page (DESIGN §7), registered on
`cases.hooks.case_page_panels` and `transitions.hooks.transition_page_panels` in
ReportsConfig.ready(). Shown to exactly those the report views let in."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from cases.access import VIEW, has_case_perm
from cases.hooks import CasePagePanel
from cases.models import Case, Consent
from cases.page import CasePage
from transitions.hooks import TransitionPagePanel

from .forms import ExternalCaseReportForm


def case_report_allowed(user: User | None, case: Case) -> bool:
    """Whether `user` may download the case's status report and its external variant: read
    access to the case, the rule of `cases.decorators.case_view` on both report views."""
    return user is not None and has_case_perm(user, VIEW, case)


def case_report_panel(
    case: Case, user: User | None, *, consents: list[Consent] | None = None
) -> dict[str, Any]:
    """The status report's link, and the external report's form when the case has a consent
    to choose (the service checks that the chosen one is valid and covers the report)."""
    if not case_report_allowed(user, case):
        return {"allowed": False}
    # The case page hands over the consents it has read; the transition page loads them for
    # its own sections (into the case's prefetch cache): exists() on it then costs no query.
    has_consent = bool(consents) if consents is not None else case.consents.exists()
    return {
        "allowed": True,
        "case": case,
        "external_form": ExternalCaseReportForm(
            case=case, consents=consents, auto_id="id_report_%s"
        )
        if has_consent
        else None,
    }


def case_page_report_panel(page: CasePage) -> dict[str, Any]:
    """`case_report_panel` on the case page, from the consents it has read."""
    consents = page.lists["consents"]
    return case_report_panel(page.case, page.user, consents=consents)


CASE_REPORT_PANEL = CasePagePanel("reports/_case_report_panel.html", case_page_report_panel)
TRANSITION_REPORT_PANEL = TransitionPagePanel("reports/_case_report_panel.html", case_report_panel)
