"""Input for citizens, cases, requests, the assessment, the decision, deputies and caseload
moves."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases import text_limits
from cases.lifecycle import ACTIONS
from cases.models import (
    Case,
    CourseEndReason,
    CourseEndStatus,
    HousingSituation,
    LegalBasis,
    RouteOfUse,
    Substance,
    SubstitutionMedicine,
    TreatmentRequest,
)

from ..fields import StrictSerializer, text_field
from .common import L, id_field, version_field

# --- citizens -----------------------------------------------------------------------------


class CitizenInput(StrictSerializer):
    first_name = text_field(100, help_text="Fornavn / first name")
    last_name = text_field(100, help_text="Efternavn / last name")
    cpr = serializers.CharField(
        max_length=20,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="CPR-nummer (DDMMÅÅ-SSSS), valgfrit / CPR number, optional",
    )
    birth_date = serializers.DateField(
        required=False, allow_null=True, help_text="Fødselsdato / birth date"
    )
    is_anonymous = serializers.BooleanField(
        required=False, help_text="Anonym behandling (intet CPR) / anonymous treatment"
    )
    alias = text_field(100, help_text="Alias ved anonym behandling / alias when anonymous")
    address = text_field(200, help_text="Adresse / address")
    postal_code = text_field(4, help_text="Postnummer (4 cifre) / postal code")
    city = text_field(100, help_text="By / city")
    phone = text_field(30, help_text="Telefon / phone")
    email = serializers.EmailField(
        max_length=254, required=False, allow_blank=True, help_text="E-mail"
    )


# --- cases --------------------------------------------------------------------------------


class CaseCreateInput(StrictSerializer):
    citizen = id_field("Borgerens id / the citizen's id")
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices, help_text="Lovgrundlag")
    inquiry_date = serializers.DateField(
        help_text="Henvendelsesdato; garantien regnes herfra / inquiry date (guarantee start)"
    )
    team = id_field(
        "Kommunalt team; standard: brugerens eget / municipal team; default: the user's own",
        required=False,
    )
    caseworker = id_field(
        "Sagsbehandler; standard: brugeren selv, hvis sagsbehandler / caseworker",
        required=False,
        allow_null=True,
    )
    substances = serializers.ListField(
        child=serializers.ChoiceField(choices=Substance.choices),
        required=False,
        max_length=len(Substance.choices),
        help_text="Rusmidler / substances",
    )
    inquiry_note = text_field(L["cases.Case.inquiry_note"], help_text="Henvendelsen / the inquiry")
    regional_dual_diagnosis = serializers.BooleanField(
        required=False,
        help_text="Henvist til regional dobbeltdiagnosebehandling (SUL § 82 c) / dual diagnosis",
    )


class CaseUpdateInput(StrictSerializer):
    version = version_field(
        "Den version ændringen bygger på; en forældet giver 409 / the version the change is "
        "based on; a stale one gets 409"
    )
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices, required=False)
    inquiry_date = serializers.DateField(required=False)
    substances = serializers.ListField(
        child=serializers.ChoiceField(choices=Substance.choices),
        required=False,
        max_length=len(Substance.choices),
    )
    inquiry_note = text_field(L["cases.Case.inquiry_note"])
    regional_dual_diagnosis = serializers.BooleanField(required=False)


class CaseMoveInput(StrictSerializer):
    action = serializers.ChoiceField(
        choices=[(a, a) for a in ACTIONS],
        help_text="Handling fra livscyklustabellen / action from the lifecycle table",
    )
    note = text_field(
        text_limits.MOVE_NOTE,
        help_text="Note, fx afslutningsårsag / note, e.g. why the case is closed",
    )
    version = version_field("Sagens version / the case's version", required=False)
    course_ended_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=(
            "Ved afslutning: forløbets slutdato (ikke i fremtiden, ikke før sidste forløbs "
            "slutdato; tom: sidste forløbs slutdato) / when closing: the course's end date"
        ),
    )
    course_end_reason = serializers.ChoiceField(
        choices=CourseEndReason.choices,
        required=False,
        allow_blank=True,
        help_text="Ved afslutning: forløbets afslutningsårsag / the course's end reason",
    )
    course_end_status = serializers.ChoiceField(
        choices=CourseEndStatus.choices,
        required=False,
        allow_blank=True,
        help_text="Ved afslutning: forbrug ved afslutningen / when closing: use at the end",
    )


class RequestCreateInput(StrictSerializer):
    case = id_field("Sagens id / the case's id")
    kind = serializers.ChoiceField(
        choices=[
            (TreatmentRequest.Kind.RENEWED.value, "renewed"),
            (TreatmentRequest.Kind.COMBINATION.value, "combination"),
        ],
        help_text=(
            "renewed: fornyet behandling under behandling/efterbehandling; combination: et andet "
            "lovgrundlag i samme forløb / renewed treatment, or combination treatment"
        ),
    )
    legal_basis = serializers.ChoiceField(
        choices=LegalBasis.choices,
        help_text="Lovgrundlag; BL33 efter 18-årsdagen bliver SEL101 / BL33 after 18: SEL101",
    )
    requested_on = serializers.DateField(help_text="Anmodningsdato; fristen regnes herfra")
    note = text_field(L["cases.TreatmentRequest.note"], help_text="Anmodningen / the request")
    regional_dual_diagnosis = serializers.BooleanField(
        required=False, help_text="Regional dobbeltdiagnosebehandling (SUL § 82 c)"
    )
    version = version_field("Sagens version / the case's version", required=False)


class RequestUpdateInput(StrictSerializer):
    """The doctor's consultation of a drug request: offered, held or declined, with dates."""

    doctor_consultation_offered_on = serializers.DateField(required=False, allow_null=True)
    doctor_consultation_held_on = serializers.DateField(required=False, allow_null=True)
    doctor_consultation_declined_on = serializers.DateField(required=False, allow_null=True)


