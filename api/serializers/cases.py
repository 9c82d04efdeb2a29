"""Cases with their treatment guarantee, their treatment requests (each with its own clock),
and the case's events."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.guarantee import GuaranteeStatus
from cases.models import Case, CaseEvent, TreatmentRequest
from cases.selectors import available_actions

from .citizens import CitizenSummarySerializer
from .output import OutputModelSerializer
from .refs import PersonSerializer, UnitRefSerializer, person, unit_ref


def _today(context: Mapping[str, Any]) -> date:
    today = context.get("today")
    return today if today is not None else timezone.localdate()


class GuaranteeSerializer(serializers.Serializer):
    deadline = serializers.DateField(
        allow_null=True,
        help_text="Sidste dag behandling skal være iværksat / last day to start treatment",
    )
    covered = serializers.BooleanField(
        help_text="Omfattet af behandlingsgarantien / covered by the treatment guarantee"
    )
    status = serializers.ChoiceField(
        choices=[s.value for s in GuaranteeStatus],
        help_text="running, met, breached, waived, not_covered",
    )
    days_left = serializers.IntegerField(
        allow_null=True, help_text="Dage til fristen mens den løber / days left while running"
    )
    reason = serializers.CharField(
        help_text="Begrundelse (dansk), fx »14 dage fra henvendelse 2026-03-02« / reason (Danish)"
    )
    reason_code = serializers.CharField(
        allow_blank=True,
        help_text=(
            "Begrundelsens kode, fx guarantee.running, til visning på andre sprog / the reason "
            "as a code, for display in other languages"
        ),
    )
    reason_values = serializers.DictField(
        help_text=(
            "Værdierne til koden (ISO-datoer, antal dage, lovgrundlag) / the code's values "
            "(ISO dates, day counts, legal basis)"
        ),
    )


def guarantee_data(case: Case, today: date) -> dict[str, Any] | None:
    try:
        result = case.guarantee(today=today)
    except ValueError:
        # Inconsistent stored data (a start before the inquiry): shown as unknown rather than
        # failing the whole list.
        return None
    return {
        "deadline": result.deadline,
        "covered": result.covered,
        "status": str(result.status),
        "days_left": result.days_left,
        "reason": result.reason,
        "reason_code": result.reason_code,
        "reason_values": result.reason_values,
    }


class TreatmentRequestSerializer(OutputModelSerializer):
    guarantee = serializers.SerializerMethodField(
        help_text=(
            "Anmodningens behandlingsgaranti (frist, status, begrundelse); null ved modstridende "
            "data / the request's own treatment guarantee; null if data is inconsistent"
        )
    )
    is_open_clock = serializers.SerializerMethodField(
        help_text="Fristen løber eller er overskredet uden start / running, or breached unstarted"
    )
    needs_decision = serializers.BooleanField(
        read_only=True, help_text="Lovgrundlaget kræver afgørelse / the basis needs a decision"
    )
    doctor_consultation_offered = serializers.BooleanField(
        read_only=True, help_text="Lægesamtale tilbydes (stofmisbrug) / consultation is offered"
    )

    class Meta:
        model = TreatmentRequest
        fields = [
            "id",
            "case",
            "kind",
            "legal_basis",
            "requested_on",
            "note",
            "regional_dual_diagnosis",
            "decision_on",
            "decision_text",
            "needs_decision",
            "doctor_consultation_offered",
            "doctor_consultation_offered_on",
            "doctor_consultation_held_on",
            "doctor_consultation_declined_on",
            "free_choice",
            "free_choice_on",
            "visited_treatment_type",
            "treatment_started_on",
            "guarantee",
            "is_open_clock",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(GuaranteeSerializer(allow_null=True))
    def get_guarantee(self, request: TreatmentRequest) -> dict[str, Any] | None:
        try:
            result = request.guarantee(today=_today(self.context))
        except ValueError:
            return None
        return {
            "deadline": result.deadline,
            "covered": result.covered,
            "status": str(result.status),
            "days_left": result.days_left,
            "reason": result.reason,
            "reason_code": result.reason_code,
            "reason_values": result.reason_values,
        }

    @extend_schema_field(serializers.BooleanField())
    def get_is_open_clock(self, request: TreatmentRequest) -> bool:
        try:
            return request.is_open_clock(today=_today(self.context))
        except ValueError:
            return False


class CaseListSerializer(OutputModelSerializer):
    citizen = CitizenSummarySerializer(read_only=True)
    team = serializers.SerializerMethodField(help_text="Team / team")
    caseworker = serializers.SerializerMethodField(help_text="Sagsbehandler / caseworker")
    guarantee = serializers.SerializerMethodField(
        help_text=(
            "Behandlingsgaranti (14 dage) med frist, status og begrundelse; null hvis sagens "
            "data er modstridende / the 14-day treatment guarantee; null if data is inconsistent"
        )
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "citizen",
            "legal_basis",
            "status",
            "inquiry_date",
            "team",
            "caseworker",
            "treatment_started_on",
            "guarantee",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(UnitRefSerializer)
    def get_team(self, case: Case) -> dict[str, Any] | None:
        return unit_ref(case.team)

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_caseworker(self, case: Case) -> dict[str, Any] | None:
        return person(case.caseworker)

    @extend_schema_field(GuaranteeSerializer(allow_null=True))
    def get_guarantee(self, case: Case) -> dict[str, Any] | None:
        return guarantee_data(case, _today(self.context))


class CaseSerializer(CaseListSerializer):
    requests = TreatmentRequestSerializer(
        many=True,
        read_only=True,
        help_text=(
            "Sagens anmodninger, hver med sin frist; `guarantee` er den mest presserende åbne "
            "frist / the case's treatment requests, each with its own clock; `guarantee` is the "
            "most urgent open one"
        ),
    )
    allowed_actions = serializers.SerializerMethodField(
        help_text=(
            "Livscyklus-handlinger, sagens status tillader og brugeren må foretage: de samme "
            "som knapperne på sagens side (POST /cases/{id}/move/) / lifecycle actions the "
            "case's status allows and the user may make: the case page's buttons"
        )
    )

    class Meta:
        model = Case
        fields = [
            *CaseListSerializer.Meta.fields,
            "substances",
            "inquiry_note",
            "regional_dual_diagnosis",
            "assessment_substance_use",
            "assessment_social",
            "assessment_health",
            "assessment_work",
            "has_job",
            "assessment_housing",
            "assessment_other",
            "assessment_completed_on",
            "decision_date",
            "decision_result",
            "decision_text",
            "decision_complaint_guidance",
            "doctor_consultation_on",
            "children_in_home",
            "children_ages",
            "guarantee_deadline",
            "free_choice",
            "closed_on",
            "closed_reason",
            "course_ended_on",
            "course_end_reason",
            "course_end_review",
            "requests",
            "allowed_actions",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, case: Case) -> list[str]:
        # The case page's rule (cases.selectors.available_actions): a move the user may not
        # make is not listed, so that a client shows the same choices as the page.
        user = self.context["request"].user
        return [move.action for move in available_actions(case, user)]


class CaseEventSerializer(OutputModelSerializer):
    actor = serializers.SerializerMethodField(help_text="Hvem / who")

    class Meta:
        model = CaseEvent
        fields = [
            "id",
            "case",
            "kind",
            "from_status",
            "to_status",
            "actor",
            "occurred_at",
            "description",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_actor(self, event: CaseEvent) -> dict[str, Any] | None:
        return person(event.actor)
