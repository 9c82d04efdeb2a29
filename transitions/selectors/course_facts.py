"""The handover's facts on the case page's course strip (issue 18): the discharge, the first
outpatient appointment and contact, the check-ins. Registered on `cases.hooks.course_facts` in
TransitionsConfig.ready(); two queries whatever the number of check-ins, shared with the
case page's panels (transitions.selectors.case_page)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.course_strip import CourseFact
from cases.page import CasePage
from cases.selectors.course_strip import day

from ..models import CheckIn, Transition
from .case_page import page_course_checkins, page_live_transitions


def _transition_facts(transition: Transition) -> list[CourseFact]:
    facts: list[CourseFact] = []
    if transition.discharged_on:
        facts.append(
            CourseFact(
                "handover",
                "discharge",
                transition.discharged_on,
                _("Udskrevet fra døgnbehandling"),
                "done",
            )
        )
    elif transition.planned_discharge_on:
        facts.append(
            CourseFact(
                "handover",
                "discharge",
                transition.planned_discharge_on,
                _("Planlagt udskrivning fra døgnbehandling"),
                "planned",
            )
        )
    if transition.first_appointment_at:
        local = timezone.localtime(transition.first_appointment_at)
        label = _("Første ambulante aftale kl. %(time)s: %(status)s") % {
            "time": date_format(local, "TIME_FORMAT"),
            "status": transition.get_first_appointment_status_display().lower(),
        }
        facts.append(
            CourseFact(
                "handover",
                "first_appointment",
                local.date(),
                label,
                transition.first_appointment_status,
            )
        )
    if transition.first_outpatient_contact_on:
        gap = transition.gap_days
        if gap is not None:
            label = ngettext(
                "Første ambulante kontakt, %(days)s dag efter udskrivning",
                "Første ambulante kontakt, %(days)s dage efter udskrivning",
                gap,
            ) % {"days": gap}
        else:
            label = _("Første ambulante kontakt")
        facts.append(
            CourseFact("handover", "first_contact", transition.first_outpatient_contact_on, label)
        )
    return facts


def _checkin_fact(checkin: CheckIn, today: date) -> CourseFact:
    if checkin.answered_at:
        label = _("Tjek-ind besvaret: %(label)s (planlagt %(due)s)") % {
            "label": checkin.display_label,
            "due": day(checkin.due_on),
        }
        answered_on = timezone.localtime(checkin.answered_at).date()
        return CourseFact("checkin", "checkin", answered_on, label, "answered")
    if checkin.due_on < today:
        label = _("Tjek-ind forfalden: %(label)s") % {"label": checkin.display_label}
        return CourseFact("checkin", "checkin", checkin.due_on, label, "overdue")
    label = _("Tjek-ind planlagt: %(label)s") % {"label": checkin.display_label}
    return CourseFact("checkin", "checkin", checkin.due_on, label, "due")


def handover_course_facts(page: CasePage) -> list[CourseFact]:
    """The discharge, first appointment and contact of each handover that was not cancelled,
    and the course's check-ins (outpatient-only courses have them too), not those of a
    cancelled handover; from the rows the case page's panels share."""
    facts: list[CourseFact] = []
    for transition in page_live_transitions(page):
        facts += _transition_facts(transition)
    facts += [_checkin_fact(checkin, page.today) for checkin in page_course_checkins(page)]
    return facts
