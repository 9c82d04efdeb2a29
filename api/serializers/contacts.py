"""Contacts with the citizen within an episode, and the commitment each delivers (§5.10)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from treatment_options.models import Contact

from .output import OutputModelSerializer


class ContactSerializer(OutputModelSerializer):
    case = serializers.IntegerField(source="episode.case_id", read_only=True)
    recorded_by = serializers.IntegerField(source="recorded_by_id", read_only=True)
    commitment = serializers.SerializerMethodField(
        help_text="Den aftalte indsats, kontakten leverer / the commitment it delivers"
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "case",
            "episode",
            "at",
            "kind",
            "is_planned",
            "outcome",
            "commitment",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_commitment(self, obj: Any) -> int | None:
        delivery = getattr(obj, "delivery", None)
        return delivery.commitment_id if delivery is not None else None
