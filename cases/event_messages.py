"""The catalogue of timeline codes -> translatable sentences (issue 18).

Every ``case_event_record(...)`` stores a finished Danish ``description`` (kept exactly as it was
written) and, next to it, a ``code`` from :class:`EventCode` with plain ``values`` (ids, ISO
dates, enum values, and the names the description itself holds). This module is the one place
that turns code + values into the sentence in the active language, through gettext, as
cases.reason_messages does for the guarantee reasons: the timeline page, the API and whatever
else shows an event call :func:`event_description`. A row written before codes (no code) shows
its description as it is.

Values that are sentences of their own (the guarantee's reason, a warning, the state of the
doctor's consultation) are nested as ``{"code": ..., "values": ...}``; ``"also"`` is a list of
such sentences appended after the main one, in order. Enum values of apps above cases (the
episode's end reason, the kind of a status note) are labelled through :func:`register_choices`,
which those apps call from their AppConfig.ready() (cases never imports them).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.db.models import Choices
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from .models import Case, LegalBasis, PartyKind, TemporaryCaseAccess, TreatmentRequest
from .models.records import ACTION_PLAN_PARTS, ConsentForm, TreatmentConsent
from .reason_messages import MESSAGES as REASON_MESSAGES
from .reason_messages import action_label
from .reason_messages import display_values as reason_display_values


class EventCode(StrEnum):
    """What a timeline entry says, independent of the language it is shown in."""

    CASE_CREATED = "case.created"
    CASE_CORRECTED = "case.corrected"
    CASE_ASSIGNED = "case.assigned"
    CASE_UNASSIGNED = "case.unassigned"
    STATUS_CHANGED = "case.status_changed"
    STATUS_CHANGED_NOTE = "case.status_changed_note"
    ASSESSMENT_SAVED = "case.assessment_saved"
    ASSESSMENT_COMPLETED = "case.assessment_completed"
    DECISION_SAVED = "case.decision_saved"
    CONCERN_NOTIFICATION = "case.concern_notification"
    BREAK_GLASS = "case.break_glass"
    BREAK_GLASS_REVIEWED = "case.break_glass_reviewed"
    REQUEST_OPENED = "request.opened"
    REQUEST_CONVERTED = "request.converted_to_sel101"
    CONSULTATION_SAVED = "request.doctor_consultation"
    CONSULTATION_HELD = "request.doctor_consultation_held"
    CONSULTATION_DECLINED = "request.doctor_consultation_declined"
    CONSULTATION_OFFERED = "request.doctor_consultation_offered"
    CONSULTATION_NOT_RECORDED = "request.doctor_consultation_not_recorded"
    CONSENT_GIVEN = "consent.given"
    CONSENT_WITHDRAWN = "consent.withdrawn"
    DISCLOSURE = "consent.disclosure"
    FILE_RELEASED = "rights.file_released"
    TREATMENT_CONSENT_GIVEN = "consent.treatment_given"
    ACTION_PLAN_SAVED = "action_plan.saved"
    ACTION_PLAN_VERSION_SAVED = "action_plan.version_saved"
    ACTION_PLAN_HANDED_OVER = "action_plan.handed_over"
    REFERRED = "episode.referred"
    FREE_CHOICE_WAIVED = "episode.free_choice_waived"
    FREE_CHOICE_NOT_WAIVED = "episode.free_choice_not_waived"
    PLANNED_START_LATE = "episode.planned_start_late"
    EPISODE_STARTED = "episode.started"
    EPISODE_GUARANTEE = "episode.guarantee"
    EPISODE_ENDED = "episode.ended"
    TREATMENT_PLAN_SAVED = "episode.treatment_plan_saved"
    HANDOVER_CREATED = "handover.created"
    HANDOVER_DISCHARGED = "handover.discharged"
    HANDOVER_THERAPIST_NAMED = "handover.outpatient_therapist_named"
    HANDOVER_THERAPIST_REMOVED = "handover.outpatient_therapist_removed"
    HANDOVER_CANCELLED = "handover.cancelled"
    HANDOVER_COMPLETED = "handover.completed"
    HANDOVER_COMPLETED_EARLY = "handover.completed_early"
    FIRST_APPOINTMENT_MISSED = "handover.first_appointment_missed"
    CHECKIN_SCHEDULE_CHANGED = "handover.checkin_schedule_changed"
    CHECKIN_ANSWERED = "handover.checkin_answered"
    COURSE_CHECKIN_ANSWERED = "handover.course_checkin_answered"
    FINAL_CHECKIN_ANSWERED = "handover.final_checkin_answered"
    CHECKIN_ANSWERED_LABEL = "handover.checkin_answered_label"
    STATUS_NOTE_WRITTEN = "handover.status_note_written"
    MEETING_PLANNED = "handover.meeting_planned"
    MEETING_HELD = "handover.meeting_held"
    COMMITMENT_CHANGED = "handover.commitment_changed"
    COMMITMENT_REDUCED = "handover.commitment_reduced"
    COMMITMENT_CANCELLED = "handover.commitment_cancelled"
    WORK_AGREEMENT_SAVED = "handover.work_agreement_saved"
    RECTIFIED = "case.rectified"
    ACCESS_REQUEST_RECEIVED = "rights.access_request_received"
    ACCESS_REQUEST_CLOSED = "rights.access_request_closed"
    COMPLAINT_RECEIVED = "rights.complaint_received"
    COMPLAINT_RECEIVED_RECORD = "rights.complaint_received_record"
    COMPLAINT_FORWARDED = "rights.complaint_forwarded"
    COMPLAINT_DECIDED = "rights.complaint_decided"


_ = gettext_lazy
# code -> message with %(name)s placeholders: the same Danish text the call site writes into
# the description (so the English translation is shared with it).
MESSAGES: dict[str, Promise] = {
    EventCode.CASE_CREATED: _("Sag oprettet efter henvendelse %(date)s (%(basis)s)."),
    EventCode.CASE_CORRECTED: _("Sagens grundoplysninger er rettet."),
    EventCode.CASE_ASSIGNED: _("Sagen er tildelt %(name)s (%(team)s)."),
    EventCode.CASE_UNASSIGNED: _("Sagen ligger i %(team)s uden tildelt sagsbehandler."),
    # The move's label (cases.reason_messages.ACTION_LABELS), and the note written with it.
    EventCode.STATUS_CHANGED: _("%(action)s"),
    EventCode.STATUS_CHANGED_NOTE: _("%(action)s: %(note)s"),
    EventCode.ASSESSMENT_SAVED: _("Afdækning gemt: %(count)s af 6 emner beskrevet."),
    EventCode.ASSESSMENT_COMPLETED: _("Afsluttet %(date)s."),
    EventCode.DECISION_SAVED: _("Afgørelse %(date)s: %(result)s."),
    EventCode.CONCERN_NOTIFICATION: _(
        "Underretning (barnets lov § 133) sendt til %(recipient)s %(date)s."
    ),
    EventCode.BREAK_GLASS: _(
        "Nødadgang til sagen i %(hours)s timer. Årsag: %(code)s. Begrundelse: %(reason)s"
    ),
    EventCode.BREAK_GLASS_REVIEWED: _("Nødadgangen fra %(when)s er gennemgået af en leder."),
    EventCode.REQUEST_OPENED: _(
        "Ny anmodning (%(kind)s) %(date)s efter %(basis)s. Behandlingsgaranti: %(reason)s."
    ),
    EventCode.REQUEST_CONVERTED: _(
        "Borgeren er fyldt 18 år: anmodningen behandles efter Serviceloven § 101."
    ),
    EventCode.CONSULTATION_SAVED: _("Lægesamtale for anmodningen %(request)s: %(state)s."),
    EventCode.CONSULTATION_HELD: _("holdt %(date)s"),
    EventCode.CONSULTATION_DECLINED: _("afslået %(date)s"),
    EventCode.CONSULTATION_OFFERED: _("tilbudt %(date)s"),
    EventCode.CONSULTATION_NOT_RECORDED: _("ikke registreret"),
    EventCode.CONSENT_GIVEN: _("%(form)s samtykke til %(party)s (%(period)s)."),
    EventCode.CONSENT_WITHDRAWN: _("Samtykke til %(party)s trukket tilbage %(date)s."),
    EventCode.DISCLOSURE: _(
        "Oplysninger videregivet til %(recipient)s under samtykke til %(party)s."
    ),
    EventCode.FILE_RELEASED: _(
        "Aktindsigt udleveret til borgeren (forvaltningsloven § 9): %(redacted)s felter udeladt."
    ),
    EventCode.TREATMENT_CONSENT_GIVEN: _(
        "%(form)s samtykke til behandling fra %(who)s givet %(date)s."
    ),
    EventCode.ACTION_PLAN_SAVED: _("Handleplan (SEL § 141) gemt."),
    EventCode.ACTION_PLAN_VERSION_SAVED: _("Handleplan (SEL § 141) gemt som version %(n)s."),
    EventCode.ACTION_PLAN_HANDED_OVER: _(
        "Dele af handleplanen givet til %(recipient)s: %(parts)s."
    ),
    EventCode.REFERRED: _("Henvist til %(offer)s %(date)s."),
    EventCode.FREE_CHOICE_WAIVED: _(
        "Borgeren har valgt tilbuddet frit; garantifristen er fraveget."
    ),
    EventCode.FREE_CHOICE_NOT_WAIVED: _(
        "Borgeren har valgt tilbuddet frit; valget fraviger ikke garantien: %(reason)s"
    ),
    EventCode.PLANNED_START_LATE: _(
        "Den planlagte start %(start)s ligger efter behandlingsgarantiens frist %(deadline)s "
        "(%(days)s dage fra anmodningen %(requested)s)."
    ),
    EventCode.EPISODE_STARTED: _("Behandling startet i %(offer)s %(date)s."),
    EventCode.EPISODE_GUARANTEE: _("Behandlingsgaranti: %(reason)s."),
    EventCode.EPISODE_ENDED: _("Forløb i %(offer)s afsluttet %(date)s: %(reason)s."),
    EventCode.TREATMENT_PLAN_SAVED: _("Behandlingsplan for %(offer)s, version %(n)s (%(date)s)."),
    EventCode.HANDOVER_CREATED: _("Overgang oprettet"),
    EventCode.HANDOVER_DISCHARGED: _("Udskrivning registreret på overgangen"),
    EventCode.HANDOVER_THERAPIST_NAMED: _("Ambulant behandler udpeget på overgangen"),
    EventCode.HANDOVER_THERAPIST_REMOVED: _("Ambulant behandler fjernet fra overgangen"),
    EventCode.HANDOVER_CANCELLED: _("Overgang annulleret"),
    EventCode.HANDOVER_COMPLETED: _("Overgang bekræftet af modtageren og gennemført"),
    EventCode.HANDOVER_COMPLETED_EARLY: _(
        "Overgang bekræftet af modtageren og gennemført før udskrivningsugen"
    ),
    EventCode.FIRST_APPOINTMENT_MISSED: _(
        "Første ambulante aftale ikke holdt; opsøgende kontakt oprettet"
    ),
    EventCode.CHECKIN_SCHEDULE_CHANGED: _(
        "Planen for tjek-ind er ændret: uge %(before)s → uge %(after)s"
    ),
    EventCode.CHECKIN_ANSWERED: _("Tjek-ind besvaret: %(weeks)s uger efter udskrivning"),
    EventCode.COURSE_CHECKIN_ANSWERED: _("Tjek-ind besvaret: %(weeks)s uger efter ambulant start"),
    EventCode.FINAL_CHECKIN_ANSWERED: _("Tjek-ind besvaret: Afsluttende samtale"),
    EventCode.CHECKIN_ANSWERED_LABEL: _("Tjek-ind besvaret: %(label)s"),
    EventCode.STATUS_NOTE_WRITTEN: _("Statusnotat skrevet: %(kind)s"),
    EventCode.MEETING_PLANNED: _("Statusmøde planlagt"),
    EventCode.MEETING_HELD: _("Statusmøde afholdt"),
    EventCode.COMMITMENT_CHANGED: _("Aftalt indsats ændret"),
    EventCode.COMMITMENT_REDUCED: _("Aftalt indsats reduceret"),
    EventCode.WORK_AGREEMENT_SAVED: _("Arbejdsaftale gemt (version %(n)s)"),
    EventCode.COMMITMENT_CANCELLED: _("Aftalt indsats annulleret"),
    # The old and the new value, and why (GDPR art. 16); who and when are the event's own.
    EventCode.RECTIFIED: _(
        "Berigtiget: %(field)s fra »%(old)s« til »%(new)s«. Begrundelse: %(reason)s"
    ),
    EventCode.ACCESS_REQUEST_RECEIVED: _(
        "Anmodning om aktindsigt modtaget %(date)s: %(kind)s. Svarfrist %(deadline)s. "
        "Borgerens oplysninger er tilbageholdt."
    ),
    EventCode.ACCESS_REQUEST_CLOSED: _(
        "Anmodning om aktindsigt modtaget %(requested)s: %(status)s %(date)s. "
        "Tilbageholdelsen er ophævet."
    ),
    EventCode.COMPLAINT_RECEIVED: _(
        "Klage over sagens afgørelse modtaget %(date)s. Sagen er tilbageholdt."
    ),
    EventCode.COMPLAINT_RECEIVED_RECORD: _(
        "Klage over registreringen »%(record)s« modtaget %(date)s. Sagen er tilbageholdt."
    ),
    EventCode.COMPLAINT_FORWARDED: _(
        "Klagen modtaget %(requested)s er sendt til Ankestyrelsen %(date)s."
    ),
    EventCode.COMPLAINT_DECIDED: _(
        "Klagen modtaget %(requested)s er afgjort %(date)s. Tilbageholdelsen er ophævet."
    ),
}
del _

# Values that are ISO dates, shown as local dates; "when" is an ISO date-time.
DATE_VALUES = frozenset(
    {"date", "start", "deadline", "requested", "valid_from", "valid_to", "requested_on"}
)

# The facts a rectification may correct ("<model>.<field>", cases.services.rectification),
# with their labels on the timeline; the dates are shown as dates.
RECTIFIABLE_LABELS: dict[str, Promise] = {
    "citizen.first_name": gettext_lazy("borgerens fornavn"),
    "citizen.last_name": gettext_lazy("borgerens efternavn"),
    "citizen.address": gettext_lazy("borgerens adresse"),
    "citizen.birth_date": gettext_lazy("borgerens fødselsdato"),
    "case.inquiry_date": gettext_lazy("sagens henvendelsesdato"),
    "case.course_ended_on": gettext_lazy("forløbets slutdato"),
    "request.requested_on": gettext_lazy("anmodningens modtagelsesdato"),
}
RECTIFIABLE_DATES = frozenset(
    {"citizen.birth_date", "case.inquiry_date", "case.course_ended_on", "request.requested_on"}
)

# value name -> (placeholder, choices): an enum value shown as its label. Apps above cases add
# theirs with register_choices().
CHOICES: dict[str, tuple[str, type[Choices]]] = {
    "legal_basis": ("basis", LegalBasis),
    "request_kind": ("kind", TreatmentRequest.Kind),
    "decision_result": ("result", Case.DecisionResult),
    "form": ("form", ConsentForm),
    "break_glass_reason": ("code", TemporaryCaseAccess.ReasonCode),
}


def register_choices(value: str, placeholder: str, choices: type[Choices]) -> None:
    """Show the event value `value` (an enum value of `choices`) as its label in `placeholder`.
    For apps above cases, from their AppConfig.ready()."""
    CHOICES[value] = (placeholder, choices)


def part(code: str, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A sentence of its own inside an event's values (rendered by this catalogue or by
    cases.reason_messages)."""
    return {"code": str(code), "values": dict(values or {})}


