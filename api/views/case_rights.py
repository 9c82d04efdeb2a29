"""/api/v1/cases/{id}/access-requests/, /complaints/ and /rectifications/: the citizen's
access requests and complaints (rights) and corrections of recorded facts (cases), under the
same rules as the pages (rights.access, cases.services.may_rectify; a refusal is a 403, a
value the law or the record does not allow a 400)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.models import Rectification, TreatmentRequest
from cases.services import RectificationTarget, rectify
from rights import services as rights
from rights.access import rights_require
from rights.models import AccessRequest, Complaint

from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..schema import ERRORS, READ_PARAMETERS
from ..serializers import rights as out
from .parsing import validated_input


class CaseRightsMixin(ApiViewSet):
    """Actions of CaseViewSet (api/views/cases.py) for access requests, complaints and
    rectifications."""

    @extend_schema(
        summary="Aktindsigter / Access requests",
        parameters=READ_PARAMETERS,
        responses={200: out.AccessRequestSerializer(many=True), **ERRORS},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="access-requests",
        filterset_class=None,
        pagination_class=None,
    )
    def access_requests(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        rights_require(request.user, case)
        self.log_object(case, object_type="access_requests")
        rows = AccessRequest.objects.filter(case=case).select_related("handled_by", "hold")
        return Response(out.AccessRequestSerializer(rows, many=True).data)

    @extend_schema(
        summary="Registrér aktindsigt / Register an access request",
        description=(
            "Svarfristen følger loven; borgerens data tilbageholdes, til anmodningen er lukket. "
            "/ The deadline follows the law; the citizen's data are held until it is closed."
        ),
        request=out.AccessRequestInput,
        responses={201: out.AccessRequestSerializer, **ERRORS},
    )
    @access_requests.mapping.post
    def access_request_create(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        rights_require(request.user, case)
        data = validated_input(out.AccessRequestInput, request)
        row = rights.access_request_register(actor=request.user, case=case, **data)
        return Response(out.AccessRequestSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Luk aktindsigt / Close an access request",
        operation_id="cases_access_requests_close",
        request=out.AccessRequestCloseInput,
        responses={200: out.AccessRequestSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"access-requests/(?P<request_pk>[0-9]+)/close")
    def access_request_close(
        self, request: AuthenticatedRequest, pk: str, request_pk: str
    ) -> Response:
        case = self.get_object()
        rights_require(request.user, case)
        row = get_object_or_404(AccessRequest, pk=request_pk, case=case)
        data = validated_input(out.AccessRequestCloseInput, request)
        row = rights.access_request_close(actor=request.user, request=row, **data)
        return Response(out.AccessRequestSerializer(row).data)

    @extend_schema(
        summary="Klager / Complaints",
        parameters=READ_PARAMETERS,
        responses={200: out.ComplaintSerializer(many=True), **ERRORS},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="complaints",
        filterset_class=None,
        pagination_class=None,
    )
    def complaints(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        rights_require(request.user, case)
        self.log_object(case, object_type="complaints")
        rows = Complaint.objects.filter(case=case).select_related("hold")
        return Response(out.ComplaintSerializer(rows, many=True).data)

    @extend_schema(
        summary="Registrér klage / Register a complaint",
        request=out.ComplaintInput,
        responses={201: out.ComplaintSerializer, **ERRORS},
    )
    @complaints.mapping.post
    def complaint_create(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        rights_require(request.user, case)
        data = validated_input(out.ComplaintInput, request)
        row = rights.complaint_register(actor=request.user, case=case, **data)
        return Response(out.ComplaintSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Klage sendt til Ankestyrelsen eller afgjort / Complaint forwarded or decided",
        operation_id="cases_complaints_step",
        request=out.ComplaintStepInput,
        responses={200: out.ComplaintSerializer, **ERRORS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"complaints/(?P<complaint_pk>[0-9]+)/(?P<step>forward|decide)",
    )
    def complaint_step(
        self, request: AuthenticatedRequest, pk: str, complaint_pk: str, step: str
    ) -> Response:
        case = self.get_object()
        rights_require(request.user, case)
        row = get_object_or_404(Complaint, pk=complaint_pk, case=case)
        on = validated_input(out.ComplaintStepInput, request)["on"]
        if step == "forward":
            row = rights.complaint_forward(actor=request.user, complaint=row, forwarded_on=on)
        else:
            row = rights.complaint_decide(actor=request.user, complaint=row, decided_on=on)
        return Response(out.ComplaintSerializer(row).data)

    @extend_schema(
        summary="Berigtigelser / Rectifications",
        description=(
            "Rettelser af borgerens stamdata og af sagens datoer. / Corrections of the "
            "citizen's master data and of the case's dates."
        ),
        parameters=READ_PARAMETERS,
        responses={200: out.RectificationSerializer(many=True), **ERRORS},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="rectifications",
        filterset_class=None,
        pagination_class=None,
    )
    def rectifications(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        self.log_object(case, object_type="rectifications")
        rows = (
            Rectification.objects.filter(citizen_id=case.citizen_id)
            .filter(Q(case__isnull=True) | Q(case=case))
            .select_related("rectified_by")
        )
        return Response(out.RectificationSerializer(rows, many=True).data)

    @extend_schema(
        summary="Berigtig oplysning / Rectify a fact",
        request=out.RectificationInput,
        responses={201: out.RectificationSerializer, **ERRORS},
    )
    @rectifications.mapping.post
    def rectification_create(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        data = validated_input(out.RectificationInput, request)
        treatment_request = None
        if data["field"].startswith("request."):
            if "request" not in data:
                raise ValidationError({"request": [_("Vælg anmodningen.")]})
            treatment_request = get_object_or_404(TreatmentRequest, pk=data["request"], case=case)
        target = RectificationTarget(
            key=data["field"], citizen=case.citizen, case=case, request=treatment_request
        )
        row = rectify(
            actor=request.user,
            target=target,
            new_value=data.get("new_value", ""),
            reason=data["reason"],
        )
        return Response(out.RectificationSerializer(row).data, status=status.HTTP_201_CREATED)
