"""Phase 3: the rows. Citizens, cases, episodes, transitions with their plan sections, the
aftercare commitments with the contacts that deliver them, the timeline and the grants, written
a chunk at a time."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from django.utils import timezone

from cases import guarantee, lifecycle
from cases.event_messages import EventCode
from cases.models import (
    Case,
    CaseEvent,
    CaseGroupObjectPermission,
    CaseStatus,
    CaseUserObjectPermission,
    Citizen,
    LegalBasis,
    TreatmentRequest,
)
from notifications.models import FollowUp, FollowUpAttempt
from transitions.frequency import frequency_text
from transitions.models import (
    AftercareCommitment,
    CheckInSchedule,
    CommitmentDelivery,
    PlanSection,
    PlanSectionKey,
    PlanSectionVersion,
    Transition,
)
from treatment_options.models import Contact, Episode, TreatmentPlan, TreatmentPlanVersion

from .access_log import AccessLogPlan
from .constants import S
from .content import COURSE_END_REASONS, END_STATUS_WEIGHTS, END_STATUSES, enrolment_content
from .copy import Table
from .follow_ups import add_follow_ups
from .grants import TrState, grants
from .plans import CasePlan, CitizenPlan, Ep, Org
from .texts import INQUIRY_NOTES, PLAN_TEXTS

MOVE_LABELS = {move.action: move.label for move in lifecycle.MOVES}
# The tables written, in foreign-key order, which is also the order of writing.
TABLES = (
    Citizen,
    Case,
    TreatmentRequest,
    Episode,
    TreatmentPlan,
    TreatmentPlanVersion,
    Transition,
    CheckInSchedule,
    PlanSection,
    PlanSectionVersion,
    AftercareCommitment,
    Contact,
    CommitmentDelivery,
    CaseEvent,
    FollowUp,
    FollowUpAttempt,
    CaseUserObjectPermission,
    CaseGroupObjectPermission,
)


class Writer:
    def __init__(self, *, org: Org, rng: random.Random, today: date, batch_size: int) -> None:
        self.org = org
        self.rng = rng
        self.today = today
        self.tz = timezone.get_current_timezone()
        # The current case's episodes (plan object id -> row id), for its aftercare contacts.
        self._episode_ids: dict[int, int | None] = {}
        # What phase 4 (the access log) needs of each case.
        self.access_log = AccessLogPlan()
        now = timezone.now()
        self.tables = {model: Table(model, now=now, batch_size=batch_size) for model in TABLES}

    @property
    def counts(self) -> dict[str, int]:
        return {model._meta.label: table.written for model, table in self.tables.items()}

    def _at(self, day: date, after: datetime | None = None) -> datetime:
        moment = datetime.combine(day, dtime(8, 0)) + timedelta(minutes=self.rng.randint(0, 450))
        aware = timezone.make_aware(moment, self.tz)
        if after is not None and aware <= after:
            aware = after + timedelta(minutes=self.rng.randint(1, 20))
        return aware

    def write(self, chunk: list[CitizenPlan]) -> None:
        t = self.tables
        view, change = self.org.view_perm_id, self.org.change_perm_id
        for c in chunk:
            citizen_id = t[Citizen].add(
                first_name=c.first_name,
                last_name=c.last_name,
                cpr=c.cpr,
                birth_date=c.birth_date,
                is_anonymous=c.cpr is None,
                alias=c.alias,
                address=c.address,
                postal_code=c.postal_code,
                city=c.city,
                phone=c.phone,
                email=c.email,
                # Registered by the team of the citizen's first case (as the migration fills it).
                registered_by_team_id=c.cases[0].team.unit_id if c.cases else None,
            )
            for plan in c.cases:
                status, case_id = self._case(citizen_id, plan)
                request_id = self._request(case_id, plan)
                episode_ids = [
                    self._episode(case_id, request_id, plan, ep) for ep in plan.course.episodes
                ]
                self._episode_ids = {
                    id(ep): pk for ep, pk in zip(plan.course.episodes, episode_ids, strict=True)
                }
                transition = self._transition(case_id, plan, episode_ids)
                self._events(case_id, plan)
                add_follow_ups(self.tables, case_id=case_id, plan=plan, status=status, at=self._at)
                users, groups = grants(plan, status, transition)
                self.access_log.add(
                    case_id=case_id,
                    team_id=plan.team.unit_id,
                    caseworker=plan.caseworker,
                    therapist=(transition.residential_therapist or transition.outpatient_therapist)
                    if transition
                    else None,
                    first=plan.inquiry,
                    last=plan.inquiry + timedelta(days=plan.course.length)
                    if status == S.CLOSED
                    else self.today,
                )
                for user_id in users:
                    for perm in (view, change):
                        t[CaseUserObjectPermission].add(
                            content_object_id=case_id, user_id=user_id, permission_id=perm
                        )
                for group_id in groups:
                    for perm in (view, change):
                        t[CaseGroupObjectPermission].add(
                            content_object_id=case_id, group_id=group_id, permission_id=perm
                        )
        for table in t.values():
            table.flush()

    def _case(self, citizen_id: int, plan: CasePlan) -> tuple[str, int]:
        course, cut, day, rng = plan.course, plan.cut, plan.inquiry, self.rng
        status = S.INQUIRY.value
        version = 1
        for offset, _action, target in course.moves:
            if offset <= cut:
                status = target
                version += 1
        started = [ep.start for ep in course.episodes if ep.start <= cut]
        assessed = course.moves[0][0] if course.moves[0][1] == "start_assessment" else None
        decided = (
            course.decision if course.decision is not None and course.decision <= cut else None
        )
        deadline = (
            None
            if plan.legal_basis == LegalBasis.SEL101A or course.regional_dual_diagnosis
            else guarantee.guarantee_deadline(day)
        )
        values: dict[str, Any] = {
            "number": plan.number,
            "citizen_id": citizen_id,
            "legal_basis": plan.legal_basis,
            "substances": plan.substances,
            "inquiry_date": day,
            "inquiry_note": rng.choice(INQUIRY_NOTES),
            "regional_dual_diagnosis": course.regional_dual_diagnosis,
            "status": status,
            "team_id": plan.team.unit_id,
            "caseworker_id": plan.caseworker,
            "guarantee_deadline": deadline,
            "treatment_started_on": day + timedelta(days=min(started)) if started else None,
            "free_choice": any(ep.free_choice for ep in course.episodes if ep.referral <= cut),
            "version": version,
        }
        if assessed is not None and assessed <= cut:
            values["assessment_substance_use"] = "Dagligt forbrug gennem flere år."
            values["assessment_social"] = rng.choice(("Bor alene.", "Bor med partner og to børn."))
            if decided is not None:
                values["assessment_health"] = "Søvnproblemer; tilknyttet egen læge."
                work = rng.choice(("Ledig.", "Sygemeldt.", "I arbejde."))
                values["assessment_work"] = work
                # Sick leave from a job is a job: the employer may be invited (DESIGN §5.12).
                values["has_job"] = work != "Ledig."
                values["assessment_housing"] = rng.choice(("Egen lejlighed.", "Hjemløs; herberg."))
                values["assessment_completed_on"] = day + timedelta(days=decided)
                values.update(enrolment_content(plan.legal_basis, plan.substances, rng))
        if decided is not None:
            refused = course.decision_result == Case.DecisionResult.REFUSED
            values["decision_date"] = day + timedelta(days=decided)
            values["decision_result"] = course.decision_result
            values["decision_text"] = (
                "Betingelserne for behandling er ikke opfyldt."
                if refused
                else "Bevilget behandling efter samlet afdækning."
            )
            values["decision_complaint_guidance"] = True
        if course.doctor is not None and course.doctor <= cut:
            values["doctor_consultation_on"] = day + timedelta(days=course.doctor)
        if status == S.CLOSED:
            values["closed_on"] = day + timedelta(days=course.length)
            values["closed_reason"] = course.closed_reason
            # The course's own end (the register's date): the last episode's end, else the day
            # it was closed; with the coded reason and, for drug courses, the end status.
            ends = [ep.end for ep in course.episodes]
            values["course_ended_on"] = day + timedelta(days=max(ends) if ends else course.length)
            values["course_end_reason"] = COURSE_END_REASONS[course.closed_reason]
            if plan.legal_basis != LegalBasis.SUL141 and ends:
                values["course_end_status"] = rng.choices(END_STATUSES, END_STATUS_WEIGHTS)[0]
        return status, self.tables[Case].add(**values)

    def _request(self, case_id: int, plan: CasePlan) -> int:
        """The case's first treatment request (DESIGN §3: the guarantee belongs to it), with
        the case's guarantee inputs; the case row (added just before) gets its stored clock."""
        case_row = self.tables[Case].rows[-1]
        assert case_row["id"] == case_id  # added just before, not flushed in between
        cut, day = plan.cut, plan.inquiry
        chosen = [
            day + timedelta(days=ep.referral)
            for ep in plan.course.episodes
            if ep.free_choice and ep.referral <= cut
        ]
        free_choice = bool(chosen) and plan.legal_basis != LegalBasis.BL33
        deadline = case_row["guarantee_deadline"]
        started = case_row["treatment_started_on"]
        request_id = self.tables[TreatmentRequest].add(
            case_id=case_id,
            kind=TreatmentRequest.Kind.FIRST.value,
            legal_basis=plan.legal_basis,
            requested_on=day,
            note=case_row["inquiry_note"],
            regional_dual_diagnosis=case_row["regional_dual_diagnosis"],
            decision_on=case_row.get("decision_date"),
            decision_text=case_row.get("decision_text", ""),
            doctor_consultation_held_on=case_row.get("doctor_consultation_on"),
            free_choice=free_choice,
            free_choice_on=min(chosen) if free_choice else None,
            guarantee_deadline=deadline,
            treatment_started_on=started,
        )
        waived = free_choice and deadline is not None and min(chosen) <= deadline
        case_row["free_choice"] = free_choice
        case_row["clock_request_id"] = request_id
        # The stored urgency: the deadline of the open clock (running, or breached unstarted).
        case_row["guarantee_deadline"] = deadline if started is None and not waived else None
        return request_id

    def _episode(self, case_id: int, request_id: int, plan: CasePlan, ep: Ep) -> int | None:
        cut, day = plan.cut, plan.inquiry
        if ep.referral > cut:
            return None
        started = ep.start <= cut
        ended = ep.end <= cut
        episode_id = self.tables[Episode].add(
            case_id=case_id,
            request_id=request_id,
            offer_id=ep.offer.pk,
            referral_date=day + timedelta(days=ep.referral),
            planned_start=day + timedelta(days=ep.planned_start),
            actual_start=day + timedelta(days=ep.start) if started else None,
            planned_end=day + timedelta(days=ep.planned_end) if ep.planned_end else None,
            actual_end=day + timedelta(days=ep.end) if ended else None,
            end_reason=ep.end_reason if ended else "",
            free_choice=ep.free_choice,
            referred_by_id=plan.caseworker,
            version=1 + started + ended,
        )
        # SEL § 101 stk. 8: the provider's treatment plan, one version a week after the start.
        if ep.start + 7 <= cut:
            made_on = day + timedelta(days=ep.start + 7)
            # A fixed hour, not self._at(): the random sequence of the rest stays as it was.
            made_at = timezone.make_aware(datetime.combine(made_on, dtime(9, 0)), self.tz)
            plan_id = self.tables[TreatmentPlan].add(
                episode_id=episode_id, made_on=made_on, version=1, updated_at=made_at
            )
            self.tables[TreatmentPlanVersion].add(
                plan_id=plan_id,
                number=1,
                made_on=made_on,
                goals="Stabilt liv uden rusmidler; tilbage i arbejde eller uddannelse.",
                activities="Motivationssamtaler, derefter gruppeforløb om tilbagefald.",
                progress_follow_up="Statussamtale hver fjerde uge.",
                assessment_link="Bygger på afdækningen af rusmidler, netværk og arbejde.",
                created_at=made_at,
            )
        return episode_id

    def _transition(
        self, case_id: int, plan: CasePlan, episode_ids: list[int | None]
    ) -> TrState | None:
        tr, cut, day, rng = plan.course.transition, plan.cut, plan.inquiry, self.rng
        if tr is None:
            return None
        residential = plan.course.episodes[tr.residential]
        if residential.start > cut:
            return None  # the handover starts when the residential episode starts
        discharged = residential.end <= cut
        outpatient = plan.course.episodes[tr.outpatient] if tr.outpatient is not None else None
        if outpatient is not None and outpatient.referral > cut:
            outpatient = None
        if tr.cancelled is not None and tr.cancelled <= cut:
            status = Transition.Status.CANCELLED
        elif tr.completed is not None and tr.completed <= cut:
            status = Transition.Status.COMPLETED
        elif discharged:
            status = Transition.Status.HANDED_OVER
        elif outpatient is not None:
            status = Transition.Status.READY
        else:
            status = Transition.Status.PLANNING
        outpatient_therapist = tr.outpatient_therapist if outpatient else None
        values: dict[str, Any] = {
            "case_id": case_id,
            "residential_episode_id": episode_ids[tr.residential],
            "outpatient_episode_id": (
                episode_ids[tr.outpatient] if outpatient and tr.outpatient is not None else None
            ),
            "residential_therapist_id": tr.residential_therapist,
            "outpatient_therapist_id": outpatient_therapist,
            "planned_discharge_on": day + timedelta(days=residential.planned_end or 84),
            "discharged_on": day + timedelta(days=residential.end) if discharged else None,
            "status": status,
        }
        if outpatient is not None:
            values["first_appointment_at"] = self._at(
                day + timedelta(days=outpatient.planned_start)
            )
            values["first_appointment_place"] = "Rusmiddelcentret"
            values["first_appointment_with"] = "Ambulant behandler"
            # §5.9: the two fields follow from the contacts `_aftercare` writes (the first of
            # them, on the plan's first-contact day, attended); without contacts they stay unset.
            if (
                tr.first_contact is not None
                and tr.first_contact <= cut
                and self._writes_aftercare(plan, outpatient, outpatient_therapist, discharged)
            ):
                values["first_outpatient_contact_on"] = day + timedelta(days=tr.first_contact)
                values["first_appointment_status"] = (
                    Transition.AppointmentStatus.MISSED
                    if tr.missed_first
                    else Transition.AppointmentStatus.ATTENDED
                )
        if status == Transition.Status.COMPLETED and tr.completed is not None:
            values["confirmed_by_id"] = tr.outpatient_therapist
            values["completed_at"] = self._at(day + timedelta(days=tr.completed))
            values["receiver_situation"] = "Stabil efter udskrivning; motiveret."
            values["receiver_actions"] = "Samtaler hver uge; tjek-ind efter planen."
            values["receiver_contingency"] = "Ved tilbagefald: kontakt samme dag."
        transition_id = self.tables[Transition].add(**values)
        # The course's check-in schedule (DESIGN §5.10): mostly the default 12 months; some
        # courses keep the old 26-week schedule, as they were before the default grew.
        self.tables[CheckInSchedule].add(
            case_id=case_id,
            weeks=[2, 6, 12, 26, 52] if case_id % 5 else [2, 6, 12, 26],
        )

        # The ten plan sections; the more advanced the handover, the more of them are written.
        author = tr.residential_therapist or plan.caseworker
        share = 1.0 if status != Transition.Status.PLANNING else rng.random()
        for key in PlanSectionKey.values:
            if author and rng.random() < share:
                written = day + timedelta(days=min(cut, residential.start + rng.randint(3, 30)))
                at = self._at(written)
                text = rng.choice(PLAN_TEXTS[key])
                section_id = self.tables[PlanSection].add(
                    transition_id=transition_id,
                    key=key,
                    text=text,
                    version=1,
                    updated_by_id=author,
                    updated_at=at,
                )
                self.tables[PlanSectionVersion].add(
                    section_id=section_id,
                    number=1,
                    text=text,
                    based_on=0,
                    author_id=author,
                    created_at=at,
                )
            else:
                self.tables[PlanSection].add(transition_id=transition_id, key=key)
        if self._writes_aftercare(plan, outpatient, outpatient_therapist, discharged):
            assert outpatient is not None  # _writes_aftercare says so
            self._aftercare(transition_id, plan, outpatient, outpatient_therapist)
        return TrState(
            status=status,
            residential_group=residential.offer.group_id,
            outpatient_group=outpatient.offer.group_id if outpatient else None,
            residential_therapist=tr.residential_therapist,
            outpatient_therapist=outpatient_therapist,
        )

    def _writes_aftercare(
        self, plan: CasePlan, outpatient: Ep | None, therapist: int | None, discharged: bool
    ) -> bool:
        """Whether `_aftercare` writes the commitment and its contacts."""
        return (
            discharged
            and outpatient is not None
            and outpatient.start <= plan.cut
            and (therapist or plan.caseworker) is not None
            and self._episode_ids.get(id(outpatient)) is not None
        )

    def _aftercare(
        self, transition_id: int, plan: CasePlan, outpatient: Ep, therapist: int | None
    ) -> None:
        """One commitment from the outpatient start (weekly, every other week or twice a week)
        and its contacts up to the cut: mostly attended, some missed or cancelled (§5.10)."""
        recorder = therapist or plan.caseworker
        episode_id = self._episode_ids.get(id(outpatient))
        if recorder is None or episode_id is None:
            return
        rng, day, cut = self.rng, plan.inquiry, plan.cut
        n, k = rng.choice([(1, 1), (1, 1), (1, 2), (2, 1)])
        commitment_id = self.tables[AftercareCommitment].add(
            transition_id=transition_id,
            offer_id=outpatient.offer.pk,
            description=rng.choice(["Individuelle samtaler", "Tilbagefaldsgruppe", "Samtaler"]),
            frequency=frequency_text(n, k),
            contacts_per_period=n,
            period_weeks=k,
            starts_on=day + timedelta(days=outpatient.start),
            responsible_id=therapist,
        )
        last = min(cut, outpatient.end)
        step = max(7 * k // n, 1)
        for offset in range(outpatient.start, last + 1, step)[:40]:
            draw = rng.random()
            # The first contact is the first outpatient contact (§5.9): attended.
            outcome = (
                Contact.Outcome.ATTENDED
                if draw < 0.8 or offset == outpatient.start
                else Contact.Outcome.MISSED
                if draw < 0.9
                else Contact.Outcome.CANCELLED_BY_CITIZEN
                if draw < 0.95
                else Contact.Outcome.CANCELLED_BY_PROVIDER
            )
            contact_id = self.tables[Contact].add(
                episode_id=episode_id,
                at=self._at(day + timedelta(days=offset)),
                kind=Contact.Kind.GROUP if n == 2 and offset % 2 else Contact.Kind.SESSION,
                is_planned=rng.random() < 0.9,
                outcome=outcome,
                recorded_by_id=recorder,
            )
            self.tables[CommitmentDelivery].add(contact_id=contact_id, commitment_id=commitment_id)

    def _events(self, case_id: int, plan: CasePlan) -> None:
        day, cut = plan.inquiry, plan.cut
        events = self.tables[CaseEvent]
        label = str(LegalBasis(plan.legal_basis).label)
        previous = self._at(day)
        events.add(
            case_id=case_id,
            kind=CaseEvent.Kind.CREATED,
            to_status=CaseStatus.INQUIRY,
            actor_id=plan.caseworker,
            occurred_at=previous,
            description=f"Sag oprettet efter henvendelse {day.isoformat()} ({label}).",
            code=EventCode.CASE_CREATED,
            values={"date": day.isoformat(), "legal_basis": plan.legal_basis},
            data={"legal_basis": plan.legal_basis, "inquiry_date": day.isoformat()},
        )
        status = S.INQUIRY.value
        for offset, action, target in plan.course.moves:
            if offset > cut:
                break
            previous = self._at(day + timedelta(days=offset), after=previous)
            note = plan.course.closed_reason if target == S.CLOSED else ""
            events.add(
                case_id=case_id,
                kind=CaseEvent.Kind.STATUS_CHANGED,
                from_status=status,
                to_status=target,
                actor_id=plan.caseworker,
                occurred_at=previous,
                description=f"{MOVE_LABELS[action]}: {note}" if note else MOVE_LABELS[action],
                code=EventCode.STATUS_CHANGED_NOTE if note else EventCode.STATUS_CHANGED,
                values={"action": action, "note": note} if note else {"action": action},
                data={"action": action, "note": note},
            )
            status = target
