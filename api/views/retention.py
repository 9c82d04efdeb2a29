"""/api/v1/retention/...: the managers' retention page for a client (docs/retention.md §6),
under the same rules: managers only (403 for others), their own unit's cases only (404 for
any other). The preview is written to the access log as a list read."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from cases.access import may_view_access_log
from cases.access_log import Read, access_log_record_many
from cases.models import AccessLog, Case
from cases.text_limits import REASON
from rights.retention.due import preview
from rights.retention.forms import HoldReasonForm
from rights.retention.holds import manager_hold_place

from ..fields import text_field
from ..http import AuthenticatedRequest
from ..permissions import ApiAccessMixin
from ..schema import ERRORS


class PreviewRowSerializer(serializers.Serializer):
    case = serializers.IntegerField(source="case.pk", allow_null=True)
    case_number = serializers.CharField(source="case.number", allow_null=True)
    citizen = serializers.CharField(source="citizen.masked_cpr")
    kind = serializers.CharField()
    due_on = serializers.DateField()
    held = serializers.BooleanField()


class HoldInputSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    reason = text_field(REASON, required=True)


class HoldSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    kind = serializers.CharField()
    reason = serializers.CharField()
    placed_at = serializers.DateTimeField()


def _manager(request: AuthenticatedRequest) -> User:
    if not may_view_access_log(request.user):
        raise PermissionDenied
    return request.user


class RetentionPreviewView(ApiAccessMixin, APIView):
    @extend_schema(
        summary="Slettes inden for 30 dage / Deleted within 30 days",
        responses={200: PreviewRowSerializer(many=True), **ERRORS},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        user = _manager(request)
        rows = preview(unit_id=user.unit_id or 0, now=timezone.now())
        access_log_record_many(
            user=user,
            object_type="retention_preview",
            reads=[Read(case=row.case) for row in rows if row.case is not None],
            action=AccessLog.Action.API,
            purpose=AccessLog.Purpose.LIST,
        )
        data = [
            {
                "case": row.case,
                "citizen": row.citizen,
                "kind": row.kind.value,
                "due_on": row.due_on,
                "held": row.held,
            }
            for row in rows
        ]
        return Response(PreviewRowSerializer(data, many=True).data)


class RetentionHoldView(ApiAccessMixin, APIView):
    @extend_schema(
        summary="Tilbagehold en sag / Place a hold on a case",
        request=HoldInputSerializer,
        responses={201: HoldSerializer, **ERRORS},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        user = _manager(request)
        given = HoldInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        case = get_object_or_404(
            Case.objects.select_related("citizen"),
            pk=given.validated_data["case"],
            team_id=user.unit_id,
        )
        form = HoldReasonForm({"reason": given.validated_data["reason"]})
        if not form.is_valid():
            raise ValidationError({"reason": [str(m) for m in form.errors["reason"]]})
        hold = manager_hold_place(
            citizen=case.citizen, case=case, reason=form.cleaned_data["reason"], user=user
        )
        return Response(HoldSerializer(hold).data, status=status.HTTP_201_CREATED)
