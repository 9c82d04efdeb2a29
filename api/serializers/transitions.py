"""Transitions: the handover from residential to outpatient treatment."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transitions.models import Transition
from transitions.selectors.checkins import weeks_of

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class TransitionSerializer(OutputModelSerializer):
    residential_therapist = serializers.SerializerMethodField()
    checkin_weeks = serializers.SerializerMethodField(
        help_text="Sagens plan for tjek-ind (uger) / the course's check-in schedule (weeks)"
    )
    outpatient_therapist = serializers.SerializerMethodField()
    gap_days = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Dage fra udskrivning til første ambulante kontakt / days from discharge to "
        "first outpatient contact",
    )

    first_appointment_late = serializers.BooleanField(
        read_only=True,
        help_text="Første ambulante aftale mere end 7 dage efter planlagt udskrivning / first "
        "outpatient appointment more than 7 days after the planned discharge (DESIGN §5.9)",
    )
    first_appointment_status = serializers.CharField(
        read_only=True,
        help_text="Afledt af de registrerede kontakter / derived from the recorded contacts: "
        "planned, attended, missed",
    )
    first_outpatient_contact_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="Første gennemførte kontakt efter udskrivning, afledt af kontakterne / first "
        "attended contact after discharge, derived from the contacts",
    )

    class Meta:
        model = Transition
        fields = [
            "id",
            "case",
            "residential_episode",
            "outpatient_episode",
            "residential_therapist",
            "outpatient_therapist",
            "planned_discharge_on",
            "discharged_on",
            "first_appointment_at",
            "first_appointment_place",
            "first_appointment_with",
            "first_appointment_status",
            "first_appointment_late",
            "first_outpatient_contact_on",
            "status",
            "receiver_situation",
            "receiver_actions",
            "receiver_contingency",
            "completed_at",
            "checkin_weeks",
            "gap_days",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_checkin_weeks(self, t: Transition) -> list[int]:
        # The schedule belongs to the course (DESIGN §5.10); the view set loads it with the
        # case (select_related), a case without one has the default.
        return weeks_of(getattr(t.case, "checkin_schedule", None))

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_residential_therapist(self, t: Transition) -> dict[str, Any] | None:
        return person(t.residential_therapist)

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_outpatient_therapist(self, t: Transition) -> dict[str, Any] | None:
        return person(t.outpatient_therapist)
