"""/api/v1/deputyships/: the signed-in user's deputies while they are away (DESIGN §5.10)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts import deputies
from accounts.models import Deputyship

from .. import inputs
from .. import serializers as out
from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..schema import ERRORS, error_responses
from .parsing import pick, validated_input


@extend_schema_view(
    list=extend_schema(
        summary="Mine stedfortrædere / My deputies",
        description=(
            "Den indloggede brugers egne, som ikke er udløbet. / The signed-in user's own that "
            "have not ended."
        ),
    ),
    retrieve=extend_schema(
        summary="Stedfortræder / Deputy", responses={200: out.DeputyshipSerializer, **ERRORS}
    ),
)
class DeputyshipViewSet(ApiViewSet):
    """No case data: not access-logged."""

    queryset = Deputyship.objects.none()
    serializer_class = out.DeputyshipSerializer

    def get_queryset(self) -> QuerySet[Deputyship]:
        return (
            deputies.deputyship_list_for_user(user=self.request.user)
            .select_related("user", "deputy")
            .order_by("starts_on", "pk")
        )

    def log_object(self, obj: Any, **kwargs: Any) -> None:
        return None

    def log_list(self, objs: Any, *, object_type: str | None = None) -> None:
        return None

    @extend_schema(
        summary="Vælg en stedfortræder / Name a deputy",
        description=(
            "En aktiv kollega fra samme enhed, for en periode (begge dage med). / An active "
            "colleague of the same unit, for a period (both days included)."
        ),
        request=inputs.DeputyshipInput,
        responses={201: out.DeputyshipSerializer, **error_responses(400, 403)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = validated_input(inputs.DeputyshipInput, request)
        deputyship = deputies.deputyship_create(
            user=request.user,
            deputy=pick(deputies.deputy_candidates(request.user), data["deputy"], "deputy"),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
        return Response(self.serialize(deputyship), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Fjern stedfortræder / Remove a deputy",
        request=None,
        responses={204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def remove(self, request: AuthenticatedRequest, pk: str) -> Response:
        deputies.deputyship_delete(user=request.user, deputyship_id=self.get_object().pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
