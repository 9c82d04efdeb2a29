"""Reads for the reports: the sections of a case report, the manager report's statistics and the
register extract (DESIGN §7).

Every figure is computed by the database: grouped aggregations with COUNT ... FILTER, EXISTS
subqueries and date arithmetic. Python only arranges the few aggregate rows that come back (a
dozen months times five legal bases at most), so a report makes the same number of queries for
10 cases as for 100,000.

The reads are split by report section; callers import from the package.
"""

from __future__ import annotations

from .case_report import CaseReportData, PlanOfTransition, case_report_data
from .caseload import CaseloadRow, caseload_report
from .checkins import ThemeReport, checkin_theme_report
from .delivery import DeliveryReport, DeliveryRow, delivery_report
from .drop_outs import DropOutReport, EndReasonRow, TreatmentTypeDropOut, drop_out_report
from .guarantee import BREACH_LIST_LIMIT, Breach, GuaranteeCounts, GuaranteeReport, guarantee_report
from .handover import FIRST_CONTACT_DAYS, TransitionMonth, TransitionReport, transition_report
from .manager import ManagerReport, UnitSummary, manager_report, unit_summary
from .periods import Period, month_period
from .register import CheckRow, register_check_rows, register_extract_rows
from .units import unit_cases, unit_episodes, unit_transitions

__all__ = [
    "BREACH_LIST_LIMIT",
    "FIRST_CONTACT_DAYS",
    "Breach",
    "CaseReportData",
    "CaseloadRow",
    "CheckRow",
    "DeliveryReport",
    "DeliveryRow",
    "DropOutReport",
    "EndReasonRow",
    "GuaranteeCounts",
    "GuaranteeReport",
    "ManagerReport",
    "Period",
    "PlanOfTransition",
    "ThemeReport",
    "TransitionMonth",
    "TransitionReport",
    "TreatmentTypeDropOut",
    "UnitSummary",
    "case_report_data",
    "caseload_report",
    "checkin_theme_report",
    "delivery_report",
    "drop_out_report",
    "guarantee_report",
    "manager_report",
    "month_period",
    "register_check_rows",
    "register_extract_rows",
    "transition_report",
    "unit_cases",
    "unit_episodes",
    "unit_summary",
    "unit_transitions",
]
