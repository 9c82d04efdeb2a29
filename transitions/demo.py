"""Demo data for the handover: transitions at different stages (called by the lead's seed_demo).

Everything goes through the services, as a user would do it, so the demo shows real
timelines, versions, notifications and access grants. Dates are relative to today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.access import case_access_sync, may_change_episode
from cases.models import Case, Consent
from treatment_options.models import Episode, Offer, TreatmentType
from treatment_options.services import episode_end, episode_refer, episode_start

from . import services
from .models import AftercareCommitment, CheckIn, PlanSection, StatusNote, Transition

PLAN_TEXTS = {
    "learned": "At jeg drikker/tager stoffer, når jeg keder mig og er alene om aftenen. "
    "Jeg vil blive ved med at gå til gruppen og ringe til nogen, før det bliver for svært.",
    "goals": "Være stoffri i et år. Tilbage på arbejde på nedsat tid fra efteråret.",
    "network": "Søster i Aarhus, kontakt hver uge. Har mistet de fleste venner fra miljøet; "
    "vil starte i NA-gruppe tirsdag aften.",
    "daily": "Fast døgnrytme: op kl. 7, gåtur, frivillig i genbrugsbutikken to dage om ugen.",
    "work": "Ansat som lagermedarbejder; arbejdsgiveren er positiv over for gradvis tilbagevenden.",
    "housing": "Egen lejlighed; huslejerestance afdrages via aftale med boligselskabet.",
    "health": "Søvnproblemer; egen læge følger op. Ingen psykiatrisk diagnose.",
    "legal": "Betinget dom med vilkår om behandling; tilsyn hos Kriminalforsorgen.",
    "finances": "Gæld til inkasso; budget lagt med økonomisk rådgiver.",
    "relapse": "Tegn: trækker sig, aflyser aftaler, sover dårligt. Så: ring til den ambulante "
    "behandler samme dag; søster kontaktes efter aftale.",
}

CHECKIN_ANSWERS = [
    ("At være alene i weekenderne.", ["network", "relapse"], True),
    ("Om jeg kan klare arbejdet igen.", ["work"], False),
    ("Pengene rækker ikke til sidst på måneden.", ["finances", "housing"], False),
    ("Det går bedre; mest usikker på min søvn.", ["health"], False),
]


def _residential_episode(case: Case) -> Episode | None:
    return (
        Episode.objects.filter(
            case=case, offer__treatment_type=TreatmentType.RESIDENTIAL, actual_start__isnull=False
        )
        .select_related("offer__provider")
        .order_by("-actual_start")
        .first()
    )


def _fill_plan(transition: Transition, authors: Sequence[User], keys: Sequence[str]) -> None:
    for i, key in enumerate(keys):
        section = PlanSection.objects.get(transition=transition, key=key)
        services.plan_section_save(
            actor=authors[i % len(authors)],
            section=section,
            text=PLAN_TEXTS[key],
            based_on_version=section.version,
        )
    # One section edited twice, so its history has something to compare.
    section = PlanSection.objects.get(transition=transition, key=keys[0])
    services.plan_section_save(
        actor=authors[-1],
        section=section,
        text=section.text + " Aftalt med borgeren ved samtalen.",
        based_on_version=section.version,
    )


def _name_receiver(
    transition: Transition, caseworker: User, outpatient: User, today: dt.date
) -> Transition:
    discharge = transition.planned_discharge_on or today + dt.timedelta(weeks=2)
    first = timezone.make_aware(dt.datetime.combine(discharge + dt.timedelta(days=3), dt.time(10)))
    return services.transition_update(
        transition=transition,
        actor=caseworker,
        changes=services.TransitionChanges(
            outpatient_therapist=outpatient,
            outpatient_episode=transition.outpatient_episode,
            planned_discharge_on=discharge,
            first_appointment_at=first,
            first_appointment_place="Rusmiddelcentret, samtalerum 2",
            first_appointment_with=outpatient.get_full_name(),
        ),
    )


def _before_discharge_note(
    transition: Transition, author: User, outpatient: User, today: dt.date
) -> StatusNote:
    return services.status_note_create(
        transition=transition,
        actor=author,
        kind=StatusNote.Kind.BEFORE_DISCHARGE,
        severity=StatusNote.Severity.WATCH,
        summary="Stabil gennem forløbet; arbejder aktivt med tilbagefaldsplanen. Ensomhed i "
        "weekenderne er den største risiko.",
        risks="Tilbagefald ved ensomhed og økonomisk pres sidst på måneden.",
        contingency="Borgeren ringer til den ambulante behandler samme dag. Uden for åbningstid: "
        "akuttelefonen. Søsteren må kontaktes.",
        overdose_risk="Tolerancen er faldet efter døgnopholdet. Naloxon udleveret og instruktion "
        "givet; borgeren ved, at en normal dosis kan være livsfarlig nu.",
        # Overdose safety (§5.11): kept by the service for drug cases only.
        naloxone=StatusNote.Naloxone.YES,
        tolerance_talk=True,
        first_72h_who=f"{outpatient.get_full_name()}, ambulant behandler",
        first_72h_when="Dagen efter udskrivning kl. 10 (telefon) og igen på tredjedagen",
        first_72h_unreachable="Ring til søsteren (samtykke givet). Er borgeren stadig ikke "
        "truffet samme dag: opsøgende besøg på bopælen, og sagsbehandleren orienteres.",
        actions=[
            services.PlannedAction(
                text="Første samtale i ambulant regi",
                owner=outpatient,
                due_on=today + dt.timedelta(days=7),
            ),
            services.PlannedAction(
                text="Ansøgning om bostøtte",
                owner_text="Socialrådgiver, Jobcenter",
                due_on=today + dt.timedelta(days=21),
            ),
        ],
    )


def _employer_meeting(
    transition: Transition, author: User, caseworker: User, starts_at: dt.datetime, held: bool
) -> None:
    case = transition.case
    consent = (
        Consent.objects.filter(case=case, party_kind="employer", withdrawn_on__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if consent is None:
        consent = Consent(
            case=case,
            party_kind="employer",
            party_name="Lagerhuset A/S",
            information_kinds=["meetings", "plan", "work_agreement"],
            purpose="Gradvis tilbagevenden til arbejdet efter døgnbehandling",
            form=Consent.Form.WRITTEN,
            valid_from=timezone.localdate() - dt.timedelta(days=30),
            valid_to=timezone.localdate() + dt.timedelta(days=180),
            recorded_by=caseworker,
        )
        consent.full_clean()
        consent.save()
    meeting = services.meeting_create(
        transition=transition,
        actor=author,
        starts_at=starts_at,
        place="Sydgården, mødelokalet",
        agenda="1. Status\n2. Plan for tilbagevenden til arbejdet\n3. Aftaler",
        # A meeting in the past is recorded as held, with its minutes (DESIGN §5.13).
        held=held,
        minutes="Arbejdsgiveren er positiv. Start med 15 timer om ugen." if held else "",
        decisions="Opstart på nedsat tid efter udskrivning." if held else "",
    )
    services.meeting_participant_add_internal(meeting=meeting, actor=author, user=caseworker)
    services.meeting_participant_add_external(
        meeting=meeting,
        actor=author,
        name="Mette Lund",
        organisation=consent.party_name,
        party_kind="employer",
        consent=consent,
    )
    services.action_item_create(
        transition=transition,
        actor=author,
        meeting=meeting,
        text="Plan for nedsat tid de første fire uger",
        owner_text=consent.party_name,
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )


def _work_agreement(transition: Transition, caseworker: User, today: dt.date) -> None:
    """The work agreement, under the employer's written consent (DESIGN §5.12)."""
    services.work_agreement_save(
        transition=transition,
        actor=caseworker,
        based_on_version=0,
        work_functions="Lagermedarbejder: plukning og pakning, truckkørsel. Dagvagt.",
        accommodations="15 timer om ugen de første fire uger, ingen nattevagter, fri til "
        "ambulante samtaler tirsdag formiddag.",
        starts_on=(transition.planned_discharge_on or today) + dt.timedelta(days=14),
        contact_name="Mette Lund",
        contact_phone="20 30 40 50",
        contact_email="mette.lund@lagerhuset.example",
    )