def _choice(choices: list[tuple[str, Any]], help_text: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, help_text=help_text
    )


class EnrolmentInput(StrictSerializer):
    """The enrolment content the registers ask for (docs/registers.md §4.2), part of the needs
    assessment; blank: not asked yet."""

    primary_substance = _choice(
        Substance.choices,
        "Primært rusmiddel (et af sagens) / primary substance (one of the case's)",
    )
    route_of_use = _choice(RouteOfUse.choices, "Indtagelsesmåde / route of use")
    housing_situation = _choice(HousingSituation.choices, "Boligsituation / housing")
    substitution_medicine = _choice(
        SubstitutionMedicine.choices,
        "Substitutionsmedicin (ikke ved alkohol) / substitution medicine (not for alcohol)",
    )


ENROLMENT_FIELDS = tuple(EnrolmentInput().fields)


class AssessmentInput(EnrolmentInput):
    version = version_field("Sagens version / the case's version")
    substance_use = text_field(
        L["cases.Case.assessment_substance_use"], help_text="Brug af rusmidler / use of substances"
    )
    social = text_field(
        L["cases.Case.assessment_social"],
        help_text="Sociale forhold, netværk og familie / social conditions",
    )
    health = text_field(
        L["cases.Case.assessment_health"], help_text="Fysisk og psykisk helbred / health"
    )
    work = text_field(
        L["cases.Case.assessment_work"], help_text="Arbejde og uddannelse / work and education"
    )
    has_job = serializers.BooleanField(
        required=False, allow_null=True, help_text="Har et arbejde / has a job (null: not asked)"
    )
    housing = text_field(L["cases.Case.assessment_housing"], help_text="Bolig / housing")
    other = text_field(
        L["cases.Case.assessment_other"], help_text="Andre relevante forhold / other"
    )
    completed_on = serializers.DateField(required=False, allow_null=True)
    doctor_consultation_on = serializers.DateField(required=False, allow_null=True)
    children_in_home = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=20,
        help_text="Børn under 18 i hjemmet (tom: ikke oplyst) / children under 18 in the home "
        "(null: not asked)",
    )
    children_ages = text_field(
        L["cases.Case.children_ages"], help_text="Børnenes alder / the children's ages"
    )


class DecisionInput(StrictSerializer):
    version = version_field("Sagens version / the case's version")
    decision_date = serializers.DateField(help_text="Afgørelsesdato / decision date")
    decision_result = serializers.ChoiceField(choices=Case.DecisionResult.choices)
    decision_text = text_field(
        L["cases.Case.decision_text"], required=True, help_text="Begrundelse / reasons"
    )
    decision_complaint_guidance = serializers.BooleanField(
        help_text="Klagevejledning givet / complaint guidance given"
    )


class DeputyshipInput(StrictSerializer):
    deputy = id_field("Stedfortræderen (bruger-id) / the deputy (user id)")
    starts_on = serializers.DateField(help_text="Fra / from")
    ends_on = serializers.DateField(help_text="Til og med / to, included")


class CaseloadMoveInput(StrictSerializer):
    from_caseworker = id_field("Sagsbehandleren, der stopper / the leaving caseworker")
    to_caseworkers = serializers.ListField(
        child=id_field("Sagsbehandler / caseworker"),
        min_length=1,
        max_length=50,
        help_text="Én overtager alle, flere får dem på skift / one takes all, several in turn",
    )
    reason = text_field(text_limits.CASELOAD_MOVE_REASON, required=True, allow_blank=False)
