"""/api/v1/caseload-moves/: a manager moves all of a leaving caseworker's cases to others of
the team in one step (DESIGN §5.10), with the reason on each case."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from accounts.models import User
from cases import services as case_services

from .. import inputs
from ..http import AuthenticatedRequest
from ..permissions import ApiAccessMixin
from ..schema import error_responses
from .parsing import pick, validated_input


class CaseloadMovedSerializer(serializers.Serializer):
    moved = serializers.IntegerField(help_text="Antal flyttede sager / number of cases moved")
    cases = serializers.ListField(
        child=serializers.IntegerField(), help_text="Sagernes id / the cases' ids"
    )


class CaseloadMoveViewSet(ApiAccessMixin, viewsets.ViewSet):
    """One operation (POST); each case moved is written to the timeline by case_assign."""

    request: AuthenticatedRequest
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    serializer_class = CaseloadMovedSerializer

    @extend_schema(
        summary="Flyt en sagsbehandlers sager / Move a caseworker's cases",
        description=(
            "Alle sagsbehandlerens sager i lederens team til én (alle) eller flere (på skift) "
            "sagsbehandlere i samme team; begrundelsen står på hver sag, og adgangen følger "
            "sagerne. / All the caseworker's cases in the manager's team to one (all) or several "
            "(in turn) caseworkers of the team; the reason is recorded on each case and access "
            "follows the cases."
        ),
        request=inputs.CaseloadMoveInput,
        responses={200: CaseloadMovedSerializer, **error_responses(400, 403)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        if not request.user.has_perm("cases.reassign_case"):
            raise PermissionDenied
        data = validated_input(inputs.CaseloadMoveInput, request)
        users = User.objects.filter(is_active=True)
        targets = [pick(users, pk, "to_caseworkers") for pk in data["to_caseworkers"]]
        moved = case_services.caseload_move(
            actor=request.user,
            from_caseworker=pick(users, data["from_caseworker"], "from_caseworker"),
            to_caseworkers=targets,
            reason=data["reason"],
        )
        return Response(
            {"moved": len(moved), "cases": [c.pk for c in moved]}, status=status.HTTP_200_OK
        )
