"""Input for episodes, treatment plans and contacts."""

from __future__ import annotations

from rest_framework import serializers

from treatment_options.models import Contact, EndReason

from ..fields import StrictSerializer, text_field
from .common import MAX_VERSION, L, id_field

# --- episodes -----------------------------------------------------------------------------


class EpisodeReferInput(StrictSerializer):
    case = id_field("Sagens id / the case's id")
    offer = id_field("Tilbuddets id / the offer's id")
    referral_date = serializers.DateField(help_text="Henvisningsdato / referral date")
    planned_start = serializers.DateField(required=False, allow_null=True)
    free_choice = serializers.BooleanField(
        required=False,
        help_text=(
            "Frit valg af et tilbud af samme behandlingstype som det visiterede (SEL § 101, "
            "stk. 5-6) / free choice of an offer of the visited treatment type"
        ),
    )
    free_choice_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Dato for det frie valg; tom: henvisningsdatoen / date of the free choice",
    )
    request = id_field(
        "Anmodningens id; tom: sagens seneste / the request's id; default: the case's latest",
        required=False,
        allow_null=True,
    )


class EpisodeStartInput(StrictSerializer):
    actual_start = serializers.DateField(help_text="Faktisk start / actual start")


class TreatmentPlanInput(StrictSerializer):
    based_on = serializers.IntegerField(
        min_value=0,
        max_value=MAX_VERSION,
        help_text="Versionen du har læst (0: ingen plan) / the version read (0: no plan)",
    )
    made_on = serializers.DateField(help_text="Udarbejdet / made on")
    goals = text_field(L["treatment_options.TreatmentPlanVersion.goals"], help_text="Mål / goals")
    activities = text_field(
        L["treatment_options.TreatmentPlanVersion.activities"],
        help_text="Aktiviteter og faser / activities and phases",
    )
    progress_follow_up = text_field(
        L["treatment_options.TreatmentPlanVersion.progress_follow_up"],
        help_text="Sådan følges fremskridt / how progress is followed",
    )
    assessment_link = text_field(
        L["treatment_options.TreatmentPlanVersion.assessment_link"],
        help_text="Sammenhæng med afdækningen / link to the needs assessment",
    )


class EpisodeEndInput(StrictSerializer):
    actual_end = serializers.DateField(help_text="Faktisk afslutning / actual end")
    end_reason = serializers.ChoiceField(
        choices=EndReason.choices, help_text="Afslutningsårsag / end reason"
    )


class ContactCreateInput(StrictSerializer):
    episode = id_field("Forløbets id / the episode's id")
    at = serializers.DateTimeField(help_text="Tidspunkt / when")
    kind = serializers.ChoiceField(choices=Contact.Kind.choices, help_text="Kontaktform / kind")
    outcome = serializers.ChoiceField(choices=Contact.Outcome.choices, help_text="Udfald / outcome")
    is_planned = serializers.BooleanField(
        required=False, default=True, help_text="Planlagt / planned"
    )
    commitment = id_field(
        "Den aftalte indsats, kontakten leverer / the commitment it delivers",
        required=False,
        allow_null=True,
    )


class ContactUpdateInput(StrictSerializer):
    at = serializers.DateTimeField(required=False, help_text="Tidspunkt / when")
    kind = serializers.ChoiceField(
        choices=Contact.Kind.choices, required=False, help_text="Kontaktform / kind"
    )
    outcome = serializers.ChoiceField(
        choices=Contact.Outcome.choices, required=False, help_text="Udfald / outcome"
    )
    is_planned = serializers.BooleanField(required=False, help_text="Planlagt / planned")
    commitment = id_field(
        "Den aftalte indsats (null: ingen) / the commitment it delivers (null: none)",
        required=False,
        allow_null=True,
    )
