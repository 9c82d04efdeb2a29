"""The user's own notifications."""

from __future__ import annotations

from rest_framework import serializers

from notifications.models import Notification

from .output import OutputModelSerializer


class NotificationSerializer(OutputModelSerializer):
    is_read = serializers.BooleanField(read_only=True)
    deputy_for = serializers.IntegerField(
        source="deputy_for_id",
        read_only=True,
        allow_null=True,
        help_text="Stedfortræder for (bruger-id) / deputy for (user id)",
    )

    class Meta:
        model = Notification
        fields = [
            "id",
            "rule",
            "case",
            "message",
            "url",
            "created_at",
            "read_at",
            "is_read",
            "deputy_for",
        ]
        read_only_fields = fields


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="Antal markeret læst / number marked read")
