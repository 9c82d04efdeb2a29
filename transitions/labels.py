"""Danish labels for the codes of the pure rule module (readiness.py has no Django)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .overdose import OverdoseProblem
from .readiness import ConfirmationProblem, Missing

MISSING_LABELS = {
    Missing.OUTPATIENT_THERAPIST: _("Ambulant behandler udpeget"),
    Missing.FIRST_APPOINTMENT: _("Første ambulante aftale booket"),
    Missing.MEETING_HELD: _("Statusmøde holdt"),
    Missing.BEFORE_DISCHARGE_NOTE: _("Statusnotat før udskrivning skrevet"),
    Missing.OVERDOSE_SAFETY: _("Overdosissikkerhed i statusnotatet før udskrivning"),
    Missing.FINAL_CHECKIN: _("Tjek-ind ved den afsluttende samtale gennemført"),
}

# What the checklist names as missing of the overdose safety (§5.11), short.
OVERDOSE_LABELS = {
    OverdoseProblem.NALOXONE: _("naloxon"),
    OverdoseProblem.TOLERANCE_TALK: _("samtalen om lavere tolerance"),
    OverdoseProblem.FIRST_72H_WHO: _("hvem kontakter borgeren de første 72 timer"),
    OverdoseProblem.FIRST_72H_WHEN: _("hvornår borgeren kontaktes"),
    OverdoseProblem.FIRST_72H_UNREACHABLE: _("hvad der sker, hvis borgeren ikke kan træffes"),
}


def overdose_messages() -> dict[OverdoseProblem, str]:
    """The form error of each missing part of the overdose safety (translated when called)."""
    P = OverdoseProblem
    return {
        P.NALOXONE: gettext(
            "Angiv om naloxon er tilbudt og udleveret, ikke tilbudt, eller tilbudt og afslået."
        ),
        P.TOLERANCE_TALK: gettext(
            "Tal med borgeren om den lavere tolerance efter døgnbehandlingen, og markér det."
        ),
        P.FIRST_72H_WHO: gettext("Angiv hvem der kontakter borgeren de første 72 timer."),
        P.FIRST_72H_WHEN: gettext("Angiv hvornår borgeren kontaktes de første 72 timer."),
        P.FIRST_72H_UNREACHABLE: gettext(
            "Beskriv hvad der sker, hvis borgeren ikke kan træffes de første 72 timer."
        ),
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
