"""Access requests, complaints (rights) and rectifications (cases): their output and inputs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Rectification
from cases.services import RECTIFIABLE
from cases.text_limits import limit
from rights.models import AccessRequest, Complaint
from rights.services import CLOSING_STATUSES

from ..fields import StrictSerializer, text_field
from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class HoldRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    placed_at = serializers.DateTimeField()
    lifted_at = serializers.DateTimeField(allow_null=True)


def _hold(obj: Any) -> dict[str, Any] | None:
    hold = obj.hold
    if hold is None:
        return None
    return {"id": hold.pk, "placed_at": hold.placed_at, "lifted_at": hold.lifted_at}


class AccessRequestSerializer(OutputModelSerializer):
    handled_by = serializers.SerializerMethodField()
    hold = serializers.SerializerMethodField()

    class Meta:
        model = AccessRequest
        fields = [
            "id",
            "case",
            "kind",
            "received_on",
            "deadline_on",
            "status",
            "closed_on",
            "handled_by",
            "hold",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_handled_by(self, obj: AccessRequest) -> dict[str, Any] | None:
        return person(obj.handled_by)

    @extend_schema_field(HoldRefSerializer(allow_null=True))
    def get_hold(self, obj: AccessRequest) -> dict[str, Any] | None:
        return _hold(obj)


class ComplaintSerializer(OutputModelSerializer):
    hold = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "case",
            "received_on",
            "about",
            "about_record",
            "text",
            "status",
            "forwarded_on",
            "decided_on",
            "hold",
        ]
        read_only_fields = fields

    @extend_schema_field(HoldRefSerializer(allow_null=True))
    def get_hold(self, obj: Complaint) -> dict[str, Any] | None:
        return _hold(obj)


class RectificationSerializer(OutputModelSerializer):
    rectified_by = serializers.SerializerMethodField()

    class Meta:
        model = Rectification
        fields = [
            "id",
            "case",
            "model_label",
            "object_id",
            "field",
            "old_value",
            "new_value",
            "reason",
            "rectified_by",
            "rectified_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_rectified_by(self, obj: Rectification) -> dict[str, Any] | None:
        return person(obj.rectified_by)


class AccessRequestInput(StrictSerializer):
    kind = serializers.ChoiceField(
        choices=AccessRequest.Kind.choices,
        help_text="offentlighedsloven: 7 arbejdsdage / 7 working days; gdpr: 1 måned / 1 month",
    )
    received_on = serializers.DateField(help_text="Modtaget / received")


class AccessRequestCloseInput(StrictSerializer):
    status = serializers.ChoiceField(choices=[(s.value, s.label) for s in CLOSING_STATUSES])
    closed_on = serializers.DateField(help_text="Besvaret eller lukket / answered or closed")


class ComplaintInput(StrictSerializer):
    received_on = serializers.DateField(help_text="Modtaget / received")
    about = serializers.ChoiceField(choices=Complaint.About.choices)
    about_record = text_field(
        max_length=limit("rights.Complaint.about_record"),
        help_text="Registreringen klagen angår (about=record) / the record complained of",
    )
    text = text_field(max_length=limit("rights.Complaint.text"), help_text="Klagen / complaint")


class ComplaintStepInput(StrictSerializer):
    on = serializers.DateField(help_text="Dato / date")


class RectificationInput(StrictSerializer):
    field = serializers.ChoiceField(
        choices=sorted(RECTIFIABLE),
        help_text="citizen.*: sagens borger / the case's citizen; case.*: sagen / the case",
    )
    request = serializers.IntegerField(
        required=False,
        help_text="Anmodningens id (field=request.requested_on) / the request's id",
    )
    new_value = text_field(max_length=200, help_text="Ny værdi; datoer ÅÅÅÅ-MM-DD / ISO dates")
    reason = text_field(
        max_length=limit("cases.Rectification.reason"),
        required=True,
        allow_blank=False,
        help_text="Begrundelse / reason",
    )
