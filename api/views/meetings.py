"""/api/v1/meetings/ and /api/v1/action-items/: status meetings, their participants
and action items."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import User
from cases.models import Case, Consent
from transitions import services as handover
from transitions.models import ActionItem, Participant, StatusMeeting

from .. import filters, inputs
from .. import serializers as out
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .handover import HandoverViewSet
from .parsing import pick, validated_input


@extend_schema_view(
    list=extend_schema(
        summary="Statusmøder / Status meetings",
        description="Med deltagere og handlinger. / With participants and action items.",
        parameters=READ_PARAMETERS,
    ),
    retrieve=extend_schema(
        summary="Statusmøde / Status meeting",
        parameters=READ_PARAMETERS,
        responses={200: out.MeetingSerializer, **ERRORS},
    ),
)
class MeetingViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = StatusMeeting.objects.none()
    serializer_class = out.MeetingSerializer
    filterset_class = filters.MeetingFilter
    log_type = "meeting"

    def get_queryset(self) -> QuerySet[StatusMeeting]:
        return (
            StatusMeeting.objects.filter(transition__in=self.visible_transitions())
            .select_related("transition__case")
            .prefetch_related(
                Prefetch("participants", queryset=Participant.objects.select_related("user")),
                Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
            )
            .order_by("starts_at", "pk")
        )

    @extend_schema(
        summary="Planlæg statusmøde / Plan a status meeting",
        request=inputs.MeetingCreateInput,
        responses={201: out.MeetingSerializer, **error_responses(400, 403)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = dict(validated_input(inputs.MeetingCreateInput, request))
        transition = pick(
            self.visible_transitions().select_related("case"), data.pop("transition"), "transition"
        )
        require_case_perm(request.user, "transitions.add_statusmeeting", transition.case)
        meeting = handover.meeting_create(transition=transition, actor=request.user, **data)
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Dagsorden, referat, beslutninger / Agenda, minutes, decisions",
        request=inputs.MeetingUpdateInput,
        responses={200: out.MeetingSerializer, **ERRORS},
    )
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        meeting = self.get_object()
        require_case_perm(request.user, "transitions.change_statusmeeting", meeting.transition.case)
        data = validated_input(
            inputs.MeetingUpdateInput,
            request,
            stored={
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
                "decisions": meeting.decisions,
            },
        )
        updated = handover.meeting_update(
            meeting=meeting,
            actor=request.user,
            agenda=data.get("agenda", meeting.agenda),
            minutes=data.get("minutes", meeting.minutes),
            decisions=data.get("decisions", meeting.decisions),
            held=data.get("held", meeting.held),
        )
        return self._answer(updated)

    @extend_schema(
        summary="Tilføj deltager / Add a participant",
        description=(
            "Intern (user) eller ekstern (party_kind): en ekstern deltager kræver et gyldigt "
            "samtykke, der dækker parten og statusmøder, eller for Kriminalforsorgen, politi og "
            "psykiatri samarbejdet efter Retsplejeloven § 115. / Internal (user) or external "
            "(party_kind): an external participant needs a valid consent covering the party "
            "and meetings, or the KSP/PSP cooperation of Retsplejeloven § 115."
        ),
        request=inputs.ParticipantInput,
        responses={201: out.MeetingSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def participants(self, request: AuthenticatedRequest, pk: str) -> Response:
        meeting = self.get_object()
        case = meeting.transition.case
        require_case_perm(request.user, "transitions.change_statusmeeting", case)
        data = validated_input(inputs.ParticipantInput, request)
        if "user" in data:
            user = pick(User.objects.filter(is_active=True), data["user"], "user")
            handover.meeting_participant_add_internal(
                meeting=meeting, actor=request.user, user=user
            )
        else:
            consent = pick(Consent.objects.filter(case=case), data.get("consent"), "consent")
            handover.meeting_participant_add_external(
                meeting=meeting,
                actor=request.user,
                name=data.get("name", ""),
                organisation=data.get("organisation", ""),
                party_kind=data["party_kind"],
                consent=consent,
                use_rpl115=data.get("use_rpl115", False),
                basis_note=data.get("basis_note", ""),
                necessity=data.get("necessity", ""),
            )
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tilføj handling / Add an action item",
        request=inputs.ActionItemInput,
        responses={201: out.MeetingSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="action-items")
    def action_items(self, request: AuthenticatedRequest, pk: str) -> Response:
        meeting = self.get_object()
        require_case_perm(request.user, "transitions.add_actionitem", meeting.transition.case)
        data = validated_input(inputs.ActionItemInput, request)
        owner = pick(User.objects.filter(is_active=True), data.get("owner"), "owner")
        handover.action_item_create(
            transition=meeting.transition,
            actor=request.user,
            text=data["text"],
            due_on=data["due_on"],
            owner=owner,
            owner_text=data.get("owner_text", ""),
            meeting=meeting,
        )
        return self._answer(meeting, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Handlinger / Action items", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Handling / Action item",
        parameters=READ_PARAMETERS,
        responses={200: out.ActionItemSerializer, **ERRORS},
    ),
)
class ActionItemViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = ActionItem.objects.none()
    serializer_class = out.ActionItemSerializer
    filterset_class = filters.ActionItemFilter
    log_type = "action_item"

    def case_of(self, obj: ActionItem) -> Case:
        return obj.case

    def get_queryset(self) -> QuerySet[ActionItem]:
        return (
            # The course's items: a handover's, and an outpatient-only course's check-in
            # follow-ups (no transition).
            ActionItem.objects.filter(case__in=self.visible_cases())
            .select_related("case", "owner")
            .order_by("due_on", "pk")
        )

    @extend_schema(
        summary="Markér udført / Mark done",
        request=None,
        responses={200: out.ActionItemSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def done(self, request: AuthenticatedRequest, pk: str) -> Response:
        item = self.get_object()
        require_case_perm(request.user, "transitions.change_actionitem", item.case)
        handover.action_item_mark_done(item=item, actor=request.user)
        return self._answer(item)
