"""The case report's sections, each read only when the report may contain it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from cases.guarantee import GuaranteeResult
from cases.models import Case, Citizen, InformationKind
from transitions.models import (
    AftercareCommitment,
    CheckIn,
    CommitmentChange,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionKey,
    StatusMeeting,
    StatusNote,
    Transition,
    WorkAgreement,
)
from treatment_options.models import Episode


@dataclass(frozen=True)
class PlanOfTransition:
    """The current text of each section of one handover plan (the latest version of each);
    sections nobody has written in are only named."""

    transition: Transition
    sections: list[PlanSection]
    empty_sections: list[str]


@dataclass
class CaseReportData:
    """The sections of a case report. A section the report may not contain is None: its data is
    never even read from the database."""

    case: Case
    citizen: Citizen | None
    guarantee: GuaranteeResult | None
    episodes: list[Episode] | None
    plan: list[PlanOfTransition] | None
    commitments: list[AftercareCommitment] | None
    status_notes: list[StatusNote] | None
    meetings: list[StatusMeeting] | None
    checkins: list[CheckIn] | None
    transitions: list[Transition]
    work_agreements: list[WorkAgreement] | None = None


def case_report_data(*, case: Case, kinds: Collection[str], today: date) -> CaseReportData:
    """The case report's sections for the information kinds given (all of them for the
    internal report, those a consent covers for an external party)."""
    kinds = frozenset(kinds)
    K = InformationKind
    transitions = list(
        case.transitions.exclude(status=Transition.Status.CANCELLED)
        .select_related(
            "residential_episode__offer__provider",
            "outpatient_episode__offer__provider",
            "residential_therapist",
            "outpatient_therapist",
        )
        .order_by("created_at", "pk")
    )

    plan = None
    if K.PLAN in kinds:
        key_order = {key: index for index, key in enumerate(PlanSectionKey.values)}
        sections = PlanSection.objects.filter(transition__in=transitions).select_related(
            "updated_by"
        )
        by_transition: dict[int, list[PlanSection]] = {t.pk: [] for t in transitions}
        for section in sections:
            by_transition[section.transition_id].append(section)
        plan = []
        for t in transitions:
            ordered = sorted(by_transition[t.pk], key=lambda s: key_order.get(s.key, 99))
            plan.append(
                PlanOfTransition(
                    transition=t,
                    sections=[s for s in ordered if s.text.strip()],
                    empty_sections=[
                        str(s.get_key_display()) for s in ordered if not s.text.strip()
                    ],
                )
            )

    commitments = None
    if K.COMMITMENTS in kinds:
        commitments = list(
            AftercareCommitment.objects.filter(transition__in=transitions)
            .select_related("offer__provider", "responsible")
            .prefetch_related(
                Prefetch("changes", queryset=CommitmentChange.objects.select_related("actor"))
            )
            .order_by("starts_on", "pk")
        )

    notes = None
    if K.STATUS_NOTES in kinds:
        notes = list(
            StatusNote.objects.filter(transition__in=transitions)
            .select_related("author")
            .prefetch_related(
                Prefetch(
                    "acknowledgements",
                    queryset=NoteAcknowledgement.objects.select_related("user").order_by(
                        "acknowledged_at"
                    ),
                ),
                "action_items__owner",
            )
            .order_by("written_at", "pk")
        )

    meetings = None
    if K.MEETINGS in kinds:
        meetings = list(
            StatusMeeting.objects.filter(transition__in=transitions)
            .prefetch_related(
                Prefetch(
                    "participants",
                    queryset=Participant.objects.select_related("user", "consent"),
                ),
                "action_items__owner",
            )
            .order_by("starts_at", "pk")
        )

    checkins = None
    if K.CHECKINS in kinds:
        checkins = list(
            CheckIn.objects.filter(case=case).select_related("recorded_by").order_by("due_on", "pk")
        )

    work_agreements = None
    if K.WORK_AGREEMENT in kinds:
        work_agreements = list(
            WorkAgreement.objects.filter(transition__in=transitions)
            .select_related("updated_by")
            .order_by("transition__created_at", "pk")
        )

    return CaseReportData(
        case=case,
        citizen=case.citizen if K.IDENTITY in kinds else None,
        guarantee=case.guarantee(today=today) if K.CASE_STATUS in kinds else None,
        episodes=(
            list(case.episodes.select_related("offer__provider").order_by("referral_date", "pk"))
            if K.EPISODES in kinds
            else None
        ),
        plan=plan,
        commitments=commitments,
        status_notes=notes,
        meetings=meetings,
        checkins=checkins,
        transitions=transitions,
        work_agreements=work_agreements,
    )
