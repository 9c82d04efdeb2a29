"""/api/v1/checkins/: a course's check-ins and their answers; /api/v1/cases/{id}/checkin-schedule/:
the course's schedule (DESIGN §5.10), for a course with or without a handover."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.models import Case
from transitions import selectors as handover_selectors
from transitions import services as handover
from transitions.models import CheckIn

from .. import filters, inputs
from .. import serializers as out
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS
from .handover import VIEW_TRANSITION, HandoverViewSet
from .parsing import validated_input


@extend_schema_view(
    list=extend_schema(
        summary="Tjek-ind / Check-ins",
        description='»Hvad er du mest usikker på?« / "What are you most unsure about?"',
        parameters=READ_PARAMETERS,
    ),
    retrieve=extend_schema(
        summary="Tjek-ind / Check-in",
        parameters=READ_PARAMETERS,
        responses={200: out.CheckInSerializer, **ERRORS},
    ),
)
class CheckInViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = CheckIn.objects.none()
    serializer_class = out.CheckInSerializer
    filterset_class = filters.CheckInFilter
    log_type = "checkin"

    def get_queryset(self) -> QuerySet[CheckIn]:
        # The course's check-ins: an outpatient-only course's have no transition.
        return (
            CheckIn.objects.filter(case__in=self.visible_cases())
            .select_related("case")
            .order_by("due_on", "pk")
        )

    def case_of(self, obj: CheckIn) -> Case:
        return obj.case

    @extend_schema(
        summary="Registrér svar / Record the answer",
        request=inputs.CheckInAnswerInput,
        responses={200: out.CheckInSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: AuthenticatedRequest, pk: str) -> Response:
        checkin = self.get_object()
        require_case_perm(request.user, "transitions.change_checkin", checkin.case)
        data = validated_input(
            inputs.CheckInAnswerInput, request, stored={"answer": checkin.answer}
        )
        answered = handover.checkin_answer(
            checkin=checkin,
            actor=request.user,
            answer=data["answer"],
            themes=data.get("themes", []),
            needs_follow_up=data.get("needs_follow_up", False),
        )
        return self._answer(answered)


class CheckInScheduleMixin:
    """/api/v1/cases/{id}/checkin-schedule/ on the case view set: the course's schedule, read
    (GET) and changed (POST, with the page's rules: a reason, not emptied during aftercare)."""

    @extend_schema(
        methods=["GET"],
        summary="Plan for tjek-ind / Check-in schedule",
        parameters=READ_PARAMETERS,
        responses={200: out.CheckInScheduleSerializer, **ERRORS},
    )
    @extend_schema(
        methods=["POST"],
        summary="Ret planen for tjek-ind / Change the check-in schedule",
        description=(
            "Kræver en begrundelse, står på sagens tidslinje og giver sagsbehandleren besked; "
            "planen kan ikke tømmes, mens efterbehandlingen løber. / Needs a reason, is on the "
            "case timeline and notifies the caseworker; it cannot be emptied during aftercare."
        ),
        request=inputs.CheckInScheduleInput,
        responses={200: out.CheckInScheduleSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], url_path="checkin-schedule", filterset_class=None)
    def checkin_schedule(self, request: AuthenticatedRequest, pk: str) -> Response:
        view: Any = self
        case = view.get_object()
        require_case_perm(request.user, VIEW_TRANSITION, case)
        if request.method == "POST":
            require_case_perm(request.user, "transitions.change_transition", case)
            data = validated_input(inputs.CheckInScheduleInput, request)
            handover.course_checkin_schedule_update(
                case=case, actor=request.user, weeks=data["weeks"], reason=data["reason"]
            )
        anchor = handover_selectors.course_checkin_anchor(case)
        schedule = {
            "case_id": case.pk,
            "weeks": handover_selectors.checkin_schedule_weeks(case),
            "counted_from": anchor.day if anchor else None,
            "counted_from_discharge": bool(anchor and anchor.is_discharge),
        }
        view.log_object(case, object_type="checkin_schedule")
        return Response(out.CheckInScheduleSerializer(schedule).data)
