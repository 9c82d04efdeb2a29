"""/api/v1/notifications/: the signed-in user's own notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications import services as notification_services
from notifications.models import Notification

from .. import filters
from .. import serializers as out
from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..schema import ERRORS, error_responses


@extend_schema_view(
    list=extend_schema(
        summary="Mine påmindelser / My notifications",
        description="Kun den indloggede brugers egne. / The signed-in user's own only.",
    ),
    retrieve=extend_schema(
        summary="Påmindelse / Notification", responses={200: out.NotificationSerializer, **ERRORS}
    ),
)
class NotificationViewSet(ApiViewSet):
    """The user's own notifications. They carry no personal data (the kind of deadline and a
    link), so reading them is not a read of case data and is not access-logged."""

    queryset = Notification.objects.none()

    serializer_class = out.NotificationSerializer
    filterset_class = filters.NotificationFilter

    def get_queryset(self) -> QuerySet[Notification]:
        return Notification.objects.filter(recipient=self.request.user).order_by(
            "-created_at", "-pk"
        )

    def log_object(self, obj: Any, **kwargs: Any) -> None:
        return None

    def log_list(self, objs: Any, *, object_type: str | None = None) -> None:
        return None

    @extend_schema(
        summary="Markér læst / Mark read",
        request=None,
        responses={200: out.NotificationSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def read(self, request: AuthenticatedRequest, pk: str) -> Response:
        notification = notification_services.notification_mark_read(
            user=request.user, notification_id=self.get_object().pk
        )
        return Response(self.serialize(notification))

    @extend_schema(
        summary="Markér alle læst / Mark all read",
        request=None,
        responses={200: out.MarkedReadSerializer, **error_responses(403)},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: AuthenticatedRequest) -> Response:
        count = notification_services.notification_mark_all_read(user=request.user)
        return Response({"marked": count})
