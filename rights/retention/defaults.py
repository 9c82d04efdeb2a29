"""The default retention periods, one per kind of record in docs/retention.md §3, and which
kind each model holding a citizen's data falls under. Pure: no framework.

The defaults fill the settings table (`RetentionRule`) by a data migration; a municipality
changes a row there and confirms it. Nothing here decides whether a rule is switched on.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cases.legal_bases import LegalBasis


class Kind(StrEnum):
    SOCIAL_CASE = "social_case"
    HEALTH_RECORD = "health_record"
    ACCESS_LOG = "access_log"
    ANONYMOUS_ALIAS = "anonymous_alias"
    REPORT_FILE = "report_file"
    NOTIFICATION = "notification"
    CITIZEN_WITHOUT_CASE = "citizen_without_case"
    STATISTICS = "statistics"


class CountedFrom(StrEnum):
    CASE_END = "case_end"
    LAST_ENTRY = "last_entry"
    ENTRY_TIME = "entry_time"
    FINISHED = "finished"
    CREATED = "created"
    REGISTRATION = "registration"
    NOT_APPLICABLE = "none"


class Action(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Default:
    kind: Kind
    number: int  # the row in docs/retention.md §3
    months: int | None  # None: kept (the anonymised statistics)
    counted_from: CountedFrom
    action: Action
    legal_source: str


DEFAULTS: tuple[Default, ...] = (
    Default(
        Kind.SOCIAL_CASE,
        1,
        60,
        CountedFrom.CASE_END,
        Action.DELETE,
        "Arkivloven, BEK 995/2010 og kommunens bevarings- og kassationsplan; GDPR art. 5(1)(e). "
        "Usikkert: de 5 år er kommunernes almindelige praksis, ikke Rigsarkivets regler.",
    ),
    Default(
        Kind.HEALTH_RECORD,
        2,
        120,
        CountedFrom.LAST_ENTRY,
        Action.DELETE,
        "Autorisationsloven § 25, stk. 1 (mindst 10 år efter sidste notat); "
        "journalføringsbekendtgørelsen § 15, stk. 2 (5 år for andre autoriserede "
        "sundhedspersoner).",
    ),
    Default(
        Kind.ACCESS_LOG,
        3,
        60,
        CountedFrom.ENTRY_TIME,
        Action.DELETE,
        "GDPR art. 5(1)(e) og art. 32; tidligere sikkerhedsbekendtgørelse (BEK 528/2000 § 19): "
        "op til 5 år. Usikkert: ingen gældende dansk regel fundet.",
    ),
    Default(
        Kind.ANONYMOUS_ALIAS,
        4,
        60,
        CountedFrom.CASE_END,
        Action.DELETE,
        "Som sagsakter (SEL § 101 a; SUL § 141, stk. 7). Usikkert: en kortere frist kan være "
        "rigtig.",
    ),
    Default(
        Kind.REPORT_FILE,
        5,
        1,
        CountedFrom.FINISHED,
        Action.DELETE,
        "GDPR art. 5(1)(c) og (e): en fil er en kopi; data bliver i databasen.",
    ),
    Default(
        Kind.NOTIFICATION,
        6,
        12,
        CountedFrom.CREATED,
        Action.DELETE,
        "GDPR art. 5(1)(e) (de peger på sager).",
    ),
    Default(
        Kind.CITIZEN_WITHOUT_CASE,
        7,
        12,
        CountedFrom.REGISTRATION,
        Action.DELETE,
        "GDPR art. 5(1)(e): ingen sag, intet formål. Usikkert: kun et forslag.",
    ),
    Default(
        Kind.STATISTICS,
        8,
        None,
        CountedFrom.NOT_APPLICABLE,
        Action.ANONYMISE,
        "Ikke personoplysninger (GDPR betragtning 26); bevares, så lederrapporten for tidligere "
        "år ikke ændrer sig.",
    ),
)

CASE_KINDS = (Kind.SOCIAL_CASE, Kind.HEALTH_RECORD, Kind.ANONYMOUS_ALIAS)

# Legal bases (cases.legal_bases) whose cases are health-law treatment records (§3 row 2), and
# the anonymous courses (row 4).
HEALTH_BASES = frozenset({LegalBasis.SUL141, LegalBasis.SUL142})
ANONYMOUS_BASES = frozenset({LegalBasis.SEL101A})


def case_kind(legal_basis: str, *, anonymous: bool) -> Kind:
    """The kind a case falls under: an anonymous course (row 4), a health-law treatment record
    (row 2) or a social case file (row 1)."""
    if anonymous or legal_basis in ANONYMOUS_BASES:
        return Kind.ANONYMOUS_ALIAS
    if legal_basis in HEALTH_BASES:
        return Kind.HEALTH_RECORD
    return Kind.SOCIAL_CASE


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month where it has fewer days)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Which kind decides when each model holding a citizen's data goes (issue 14, acceptance 5:
# tests/rights/citizen_models.py finds the models; a model missing here fails the test). The
# case file's rows go with their case, under the kind of that case (`case_kind`); the rows the
# manager report counts are kept without text or person as the anonymised statistics (row 8).
MODEL_KINDS: dict[str, Kind] = {
    "cases.Citizen": Kind.CITIZEN_WITHOUT_CASE,
    "cases.Case": Kind.STATISTICS,
    "cases.TreatmentRequest": Kind.STATISTICS,
    "cases.CaseEvent": Kind.SOCIAL_CASE,
    "cases.Consent": Kind.SOCIAL_CASE,
    "cases.Disclosure": Kind.SOCIAL_CASE,
    "cases.ConcernNotification": Kind.SOCIAL_CASE,
    "cases.TreatmentConsent": Kind.SOCIAL_CASE,
    "cases.TemporaryCaseAccess": Kind.SOCIAL_CASE,
    "cases.ActionPlan": Kind.SOCIAL_CASE,
    "cases.ActionPlanVersion": Kind.SOCIAL_CASE,
    "cases.CaseUserObjectPermission": Kind.SOCIAL_CASE,
    "cases.CaseGroupObjectPermission": Kind.SOCIAL_CASE,
    "cases.AccessLog": Kind.ACCESS_LOG,
    "treatment_options.Episode": Kind.STATISTICS,
    "treatment_options.Contact": Kind.STATISTICS,
    "treatment_options.TreatmentPlan": Kind.HEALTH_RECORD,
    "treatment_options.TreatmentPlanVersion": Kind.HEALTH_RECORD,
    "transitions.Transition": Kind.STATISTICS,
    "transitions.StatusMeeting": Kind.STATISTICS,
    "transitions.CheckIn": Kind.STATISTICS,
    "transitions.AftercareCommitment": Kind.STATISTICS,
    "transitions.CommitmentDelivery": Kind.STATISTICS,
    "transitions.CheckInSchedule": Kind.SOCIAL_CASE,
    "transitions.CommitmentChange": Kind.SOCIAL_CASE,
    "transitions.ActionItem": Kind.SOCIAL_CASE,
    "transitions.Participant": Kind.SOCIAL_CASE,
    "transitions.PlanSection": Kind.SOCIAL_CASE,
    "transitions.PlanSectionVersion": Kind.SOCIAL_CASE,
    "transitions.StatusNote": Kind.SOCIAL_CASE,
    "transitions.NoteAcknowledgement": Kind.SOCIAL_CASE,
    "transitions.WorkAgreement": Kind.SOCIAL_CASE,
    "notifications.FollowUp": Kind.SOCIAL_CASE,
    "notifications.FollowUpAttempt": Kind.SOCIAL_CASE,
    "notifications.Notification": Kind.NOTIFICATION,
    "reports.ReportJob": Kind.REPORT_FILE,
    "rights.LegalHold": Kind.SOCIAL_CASE,
    "rights.AnonymisedCase": Kind.STATISTICS,
    "cases.Rectification": Kind.SOCIAL_CASE,
    "rights.AccessRequest": Kind.SOCIAL_CASE,
    "rights.Complaint": Kind.SOCIAL_CASE,
    "rights.FileExport": Kind.SOCIAL_CASE,
    "rights.FileExportDecision": Kind.SOCIAL_CASE,
}
