"""Cases with their treatment guarantee, their treatment requests (each with its own clock),
and the case's events."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.event_messages import event_description
from cases.guarantee import GuaranteeStatus
from cases.models import Case, CaseEvent, TreatmentRequest
from cases.selectors import available_actions
from cases.selectors.requests import request_warnings
from treatment_options.discharge import discharge_question_due

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


class WarningSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Advarslen (dansk) / the warning (Danish)")
    reason_code = serializers.CharField(
        help_text=(
            "Advarslens kode, fx guarantee.doctor_consultation_missing / the warning as a code"
        )
    )
    reason_values = serializers.DictField(
        help_text="Værdierne til koden (ISO-datoer, antal dage) / the code's values"
    )


class TreatmentRequestSerializer(OutputModelSerializer):
    guarantee = serializers.SerializerMethodField(
        help_text=(
            "Anmodningens behandlingsgaranti (frist, status, begrundelse); null ved modstridende "
            "data / the request's own treatment guarantee; null if data is inconsistent"
        )
    )
    warnings = serializers.SerializerMethodField(
        help_text=(
            "Advarsler loven kræver (sen afgørelse, manglende lægesamtale), dansk tekst med kode "
            "og værdier / warnings the law asks for, Danish text with code and values"
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
            "warnings",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(WarningSerializer(many=True))
    def get_warnings(self, request: TreatmentRequest) -> list[dict[str, Any]]:
        try:
            found = request_warnings(request)
        except ValueError:  # bad stored data: the guarantee says null, the warnings nothing
            return []
        return [
            {"reason": w.reason, "reason_code": w.reason_code, "reason_values": w.reason_values}
            for w in found
        ]

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

    discharge_next_step_due = serializers.SerializerMethodField(
        help_text=(
            "Døgnbehandlingen er afsluttet, og sagen har intet ambulant forløb: sagen venter på "
            "næste skridt (henvis til ambulant behandling via /episodes/, luk med "
            "afslutningsårsag eller reassess via /cases/{id}/move/), som på udskrivningssiden "
            "/ the residential stay has ended with no outpatient episode: the case waits for "
            "the next step (refer to outpatient treatment, close with an end reason, or "
            "reassess), as on the discharge page"
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
            "primary_substance",
            "route_of_use",
            "housing_situation",
            "substitution_medicine",
            "guarantee_deadline",
            "free_choice",
            "closed_on",
            "closed_reason",
            "course_ended_on",
            "course_end_reason",
            "course_end_status",
            "course_end_review",
            "requests",
            "allowed_actions",
            "discharge_next_step_due",
            "created_at",
        ]
        read_only_fields = fields

    def get_discharge_next_step_due(self, case: Case) -> bool:
        return discharge_question_due(case)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, case: Case) -> list[str]:
        # The case page's rule (cases.selectors.available_actions): a move the user may not
        # make is not listed, so that a client shows the same choices as the page.
        user = self.context["request"].user
        return [move.action for move in available_actions(case, user)]


class CaseEventSerializer(OutputModelSerializer):
    actor = serializers.SerializerMethodField(help_text="Hvem / who")
    text = serializers.SerializerMethodField(
        help_text=(
            "Beskrivelsen på det aktive sprog (Accept-Language), dannet af code og values; som "
            "description, når hændelsen ingen kode har / the description in the active language"
        )
    )
    values = serializers.DictField(
        read_only=True,
        help_text=(
            "Værdierne til koden (id'er, ISO-datoer, enum-værdier) / the code's values (ids, ISO "
            "dates, enum values)"
        ),
    )

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
            "code",
            "values",
            "text",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "description": {"help_text": "Beskrivelsen, som den blev skrevet (dansk) / as written"},
            "code": {
                "help_text": (
                    "Beskrivelsens kode, fx case.decision_saved (tom for ældre hændelser) / the "
                    "description as a code (blank on older events)"
                )
            },
        }

    @extend_schema_field(serializers.CharField())
    def get_text(self, event: CaseEvent) -> str:
        return event_description(event)

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_actor(self, event: CaseEvent) -> dict[str, Any] | None:
        return person(event.actor)
