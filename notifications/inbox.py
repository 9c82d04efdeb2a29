"""How a notification reads in the inbox: which case, what is due, when, and the one thing to do.

The row is written from the rule, the date and the case number at display time, not from the
stored message: the sentence then follows the user's language and today's date ("om 2 dage"
becomes "i morgen" tomorrow), and a row never repeats its title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .models import Notification, Rule

# What the date on a notification is, per rule (the date its threshold key counts from).
WHEN_LABELS: dict[str, Promise] = {
    Rule.GUARANTEE_DUE: _("Frist"),
    Rule.GUARANTEE_BREACHED: _("Fristen var"),
    Rule.CHECKIN_DUE: _("Planlagt"),
    Rule.CHECKIN_OVERDUE: _("Planlagt"),
    Rule.ACTION_DUE: _("Frist"),
    Rule.ACTION_OVERDUE: _("Frist"),
    Rule.DISCHARGE_NO_APPOINTMENT: _("Udskrivning"),
    Rule.DISCHARGE_NOT_READY: _("Udskrivning"),
    Rule.NO_OUTPATIENT_CONTACT: _("Udskrevet"),
    Rule.FIRST_APPOINTMENT_MISSED: _("Aftalen var"),
    Rule.START_NOTE_DUE: _("Frist"),
    Rule.MIDWAY_NOTE_DUE: _("Frist"),
    Rule.NOTE_UNACKNOWLEDGED: _("Skrevet"),
    Rule.NO_TREATMENT_PLAN: _("Forløbet startede"),
    Rule.NO_DOCTOR_CONSULTATION: _("Behandlingen startede"),
    Rule.FOLLOW_UP_DUE: _("Frist"),
    Rule.FOLLOW_UP_OVERDUE: _("Frist"),
    # The first day of the 4-week window the shortfall was told for (§5.10).
    Rule.DELIVERY_SHORTFALL: _("Perioden begyndte"),
    # The register's deadline, the 15th (DESIGN §7).
    Rule.REGISTER_CHECK: _("Frist for indberetning"),
}

# The one action each reminder asks for; it is the row's link to where it is done.
ACTIONS: dict[str, Promise] = {
    Rule.GUARANTEE_DUE: _("Iværksæt behandlingen"),
    Rule.GUARANTEE_BREACHED: _("Iværksæt behandlingen hurtigst muligt"),
    Rule.CHECKIN_DUE: _("Gennemfør tjek-ind"),
    Rule.CHECKIN_OVERDUE: _("Gennemfør tjek-ind"),
    Rule.ACTION_DUE: _("Udfør handlingen"),
    Rule.ACTION_OVERDUE: _("Udfør handlingen"),
    Rule.DISCHARGE_NO_APPOINTMENT: _("Book første ambulante aftale"),
    Rule.DISCHARGE_NOT_READY: _("Skriv statusnotatet, eller hold statusmødet"),
    Rule.NO_OUTPATIENT_CONTACT: _("Registrér den ambulante kontakt"),
    Rule.COMMITMENT_REDUCED: _("Se ændringen af indsatsen"),
    Rule.COMMITMENT_CHANGED: _("Se ændringen af indsatsen"),
    Rule.CHECKIN_SCHEDULE_CHANGED: _("Se planen for tjek-ind"),
    Rule.START_NOTE_DUE: _("Skriv statusnotatet ved start"),
    Rule.MIDWAY_NOTE_DUE: _("Skriv midtvejsstatusnotatet"),
    Rule.NOTE_UNACKNOWLEDGED: _("Læs og kvittér for notatet"),
    Rule.FIRST_APPOINTMENT_MISSED: _("Kontakt borgeren"),
    Rule.BREAK_GLASS: _("Gennemgå nødadgangen"),
    Rule.NO_TREATMENT_PLAN: _("Få lagt en behandlingsplan"),
    Rule.NO_DOCTOR_CONSULTATION: _("Registrér lægesamtalen"),
    Rule.FOLLOW_UP_DUE: _("Gennemfør opfølgningen"),
    Rule.FOLLOW_UP_OVERDUE: _("Gennemfør opfølgningen"),
    Rule.DELIVERY_SHORTFALL: _("Se leveret og aftalt"),
    Rule.REGISTER_CHECK: _("Ret forløbene på tjeklisten"),
}


# The follow-up reminders, whose row also has the "Opfølgning gennemført" button.
FOLLOW_UP_RULES = frozenset({Rule.FOLLOW_UP_DUE, Rule.FOLLOW_UP_OVERDUE})


@dataclass(frozen=True)
class InboxRow:
    case_number: str
    what: str
    when_label: str
    when_on: date | None
    when_text: str
    relative: str
    action: str
    # The row's subject for the accessible names of its link and buttons: "sag 2026-0001",
    # or what the reminder is about when it has no case.
    subject: str = ""
    no_case: str = ""
    # A follow-up reminder's kind ("1m", "6m"; the threshold key's start), else "".
    follow_up_kind: str = ""


@dataclass(frozen=True)
class _Labels:
    what: dict[str, str]
    when: dict[str, str]
    action: dict[str, str]
    new_reminder: str
    received: str
    open_reminder: str
    no_case: str


@cache
def _labels(language: str | None) -> _Labels:
    """The rule labels translated once per language (the catalogue does not change while the
    process runs): a list of 50 rows then makes no gettext call per row for them."""
    return _Labels(
        what={rule.value: str(rule.label) for rule in Rule},
        when={rule: str(label) for rule, label in WHEN_LABELS.items()},
        action={rule: str(label) for rule, label in ACTIONS.items()},
        new_reminder=gettext("Ny påmindelse"),
        received=gettext("Modtaget"),
        open_reminder=gettext("Åbn påmindelsen"),
        no_case=gettext("Ingen sag"),
    )


def relative_day(day: date, *, today: date) -> str:
    """ "i dag", "i morgen", "om 3 dage", "i går", "for 2 dage siden", in correct plural forms."""
    days = (day - today).days
    if days == 0:
        return gettext("i dag")
    if days == 1:
        return gettext("i morgen")
    if days == -1:
        return gettext("i går")
    if days > 0:
        return ngettext("om %(count)d dag", "om %(count)d dage", days) % {"count": days}
    return ngettext("for %(count)d dag siden", "for %(count)d dage siden", -days) % {"count": -days}


def inbox_row(notification: Notification, *, today: date) -> InboxRow:
    """The inbox row of one notification, in the active language."""
    labels = _labels(get_language())
    rule = notification.rule
    what = labels.what.get(rule, labels.new_reminder)
    when_on = notification.due_on
    when_label = labels.when.get(rule)
    if when_on is None or when_label is None:
        # No date of its own (a reduced commitment, a break-the-glass use): when it came.
        when_on = timezone.localdate(notification.created_at) if notification.created_at else None
        when_label = labels.received
    case_number = notification.case.number if notification.case_id and notification.case else ""
    return InboxRow(
        case_number=case_number,
        what=what,
        when_label=when_label,
        when_on=when_on,
        when_text=date_format(when_on, "SHORT_DATE_FORMAT") if when_on else "",
        relative=relative_day(when_on, today=today) if when_on else "",
        action=labels.action.get(rule, labels.open_reminder),
        subject=gettext("sag %(number)s") % {"number": case_number} if case_number else what,
        no_case=labels.no_case,
        follow_up_kind=notification.threshold[:2]
        if notification.case_id and rule in FOLLOW_UP_RULES
        else "",
    )
