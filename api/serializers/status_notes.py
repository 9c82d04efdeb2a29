"""Status notes and who acknowledged reading them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transitions.models import StatusNote

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class StatusNoteSerializer(OutputModelSerializer):
    author = serializers.SerializerMethodField()
    acknowledged_by = serializers.SerializerMethodField(
        help_text="Hvem har kvitteret for at have læst / who acknowledged reading"
    )

    class Meta:
        model = StatusNote
        fields = [
            "id",
            "transition",
            "kind",
            "body",
            "severity",
            "summary",
            "risks",
            "contingency",
            "overdose_risk",
            "naloxone",
            "tolerance_talk",
            "first_72h_who",
            "first_72h_when",
            "first_72h_unreachable",
            "author",
            "written_at",
            "acknowledged_by",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_author(self, note: StatusNote) -> dict[str, Any] | None:
        return person(note.author)

    @extend_schema_field(PersonSerializer(many=True))
    def get_acknowledged_by(self, note: StatusNote) -> list[dict[str, Any] | None]:
        return [person(ack.user) for ack in note.acknowledgements.all()]