def _probation_meeting(transition: Transition, author: User, starts_at: dt.datetime) -> None:
    meeting = services.meeting_create(
        transition=transition,
        actor=author,
        starts_at=starts_at,
        video_link="https://video.example.dk/statusmoede",
        agenda="Vilkår om behandling og tilsyn efter udskrivning",
        held=True,
        minutes="Tilsynet fortsætter; behandlingsvilkåret opfyldes af det ambulante forløb.",
        decisions="Kriminalforsorgen orienteres ved udeblivelse.",
    )
    services.meeting_participant_add_external(
        meeting=meeting,
        actor=author,
        name="",
        organisation="Kriminalforsorgen, afdeling Aarhus",
        party_kind="kriminalforsorgen",
        use_rpl115=True,
        basis_note="KSP-samarbejde om vilkår for betinget dom",
        necessity="Kriminalforsorgen skal kende behandlingsplanen for at tilrettelægge tilsynet, "
        "så vilkåret om behandling kan overholdes.",
    )


def _answer_due_checkins(transition: Transition, actor: User, today: dt.date) -> None:
    due = transition.checkins.filter(answered_at__isnull=True, due_on__lte=today).order_by("due_on")
    for checkin, (answer, themes, follow_up) in zip(due, CHECKIN_ANSWERS, strict=False):
        services.checkin_answer(
            checkin=checkin, actor=actor, answer=answer, themes=themes, needs_follow_up=follow_up
        )


