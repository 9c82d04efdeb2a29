"""Input serializers of the status notes (DESIGN §5.3, §5.8, §5.11): what a client may send to
write one. Strict and bounded like api.inputs; the services check the domain rules (for a drug
case's before-discharge note: the overdose risk and the overdose safety)."""

from __future__ import annotations

from rest_framework import serializers

from transitions.models import StatusNote

from .fields import StrictSerializer, text_field
from .inputs import id_field


class PlannedActionInput(StrictSerializer):
    text = text_field(500, required=True, allow_blank=False)
    due_on = serializers.DateField()
    owner = id_field("Ansvarlig bruger / owner", required=False, allow_null=True)
    owner_text = text_field(200, help_text="Ansvarlig (ekstern) / owner (external)")


class StatusNoteInput(StrictSerializer):
    transition = id_field("Overgangens id / the transition's id")
    kind = serializers.ChoiceField(choices=StatusNote.Kind.choices)
    body = text_field()
    severity = serializers.ChoiceField(
        choices=StatusNote.Severity.choices, required=False, allow_blank=True
    )
    summary = text_field()
    risks = text_field()
    contingency = text_field()
    overdose_risk = text_field()
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
        300, help_text="De første 72 timer: hvem kontakter borgeren / who contacts the citizen"
    )
    first_72h_when = text_field(300, help_text="De første 72 timer: hvornår / when")
    first_72h_unreachable = text_field(
        help_text="Hvis borgeren ikke kan træffes / what happens if they cannot be reached"
    )
    # DRF (3.15+) hands max_length to the ListSerializer of many=True; the stubs lack it.
    actions = PlannedActionInput(many=True, required=False, max_length=50)  # type: ignore[call-arg]
