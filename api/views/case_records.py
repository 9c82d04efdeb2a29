"""/api/v1/cases/{id}/treatment-consents/, …: the records a case keeps beside the assessment,
under the same rules as the case page (the services decide; a refusal is a 400)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import services as case_services
from cases.access import CHANGE

from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS
from ..serializers import records as out
from .parsing import validated_input


class CaseRecordsMixin(ApiViewSet):
    """Actions of CaseViewSet (api/views/cases.py) for the case's records."""

    @extend_schema(
        methods=["GET"],
        summary="Samtykker til behandling (under 18) / Consents to treatment (under 18)",
        parameters=READ_PARAMETERS,
        responses={200: out.TreatmentConsentSerializer(many=True), **ERRORS},
    )
    @extend_schema(
        methods=["POST"],
        summary="Registrér samtykke til behandling / Record a consent to treatment",
        description=(
            "Barnets lov § 33: samtykke fra hver forældremyndighedsindehaver (begge ved fælles "
            "forældremyndighed) og fra den unge fra 15 år; behandlingen kan ikke starte uden. / "
            "Barnets lov § 33: consent from each custody holder (both where custody is joint) "
            "and from the young person from 15; treatment cannot start without them."
        ),
        request=out.TreatmentConsentInput,
        responses={201: out.TreatmentConsentSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], url_path="treatment-consents")
    def treatment_consents(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        if request.method == "GET":
            consents = case.treatment_consents.select_related("recorded_by")
            self.log_object(case, object_type="treatment_consents")
            return Response(out.TreatmentConsentSerializer(consents, many=True).data)
        require_case_perm(request.user, CHANGE, case)
        data = validated_input(out.TreatmentConsentInput, request)
        consent = case_services.treatment_consent_record(actor=request.user, case=case, **data)
        self.log_object(case, object_type="treatment_consent")
        return Response(
            out.TreatmentConsentSerializer(consent).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["GET"],
        summary="Underretninger / Notifications of concern",
        parameters=READ_PARAMETERS,
        responses={200: out.ConcernNotificationSerializer(many=True), **ERRORS},
    )
    @extend_schema(
        methods=["POST"],
        summary="Registrér underretning / Record a notification of concern",
        description=(
            "Barnets lov § 133: en underretning til kommunen om et barn i borgerens hjem; "
            "registreres også som en videregivelse uden samtykke. / Barnets lov § 133: a "
            "notification to the municipality about a child in the citizen's home; also "
            "recorded as a disclosure without consent."
        ),
        request=out.ConcernNotificationInput,
        responses={201: out.ConcernNotificationSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], url_path="concern-notifications")
    def concern_notifications(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        if request.method == "GET":
            notifications = case.concern_notifications.select_related("made_by")
            self.log_object(case, object_type="concern_notifications")
            return Response(out.ConcernNotificationSerializer(notifications, many=True).data)
        require_case_perm(request.user, "cases.add_disclosure", case)
        data = validated_input(out.ConcernNotificationInput, request)
        notification = case_services.concern_notification_record(
            actor=request.user, case=case, **data
        )
        self.log_object(case, object_type="concern_notification")
        return Response(
            out.ConcernNotificationSerializer(notification).data, status=status.HTTP_201_CREATED
        )
