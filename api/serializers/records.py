"""Records a case keeps beside the assessment (cases/records.py): consent to treatment under 18,
notifications of concern, the action plan; their inputs and outputs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models.records import (
    ActionPlan,
    ActionPlanVersion,
    ConcernNotification,
    ConsentForm,
    TreatmentConsent,
)
from cases.text_limits import LIMITS

from ..fields import StrictSerializer, text_field
from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class TreatmentConsentSerializer(OutputModelSerializer):
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = TreatmentConsent
        fields = ["id", "name", "role", "given_on", "form", "recorded_by", "recorded_at"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_recorded_by(self, consent: TreatmentConsent) -> dict[str, Any] | None:
        return person(consent.recorded_by)


class TreatmentConsentInput(StrictSerializer):
    name = text_field(
        LIMITS["cases.TreatmentConsent.name"],
        required=True,
        allow_blank=False,
        help_text="Hvem / who",
    )
    role = serializers.ChoiceField(
        choices=TreatmentConsent.Role.choices,
        help_text="Forældremyndighedsindehaver eller den unge (fra 15) / custody holder or the "
        "young person (from 15)",
    )
    given_on = serializers.DateField(help_text="Givet den / given on")
    form = serializers.ChoiceField(
        choices=ConsentForm.choices, help_text="Skriftligt eller mundtligt / written or oral"
    )
    joint_custody = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="Fælles forældremyndighed (to skal samtykke); udeladt: uændret / joint "
        "custody (both must consent); left out: unchanged",
    )


class ConcernNotificationSerializer(OutputModelSerializer):
    made_by = serializers.SerializerMethodField()
    disclosure = serializers.IntegerField(
        source="disclosure_id", read_only=True, help_text="Videregivelsens id / the disclosure"
    )

    class Meta:
        model = ConcernNotification
        fields = ["id", "notified_on", "recipient", "reason", "made_by", "disclosure"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_made_by(self, notification: ConcernNotification) -> dict[str, Any] | None:
        return person(notification.made_by)


class ConcernNotificationInput(StrictSerializer):
    notified_on = serializers.DateField(help_text="Underrettet den / notified on")
    recipient = text_field(
        LIMITS["cases.ConcernNotification.recipient"],
        required=True,
        allow_blank=False,
        help_text="Modtager (kommune) / recipient (municipality)",
    )
    reason = text_field(
        LIMITS["cases.ConcernNotification.reason"],
        required=True,
        allow_blank=False,
        help_text="Årsag / reason",
    )


class ActionPlanVersionSerializer(OutputModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlanVersion
        fields = [
            "number",
            "purpose",
            "actions",
            "expected_duration",
            "follow_up",
            "author",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_author(self, version: ActionPlanVersion) -> dict[str, Any] | None:
        return person(version.author)


class ActionPlanSerializer(OutputModelSerializer):
    versions = ActionPlanVersionSerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["offered_on", "accepted", "version", "versions"]
        read_only_fields = fields


class ActionPlanInput(StrictSerializer):
    based_on = serializers.IntegerField(
        min_value=0, help_text="Versionen du har læst / the version read (0: none)"
    )
    offered_on = serializers.DateField(required=False, allow_null=True)
    accepted = serializers.BooleanField(required=False, allow_null=True)
    purpose = text_field(LIMITS["cases.ActionPlanVersion.purpose"], help_text="Formål / purpose")
    actions = text_field(LIMITS["cases.ActionPlanVersion.actions"], help_text="Indsatser / actions")
    expected_duration = text_field(
        LIMITS["cases.ActionPlanVersion.expected_duration"],
        help_text="Forventet varighed / expected duration",
    )
    follow_up = text_field(
        LIMITS["cases.ActionPlanVersion.follow_up"], help_text="Opfølgning / follow-up"
    )


class ActionPlanHandOverInput(StrictSerializer):
    parts = serializers.ListField(
        child=serializers.ChoiceField(
            choices=["purpose", "actions", "expected_duration", "follow_up"]
        ),
        allow_empty=False,
        max_length=4,
        help_text="De dele, der er givet / the parts handed over",
    )
    recipient = text_field(
        LIMITS["cases.Disclosure.recipient"],
        required=True,
        allow_blank=False,
        help_text="Behandlingsstedet / provider",
    )


class HandOverAnswerSerializer(serializers.Serializer):
    disclosure = serializers.IntegerField(
        help_text="Den registrerede videregivelses id / the recorded disclosure's id"
    )