def _discharge(episode: Episode, actor: User, day: dt.date) -> Transition | None:
    """The discharge through the episode service (timeline, access), as the institution does
    it; directly if the demo user does not work at the place."""
    try:
        episode_end(actor=actor, episode=episode, actual_end=day, end_reason="completed")
        return Transition.objects.get(residential_episode=episode)
    except PermissionDenied:
        episode.actual_end, episode.end_reason = day, "completed"
        episode.save(update_fields=["actual_end", "end_reason"])
        transition = services.transition_record_discharge(episode=episode, actor=actor)
        case_access_sync(episode.case)
        return transition


# The contacts of the demo's aftercare, week by week after discharge: mostly attended, a
# session the citizen missed and one the provider cancelled, so the figures have something to
# show apart (DESIGN §5.10).
_WEEKLY_OUTCOMES = ["attended", "attended", "missed", "attended", "cancelled_provider", "attended"]


def _aftercare_contacts(
    transition: Transition,
    caseworker: User,
    outpatient: User,
    commitments: Sequence[AftercareCommitment],
    discharge_on: dt.date,
    today: dt.date,
) -> None:
    """An aftercare episode from the discharge (the transition's outpatient episode) and weekly
    contacts in it that deliver the commitments."""
    offer = Offer.objects.filter(treatment_type=TreatmentType.AFTERCARE, active=True).first()
    if offer is None or transition.outpatient_episode_id is not None:
        return
    aftercare = episode_refer(
        actor=caseworker, case=transition.case, offer=offer, referral_date=discharge_on
    )
    aftercare = episode_start(actor=caseworker, episode=aftercare, actual_start=discharge_on)
    transition.outpatient_episode = aftercare
    transition.save(update_fields=["outpatient_episode"])
    actor = outpatient if may_change_episode(outpatient, aftercare) else caseworker
    for week, outcome in enumerate(_WEEKLY_OUTCOMES):
        day = discharge_on + dt.timedelta(days=3 + 7 * week)
        if day >= today:
            break
        slots = zip(commitments, (10, 17), ("session", "group"), strict=False)
        for commitment, hour, kind in slots:
            services.contact_record_for_commitment(
                actor=actor,
                episode=aftercare,
                at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour))),
                kind=kind,
                outcome=outcome if kind == "session" else "attended",
                is_planned=True,
                commitment=commitment,
            )


