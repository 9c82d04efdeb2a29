"""Aftercare commitments and the history of their changes (DESIGN §5.2, §5.10)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transitions.models import AftercareCommitment, CommitmentChange

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


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
    responsible = serializers.SerializerMethodField()
    changes = CommitmentChangeSerializer(many=True, read_only=True)

    class Meta:
        model = AftercareCommitment
        fields = [
            "id",
            "transition",
            "offer",
            "description",
            "frequency",
            "starts_on",
            "responsible",
            "status",
            "version",
            "changes",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_responsible(self, commitment: AftercareCommitment) -> dict[str, Any] | None:
        return person(commitment.responsible)
