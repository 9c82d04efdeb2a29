"""Input serializers: what a client may send. Strict (unknown fields are a 400), every text
bounded, NUL bytes refused (DRF's CharField does that), dates and numbers range-checked here
so that nothing out of range reaches the database. The services check the domain rules.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases.lifecycle import ACTIONS
from cases.models import Case, CourseEndReason, LegalBasis, PartyKind, Substance, TreatmentRequest
from transitions.models import CheckIn, StatusNote
from treatment_options.models import Contact, EndReason

from .fields import LONG_TEXT, SHORT_TEXT, StrictSerializer, text_field

MAX_ID = 2**63 - 1
# PositiveIntegerField fits every backend up to 2**31 - 1.
MAX_VERSION = 2**31 - 1


def id_field(help_text: str, **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text, **kwargs)


def version_field(help_text: str, **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0, max_value=MAX_VERSION, help_text=help_text, **kwargs
    )


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
    inquiry_note = text_field(help_text="Henvendelsen / the inquiry")
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
    inquiry_note = text_field()
    regional_dual_diagnosis = serializers.BooleanField(required=False)


class CaseMoveInput(StrictSerializer):
    action = serializers.ChoiceField(
        choices=[(a, a) for a in ACTIONS],
        help_text="Handling fra livscyklustabellen / action from the lifecycle table",
    )
    note = text_field(help_text="Note, fx afslutningsårsag / note, e.g. why the case is closed")
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
    note = text_field(help_text="Anmodningen / the request")
    regional_dual_diagnosis = serializers.BooleanField(
        required=False, help_text="Regional dobbeltdiagnosebehandling (SUL § 82 c)"
    )
    version = version_field("Sagens version / the case's version", required=False)


class RequestUpdateInput(StrictSerializer):
    """The doctor's consultation of a drug request: offered, held or declined, with dates."""

    doctor_consultation_offered_on = serializers.DateField(required=False, allow_null=True)
    doctor_consultation_held_on = serializers.DateField(required=False, allow_null=True)
    doctor_consultation_declined_on = serializers.DateField(required=False, allow_null=True)


class AssessmentInput(StrictSerializer):
    version = version_field("Sagens version / the case's version")
    substance_use = text_field(help_text="Brug af rusmidler / use of substances")
    social = text_field(help_text="Sociale forhold, netværk og familie / social conditions")
    health = text_field(help_text="Fysisk og psykisk helbred / health")
    work = text_field(help_text="Arbejde og uddannelse / work and education")
    has_job = serializers.BooleanField(
        required=False, allow_null=True, help_text="Har et arbejde / has a job (null: not asked)"
    )
    housing = text_field(help_text="Bolig / housing")
    other = text_field(help_text="Andre relevante forhold / other")
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
    children_ages = text_field(100, help_text="Børnenes alder / the children's ages")


