"""/api/v1/requests/: a case's treatment requests, each with its own clock (DESIGN §3)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from cases.access import CHANGE
from cases.models import TreatmentRequest
from cases.services.requests import request_doctor_consultation_save, request_open

from .. import filters, inputs
from .. import serializers as out
from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .parsing import pick, validated_input


@extend_schema_view(
    list=extend_schema(
        summary="Anmodninger / Treatment requests",
        description=(
            "Anmodninger på de sager, brugeren må se, hver med sin behandlingsgaranti. / "
            "Treatment requests of the cases the user may see, each with its guarantee."
        ),
        parameters=READ_PARAMETERS,
    ),
    retrieve=extend_schema(
        summary="Anmodning / Treatment request",
        parameters=READ_PARAMETERS,
        responses={200: out.TreatmentRequestSerializer, **ERRORS},
    ),
)
class TreatmentRequestViewSet(ApiViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = TreatmentRequest.objects.none()
    serializer_class = out.TreatmentRequestSerializer
    filterset_class = filters.TreatmentRequestFilter
    log_type = "treatment_request"

    def get_queryset(self) -> QuerySet[TreatmentRequest]:
        return (
            TreatmentRequest.objects.filter(case__in=self.visible_cases())
            .select_related("case")
            .order_by("case_id", "requested_on", "pk")
        )

    @extend_schema(
        summary="Ny anmodning / New treatment request",
        description=(
            "Fornyet behandling (under behandling eller efterbehandling) eller "
            "kombinationsbehandling, med egen frist, som på sagens side. / Renewed treatment or "
            "combination treatment, with its own clock, as on the case page."
        ),
        request=inputs.RequestCreateInput,
        responses={201: out.TreatmentRequestSerializer, **error_responses(400, 403, 409)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = validated_input(inputs.RequestCreateInput, request)
        case = pick(self.visible_cases(), data["case"], "case")
        require_case_perm(request.user, CHANGE, case)
        created = request_open(
            actor=request.user,
            case=case,
            kind=data["kind"],
            legal_basis=data["legal_basis"],
            requested_on=data["requested_on"],
            note=data.get("note", ""),
            regional_dual_diagnosis=data.get("regional_dual_diagnosis", False),
            expected_version=data.get("version"),
        )
        fresh = self.get_queryset().get(pk=created.pk)
        return self.respond(fresh, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Lægesamtale / Doctor's consultation",
        description=(
            "Lægesamtalen på en anmodning om stofmisbrugsbehandling: tilbudt, holdt eller "
            "afslået, med datoer (SUL § 142, stk. 1-2). / The doctor's consultation of a drug "
            "request: offered, held or declined, with dates."
        ),
        request=inputs.RequestUpdateInput,
        responses={200: out.TreatmentRequestSerializer, **ERRORS},
    )
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        treatment_request = self.get_object()
        require_case_perm(request.user, CHANGE, treatment_request.case)
        data = validated_input(inputs.RequestUpdateInput, request)

        def current(name: str) -> object:
            return data[name] if name in data else getattr(treatment_request, name)

        request_doctor_consultation_save(
            actor=request.user,
            request=treatment_request,
            offered_on=current("doctor_consultation_offered_on"),  # type: ignore[arg-type]
            held_on=current("doctor_consultation_held_on"),  # type: ignore[arg-type]
            declined_on=current("doctor_consultation_declined_on"),  # type: ignore[arg-type]
        )
        return self.respond(self.get_queryset().get(pk=treatment_request.pk))
