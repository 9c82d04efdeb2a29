"""The handover plan's sections, their versions and the answer to a conflict."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transitions.models import PlanSection, PlanSectionVersion

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class PlanSectionSerializer(OutputModelSerializer):
    title = serializers.CharField(source="get_key_display", read_only=True)
    updated_by = serializers.SerializerMethodField()

    class Meta:
        model = PlanSection
        fields = ["key", "title", "text", "version", "updated_by", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_updated_by(self, section: PlanSection) -> dict[str, Any] | None:
        return person(section.updated_by)


class PlanSectionVersionSerializer(OutputModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = PlanSectionVersion
        fields = ["number", "text", "based_on", "is_merge", "author", "created_at"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_author(self, version: PlanSectionVersion) -> dict[str, Any] | None:
        return person(version.author)


class PlanSectionConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    current = PlanSectionSerializer(
        help_text="Afsnittet som det er gemt nu / the section as stored"
    )
