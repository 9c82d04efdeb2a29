"""/api/v1/commitments/: the aftercare commitments, their frequency as n contacts per k weeks
(or flagged for the therapist) and agreed versus delivered over the last 4 weeks and since the
start (DESIGN §5.10), as on the transition page. Read-only here; contacts are recorded at
/api/v1/contacts/."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from transitions.models import AftercareCommitment
from transitions.selectors.delivery import commitment_deliveries

from .. import filters
from .. import serializers as out
from ..schema import ERRORS, READ_PARAMETERS
from .handover import HandoverViewSet


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
            .select_related("transition__case")
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
