"""The "Aktindsigt og klager" panel on the case page, registered on
`cases.hooks.case_page_panels` in RightsConfig.ready(): the case's access requests and
complaints with their deadlines, and the holds on the citizen's data. Shown to those who may
handle them (rights.access); the case page's read is already in the access log."""

from __future__ import annotations

from typing import Any

from cases.hooks import CasePagePanel
from cases.page import CasePage

from .access import may_handle_rights
from .selectors import case_rights


def rights_panel(page: CasePage) -> dict[str, Any]:
    case, user = page.case, page.user
    if user is None or not may_handle_rights(user, case):
        return {"allowed": False}
    return {"allowed": True, "case": case, "rights": case_rights(case)}


RIGHTS_PANEL = CasePagePanel("rights/_case_panel.html", rights_panel)
