"""/api/v1/commitments/: aftercare commitments, agreeing one and changing it (never quietly:
every change needs a reason, is kept and notifies; DESIGN §5.2, §5.10), with the frequency as
n contacts per k weeks and agreed versus delivered over the last 4 weeks and since the start, as
on the transition page. Contacts are recorded at /api/v1/contacts/."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import User
from transitions import services as handover
from transitions.models import AftercareCommitment, CommitmentChange
from transitions.selectors.delivery import commitment_deliveries
from treatment_options.models import Offer

from .. import filters, inputs
from .. import serializers as out
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .handover import HandoverViewSet
from .parsing import pick, validated_input


@extend_schema_view(
    list=extend_schema(summary="Aftalte indsatser / Commitments", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Aftalt indsats / Commitment",
        parameters=READ_PARAMETERS,
        responses={200: out.CommitmentSerializer, **ERRORS},
    ),
)
class CommitmentViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = AftercareCommitment.objects.none()
    serializer_class = out.CommitmentSerializer
    filterset_class = filters.CommitmentFilter
    log_type = "aftercare_commitment"

    def get_queryset(self) -> QuerySet[AftercareCommitment]:
        return (
            AftercareCommitment.objects.filter(transition__in=self.visible_transitions())
            .select_related("transition__case", "responsible")
            .prefetch_related(
                Prefetch(
                    "changes",
                    queryset=CommitmentChange.objects.select_related("actor").order_by(
                        "created_at", "pk"
                    ),
                )
            )
            .order_by("starts_on", "pk")
        )

    def serialize(self, objs: Any, *, many: bool = False, serializer_class: Any = None) -> Any:
        # The delivery figures of the whole page in one aggregate query.
        items = list(objs) if many else [objs]
        self.deliveries = commitment_deliveries(items)
        return super().serialize(
            items if many else objs, many=many, serializer_class=serializer_class
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "deliveries": getattr(self, "deliveries", {})}

    @extend_schema(
        summary="Aftal en indsats / Agree a commitment",
        request=inputs.CommitmentCreateInput,
        responses={201: out.CommitmentSerializer, **error_responses(400, 403)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = validated_input(inputs.CommitmentCreateInput, request)
        transition = pick(
            self.visible_transitions().select_related("case", "outpatient_therapist"),
            data["transition"],
            "transition",
        )
        require_case_perm(request.user, "transitions.add_aftercarecommitment", transition.case)
        commitment = handover.commitment_create(
            transition=transition,
            actor=request.user,
            description=data["description"],
            frequency=data.get("frequency", ""),
            contacts_per_period=data.get("contacts_per_period"),
            period_weeks=data.get("period_weeks"),
            starts_on=data["starts_on"],
            responsible=pick(
                User.objects.filter(is_active=True), data.get("responsible"), "responsible"
            ),
            offer=pick(Offer.objects.filter(active=True), data.get("offer"), "offer"),
        )
        return self._answer(commitment, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ændr, reducér eller annullér / Change, reduce or cancel",
        description=(
            "Enhver ændring kræver en begrundelse, gemmes i historikken og giver døgnbehandleren "
            "og sagsbehandleren besked. / Every change needs a reason, is kept in the history "
            "and notifies the residential therapist and the caseworker."
        ),
        request=inputs.CommitmentChangeInput,
        responses={200: out.CommitmentSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def change(self, request: AuthenticatedRequest, pk: str) -> Response:
        commitment = self.get_object()
        require_case_perm(
            request.user, "transitions.change_aftercarecommitment", commitment.transition.case
        )
        data = dict(validated_input(inputs.CommitmentChangeInput, request))
        reason = data.pop("reason")
        kind = data.pop("kind", CommitmentChange.Kind.CHANGED)
        if "responsible" in data:
            data["responsible"] = pick(
                User.objects.filter(is_active=True), data["responsible"], "responsible"
            )
        handover.commitment_change(
            commitment=commitment, actor=request.user, changes=data, reason=reason, kind=kind
        )
        return self._answer(commitment)
