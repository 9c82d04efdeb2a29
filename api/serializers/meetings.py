"""Status meetings with their participants and action items."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transitions.models import ActionItem, Participant, StatusMeeting

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class ParticipantSerializer(OutputModelSerializer):
    user = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["id", "user", "name", "organisation", "party_kind", "basis", "consent"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_user(self, p: Participant) -> dict[str, Any] | None:
        return person(p.user)


class ActionItemSerializer(OutputModelSerializer):
    owner = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "case",
            "transition",
            "meeting",
            "checkin",
            "kind",
            "text",
            "owner",
            "owner_text",
            "due_on",
            "done_at",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_owner(self, item: ActionItem) -> dict[str, Any] | None:
        return person(item.owner)


class MeetingSerializer(OutputModelSerializer):
    participants = ParticipantSerializer(many=True, read_only=True)
    action_items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = StatusMeeting
        fields = [
            "id",
            "transition",
            "starts_at",
            "duration_minutes",
            "place",
            "video_link",
            "agenda",
            "minutes",
            "decisions",
            "held",
            "participants",
            "action_items",
            "created_at",
        ]
        read_only_fields = fields
