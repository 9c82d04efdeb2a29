"""/api/v1/file-exports/: access to the file (forvaltningsloven § 9; GDPR art. 15 and 20).

The same rule as the pages (rights.file_export.access): a caseworker or manager who sees every
one of the citizen's cases; 403 for other roles and (`cases_out_of_sight`) for a user who sees
only some of them, 404 for a citizen or export out of sight. The fields that may hold other
people's information are decided one by one; release answers 409 while one is undecided, and
the files 409 until the export is released.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response

from cases.models import AccessLog
from rights.file_export import (
    CasesOutOfSight,
    FieldKey,
    FileExportConflict,
    UnknownFields,
    file_export_citizen_get,
    file_export_create,
    file_export_decide,
    file_export_get_for_user,
    file_export_log,
    file_export_release,
    file_export_review,
)
from rights.models import FileExport

from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..schema import error_responses
from ..serializers.file_exports import (
    DecisionsInput,
    FileExportCreateInput,
    FileExportSerializer,
    ReviewFieldSerializer,
)
from .parsing import validated_input

CONFLICT = error_responses(409)


def _conflict(exc: FileExportConflict) -> Response:
    code = "review_pending" if exc.pending else "already_released"
    body = {"detail": exc.message, "code": code, "pending": exc.pending}
    return Response(body, status=status.HTTP_409_CONFLICT)


def _not_released() -> Response:
    body = {"detail": _("Aktindsigten er ikke udleveret endnu."), "code": "not_released"}
    return Response(body, status=status.HTTP_409_CONFLICT)


class FileExportViewSet(ApiViewSet):
    queryset = FileExport.objects.none()
    serializer_class = FileExportSerializer
    pagination_class = None

    def summary(self, export: FileExport) -> dict[str, Any]:
        pending = None
        if not export.is_released:
            pending = sum(1 for item in file_export_review(export) if not item.decision)
        return dict(FileExportSerializer({**vars(export), "pending": pending}).data)

    @extend_schema(exclude=True)
    def list(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> Response:
        # No list: an export is reached from the citizen it was made for (create answers
        # its id), so no page of other citizens' exports can be asked for.
        raise MethodNotAllowed("GET")

    def export(self, pk: str) -> FileExport:
        return file_export_get_for_user(self.request.user, pk)

    @extend_schema(
        summary="Opret aktindsigt / Start an access-to-file export",
        request=FileExportCreateInput,
        responses={201: FileExportSerializer, **error_responses(400, 403, 404)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = validated_input(FileExportCreateInput, request)
        try:
            citizen = file_export_citizen_get(request.user, data["citizen"])
        except CasesOutOfSight as refused:
            body = {"detail": str(refused), "code": "cases_out_of_sight"}
            return Response(body, status=status.HTTP_403_FORBIDDEN)
        export = file_export_create(actor=request.user, citizen=citizen)
        return Response(self.summary(export), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Aktindsigt / Access-to-file export",
        responses={200: FileExportSerializer, **error_responses(403, 404)},
    )
    def retrieve(self, request: AuthenticatedRequest, pk: str) -> Response:
        return Response(self.summary(self.export(pk)))

    @extend_schema(
        summary="Felter til gennemgang / Fields to review",
        description=(
            "Hvert felt, der kan indeholde oplysninger om andre personer, med værdien og "
            "afgørelsen. Visningen skrives i adgangsloggen med formålet citizen_request. / "
            "Every field that may hold information about other people, with its value and "
            "decision. Logged with the purpose citizen_request."
        ),
        responses={200: ReviewFieldSerializer(many=True), **error_responses(403, 404)},
    )
    @action(detail=True, methods=["get"])
    def fields(self, request: AuthenticatedRequest, pk: str) -> Response:
        export = self.export(pk)
        items = [] if export.is_released else file_export_review(export)
        if items:
            file_export_log(user=request.user, citizen=export.citizen, action=AccessLog.Action.API)
        rows = [
            {
                "model": item.value.key.label,
                "record_id": item.value.key.record_id,
                "field": item.value.key.field,
                "section": item.section_title,
                "title": item.value.title,
                "case_number": item.case_number,
                "value": item.value.text,
                "decision": item.decision,
            }
            for item in items
        ]
        return Response(ReviewFieldSerializer(rows, many=True).data)

    @extend_schema(
        summary="Afgør felter / Decide fields",
        request=DecisionsInput,
        responses={200: FileExportSerializer, **error_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decisions(self, request: AuthenticatedRequest, pk: str) -> Response:
        export = self.export(pk)
        data = validated_input(DecisionsInput, request)
        decisions = {
            FieldKey(d["model"], d["record_id"], d["field"]): d["decision"]
            for d in data["decisions"]
        }
        try:
            export = file_export_decide(actor=request.user, export=export, decisions=decisions)
        except UnknownFields as exc:
            raise ValidationError({"decisions": [str(exc)]}) from None
        except FileExportConflict as exc:
            return _conflict(exc)
        return Response(self.summary(export))

    @extend_schema(
        summary="Udlevér aktindsigten / Release the export",
        description=(
            "409 (review_pending) så længe et felt mangler en afgørelse. Udleveringen "
            "registreres som videregivelse til borgeren (forvaltningsloven § 9) og i "
            "adgangsloggen. / 409 (review_pending) while a field is undecided. Recorded as a "
            "disclosure to the citizen and in the access log."
        ),
        request=None,
        responses={200: FileExportSerializer, **error_responses(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def release(self, request: AuthenticatedRequest, pk: str) -> Response:
        export = self.export(pk)
        try:
            export = file_export_release(actor=request.user, export=export)
        except FileExportConflict as exc:
            return _conflict(exc)
        return Response(self.summary(export))

    @extend_schema(
        summary="Aktindsigten som JSON / The released export as JSON",
        responses={200: OpenApiTypes.OBJECT, **CONFLICT, **error_responses(403, 404)},
    )
    @action(detail=True, methods=["get"], url_path="json")
    def as_json(self, request: AuthenticatedRequest, pk: str) -> Response:
        export = self.export(pk)
        if not export.is_released:
            return _not_released()
        file_export_log(user=request.user, citizen=export.citizen, action=AccessLog.Action.API)
        return Response(json.loads(bytes(export.json_content or b"{}")))

    @extend_schema(
        summary="Aktindsigten som PDF / The released export as PDF",
        responses={
            (200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY),
            **CONFLICT,
            **error_responses(403, 404),
        },
    )
    @action(detail=True, methods=["get"], url_path="pdf")
    def as_pdf(self, request: AuthenticatedRequest, pk: str) -> HttpResponse | Response:
        export = self.export(pk)
        if not export.is_released:
            return _not_released()
        file_export_log(user=request.user, citizen=export.citizen, action=AccessLog.Action.API)
        response = HttpResponse(bytes(export.pdf_content or b""), content_type="application/pdf")
        name = f"aktindsigt-borger-{export.citizen_id}-{export.pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
