"""Episodes: a case's referrals to treatment offers."""

from __future__ import annotations

from rest_framework import serializers

from treatment_options.models import Episode

from .output import OutputModelSerializer


class EpisodeSerializer(OutputModelSerializer):
    offer_name = serializers.CharField(source="offer.name", read_only=True)
    provider_name = serializers.CharField(source="offer.provider.name", read_only=True)
    treatment_type = serializers.CharField(source="offer.treatment_type", read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Episode
        fields = [
            "id",
            "case",
            "request",
            "offer",
            "offer_name",
            "provider_name",
            "treatment_type",
            "referral_date",
            "planned_start",
            "actual_start",
            "planned_end",
            "actual_end",
            "end_reason",
            "free_choice",
            "treatment_plan_on",
            "is_open",
            "version",
            "created_at",
        ]
        read_only_fields = fields
