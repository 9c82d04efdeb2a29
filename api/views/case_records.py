"""/api/v1/cases/{id}/treatment-consents/, …: the records a case keeps beside the assessment,
under the same rules as the case page (the services decide; a refusal is a 400)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from cases import services as case_services
from cases.access import CHANGE
from cases.models import ActionPlan, ActionPlanVersion
from cases.services.action_plans import PART_NAMES

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
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="treatment-consents",
        filterset_class=None,
        pagination_class=None,
    )
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
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="concern-notifications",
        filterset_class=None,
        pagination_class=None,
    )
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

    @extend_schema(
        methods=["GET"],
        summary="Handleplan (SEL § 141) / Action plan",
        description=(
            "Ikke for barnets lov § 33 og SEL § 101 a (400). / Not for Barnets lov § 33 nor "
            "SEL § 101 a (400)."
        ),
        parameters=READ_PARAMETERS,
        responses={200: out.ActionPlanSerializer, **ERRORS},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Gem handleplan / Save the action plan",
        description=(
            "Tilbud og indhold; ændret indhold gemmes som en ny version. based_on er den version, "
            "klienten har læst (en nyere er en 400). / The offer and the content; changed "
            "content is saved as a new version. based_on is the version the client read (a "
            "newer one is a 400)."
        ),
        request=out.ActionPlanInput,
        responses={200: out.ActionPlanSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "put"], url_path="action-plan", filterset_class=None)
    def action_plan(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        if not case_services.action_plan_is_offered(case):
            raise DRFValidationError(
                {"legal_basis": [_("Handleplan efter serviceloven § 141 tilbydes ikke her.")]}
            )
        if request.method == "PUT":
            require_case_perm(request.user, CHANGE, case)
            latest = ActionPlanVersion.objects.filter(plan__case=case).order_by("-number").first()
            stored = {name: getattr(latest, name) for name in PART_NAMES} if latest else {}
            data = validated_input(out.ActionPlanInput, request, stored=stored)
            case_services.action_plan_save(actor=request.user, case=case, **data)
        plan = ActionPlan.objects.filter(case=case).prefetch_related("versions__author").first()
        self.log_object(case, object_type="action_plan")
        if plan is None:
            return Response({"offered_on": None, "accepted": None, "version": 0, "versions": []})
        return Response(out.ActionPlanSerializer(plan).data)

    @extend_schema(
        summary="Dele af handleplanen givet videre / Parts of the action plan handed over",
        description=(
            "Registreres som en videregivelse (grundlag: handleplan, SEL § 141). / Recorded as "
            "a disclosure (basis: the action plan, SEL § 141)."
        ),
        request=out.ActionPlanHandOverInput,
        responses={201: out.HandOverAnswerSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="action-plan/hand-over")
    def action_plan_hand_over(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, "cases.add_disclosure", case)
        data = validated_input(out.ActionPlanHandOverInput, request)
        disclosure = case_services.action_plan_hand_over(actor=request.user, case=case, **data)
        self.log_object(case, object_type="action_plan_hand_over")
        return Response({"disclosure": disclosure.pk}, status=status.HTTP_201_CREATED)
