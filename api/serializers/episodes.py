"""Episodes: a case's referrals to treatment offers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from treatment_options.models import Episode, TreatmentPlan, TreatmentPlanVersion

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class EpisodeSerializer(OutputModelSerializer):
    offer_name = serializers.CharField(source="offer.name", read_only=True)
    provider_name = serializers.CharField(source="offer.provider.name", read_only=True)
    treatment_type = serializers.CharField(source="offer.treatment_type", read_only=True)
    is_open = serializers.BooleanField(read_only=True)
    treatment_plan_on = serializers.DateField(
        source="treatment_plan.made_on",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Behandlingsplanens første version (SEL § 101, stk. 8) / the treatment plan's "
        "first version",
    )

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


class TreatmentPlanVersionSerializer(OutputModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = TreatmentPlanVersion
        fields = [
            "number",
            "made_on",
            "goals",
            "activities",
            "progress_follow_up",
            "assessment_link",
            "author",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_author(self, version: TreatmentPlanVersion) -> dict[str, Any] | None:
        return person(version.author)


class TreatmentPlanSerializer(OutputModelSerializer):
    made_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="Første version udarbejdet; null: ingen plan endnu / first version made; "
        "null: no plan yet",
    )
    versions = TreatmentPlanVersionSerializer(many=True, read_only=True)

    class Meta:
        model = TreatmentPlan
        fields = ["made_on", "version", "versions"]
        read_only_fields = fields
