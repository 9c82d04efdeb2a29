"""Danish labels for the codes of the pure rule module (readiness.py has no Django)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .readiness import ConfirmationProblem, Missing

MISSING_LABELS = {
    Missing.OUTPATIENT_THERAPIST: _("Ambulant behandler udpeget"),
    Missing.FIRST_APPOINTMENT: _("Første ambulante aftale booket"),
    Missing.MEETING_HELD: _("Statusmøde holdt"),
    Missing.BEFORE_DISCHARGE_NOTE: _("Statusnotat før udskrivning skrevet"),
    Missing.FINAL_CHECKIN: _("Tjek-ind ved den afsluttende samtale gennemført"),
}

# Problems that are about what the receiver writes, not about the state of the handover.
TEXT_PROBLEMS = frozenset(
    {
        ConfirmationProblem.SITUATION_TRIVIAL,
        ConfirmationProblem.ACTIONS_TRIVIAL,
        ConfirmationProblem.CONTINGENCY_TRIVIAL,
        ConfirmationProblem.COPIED,
    }
)


def confirmation_problem_labels() -> dict[ConfirmationProblem, str]:
    from .services import confirmation_messages

    return confirmation_messages()