def reason_part(result: Any) -> dict[str, Any]:
    """A cases.guarantee.GuaranteeResult or GuaranteeWarning as a sentence inside values."""
    return part(result.reason_code, result.reason_values)


def event_text(
    code: str, values: Mapping[str, Any] | None, fallback: str = "", *, strict: bool = False
) -> str:
    """The sentence for `code` with `values` in the active language; `fallback` (the stored
    Danish description) for an empty or unknown code or values that do not fit it, so nothing
    shown is ever lost. `strict` raises instead (the tests' check of every call site)."""
    message = MESSAGES.get(code)
    if message is None:
        if strict:
            raise KeyError(code)
        return fallback
    values = dict(values or {})
    try:
        text = str(message) % _display_values(values, strict)
        for extra in values.get("also") or ():
            text += " " + _part_text(extra, strict)
    except (KeyError, TypeError, ValueError):  # values not as the code expects: show the record
        if strict:
            raise
        return fallback
    return text


def event_description(event: Any) -> str:
    """A CaseEvent's description in the active language (as stored when it has no code)."""
    return event_text(event.code, event.values, event.description)


def _part_text(value: Any, strict: bool = False) -> str:
    if not isinstance(value, Mapping) or "code" not in value:
        if strict:
            raise ValueError(f"not a sentence: {value!r}")
        return str(value)
    code, values = str(value["code"]), value.get("values") or {}
    if code in REASON_MESSAGES:
        return str(REASON_MESSAGES[code]) % reason_display_values(dict(values))
    return event_text(code, values, fallback=code, strict=strict)


