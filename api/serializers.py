"""Output serializers of the API (what a client reads). Writes have their own strict input
serializers in api/inputs.py and go through the apps' services.

Descriptions are in Danish and English ("dansk / English"), as the schema is read by both.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import lifecycle
from cases.cpr import mask_cpr
from cases.guarantee import GuaranteeStatus
from cases.models import Case, CaseEvent, Citizen
from notifications.models import Notification
from transitions.models import (
    ActionItem,
    CheckIn,
    Participant,
    PlanSection,
    PlanSectionVersion,
    StatusMeeting,
    StatusNote,
    Transition,
)
from treatment_options.models import Episode


class OutputModelSerializer(serializers.ModelSerializer):
    """A read-only model serializer whose schema says what it really returns: DRF drops
    `allow_blank` from read-only fields, so a choice that may be empty ("" for "not set")
    would be documented as never empty."""

    def include_extra_kwargs(self, kwargs: dict[str, Any], extra_kwargs: dict[str, Any]) -> Any:
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank:
            kwargs["allow_blank"] = True
        return kwargs


def _today(context: dict[str, Any]) -> date:
    today = context.get("today")
    return today if today is not None else timezone.localdate()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Brugerens id / the user's id")
    name = serializers.CharField(help_text="Fulde navn / full name")


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Enhedens id / the unit's id")
    name = serializers.CharField(help_text="Enhedens navn / the unit's name")


def person(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def unit_ref(unit: Any) -> dict[str, Any] | None:
    return None if unit is None else {"id": unit.pk, "name": unit.name}


class CprMixin:
    """CPR masked (DDMMYY-XXXX) unless the request asked for ?cpr=full and the user may see the
    full number: a caseworker with change rights on one of the citizen's cases. The view puts
    the ids of such citizens into the context as `full_cpr_citizen_ids`."""

    context: dict[str, Any]

    def cpr_for(self, citizen: Citizen) -> str | None:
        if citizen.cpr is None:
            return None
        if citizen.pk in self.context.get("full_cpr_citizen_ids", ()):
            return citizen.cpr
        return mask_cpr(citizen.cpr)


class CitizenSummarySerializer(CprMixin, OutputModelSerializer):
    """The citizen as shown on a case."""

    display_name = serializers.CharField(
        read_only=True, help_text="Navn, eller alias ved anonym behandling / name or alias"
    )
    cpr = serializers.SerializerMethodField(
        help_text=(
            "CPR-nummer, maskeret (DDMMÅÅ-XXXX) medmindre ?cpr=full og brugeren må se det / "
            "CPR number, masked unless ?cpr=full and the user may see it"
        )
    )

    class Meta:
        model = Citizen
        fields = ["id", "display_name", "is_anonymous", "cpr", "birth_date"]

    def get_cpr(self, citizen: Citizen) -> str | None:
        return self.cpr_for(citizen)


class CitizenSerializer(CitizenSummarySerializer):
    class Meta:
        model = Citizen
        fields = [
            "id",
            "display_name",
            "first_name",
            "last_name",
            "is_anonymous",
            "alias",
            "cpr",
            "birth_date",
            "address",
            "postal_code",
            "city",
            "phone",
            "email",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


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
    }


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
    allowed_actions = serializers.SerializerMethodField(
        help_text=(
            "Livscyklus-handlinger sagens status tillader (POST /cases/{id}/transition/) / "
            "lifecycle actions the case's status allows"
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
            "assessment_housing",
            "assessment_other",
            "assessment_completed_on",
            "decision_date",
            "decision_result",
            "decision_text",
            "decision_complaint_guidance",
            "doctor_consultation_on",
            "action_plan_offered_on",
            "action_plan_accepted",
            "guarantee_deadline",
            "free_choice",
            "closed_on",
            "closed_reason",
            "allowed_actions",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, case: Case) -> list[str]:
        return [move.action for move in lifecycle.allowed_actions(case.status)]


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


class EpisodeSerializer(OutputModelSerializer):
    offer_name = serializers.CharField(source="offer.name", read_only=True)
    provider_name = serializers.CharField(source="offer.provider.name", read_only=True)
    treatment_type = serializers.CharField(source="offer.treatment_type", read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Episode
        fields = [
            "id",
            "case",
            "offer",
            "offer_name",
            "provider_name",
            "treatment_type",
            "referral_date",
            "planned_start",
            "actual_start",
            "planned_end",
            "actual_end",
            "end_reason",
            "free_choice",
            "treatment_plan_on",
            "is_open",
            "version",
            "created_at",
        ]
        read_only_fields = fields


class PlanSectionSerializer(OutputModelSerializer):
    title = serializers.CharField(source="get_key_display", read_only=True)
    updated_by = serializers.SerializerMethodField()

    class Meta:
        model = PlanSection
        fields = ["key", "title", "text", "version", "updated_by", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_updated_by(self, section: PlanSection) -> dict[str, Any] | None:
        return person(section.updated_by)


class PlanSectionVersionSerializer(OutputModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = PlanSectionVersion
        fields = ["number", "text", "based_on", "is_merge", "author", "created_at"]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_author(self, version: PlanSectionVersion) -> dict[str, Any] | None:
        return person(version.author)


class PlanSectionConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    current = PlanSectionSerializer(
        help_text="Afsnittet som det er gemt nu / the section as stored"
    )


class TransitionSerializer(OutputModelSerializer):
    residential_therapist = serializers.SerializerMethodField()
    outpatient_therapist = serializers.SerializerMethodField()
    gap_days = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Dage fra udskrivning til første ambulante kontakt / days from discharge to "
        "first outpatient contact",
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

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_residential_therapist(self, t: Transition) -> dict[str, Any] | None:
        return person(t.residential_therapist)

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_outpatient_therapist(self, t: Transition) -> dict[str, Any] | None:
        return person(t.outpatient_therapist)


class StatusNoteSerializer(OutputModelSerializer):
    author = serializers.SerializerMethodField()
    acknowledged_by = serializers.SerializerMethodField(
        help_text="Hvem har kvitteret for at have læst / who acknowledged reading"
    )

    class Meta:
        model = StatusNote
        fields = [
            "id",
            "transition",
            "kind",
            "body",
            "severity",
            "summary",
            "risks",
            "contingency",
            "overdose_risk",
            "author",
            "written_at",
            "acknowledged_by",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer)
    def get_author(self, note: StatusNote) -> dict[str, Any] | None:
        return person(note.author)

    @extend_schema_field(PersonSerializer(many=True))
    def get_acknowledged_by(self, note: StatusNote) -> list[dict[str, Any] | None]:
        return [person(ack.user) for ack in note.acknowledgements.all()]


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
            "transition",
            "meeting",
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


class NotificationSerializer(OutputModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "rule", "case", "message", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="Antal markeret læst / number marked read")
