"""How long each free text may be, in one table, and the shortened preview of a long text.

Pure: no Django. The forms (cases.forms.text.LimitedCharField), the API inputs
(api.fields.text_field) and the API schema's `maxLength` all read their limits here, so a
limit is changed in one place.

The limits fit the use: a name or a place is one line; a reason says why in a paragraph or
two; the record's own texts (an assessment topic, a plan section, the minutes, a note's
summary) may run to several pages. 20,000 characters is about eight printed pages: a longer
text is a document, and belongs in the municipality's records system, not in a field.

The limits hold for what is written from now on. Texts already stored longer than their limit
are kept whole, never cut: no migration shortens them, and the database columns stay
unbounded (TextField). A form or API call may send such a text back unchanged (editing
another field of the same record), but a changed text must fit the limit. See
`accepts_text` below.
"""

from __future__ import annotations

from typing import Final

# The kinds of text, shortest first.
CODE: Final = 100  # a short value typed by hand: a child's ages, a frequency ("2 pr. uge")
NAME: Final = 200  # a name, a title, a place, a recipient: one line
LINE: Final = 300  # a one-line description: an agreed effort, an elaborated legal basis
ACTION: Final = 500  # one agreed action or task
REASON: Final = 2_000  # a reason or a comment: why something was changed, refused, ended
NOTE: Final = 4_000  # a request or an inquiry as told, a concern notification's reason
LONG: Final = 20_000  # the record's texts: assessment, decision, plans, minutes, notes

# Every stored free text, as "app_label.Model.field" -> its limit. A test checks that every
# TextField of the project's models is here.
LIMITS: Final[dict[str, int]] = {
    # cases: the case and its requests
    "cases.Case.inquiry_note": NOTE,
    "cases.Case.assessment_substance_use": LONG,
    "cases.Case.assessment_social": LONG,
    "cases.Case.assessment_health": LONG,
    "cases.Case.assessment_work": LONG,
    "cases.Case.assessment_housing": LONG,
    "cases.Case.assessment_other": LONG,
    "cases.Case.children_ages": CODE,
    "cases.Case.decision_text": LONG,
    "cases.Case.closed_reason": REASON,
    "cases.CaseEvent.description": REASON,
    "cases.TreatmentRequest.note": NOTE,
    "cases.TreatmentRequest.decision_text": LONG,
    # cases: consents, records, break-glass access
    "cases.Consent.party_name": NAME,
    "cases.Consent.purpose": REASON,
    "cases.Consent.withdrawn_reason": REASON,
    "cases.Disclosure.recipient": NAME,
    "cases.Disclosure.description": REASON,
    "cases.TreatmentConsent.name": NAME,
    "cases.ConcernNotification.recipient": NAME,
    "cases.ConcernNotification.reason": NOTE,
    "cases.ActionPlanVersion.purpose": LONG,
    "cases.ActionPlanVersion.actions": LONG,
    "cases.ActionPlanVersion.expected_duration": NAME,
    "cases.ActionPlanVersion.follow_up": LONG,
    "cases.TemporaryCaseAccess.reason": LINE,
    "cases.TemporaryCaseAccess.review_comment": REASON,
    # treatment options
    "treatment_options.Offer.description": NOTE,
    "treatment_options.TreatmentPlanVersion.goals": LONG,
    "treatment_options.TreatmentPlanVersion.activities": LONG,
    "treatment_options.TreatmentPlanVersion.progress_follow_up": LONG,
    "treatment_options.TreatmentPlanVersion.assessment_link": LONG,
    # transitions: the handover
    "transitions.Transition.first_appointment_place": NAME,
    "transitions.Transition.first_appointment_with": NAME,
    "transitions.Transition.receiver_situation": LONG,
    "transitions.Transition.receiver_actions": LONG,
    "transitions.Transition.receiver_contingency": LONG,
    "transitions.PlanSection.text": LONG,
    "transitions.PlanSectionVersion.text": LONG,
    "transitions.AftercareCommitment.description": LINE,
    "transitions.AftercareCommitment.frequency": CODE,
    "transitions.CommitmentChange.reason": REASON,
    "transitions.StatusNote.body": LONG,
    "transitions.StatusNote.summary": LONG,
    "transitions.StatusNote.risks": LONG,
    "transitions.StatusNote.contingency": LONG,
    "transitions.StatusNote.overdose_risk": LONG,
    "transitions.StatusNote.first_72h_who": LINE,
    "transitions.StatusNote.first_72h_when": LINE,
    "transitions.StatusNote.first_72h_unreachable": REASON,
    "transitions.WorkAgreement.work_functions": NOTE,
    "transitions.WorkAgreement.accommodations": NOTE,
    "transitions.WorkAgreement.notes": NOTE,
    "transitions.StatusMeeting.place": NAME,
    "transitions.StatusMeeting.agenda": LONG,
    "transitions.StatusMeeting.minutes": LONG,
    "transitions.StatusMeeting.decisions": LONG,
    "transitions.Participant.name": NAME,
    "transitions.Participant.organisation": NAME,
    "transitions.Participant.basis_note": LINE,
    "transitions.Participant.necessity": REASON,
    "transitions.CheckIn.answer": LONG,
    "transitions.ActionItem.text": ACTION,
    "transitions.ActionItem.owner_text": NAME,
    # cases: a rectification keeps the values as they were typed (a name, an address, a date)
    "cases.Rectification.old_value": NAME,
    "cases.Rectification.new_value": NAME,
    "cases.Rectification.reason": REASON,
    # rights: complaints (the access requests hold no free text)
    "rights.Complaint.about_record": NAME,
    "rights.Complaint.text": NOTE,
}

