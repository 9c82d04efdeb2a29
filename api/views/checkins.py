"""/api/v1/checkins/: the check-ins after discharge and their answers."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from transitions import services as handover
from transitions.models import CheckIn

from .. import filters, inputs
from .. import serializers as out
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS
from .handover import HandoverViewSet
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
        return (
            CheckIn.objects.filter(transition__in=self.visible_transitions())
            .select_related("transition__case")
            .order_by("due_on", "pk")
        )

    @extend_schema(
        summary="Registrér svar / Record the answer",
        request=inputs.CheckInAnswerInput,
        responses={200: out.CheckInSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: AuthenticatedRequest, pk: str) -> Response:
        checkin = self.get_object()
        require_case_perm(request.user, "transitions.change_checkin", checkin.transition.case)
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
