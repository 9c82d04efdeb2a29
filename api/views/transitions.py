"""/api/v1/transitions/: the handover itself, its update and the receiver's confirmation; its
work agreement is in work_agreements.py."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import User
from cases.models import Case
from cases.paging import Ordering
from transitions import services as handover
from transitions.models import Transition
from treatment_options.models import Episode

from .. import filters, inputs
from .. import serializers as out
from ..http import AuthenticatedRequest
from ..pagination import ApiCursorPagination
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS
from .parsing import pick, validated_input
from .work_agreements import WorkAgreementActions


@extend_schema_view(
    list=extend_schema(summary="Overgange / Transitions", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Overgang / Transition",
        parameters=READ_PARAMETERS,
        responses={200: out.TransitionSerializer, **ERRORS},
    ),
)
class TransitionViewSet(WorkAgreementActions):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = Transition.objects.none()
    serializer_class = out.TransitionSerializer
    filterset_class = filters.TransitionFilter
    pagination_class = ApiCursorPagination
    log_type = "transition"

    def get_queryset(self) -> QuerySet[Transition]:
        return (
            self.visible_transitions(ordered=self.action == "list")
            .select_related(
                "case__checkin_schedule", "residential_therapist", "outpatient_therapist"
            )
            .order_by(*self.keyset_ordering())
        )

    def keyset_ordering(self) -> Ordering:
        return ("-created_at", "-pk")

    def case_of(self, obj: Transition) -> Case:
        return obj.case

    @extend_schema(
        summary="Ret overgang / Update a transition",
        description=(
            "Ambulant behandler, ambulant forløb, planlagt udskrivning og første ambulante "
            "aftale. / Outpatient therapist, outpatient episode, planned discharge and first "
            "outpatient appointment."
        ),
        request=inputs.TransitionUpdateInput,
        responses={200: out.TransitionSerializer, 204: None, **ERRORS},
    )
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        transition = self.get_object()
        require_case_perm(request.user, "transitions.change_transition", transition.case)
        data = validated_input(inputs.TransitionUpdateInput, request)
        therapist = transition.outpatient_therapist
        if "outpatient_therapist" in data:
            therapist = pick(
                User.objects.filter(is_active=True),
                data["outpatient_therapist"],
                "outpatient_therapist",
            )
        episode = transition.outpatient_episode
        if "outpatient_episode" in data:
            episode = pick(
                Episode.objects.filter(case=transition.case),
                data["outpatient_episode"],
                "outpatient_episode",
            )
        changes = handover.TransitionChanges(
            outpatient_therapist=therapist,
            outpatient_episode=episode,
            planned_discharge_on=data.get("planned_discharge_on", transition.planned_discharge_on),
            first_appointment_at=data.get("first_appointment_at", transition.first_appointment_at),
            first_appointment_place=data.get(
                "first_appointment_place", transition.first_appointment_place
            ),
            first_appointment_with=data.get(
                "first_appointment_with", transition.first_appointment_with
            ),
        )
        updated = handover.transition_update(
            transition=transition, actor=request.user, changes=changes
        )
        return self._answer(updated)

    @extend_schema(
        summary="Modtageren bekræfter / The receiver confirms",
        description=(
            "Den udpegede ambulante behandler skriver med egne ord borgerens situation, de "
            "aftalte handlinger og hvad der gøres, hvis det går galt. / The named outpatient "
            "therapist writes back the situation, actions and contingency in their own words."
        ),
        request=inputs.TransitionConfirmInput,
        responses={200: out.TransitionSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: AuthenticatedRequest, pk: str) -> Response:
        transition = self.get_object()
        require_case_perm(request.user, "transitions.confirm_transition", transition.case)
        data = validated_input(inputs.TransitionConfirmInput, request)
        confirmed = handover.transition_confirm(
            transition=transition,
            actor=request.user,
            situation=data["situation"],
            actions=data["actions"],
            contingency=data["contingency"],
            early_reason=data.get("early_reason", ""),
        )
        return self._answer(confirmed)

    @extend_schema(
        summary="Ret planen for tjek-ind / Change the check-in schedule",
        description=(
            "Kræver en begrundelse, står på sagens tidslinje og giver sagsbehandleren besked; "
            "planen kan ikke tømmes, mens efterbehandlingen løber. / Needs a reason, is on the "
            "case timeline and notifies the caseworker; it cannot be emptied during aftercare."
        ),
        request=inputs.CheckInScheduleInput,
        responses={200: out.TransitionSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="checkin-schedule")
    def checkin_schedule(self, request: AuthenticatedRequest, pk: str) -> Response:
        transition = self.get_object()
        require_case_perm(request.user, "transitions.change_transition", transition.case)
        data = validated_input(inputs.CheckInScheduleInput, request)
        updated = handover.transition_checkin_schedule_update(
            transition=transition, actor=request.user, weeks=data["weeks"], reason=data["reason"]
        )
        return self._answer(updated)