# Texts that are not written into one model field: a reason given for a step and stored in
# the step's log entry, or not at all.
REASSIGN_REASON: Final = ACTION
CASELOAD_MOVE_REASON: Final = ACTION
CHECKIN_SCHEDULE_REASON: Final = REASON
TRANSITION_CANCEL_REASON: Final = REASON
MOVE_NOTE: Final = REASON
CONFIRM_EARLY_REASON: Final = REASON


def limit(key: str) -> int:
    """The limit of the stored text `key` ("app_label.Model.field"); KeyError if it has none."""
    return LIMITS[key]


def normalized(text: str) -> str:
    """The text as it is counted: a browser sends a line break as CR LF, the API as LF."""
    return text.replace("\r\n", "\n")


def text_length(text: str) -> int:
    """The number of characters the writer sees (a line break counts as one)."""
    return len(normalized(text))


def accepts_text(text: str, max_length: int, stored: str | None = None) -> bool:
    """Whether `text` may be saved under the limit `max_length`.

    A text that fits is accepted. A text already stored longer than the limit (written before
    the limit, or through a channel without it) may be sent back unchanged, so that editing
    another field of the same record does not force anyone to cut it; once it is changed, it
    must fit like any other text. Comparison ignores line-break style and the whitespace
    around the text (forms strip it)."""
    return text_length(text) <= max_length or is_unchanged(text, stored)


def is_unchanged(text: str, stored: str | None) -> bool:
    """Whether `text` is the stored text sent back (line-break style and the whitespace around
    it aside)."""
    return stored is not None and normalized(text).strip() == normalized(stored).strip()


# --- the shortened view of a long text ---------------------------------------------------

PREVIEW_CHARS: Final = 400
PREVIEW_LINES: Final = 6


def preview(text: str, max_chars: int = PREVIEW_CHARS, max_lines: int = PREVIEW_LINES) -> str:
    """The beginning of `text` to show in place of the whole, or "" when the whole text is
    short enough to show as it is.

    At most `max_chars` characters and `max_lines` lines, cut after a whole word where there is
    one in the last fifth, with trailing punctuation and whitespace removed (the page adds
    "…"). A text that would lose only a little (under a fifth more than the preview) is shown
    whole: "Vis hele teksten" for the last two words helps nobody."""
    text = normalized(text).strip()
    lines = text.split("\n")
    if len(text) <= max_chars * 6 // 5 and len(lines) <= max_lines + 1:
        return ""
    head = "\n".join(lines[:max_lines])[:max_chars]
    if len(head) < len(text) and not text[len(head)].isspace():
        cut = max(head.rfind(" "), head.rfind("\n"))
        if cut > len(head) * 4 // 5:
            head = head[:cut]
    return head.rstrip(" \n\t,;:.-\u2013")
