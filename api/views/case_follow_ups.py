"""/api/v1/cases/{id}/follow-ups/: the legal follow-up after the course (BEK 1477/2019 § 4),
under the same rules as the case page (notifications.follow_ups decides; a refusal is a 400)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.models import Case
from notifications.follow_ups import RECORD, follow_up_attempt_add, follow_up_outcome_record
from notifications.panels import follow_up_items
from notifications.selectors import followed_up_course_end_of

from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS
from ..serializers import follow_ups as out
from .parsing import validated_input

DUE_KIND = OpenApiParameter(
    "due_kind", str, OpenApiParameter.PATH, enum=["1m", "6m"], description="1m / 6m"
)


class CaseFollowUpsMixin(ApiViewSet):
    """Actions of CaseViewSet (api/views/cases.py) for the follow-up after the course."""

    def _follow_ups(self, case: Case) -> list[dict[str, Any]]:
        course_end = followed_up_course_end_of(case=case)
        items = follow_up_items(case) if course_end is not None else []
        return [out.follow_up_data(item, course_end) for item in items]

    @extend_schema(
        summary="Opfølgning efter forløbet / Follow-up after the course",
        description=(
            "Opfølgningerne 1 og 6 måneder efter et afsluttet forløb i social "
            "stofmisbrugsbehandling (tom liste: forløbet følges ikke op). / The follow-ups 1 and "
            "6 months after a social drug treatment course (empty: not followed up)."
        ),
        parameters=READ_PARAMETERS,
        responses={200: out.FollowUpSerializer(many=True), **ERRORS},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="follow-ups",
        filterset_class=None,
        pagination_class=None,
    )
    def follow_ups(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        self.log_object(case, object_type="follow_ups")
        return Response(self._follow_ups(case))

    @extend_schema(
        summary="Registrér forsøg / Record an attempt",
        parameters=[DUE_KIND],
        request=out.FollowUpAttemptInput,
        responses={201: out.FollowUpSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"follow-ups/(?P<due_kind>1m|6m)/attempts")
    def follow_up_attempt(self, request: AuthenticatedRequest, pk: str, due_kind: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, RECORD, case)
        data = validated_input(out.FollowUpAttemptInput, request)
        follow_up_attempt_add(actor=request.user, case=case, due_kind=due_kind, **data)
        self.log_object(case, object_type="follow_up_attempt")
        return Response(self._one(case, due_kind), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Registrér resultat / Record the outcome",
        description=(
            "Resultat (holdt, takket nej, ikke truffet efter teamets antal forsøg) og det, der "
            "blev fundet. Behov for ny behandling opretter en anmodning på en åben sag. / The "
            "outcome and what was found; a need for new treatment opens a request on an open "
            "case."
        ),
        parameters=[DUE_KIND],
        request=out.FollowUpOutcomeInput,
        responses={200: out.FollowUpSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"follow-ups/(?P<due_kind>1m|6m)/outcome")
    def follow_up_outcome(self, request: AuthenticatedRequest, pk: str, due_kind: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, RECORD, case)
        data = validated_input(out.FollowUpOutcomeInput, request)
        follow_up_outcome_record(actor=request.user, case=case, due_kind=due_kind, **data)
        self.log_object(case, object_type="follow_up")
        return Response(self._one(case, due_kind))

    def _one(self, case: Case, due_kind: str) -> dict[str, Any]:
        return next(f for f in self._follow_ups(case) if f["due_kind"] == due_kind)
