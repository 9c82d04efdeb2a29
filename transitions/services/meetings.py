"""Status meetings (DESIGN §5.4): the meeting, its participants (an external one only on
a consent that covers them, or Retsplejeloven § 115), and its action items."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cases.event_messages import EventCode
from cases.models import Consent, Disclosure, DisclosureBasis, InformationKind, PartyKind
from cases.models.parties import may_use_rpl115

from ..access import NO_CASE_ACCESS, may_own_action
from ..models import ActionItem, Participant, StatusMeeting, Transition
from .bookkeeping import case_event
from .status import transition_status_refresh


def meeting_held_problems(
    *, starts_at: dt.datetime, held: bool, minutes: str, new: bool
) -> dict[str, str]:
    """What is wrong with recording a meeting at `starts_at` as held or not (DESIGN §5.13),
    by field; empty when nothing is. The one rule of pages and API (both go through
    `meeting_create` and `meeting_update`): held needs the meeting to have started, and a
    minutes text; a new meeting in the past can only be the record of one that was held."""
    now = timezone.now()
    if held and starts_at > now:
        return {
            "held": _("Mødet kan først markeres som afholdt, når det er begyndt (%(time)s).")
            % {"time": date_format(timezone.localtime(starts_at), "DATETIME_FORMAT")}
        }
    if new and not held and starts_at <= now:
        return {
            "held": _("Mødet ligger i fortiden og kan kun registreres som afholdt, med et referat.")
        }
    if held and not minutes.strip():
        return {"minutes": _("Skriv et referat af mødet.")}
    return {}


@transaction.atomic
def meeting_create(
    *,
    transition: Transition,
    actor: User,
    starts_at: dt.datetime,
    duration_minutes: int = 60,
    place: str = "",
    place_is_private: bool = False,
    video_link: str = "",
    agenda: str = "",
    held: bool = False,
    minutes: str = "",
    decisions: str = "",
) -> StatusMeeting:
    """A meeting planned, or (in the past) the record of one held, with its minutes."""
    errors = meeting_held_problems(starts_at=starts_at, held=held, minutes=minutes, new=True)
    if not place.strip() and not video_link.strip():
        errors["place"] = _("Angiv et sted eller et videolink.")
    if errors:
        raise ValidationError(errors)
    meeting = StatusMeeting(
        transition=transition,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        place_is_private=place_is_private,
        video_link=video_link.strip(),
        agenda=agenda.strip(),
        minutes=minutes.strip(),
        decisions=decisions.strip(),
        held=held,
        held_at=timezone.now() if held else None,
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    Participant.objects.create(
        meeting=meeting,
        user=actor,
        basis=Participant.Basis.INTERNAL,
        added_by=actor,
        added_at=timezone.now(),
    )
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Statusmøde planlagt"),
        code=EventCode.MEETING_PLANNED,
        data={"transition": transition.pk, "meeting": meeting.pk, "action": "meeting"},
    )
    if held:
        case_event(
            case=transition.case,
            actor=actor,
            description=_("Statusmøde afholdt"),
            code=EventCode.MEETING_HELD,
            data={"transition": transition.pk, "meeting": meeting.pk, "action": "meeting_held"},
        )
        transition_status_refresh(transition=transition)
    return meeting


def _disclose(meeting: StatusMeeting, participants: list[Participant], actor: User) -> None:
    """What was shared with external participants at a held meeting is a disclosure, under a
    consent (Retssikkerhedsloven § 11 a) or under Retsplejeloven § 115 with its stated
    necessity: the case shows what was shared with whom, on which basis."""
    day = date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")
    Disclosure.objects.bulk_create(
        [
            Disclosure(
                case_id=meeting.transition.case_id,
                basis=(
                    DisclosureBasis.CONSENT
                    if p.basis == Participant.Basis.CONSENT
                    else DisclosureBasis.RPL115
                ),
                consent=p.consent,
                information_kinds=[InformationKind.MEETINGS.value],
                recipient=", ".join(x for x in (p.name, p.organisation) if x)[:200],
                description=_("Deltog i statusmøde %(date)s") % {"date": day}
                + (f". {p.necessity}" if p.basis == Participant.Basis.RPL115 else ""),
                disclosed_by=actor,
            )
            for p in participants
            if p.basis in (Participant.Basis.CONSENT, Participant.Basis.RPL115)
        ]
    )


@transaction.atomic
def meeting_update(
    *,
    meeting: StatusMeeting,
    actor: User,
    agenda: str,
    minutes: str,
    decisions: str,
    held: bool,
) -> StatusMeeting:
    """Agenda, minutes and decisions; marking the meeting held (once)."""
    meeting = StatusMeeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.agenda, meeting.minutes, meeting.decisions = (
        agenda.strip(),
        minutes.strip(),
        decisions.strip(),
    )
    fields = ["agenda", "minutes", "decisions"]
    newly_held = held and not meeting.held
    if newly_held:
        errors = meeting_held_problems(
            starts_at=meeting.starts_at, held=True, minutes=meeting.minutes, new=False
        )
        if errors:
            raise ValidationError(errors)
        meeting.held = True
        meeting.held_at = timezone.now()
        fields += ["held", "held_at"]
    meeting.full_clean()
    meeting.save(update_fields=fields)
    if newly_held:
        transition = Transition.objects.select_related("case").get(pk=meeting.transition_id)
        _disclose(meeting, list(meeting.participants.all()), actor)
        case_event(
            case=transition.case,
            actor=actor,
            description=_("Statusmøde afholdt"),
            code=EventCode.MEETING_HELD,
            data={"transition": transition.pk, "meeting": meeting.pk, "action": "meeting_held"},
        )
        transition_status_refresh(transition=transition)
    return meeting


@transaction.atomic
def meeting_participant_add_internal(
    *, meeting: StatusMeeting, actor: User, user: User
) -> Participant:
    """An internal participant must be someone who may read the case."""
    transition = Transition.objects.select_related("case").get(pk=meeting.transition_id)
    if not may_own_action(user, transition.case):
        raise ValidationError({"user": NO_CASE_ACCESS})
    existing = meeting.participants.filter(user=user).first()
    if existing is not None:
        return existing
    return Participant.objects.create(
        meeting=meeting,
        user=user,
        basis=Participant.Basis.INTERNAL,
        added_by=actor,
        added_at=timezone.now(),
    )


def consent_problem(consent: Consent, *, party_kind: str, day: dt.date) -> str | None:
    """Why this consent cannot cover an external participant of `party_kind` at a meeting on
    `day` (Retssikkerhedsloven § 11 a: a consent is specific), or None if it can."""
    party_label = PartyKind(consent.party_kind).label
    if consent.party_kind != party_kind:
        return _("Samtykket (%(party)s) dækker ikke denne part.") % {"party": party_label}
    if consent.withdrawn_on is not None and consent.withdrawn_on <= day:
        return _("Samtykket fra %(party)s er trukket tilbage %(date)s.") % {
            "party": party_label,
            "date": date_format(consent.withdrawn_on, "DATE_FORMAT"),
        }
    if consent.valid_to is not None and consent.valid_to < day:
        return _("Samtykket fra %(party)s er udløbet %(date)s.") % {
            "party": party_label,
            "date": date_format(consent.valid_to, "DATE_FORMAT"),
        }
    if consent.valid_from > day:
        return _("Samtykket fra %(party)s gælder først fra %(date)s.") % {
            "party": party_label,
            "date": date_format(consent.valid_from, "DATE_FORMAT"),
        }
    if not consent.covers(InformationKind.MEETINGS):
        return _("Samtykket fra %(party)s dækker ikke statusmøder.") % {"party": party_label}
    if party_kind == PartyKind.EMPLOYER and consent.form != Consent.Form.WRITTEN:
        return _("En arbejdsgiver kræver et skriftligt samtykke.")
    assert consent.is_valid_on(day)
    return None


@transaction.atomic
def meeting_participant_add_external(
    *,
    meeting: StatusMeeting,
    actor: User,
    name: str,
    organisation: str,
    party_kind: str,
    consent: Consent | None = None,
    use_rpl115: bool = False,
    basis_note: str = "",
    necessity: str = "",
) -> Participant:
    """An external participant, allowed only on a valid consent that covers the party and
    "meetings" on the meeting day — or, for Kriminalforsorgen, police and psychiatry in the
    KSP/PSP cooperation, on Retsplejeloven § 115, recorded as the basis with a statement of why
    the sharing is necessary. Regional (hospital) psychiatry always needs a consent."""
    transition = Transition.objects.select_related("case").get(pk=meeting.transition_id)
    day = timezone.localtime(meeting.starts_at).date()
    if party_kind not in PartyKind.values:
        raise ValidationError({"party_kind": _("Vælg en gyldig part.")})
    if not name.strip() and not organisation.strip():
        raise ValidationError({"name": _("Angiv navn eller organisation.")})
    participant = Participant(
        meeting=meeting,
        name=name.strip(),
        organisation=organisation.strip(),
        party_kind=party_kind,
        added_by=actor,
        added_at=timezone.now(),
    )
    if use_rpl115:
        if not may_use_rpl115(party_kind):
            raise ValidationError(
                {
                    "use_rpl115": _(
                        "Retsplejeloven § 115 gælder kun Kriminalforsorgen, politiet og "
                        "psykiatrien i KSP/PSP-samarbejdet. Regionspsykiatrien kræver samtykke."
                    )
                }
            )
        if not (necessity or "").strip():
            raise ValidationError(
                {
                    "necessity": _(
                        "Angiv hvorfor det er nødvendigt at videregive oplysningerne efter "
                        "Retsplejeloven § 115."
                    )
                }
            )
        participant.basis = Participant.Basis.RPL115
        participant.basis_note = basis_note.strip()
        participant.necessity = necessity.strip()
    else:
        if consent is None:
            candidates = list(
                Consent.objects.filter(case=transition.case, party_kind=party_kind).order_by(
                    "-valid_from", "-pk"
                )
            )
            consent = next(
                (
                    c
                    for c in candidates
                    if consent_problem(c, party_kind=party_kind, day=day) is None
                ),
                None,
            )
            if consent is None:
                if candidates:
                    raise ValidationError(
                        {"consent": consent_problem(candidates[0], party_kind=party_kind, day=day)}
                    )
                extra = (
                    _(" Eller registrér samarbejdet efter Retsplejeloven § 115 som grundlag.")
                    if may_use_rpl115(party_kind)
                    else ""
                )
                raise ValidationError(
                    {
                        "consent": _(
                            "Der er intet samtykke, der dækker %(party)s. En ekstern deltager "
                            "kræver et gyldigt samtykke til statusmøder."
                        )
                        % {"party": PartyKind(party_kind).label}
                        + extra
                    }
                )
        elif consent.case_id != transition.case_id:
            raise ValidationError({"consent": _("Samtykket hører ikke til sagen.")})
        problem = consent_problem(consent, party_kind=party_kind, day=day)
        if problem:
            raise ValidationError({"consent": problem})
        participant.basis = Participant.Basis.CONSENT
        participant.consent = consent
    participant.full_clean()
    participant.save()
    if meeting.held:
        # Added to the record of a meeting already held: they took part, so it is shared now.
        _disclose(meeting, [participant], actor)
    return participant


def action_due_problem(due_on: dt.date) -> str | None:
    """Why an action cannot have this due date, or None: not in the past (DESIGN §5.13). The
    note's action list, a meeting's actions and the API all ask here."""
    if due_on < timezone.localdate():
        return _("Fristen kan ikke ligge i fortiden.")
    return None


@transaction.atomic
def action_item_create(
    *,
    transition: Transition,
    actor: User,
    text: str,
    due_on: dt.date,
    owner: User | None = None,
    owner_text: str = "",
    meeting: StatusMeeting | None = None,
    kind: str = ActionItem.Kind.ACTION,
) -> ActionItem:
    if owner is None and not owner_text.strip():
        raise ValidationError({"owner": _("Angiv en ansvarlig.")})
    if owner is not None and not may_own_action(owner, transition.case):
        raise ValidationError({"owner": NO_CASE_ACCESS})
    problem = action_due_problem(due_on)
    if problem:
        raise ValidationError({"due_on": problem})
    item = ActionItem(
        case_id=transition.case_id,
        transition=transition,
        meeting=meeting,
        kind=kind,
        text=text.strip(),
        owner=owner,
        owner_text=owner_text.strip(),
        due_on=due_on,
        created_by=actor,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_mark_done(*, item: ActionItem, actor: User) -> ActionItem:
    # Conditional update: marking done twice keeps the first time.
    ActionItem.objects.filter(pk=item.pk, done_at__isnull=True).update(done_at=timezone.now())
    item.refresh_from_db(fields=["done_at"])
    return item
