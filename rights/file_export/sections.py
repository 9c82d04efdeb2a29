"""What the access-to-file export holds (forvaltningsloven § 9; GDPR art. 15 and 20): one table
of the kinds of record released to the citizen, in the order the PDF shows them, and one table
of the kinds held about the citizen that are left out, each with its reason.

Every model that holds data about a citizen is in exactly one of the two tables
(tests/rights/test_file_export_coverage.py), so a model added later cannot slip past. The
fields of an exported model are all its own (rights.file_export.collect), so a field added
later is released too; those that may hold information about other people are marked for the
caseworker's review (`OTHER_PEOPLE` and every free text).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """One kind of record: the model (`app_label.Model`), its heading, the lookup from the
    model to the citizen, and the lookup to its case (for the case number shown with each
    record; empty for the citizen's own data)."""

    label: str
    title: str | Promise
    citizen_path: str
    case_path: str = ""
    order_by: tuple[str, ...] = ("pk",)

    @property
    def case_number_path(self) -> str:
        """The lookup of the record's case number ("" for the citizen's own data)."""
        if self.case_path == "pk":
            return "number"
        return f"{self.case_path}__number" if self.case_path else ""


def _on_case(label: str, title: str | Promise, via: str = "", **extra: object) -> Section:
    case = f"{via}case" if via else "case"
    return Section(label, title, f"{case}__citizen", case, **extra)  # type: ignore[arg-type]


SECTIONS: tuple[Section, ...] = (
    Section("cases.Citizen", _("Borgeroplysninger"), "pk"),
    Section("cases.Case", _("Sager"), "citizen", "pk", ("inquiry_date", "pk")),
    _on_case("cases.TreatmentRequest", _("Anmodninger om behandling")),
    _on_case("cases.Consent", _("Samtykker")),
    _on_case("cases.TreatmentConsent", _("Samtykker til behandling")),
    _on_case("cases.Disclosure", _("Videregivelser af oplysninger")),
    _on_case("cases.ConcernNotification", _("Underretninger")),
    _on_case("cases.ActionPlan", _("Handleplaner (serviceloven § 141)")),
    _on_case("cases.ActionPlanVersion", _("Handleplaner, alle versioner"), "plan__"),
    _on_case("treatment_options.Episode", _("Behandlingsforløb")),
    _on_case("treatment_options.TreatmentPlan", _("Behandlingsplaner"), "episode__"),
    _on_case(
        "treatment_options.TreatmentPlanVersion",
        _("Behandlingsplaner, alle versioner"),
        "plan__episode__",
    ),
    _on_case("treatment_options.Contact", _("Kontakter med behandlingsstedet"), "episode__"),
    _on_case("transitions.Transition", _("Overgange fra døgn- til ambulant behandling")),
    _on_case("transitions.PlanSection", _("Overgangsplanen"), "transition__"),
    _on_case(
        "transitions.PlanSectionVersion",
        _("Overgangsplanen, alle versioner"),
        "section__transition__",
    ),
    _on_case("transitions.StatusNote", _("Statusnotater"), "transition__"),
    _on_case("transitions.StatusMeeting", _("Statusmøder"), "transition__"),
    _on_case("transitions.Participant", _("Deltagere i statusmøder"), "meeting__transition__"),
    _on_case("transitions.ActionItem", _("Aftalte opgaver")),
    _on_case("transitions.AftercareCommitment", _("Aftaler om efterbehandling"), "transition__"),
    _on_case(
        "transitions.CommitmentChange",
        _("Ændringer af aftaler om efterbehandling"),
        "commitment__transition__",
    ),
    _on_case(
        "transitions.CommitmentDelivery",
        _("Leverede kontakter under aftalerne"),
        "commitment__transition__",
    ),
    _on_case("transitions.WorkAgreement", _("Arbejdsaftaler"), "transition__"),
    _on_case("transitions.CheckInSchedule", _("Plan for tjek-ind")),
    _on_case("transitions.CheckIn", _("Tjek-ind")),
    _on_case("notifications.FollowUp", _("Opfølgning efter forløbet")),
    _on_case("notifications.FollowUpAttempt", _("Forsøg på opfølgning"), "follow_up__"),
    Section("cases.Rectification", _("Berigtigelser af oplysninger"), "citizen", "case"),
    Section("rights.AccessRequest", _("Anmodninger om aktindsigt"), "citizen", "case"),
    Section("rights.Complaint", _("Klager"), "citizen", "case"),
    _on_case("cases.CaseEvent", _("Tidslinje"), order_by=("occurred_at", "pk")),
)

# Held about the citizen but not released in the export, with the reason for each.
EXCLUDED: dict[str, str | Promise] = {
    "cases.AccessLog": _(
        "Adgangsloggen: borgeren får den som udskrift af opslag (hvornår, enhed og formål)."
    ),
    "cases.CaseUserObjectPermission": _(
        "Adgangsrettigheder til sagen: systemets tekniske tilladelser, ikke oplysninger om "
        "borgeren."
    ),
    "cases.CaseGroupObjectPermission": _(
        "Adgangsrettigheder til sagen: systemets tekniske tilladelser, ikke oplysninger om "
        "borgeren."
    ),
    "cases.TemporaryCaseAccess": _(
        "Midlertidig adgang (bryd glasset): en adgangsrettighed; brugen af den står i "
        "udskriften af opslag."
    ),
    "notifications.Notification": _(
        "Påmindelser til medarbejderne: interne arbejdsdokumenter (forvaltningsloven § 23)."
    ),
    "transitions.NoteAcknowledgement": _(
        "Medarbejdernes kvittering for at have læst et notat: interne arbejdsdokumenter "
        "(forvaltningsloven § 23)."
    ),
    "reports.ReportJob": _(
        "Færdige rapportfiler: kopier af sagens oplysninger, som allerede er med i udtrækket."
    ),
    "rights.LegalHold": _(
        "Tilbageholdelser mod sletning: en intern markering; anmodningen eller klagen, der gav "
        "den, behandles for sig."
    ),
    "rights.AnonymisedCase": _(
        "Det, der er tilbage af en slettet sag: kun koder til statistikken, ingen "
        "oplysninger om borgeren."
    ),
    "rights.FileExport": _(
        "Selve aktindsigten og dens gennemgang: udleveringen står som videregivelse i sagen."
    ),
    "rights.FileExportDecision": _(
        "Gennemgangens afgørelser pr. felt: de udeladte felter står som [Udeladt] i udtrækket."
    ),
}

# Fields that name or describe other people (beyond every free text, which is always marked):
# the caseworker decides for each value whether it is released.
OTHER_PEOPLE: dict[str, tuple[str, ...]] = {
    "cases.Consent": ("party_name",),
    "cases.TreatmentConsent": ("name",),
    "cases.Disclosure": ("recipient",),
    "cases.ConcernNotification": ("recipient",),
    "cases.Case": ("children_ages",),
    "transitions.Participant": ("name", "organisation"),
    "transitions.ActionItem": ("owner_text",),
    "transitions.Transition": ("first_appointment_with",),
    "transitions.WorkAgreement": ("contact_name", "contact_phone", "contact_email"),
}

# Fields never shown: technical counters that say nothing about the citizen.
HIDDEN_FIELDS = frozenset({"version"})

SECTION_BY_LABEL = {section.label: section for section in SECTIONS}
