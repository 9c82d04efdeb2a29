"""Input for the handover: the transition, plan sections, status notes, meetings, check-ins
and aftercare commitments."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases import text_limits
from cases.models import PartyKind
from transitions.models import CheckIn, StatusNote

from ..fields import StrictSerializer, text_field
from .common import L, id_field, version_field

# --- transitions --------------------------------------------------------------------------


class TransitionUpdateInput(StrictSerializer):
    outpatient_therapist = id_field(
        "Ambulant behandler (bruger-id) / outpatient therapist", required=False, allow_null=True
    )
    outpatient_episode = id_field(
        "Ambulant forløb / outpatient episode", required=False, allow_null=True
    )
    planned_discharge_on = serializers.DateField(required=False, allow_null=True)
    first_appointment_at = serializers.DateTimeField(required=False, allow_null=True)
    first_appointment_place = text_field(L["transitions.Transition.first_appointment_place"])
    first_appointment_with = text_field(L["transitions.Transition.first_appointment_with"])


class TransitionConfirmInput(StrictSerializer):
    situation = text_field(
        L["transitions.Transition.receiver_situation"],
        required=True,
        help_text="Borgerens situation / the citizen's situation",
    )
    actions = text_field(
        L["transitions.Transition.receiver_actions"],
        required=True,
        help_text="Aftalte handlinger / agreed actions",
    )
    contingency = text_field(
        L["transitions.Transition.receiver_contingency"],
        required=True,
        help_text="Hvis det går galt / if things go wrong",
    )
    early_reason = text_field(
        text_limits.CONFIRM_EARLY_REASON,
        help_text="Begrundelse, når der bekræftes før udskrivningsugen (kræves da) / the reason, "
        "required when confirming before the planned discharge week",
    )


class PlanSectionInput(StrictSerializer):
    text = text_field(
        L["transitions.PlanSection.text"], help_text="Afsnittets tekst / the section's text"
    )
    version = version_field(
        "Den version teksten bygger på; er afsnittet gemt af en anden siden, svares 409 med "
        "den aktuelle tekst, og intet overskrives / the version the text is based on; a stale "
        "one gets 409 with the current text, overwriting nothing"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True


class PlannedActionInput(StrictSerializer):
    text = text_field(L["transitions.ActionItem.text"], required=True, allow_blank=False)
    due_on = serializers.DateField()
    owner = id_field("Ansvarlig bruger / owner", required=False, allow_null=True)
    owner_text = text_field(
        L["transitions.ActionItem.owner_text"], help_text="Ansvarlig (ekstern) / owner (external)"
    )


class StatusNoteInput(StrictSerializer):
    transition = id_field("Overgangens id / the transition's id")
    kind = serializers.ChoiceField(choices=StatusNote.Kind.choices)
    body = text_field(L["transitions.StatusNote.body"])
    severity = serializers.ChoiceField(
        choices=StatusNote.Severity.choices, required=False, allow_blank=True
    )
    summary = text_field(L["transitions.StatusNote.summary"])
    risks = text_field(L["transitions.StatusNote.risks"])
    contingency = text_field(L["transitions.StatusNote.contingency"])
    overdose_risk = text_field(L["transitions.StatusNote.overdose_risk"])
    # Overdose safety (§5.11): asked of a drug case's before-discharge note only; other notes
    # keep none of it.
    naloxone = serializers.ChoiceField(
        choices=StatusNote.Naloxone.choices,
        required=False,
        allow_blank=True,
        help_text="Naloxon: yes = tilbudt og udleveret, no = ikke tilbudt/udleveret, declined = "
        "tilbudt, borgeren takkede nej / naloxone: yes = offered and handed out, no = not "
        "offered or handed out, declined = offered, declined by the citizen",
    )
    tolerance_talk = serializers.BooleanField(
        required=False,
        help_text="Samtalen om lavere tolerance er holdt / the talk about lowered tolerance held",
    )
    first_72h_who = text_field(
        L["transitions.StatusNote.first_72h_who"],
        help_text="De første 72 timer: hvem kontakter borgeren / who contacts the citizen",
    )
    first_72h_when = text_field(
        L["transitions.StatusNote.first_72h_when"], help_text="De første 72 timer: hvornår / when"
    )
    first_72h_unreachable = text_field(
        L["transitions.StatusNote.first_72h_unreachable"],
        help_text="Hvis borgeren ikke kan træffes / what happens if they cannot be reached",
    )
    # DRF (3.15+) hands max_length to the ListSerializer of many=True; the stubs lack it.
    actions = PlannedActionInput(many=True, required=False, max_length=50)  # type: ignore[call-arg]


class MeetingCreateInput(StrictSerializer):
    transition = id_field("Overgangens id / the transition's id")
    starts_at = serializers.DateTimeField(help_text="Tidspunkt / time")
    duration_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60, required=False)
    place = text_field(L["transitions.StatusMeeting.place"])
    place_is_private = serializers.BooleanField(required=False)
    video_link = serializers.URLField(max_length=200, required=False, allow_blank=True)
    agenda = text_field(L["transitions.StatusMeeting.agenda"])
    held = serializers.BooleanField(
        required=False,
        help_text=(
            "Afholdt: et møde i fortiden kan kun registreres som afholdt, med referat; et møde "
            "i fremtiden kan ikke / held: a meeting in the past can only be recorded as held, "
            "with minutes; one in the future cannot"
        ),
    )
    minutes = text_field(L["transitions.StatusMeeting.minutes"], help_text="Referat / minutes")
    decisions = text_field(
        L["transitions.StatusMeeting.decisions"], help_text="Beslutninger / decisions"
    )


class MeetingUpdateInput(StrictSerializer):
    agenda = text_field(L["transitions.StatusMeeting.agenda"])
    minutes = text_field(L["transitions.StatusMeeting.minutes"], help_text="Referat / minutes")
    decisions = text_field(
        L["transitions.StatusMeeting.decisions"], help_text="Beslutninger / decisions"
    )
    held = serializers.BooleanField(
        required=False,
        help_text="Afholdt, når mødet er begyndt og har et referat / held, once the meeting "
        "has started and has minutes",
    )


class ParticipantInput(StrictSerializer):
    user = id_field("Intern deltager (bruger-id) / internal participant", required=False)
    name = text_field(L["transitions.Participant.name"])
    organisation = text_field(L["transitions.Participant.organisation"])
    party_kind = serializers.ChoiceField(choices=PartyKind.choices, required=False)
    consent = id_field("Samtykkets id / the consent's id", required=False, allow_null=True)
    use_rpl115 = serializers.BooleanField(
        required=False, help_text="Retsplejeloven § 115 (KSP/PSP) som grundlag / as the basis"
    )
    basis_note = text_field(L["transitions.Participant.basis_note"])
    necessity = text_field(
        L["transitions.Participant.necessity"],
        help_text="Hvorfor videregivelsen er nødvendig; påkrævet med use_rpl115 / why the "
        "sharing is necessary; required with use_rpl115",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "user" in attrs and any(
            key in attrs for key in ("name", "organisation", "party_kind", "consent", "use_rpl115")
        ):
            raise serializers.ValidationError(
                "Angiv enten en intern deltager (user) eller en ekstern (party_kind). / "
                "Give either an internal (user) or an external participant (party_kind)."
            )
        if "user" not in attrs and "party_kind" not in attrs:
            raise serializers.ValidationError(
                {"party_kind": ["Angiv parten for en ekstern deltager. / Party required."]}
            )
        return attrs


class ActionItemInput(StrictSerializer):
    text = text_field(L["transitions.ActionItem.text"], required=True, allow_blank=False)
    due_on = serializers.DateField()
    owner = id_field("Ansvarlig bruger / owner", required=False, allow_null=True)
    owner_text = text_field(L["transitions.ActionItem.owner_text"])


class CheckInAnswerInput(StrictSerializer):
    answer = text_field(
        L["transitions.CheckIn.answer"],
        required=True,
        help_text="Borgerens svar / the citizen's answer",
    )
    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=CheckIn.Theme.choices),
        required=False,
        max_length=len(CheckIn.Theme.choices),
    )
    needs_follow_up = serializers.BooleanField(required=False)


# --- aftercare commitments (§5.2, §5.10) -------------------------------------------------


class CommitmentCreateInput(StrictSerializer):
    transition = id_field("Overgangens id / the transition's id")
    description = text_field(
        L["transitions.AftercareCommitment.description"], required=True, allow_blank=False
    )
    # n contacts per k weeks; without them they are read from the frequency text.
    frequency = text_field(
        L["transitions.AftercareCommitment.frequency"], required=False, allow_blank=True
    )
    contacts_per_period = serializers.IntegerField(
        min_value=1, max_value=100, required=False, help_text="Antal kontakter (n) / contacts (n)"
    )
    period_weeks = serializers.IntegerField(
        min_value=1, max_value=52, required=False, help_text="Pr. antal uger (k) / per weeks (k)"
    )
    starts_on = serializers.DateField(help_text="Start / start")
    responsible = id_field(
        "Ansvarlig (bruger-id); tom: den ambulante behandler / responsible user; empty: the "
        "outpatient therapist",
        required=False,
        allow_null=True,
    )
    offer = id_field("Tilbud / offer", required=False, allow_null=True)


class CommitmentChangeInput(StrictSerializer):
    kind = serializers.ChoiceField(
        choices=[("changed", "changed"), ("reduced", "reduced"), ("cancelled", "cancelled")],
        required=False,
        help_text="Ændret, reduceret eller annulleret / changed, reduced or cancelled",
    )
    reason = text_field(
        L["transitions.CommitmentChange.reason"],
        required=True,
        help_text="Begrundelse, altid påkrævet / reason, always required",
    )
    description = text_field(
        L["transitions.AftercareCommitment.description"], required=False, allow_blank=False
    )
    frequency = text_field(
        L["transitions.AftercareCommitment.frequency"], required=False, allow_blank=False
    )
    contacts_per_period = serializers.IntegerField(
        min_value=1, max_value=100, required=False, help_text="Antal kontakter (n) / contacts (n)"
    )
    period_weeks = serializers.IntegerField(
        min_value=1, max_value=52, required=False, help_text="Pr. antal uger (k) / per weeks (k)"
    )
    starts_on = serializers.DateField(required=False)
    responsible = id_field("Ansvarlig (bruger-id) / responsible user", required=False)


class CheckInScheduleInput(StrictSerializer):
    weeks = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=104),
        max_length=30,
        help_text="Uger efter udskrivning / weeks after discharge",
    )
    reason = text_field(
        text_limits.CHECKIN_SCHEDULE_REASON, required=True, help_text="Begrundelse / reason"
    )
