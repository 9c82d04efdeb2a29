"""Danish labels for the codes of the pure rule module (readiness.py has no Django)."""

from __future__ import annotations

from django.utils.translation import gettext
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


def confirmation_messages() -> dict[ConfirmationProblem, str]:
    """What each confirmation problem tells the receiver (translated when called)."""
    P = ConfirmationProblem
    return {
        P.NOT_NAMED_RECEIVER: gettext(
            "Kun den ambulante behandler, der er udpeget på overgangen, kan bekræfte."
        ),
        P.ALREADY_COMPLETED: gettext("Overgangen er allerede gennemført."),
        P.CANCELLED: gettext("Overgangen er annulleret."),
        P.NO_BEFORE_DISCHARGE_NOTE: gettext("Statusnotatet før udskrivning er ikke skrevet endnu."),
        P.NOTE_NOT_ACKNOWLEDGED: gettext("Kvittér for at have læst statusnotatet før udskrivning."),
        P.SITUATION_TRIVIAL: gettext(
            "Beskriv borgerens situation med dine egne ord (mindst et par sætninger)."
        ),
        P.ACTIONS_TRIVIAL: gettext("Beskriv de aftalte handlinger med dine egne ord."),
        P.CONTINGENCY_TRIVIAL: gettext("Beskriv hvad du gør, hvis det går galt."),
        P.COPIED: gettext("Skriv forskellige svar i de tre felter."),
        P.EARLY_WITHOUT_REASON: gettext(
            "Udskrivningen er planlagt til en senere uge: skriv hvorfor overgangen bekræftes "
            "allerede nu."
        ),
    }


def confirmation_problem_labels() -> dict[ConfirmationProblem, str]:
    return confirmation_messages()
