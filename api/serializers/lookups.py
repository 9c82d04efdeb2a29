"""The citizen's look-up extract (DESIGN §10): when, by which unit and for what purpose, never
by whom."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from cases.models import AccessLog


class LookupQuerySerializer(serializers.Serializer):
    """?start=YYYY-MM-DD&end=YYYY-MM-DD, both days included."""

    start = serializers.DateField(help_text="Fra og med / from (YYYY-MM-DD)")
    end = serializers.DateField(help_text="Til og med / to (YYYY-MM-DD)")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": [_("Slutdatoen ligger før startdatoen.")]})
        return attrs


class LookupSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text="Tidspunkt / when")
    unit = serializers.CharField(help_text="Enheden, der slog op / the unit that looked")
    purpose = serializers.ChoiceField(
        choices=AccessLog.Purpose.choices,
        help_text=(
            "Formål; tom for poster fra før formålene / purpose; empty on entries from before "
            "the purposes"
        ),
    )
    purpose_label = serializers.CharField()
    action = serializers.ChoiceField(choices=AccessLog.Action.choices)
    case_number = serializers.CharField(allow_blank=True)


class LookupExtractSerializer(serializers.Serializer):
    citizen = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    lookups = LookupSerializer(many=True)
