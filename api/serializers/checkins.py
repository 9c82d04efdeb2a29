"""Check-ins of a course (after discharge, or after the start of outpatient treatment), and
the course's schedule."""

from __future__ import annotations

from rest_framework import serializers

from transitions.models import CheckIn

from .output import OutputModelSerializer


class CheckInSerializer(OutputModelSerializer):
    class Meta:
        model = CheckIn
        fields = [
            "id",
            "case",
            "transition",
            "label",
            "due_on",
            "answered_at",
            "answer",
            "themes",
            "needs_follow_up",
        ]
        read_only_fields = fields

    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=CheckIn.Theme.choices), read_only=True
    )


class CheckInScheduleSerializer(serializers.Serializer):
    """The course's check-in schedule (DESIGN §5.10)."""

    case = serializers.IntegerField(read_only=True, source="case_id")
    weeks = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    counted_from = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="Dagen tjek-ind tælles fra: udskrivningen, ellers starten af ambulant "
        "behandling / the day the check-ins count from: the discharge, else the start of "
        "outpatient treatment",
    )
    counted_from_discharge = serializers.BooleanField(read_only=True)