def _date(value: Any) -> Any:
    with contextlib.suppress(TypeError, ValueError):
        return date_format(date.fromisoformat(str(value)), "DATE_FORMAT")
    return value


def _display_values(values: dict[str, Any], strict: bool = False) -> dict[str, Any]:
    shown = {key: value for key, value in values.items() if key != "also"}
    for key, value in values.items():
        if isinstance(value, Mapping):
            shown[key] = _part_text(value, strict)
    for key in DATE_VALUES & shown.keys():
        if shown[key]:
            shown[key] = _date(shown[key])
    if shown.get("when"):
        with contextlib.suppress(TypeError, ValueError):
            when = timezone.localtime(datetime.fromisoformat(str(shown["when"])))
            shown["when"] = date_format(when, "DATETIME_FORMAT")
    for key, (placeholder, choices) in CHOICES.items():
        if key in values and values[key] in choices.values:
            shown[placeholder] = str(choices(values[key]).label)
    if "action" in shown:
        shown["action"] = action_label(str(shown["action"]))
    if "party_kind" in values:
        kind = values["party_kind"]
        label = PartyKind(kind).label if kind in PartyKind.values else kind
        shown["party"] = f"{label}: {values.get('party_name', '')}"
    if "role" in values:
        role = values["role"]
        roles = TreatmentConsent.Role
        label = roles(role).label if role in roles.values else role
        shown["who"] = f"{label}: {values.get('name', '')}"
    if "valid_from" in values:
        shown["period"] = shown["valid_from"] + (
            f" - {shown['valid_to']}" if values.get("valid_to") else ""
        )
    if "request_basis" in values:
        basis = values["request_basis"]
        label = LegalBasis(basis).label if basis in LegalBasis.values else basis
        shown["request"] = f"{label} ({shown.get('requested_on', '')})"
    if "rectified_field" in values:
        field = str(values["rectified_field"])
        shown["field"] = str(RECTIFIABLE_LABELS.get(field, field))
        for key in ("old", "new"):
            shown[key] = _date(shown.get(key, "")) if field in RECTIFIABLE_DATES else shown.get(key)
    if isinstance(values.get("parts"), list):
        labels = dict(ACTION_PLAN_PARTS)
        shown["parts"] = ", ".join(str(labels.get(name, name)) for name in values["parts"])
    for key, placeholder in (("weeks_before", "before"), ("weeks_after", "after")):
        if key in values:
            shown[placeholder] = ", ".join(str(week) for week in values[key]) or "0"
    return shown
