"""Check-ins after discharge."""

from __future__ import annotations

from rest_framework import serializers

from transitions.models import CheckIn

from .output import OutputModelSerializer


class CheckInSerializer(OutputModelSerializer):
    class Meta:
        model = CheckIn
        fields = [
            "id",
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
