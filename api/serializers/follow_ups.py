"""The legal follow-up after a course (BEK 1477/2019 § 4): its output and its inputs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from notifications.models import FollowUp, FollowUpAttempt

from ..fields import StrictSerializer, text_field
from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class FollowUpAttemptSerializer(OutputModelSerializer):
    attempted_by = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpAttempt
        fields = ["id", "attempted_on", "attempted_by", "note"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_attempted_by(self, attempt: FollowUpAttempt) -> dict[str, Any] | None:
        return person(attempt.attempted_by)


class FollowUpSerializer(serializers.Serializer):
    """One follow-up of the course: its due date and, once made, its row."""

    due_kind = serializers.ChoiceField(choices=FollowUp.DueKind.choices, help_text="1m / 6m")
    due_on = serializers.DateField(help_text="Frist / due date")
    course_end_on = serializers.DateField(help_text="Forløbet afsluttet / course ended")
    outcome = serializers.CharField(help_text="held, declined, not_reached; tom: åben / open")
    done_on = serializers.DateField(allow_null=True)
    done_by = PersonSerializer(allow_null=True)
    use = serializers.CharField()
    housing = serializers.CharField()
    work = serializers.CharField()
    network = serializers.CharField()
    needs_new_treatment = serializers.BooleanField()
    new_request = serializers.IntegerField(
        allow_null=True, help_text="Den oprettede anmodning / the request opened"
    )
    attempts = FollowUpAttemptSerializer(many=True)


def follow_up_data(item: dict[str, Any], course_end: Any) -> dict[str, Any]:
    """A follow-up item (notifications.panels.follow_up_items) as the API shows it."""
    row: FollowUp | None = item["follow_up"]
    return {
        "due_kind": item["kind"],
        "due_on": item["due_on"],
        "course_end_on": course_end,
        "outcome": row.outcome if row else "",
        "done_on": row.done_on if row else None,
        "done_by": person(row.done_by) if row else None,
        "use": row.use if row else "",
        "housing": row.housing if row else "",
        "work": row.work if row else "",
        "network": row.network if row else "",
        "needs_new_treatment": row.needs_new_treatment if row else False,
        "new_request": row.new_request_id if row else None,
        "attempts": FollowUpAttemptSerializer(item["attempts"], many=True).data,
    }


class FollowUpAttemptInput(StrictSerializer):
    attempted_on = serializers.DateField(help_text="Dato for forsøget / day of the attempt")
    note = text_field(max_length=300, help_text="Note")


class FollowUpOutcomeInput(StrictSerializer):
    outcome = serializers.ChoiceField(
        choices=FollowUp.Outcome.choices,
        help_text="Ikke truffet kun efter teamets antal forsøg / not reached only after the "
        "team's number of attempts",
    )
    done_on = serializers.DateField(help_text="Dato for opfølgningen / day of the follow-up")
    use = serializers.ChoiceField(
        choices=FollowUp.Use.choices, required=False, allow_blank=True, help_text="Forbrug / use"
    )
    housing = text_field(max_length=500, help_text="Bolig / housing")
    work = text_field(max_length=500, help_text="Arbejde og uddannelse / work and education")
    network = text_field(max_length=500, help_text="Netværk / network")
    needs_new_treatment = serializers.BooleanField(
        required=False,
        help_text="Behov for ny behandling: på en åben sag oprettes en anmodning / need for new "
        "treatment: on an open case a renewed request is opened",
    )
