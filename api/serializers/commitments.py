"""Aftercare commitments, the history of their changes, their structured frequency and agreed
versus delivered (DESIGN §5.2, §5.10)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transitions.delivery import Delivery
from transitions.models import AftercareCommitment, CommitmentChange

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class DeliveryFiguresSerializer(serializers.Serializer):
    agreed = serializers.FloatField(help_text="Aftalte kontakter / agreed contacts")
    delivered = serializers.IntegerField(help_text="Gennemførte kontakter / attended contacts")
    missed = serializers.IntegerField(help_text="Udeblevet / missed by the citizen")
    cancelled_by_citizen = serializers.IntegerField(help_text="Aflyst af borgeren")
    cancelled_by_provider = serializers.IntegerField(help_text="Aflyst af behandlingsstedet")
    is_short = serializers.BooleanField(
        help_text="Under aftalt niveau ud over tolerancen / short beyond the tolerance"
    )


class CommitmentDeliverySerializer(serializers.Serializer):
    window = DeliveryFiguresSerializer(
        allow_null=True, help_text="Seneste 4 uger / the last 4 weeks"
    )
    since_start = DeliveryFiguresSerializer(allow_null=True, help_text="Siden start / since start")


def _figures(d: Delivery | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "agreed": round(d.agreed, 2),
        "delivered": d.delivered,
        "missed": d.counts.missed,
        "cancelled_by_citizen": d.counts.cancelled_by_citizen,
        "cancelled_by_provider": d.counts.cancelled_by_provider,
        "is_short": d.is_short,
    }


class CommitmentChangeSerializer(OutputModelSerializer):
    actor = serializers.SerializerMethodField()
    before = serializers.DictField(read_only=True, help_text="Gamle værdier / old values")
    after = serializers.DictField(read_only=True, help_text="Nye værdier / new values")

    class Meta:
        model = CommitmentChange
        fields = ["id", "kind", "reason", "before", "after", "actor", "created_at"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_actor(self, change: CommitmentChange) -> dict[str, Any] | None:
        return person(change.actor)


class CommitmentSerializer(OutputModelSerializer):
    case = serializers.IntegerField(source="transition.case_id", read_only=True)
    responsible = serializers.SerializerMethodField()
    changes = CommitmentChangeSerializer(many=True, read_only=True)
    delivery = serializers.SerializerMethodField(
        help_text="Aftalt og leveret / agreed versus delivered"
    )

    class Meta:
        model = AftercareCommitment
        fields = [
            "id",
            "transition",
            "case",
            "offer",
            "description",
            "frequency",
            "contacts_per_period",
            "period_weeks",
            "frequency_needs_review",
            "starts_on",
            "responsible",
            "status",
            "version",
            "changes",
            "delivery",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_responsible(self, commitment: AftercareCommitment) -> dict[str, Any] | None:
        return person(commitment.responsible)

    @extend_schema_field(CommitmentDeliverySerializer)
    def get_delivery(self, obj: AftercareCommitment) -> dict[str, Any]:
        row = self.context["deliveries"][obj.pk]
        return {"window": _figures(row.window), "since_start": _figures(row.since_start)}
