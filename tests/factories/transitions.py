"""Factories of the transitions app: the handover and every row that hangs on it.

Each factory makes one valid row with no side effects. For a whole handover at a given stage
(planning, ready, handed over, completed) use `tests.builders.HandoverBuilder`."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from cases.access import case_access_sync
from transitions.models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    CheckInSchedule,
    CommitmentChange,
    CommitmentDelivery,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionKey,
    PlanSectionVersion,
    StatusMeeting,
    StatusNote,
    Transition,
    WorkAgreement,
)
from treatment_options.models import TreatmentType

from .accounts import UserFactory
from .base import ModelFactory
from .cases import CaseFactory, ConsentFactory
from .treatment_options import ContactFactory, EpisodeFactory


class TransitionFactory(ModelFactory[Transition]):
    """A handover in planning from a started residential episode of the same case."""

    class Meta:
        model = Transition
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    residential_episode = factory.SubFactory(
        EpisodeFactory,
        case=factory.SelfAttribute("..case"),
        offer__treatment_type=TreatmentType.RESIDENTIAL,
        actual_start=factory.LazyAttribute(lambda o: o.referral_date),
    )

    @factory.post_generation
    def sync_access(self: Transition, create: bool, extracted: object, **kwargs: object) -> None:
        # The named therapists hold the case (DESIGN §1), as after `transition_update`.
        if create:
            case_access_sync(self.case)


class PlanSectionFactory(ModelFactory[PlanSection]):
    """One plan section; successive sections of one transition take the keys in turn."""

    class Meta:
        model = PlanSection

    transition = factory.SubFactory(TransitionFactory)
    key = factory.Sequence(lambda n: PlanSectionKey.values[n % len(PlanSectionKey.values)])
    text = ""
    version = 0


class PlanSectionVersionFactory(ModelFactory[PlanSectionVersion]):
    """A saved version of a section, based on the version before it."""

    class Meta:
        model = PlanSectionVersion

    section = factory.SubFactory(PlanSectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    based_on = factory.LazyAttribute(lambda o: o.number - 1)
    text = "Holde mig ædru og komme tilbage på arbejde."
    author = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)


class AftercareCommitmentFactory(ModelFactory[AftercareCommitment]):
    class Meta:
        model = AftercareCommitment

    transition = factory.SubFactory(TransitionFactory)
    description = "Individuelle samtaler"
    frequency = "1 gang om ugen"
    contacts_per_period = 1
    period_weeks = 1
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))
    # §5.10: a commitment always has a responsible person.
    responsible = factory.LazyAttribute(
        lambda o: o.transition.outpatient_therapist or UserFactory()
    )


class CommitmentDeliveryFactory(ModelFactory[CommitmentDelivery]):
    """A contact in the commitment's outpatient episode (or residential, without one) that
    delivers the commitment."""

    class Meta:
        model = CommitmentDelivery

    commitment = factory.SubFactory(AftercareCommitmentFactory)
    contact = factory.SubFactory(
        ContactFactory,
        episode=factory.LazyAttribute(
            lambda o: (
                o.factory_parent.commitment.transition.outpatient_episode
                or o.factory_parent.commitment.transition.residential_episode
            )
        ),
    )


class CommitmentChangeFactory(ModelFactory[CommitmentChange]):
    """A line of a commitment's history (the first one records its creation)."""

    class Meta:
        model = CommitmentChange

    commitment = factory.SubFactory(AftercareCommitmentFactory)
    kind = CommitmentChange.Kind.CREATED
    actor = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)


class StatusNoteFactory(ModelFactory[StatusNote]):
    class Meta:
        model = StatusNote

    transition = factory.SubFactory(TransitionFactory)
    kind = StatusNote.Kind.START
    body = "Godt i gang."
    author = factory.SubFactory(UserFactory)
    written_at = factory.LazyFunction(timezone.now)


class NoteAcknowledgementFactory(ModelFactory[NoteAcknowledgement]):
    class Meta:
        model = NoteAcknowledgement

    note = factory.SubFactory(StatusNoteFactory)
    user = factory.SubFactory(UserFactory)
    acknowledged_at = factory.LazyFunction(timezone.now)


class StatusMeetingFactory(ModelFactory[StatusMeeting]):
    """A status meeting a week from now, not yet held."""

    class Meta:
        model = StatusMeeting

    transition = factory.SubFactory(TransitionFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    place = "Sydgården, mødelokale 2"
    created_by = factory.SubFactory(UserFactory)


class ParticipantFactory(ModelFactory[Participant]):
    """An internal participant (a user); pass `basis`, `consent` or `party_kind` for others."""

    class Meta:
        model = Participant

    meeting = factory.SubFactory(StatusMeetingFactory)
    user = factory.SubFactory(UserFactory)
    basis = Participant.Basis.INTERNAL


class CheckInScheduleFactory(ModelFactory[CheckInSchedule]):
    """A course's own check-in schedule (a case without one has the default)."""

    class Meta:
        model = CheckInSchedule

    case = factory.SubFactory("tests.factories.cases.CaseFactory")
    weeks = factory.LazyFunction(lambda: [2, 6, 12, 26, 52])


class CheckInFactory(ModelFactory[CheckIn]):
    """An unanswered aftercare check-in due today."""

    class Meta:
        model = CheckIn

    transition = factory.SubFactory(TransitionFactory)
    # The course the check-in belongs to: the transition's case (pass case= and transition=None
    # for an outpatient-only course).
    case = factory.LazyAttribute(lambda o: o.transition.case)
    kind = CheckIn.Kind.AFTERCARE
    label = "2 uger efter udskrivning"
    due_on = factory.LazyFunction(timezone.localdate)


class ActionItemFactory(ModelFactory[ActionItem]):
    """An open action item due in a week."""

    class Meta:
        model = ActionItem

    transition = factory.SubFactory(TransitionFactory)
    # The course the item belongs to: the transition's case (pass case= and transition=None
    # for an outpatient-only course's check-in follow-up).
    case = factory.LazyAttribute(lambda o: o.transition.case)
    text = "Ring til boligselskabet"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    created_by = factory.SubFactory(UserFactory)


class WorkAgreementFactory(ModelFactory[WorkAgreement]):
    """A saved work agreement under a written employer consent that covers it (§5.12)."""

    class Meta:
        model = WorkAgreement

    transition = factory.SubFactory(TransitionFactory)
    work_functions = "Lagerarbejde, dagvagt"
    accommodations = "Ingen nattevagter de første otte uger"
    contact_name = "Lone Lagerchef"
    contact_phone = "20 30 40 50"
    consent = factory.LazyAttribute(
        lambda o: ConsentFactory(case=o.transition.case, information_kinds=["work_agreement"])
    )
    version = 1
    updated_by = factory.SubFactory(UserFactory)
    updated_at = factory.LazyFunction(timezone.now)