@transaction.atomic
def seed_transitions_demo(
    *,
    cases_with_residential_episodes: Sequence[Case],
    residential_therapist: User,
    outpatient_therapist: User,
    caseworker: User,
) -> list[Transition]:
    """Transitions at four stages, cycling over the cases given:
    0. planning: a few plan sections, a start note; the citizen has a job, and the page asks
       for the employer's consent;
    1. almost ready: receiver named, employer meeting (written consent) held, work agreement,
       before-discharge note, final check-in (only the meeting with Kriminalforsorgen is left
       out);
    2. discharged and handed over: meeting with Kriminalforsorgen on RPL § 115, check-ins
       answered, a commitment reduced, waiting for the receiver's confirmation;
    3. completed: confirmed by the receiver in their own words; the first contact follows from
       the aftercare contacts.
    """
    today = timezone.localdate()
    created: list[Transition] = []
    authors = [residential_therapist, outpatient_therapist, caseworker]
    for index, case in enumerate(cases_with_residential_episodes):
        episode = _residential_episode(case)
        if episode is None:
            continue
        stage = index % 4
        transition = services.transition_create_for_episode(
            episode=episode, actor=residential_therapist
        )
        if transition.residential_therapist_id is None:
            transition.residential_therapist = residential_therapist
            transition.save(update_fields=["residential_therapist"])
        services.status_note_create(
            transition=transition,
            actor=residential_therapist,
            kind=StatusNote.Kind.START,
            body="Borgeren er faldet godt til og deltager i alle gruppeforløb.",
        )
        # The citizen has a job: the transition page prompts inviting the employer (§5.12).
        Case.objects.filter(pk=case.pk).update(has_job=True)
        transition.case.has_job = True
        if stage == 0:
            _fill_plan(transition, authors, ["learned", "goals", "network"])
            created.append(transition)
            continue

        _fill_plan(transition, authors, list(PLAN_TEXTS))
        transition = _name_receiver(transition, caseworker, outpatient_therapist, today)
        _employer_meeting(
            transition,
            residential_therapist,
            caseworker,
            timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time(13))),
            held=True,
        )
        _work_agreement(transition, caseworker, today)
        note = _before_discharge_note(
            transition, residential_therapist, outpatient_therapist, today
        )
        final = transition.checkins.filter(kind=CheckIn.Kind.FINAL).first()
        if final is not None:
            services.checkin_answer(
                checkin=final,
                actor=residential_therapist,
                answer=CHECKIN_ANSWERS[0][0],
                themes=CHECKIN_ANSWERS[0][1],
                needs_follow_up=True,
            )
        if stage == 1:
            created.append(transition)
            continue

        _probation_meeting(
            transition,
            residential_therapist,
            timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=5), dt.time(9))),
        )
        # Discharge as far back as the episode allows (up to seven weeks), so that some
        # aftercare check-ins are already due.
        assert episode.actual_start is not None  # _residential_episode finds started ones only
        discharge_on = max(episode.actual_start, today - dt.timedelta(weeks=7))
        commitment = services.commitment_create(
            transition=transition,
            actor=outpatient_therapist,
            description="Individuelle samtaler",
            frequency="1 gang om ugen",
            starts_on=discharge_on,
            responsible=outpatient_therapist,
        )
        group = services.commitment_create(
            transition=transition,
            actor=outpatient_therapist,
            description="Tilbagefaldsgruppe",
            frequency="Hver tirsdag",
            contacts_per_period=1,
            period_weeks=1,
            starts_on=discharge_on,
            responsible=outpatient_therapist,
        )
        transition = _discharge(episode, residential_therapist, discharge_on) or transition
        transition.refresh_from_db()
        _answer_due_checkins(transition, outpatient_therapist, today)
        _aftercare_contacts(
            transition, caseworker, outpatient_therapist, [commitment, group], discharge_on, today
        )
        services.commitment_change(
            commitment=commitment,
            actor=outpatient_therapist,
            kind="reduced",
            reason="Borgeren har fået arbejde og ønsker samtaler hver 14. dag.",
            changes={"frequency": "Hver 14. dag"},
        )
        # The course's check-in schedule (§5.10), changed with a reason: closer in the first
        # weeks, the dangerous ones.
        services.course_checkin_schedule_update(
            case=transition.case,
            actor=outpatient_therapist,
            weeks=[1, 2, 6, 12, 26, 52],
            reason="Tæt opfølgning i de første uger efter udskrivningen.",
        )
        if stage == 2:
            created.append(transition)
            continue

        services.status_note_acknowledge(note=note, user=outpatient_therapist)
        services.status_note_acknowledge(note=note, user=caseworker)
        # The first outpatient contact and the first appointment's status follow from the
        # contacts recorded above (DESIGN §5.9): nothing is marked by hand.
        transition = services.transition_confirm(
            transition=transition,
            actor=outpatient_therapist,
            situation="Borgeren er stoffri efter døgnopholdet og vil tilbage på arbejde. Ensomhed "
            "i weekenderne og gæld er det sværeste.",
            actions="Samtaler hver 14. dag, tilbagefaldsgruppe om tirsdagen, bostøtte søges, "
            "opstart på nedsat tid hos arbejdsgiveren.",
            contingency="Ved tegn på tilbagefald ringer borgeren til mig samme dag; jeg kontakter "
            "søsteren efter aftale og tilbyder en ekstra samtale inden for to dage.",
        )
        created.append(transition)
    for transition in created:
        transition.refresh_from_db()
    return created
