"""Deputies for a period of absence (DESIGN §5.10)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Deputyship

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class DeputyshipSerializer(OutputModelSerializer):
    user = serializers.SerializerMethodField(help_text="Den fraværende / the away user")
    deputy = serializers.SerializerMethodField(help_text="Stedfortræderen / the deputy")

    class Meta:
        model = Deputyship
        fields = ["id", "user", "deputy", "starts_on", "ends_on"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_user(self, deputyship: Deputyship) -> dict[str, Any] | None:
        return person(deputyship.user)

    @extend_schema_field(PersonSerializer)
    def get_deputy(self, deputyship: Deputyship) -> dict[str, Any] | None:
        return person(deputyship.deputy)