class DecisionInput(StrictSerializer):
    version = version_field("Sagens version / the case's version")
    decision_date = serializers.DateField(help_text="Afgørelsesdato / decision date")
    decision_result = serializers.ChoiceField(choices=Case.DecisionResult.choices)
    decision_text = text_field(required=True, help_text="Begrundelse / reasons")
    decision_complaint_guidance = serializers.BooleanField(
        help_text="Klagevejledning givet / complaint guidance given"
    )


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
    goals = text_field(help_text="Mål / goals")
    activities = text_field(help_text="Aktiviteter og faser / activities and phases")
    progress_follow_up = text_field(help_text="Sådan følges fremskridt / how progress is followed")
    assessment_link = text_field(
        help_text="Sammenhæng med afdækningen / link to the needs assessment"
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
    first_appointment_place = text_field(200)
    first_appointment_with = text_field(200)


class TransitionConfirmInput(StrictSerializer):
    situation = text_field(required=True, help_text="Borgerens situation / the citizen's situation")
    actions = text_field(required=True, help_text="Aftalte handlinger / agreed actions")
    contingency = text_field(required=True, help_text="Hvis det går galt / if things go wrong")
    early_reason = text_field(
        help_text="Begrundelse, når der bekræftes før udskrivningsugen (kræves da) / the reason, "
        "required when confirming before the planned discharge week"
    )


class PlanSectionInput(StrictSerializer):
    text = text_field(help_text="Afsnittets tekst / the section's text")
    version = version_field(
        "Den version teksten bygger på; er afsnittet gemt af en anden siden, svares 409 med "
        "den aktuelle tekst, og intet overskrives / the version the text is based on; a stale "
        "one gets 409 with the current text, overwriting nothing"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True


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
    # DRF (3.15+) hands max_length to the ListSerializer of many=True; the stubs lack it.
    actions = PlannedActionInput(many=True, required=False, max_length=50)  # type: ignore[call-arg]


class MeetingCreateInput(StrictSerializer):
    transition = id_field("Overgangens id / the transition's id")
    starts_at = serializers.DateTimeField(help_text="Tidspunkt / time")
    duration_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60, required=False)
    place = text_field(200)
    place_is_private = serializers.BooleanField(required=False)
    video_link = serializers.URLField(max_length=200, required=False, allow_blank=True)
    agenda = text_field()
    held = serializers.BooleanField(
        required=False,
        help_text=(
            "Afholdt: et møde i fortiden kan kun registreres som afholdt, med referat; et møde "
            "i fremtiden kan ikke / held: a meeting in the past can only be recorded as held, "
            "with minutes; one in the future cannot"
        ),
    )
    minutes = text_field(help_text="Referat / minutes")
    decisions = text_field(help_text="Beslutninger / decisions")


class MeetingUpdateInput(StrictSerializer):
    agenda = text_field()
    minutes = text_field(help_text="Referat / minutes")
    decisions = text_field(help_text="Beslutninger / decisions")
    held = serializers.BooleanField(
        required=False,
        help_text="Afholdt, når mødet er begyndt og har et referat / held, once the meeting "
        "has started and has minutes",
    )


class ParticipantInput(StrictSerializer):
    user = id_field("Intern deltager (bruger-id) / internal participant", required=False)
    name = text_field(200)
    organisation = text_field(200)
    party_kind = serializers.ChoiceField(choices=PartyKind.choices, required=False)
    consent = id_field("Samtykkets id / the consent's id", required=False, allow_null=True)
    use_rpl115 = serializers.BooleanField(
        required=False, help_text="Retsplejeloven § 115 (KSP/PSP) som grundlag / as the basis"
    )
    basis_note = text_field(SHORT_TEXT)
    necessity = text_field(
        help_text="Hvorfor videregivelsen er nødvendig; påkrævet med use_rpl115 / why the "
        "sharing is necessary; required with use_rpl115"
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
    text = text_field(500, required=True, allow_blank=False)
    due_on = serializers.DateField()
    owner = id_field("Ansvarlig bruger / owner", required=False, allow_null=True)
    owner_text = text_field(200)


class CheckInAnswerInput(StrictSerializer):
    answer = text_field(LONG_TEXT, required=True, help_text="Borgerens svar / the citizen's answer")
    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=CheckIn.Theme.choices),
        required=False,
        max_length=len(CheckIn.Theme.choices),
    )
    needs_follow_up = serializers.BooleanField(required=False)


# --- aftercare commitments (§5.2, §5.10) -------------------------------------------------


class CommitmentCreateInput(StrictSerializer):
    transition = id_field("Overgangens id / the transition's id")
    description = text_field(300, required=True, allow_blank=False)
    # n contacts per k weeks; without them they are read from the frequency text.
    frequency = text_field(100, required=False, allow_blank=True)
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
        2000,
        required=True,
        help_text="Begrundelse, altid påkrævet / reason, always required",
    )
    description = text_field(300, required=False, allow_blank=False)
    frequency = text_field(100, required=False, allow_blank=False)
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
    reason = text_field(1000, required=True, help_text="Begrundelse / reason")


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
    reason = text_field(500, required=True, allow_blank=False)
