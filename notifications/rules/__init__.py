"""The reminder rules of DESIGN §6.

Each rule is a small function `(today, thresholds, ctx) -> list[Pending]` that finds its due
subjects with a fixed number of set-based queries (never one query per case), and says whom to
notify, about what, under which threshold key. The sweep (`notifications.sweep`) runs them all
and inserts the result in bulk; the unique constraint on Notification makes that idempotent.

Messages name the kind of deadline and its date only: no citizen name, no CPR number, no free
text from the case. They are shown in the inbox and may be e-mailed.

Recipients of each rule:
- guarantee in 7/3/1 days: the caseworker; breached: the caseworker and the team's managers;
- check-in due / overdue: the transition's outpatient therapist (the caseworker when none is
  named yet: somebody must hold the check-in);
- action item due / overdue: its owner;
- discharge without first appointment / not ready: caseworker, residential and outpatient
  therapist;
- no outpatient contact after discharge: outpatient therapist and caseworker;
- episode without treatment plan, drug case without doctor's consultation: the caseworker;
- legal follow-up (BEK 1477/2019 § 4), social drug treatment only, not after a death or a move:
  the caseworker, or the last provider's therapists when the municipal team says so (the
  caseworker when there is none); when overdue, the caseworker always too;
- a delivery shortfall on a commitment (§5.10), once per 4-week window: the outpatient
  therapist and the caseworker.

Working days (DESIGN §6): the deadlines count calendar days and never move, but the last
reminder before a deadline (the guarantee's 1 day, a check-in's due day, an action item's
2 days, the discharge reminders, the legal follow-up's 7 days) comes on the last working day
before its normal day when that is a weekend day or a holiday (`thresholds.reminder_day`). The
reminders after a date (breached, overdue, after discharge, after the start) stay on their day.

One module per rule family (guarantee, handover, treatment, follow_up, delivery); the registry
names them and runs them all. Callers import from the package. The handover's immediate reminders (a
commitment reduced or cancelled, a first appointment missed) are not swept: `handover_events`
makes them on the signals of transitions.hooks.

Apps above notifications add swept rules of their own with `register_rule` in their ready():
core's register check list, and rights' access requests (2 working days before the answer
deadline and on its day) and complaints (4 weeks without reconsideration), `rights.reminders`.

Not swept either: break_glass (the team's managers hear at once when the glass is broken on one
of the team's cases; it answers `cases.hooks.glass_broken`, and closes the task's notifications
on `cases.hooks.glass_reviewed`).
"""

from __future__ import annotations

from .break_glass import close_break_glass_task, notify_managers_of_break_glass
from .context import RuleContext
from .delivery import delivery_shortfall_rule
from .follow_up import follow_up_rule
from .guarantee import guarantee_rule
from .handover import (
    action_item_rule,
    checkin_rule,
    discharge_no_appointment_rule,
    discharge_not_ready_rule,
    no_outpatient_contact_rule,
)
from .links import case_url, transition_url
from .registry import RULES, current_thresholds, register_rule, run_rules
from .treatment import doctor_consultation_rule, treatment_plan_rule

__all__ = [
    "RULES",
    "RuleContext",
    "action_item_rule",
    "case_url",
    "checkin_rule",
    "close_break_glass_task",
    "current_thresholds",
    "delivery_shortfall_rule",
    "discharge_no_appointment_rule",
    "discharge_not_ready_rule",
    "doctor_consultation_rule",
    "follow_up_rule",
    "guarantee_rule",
    "no_outpatient_contact_rule",
    "notify_managers_of_break_glass",
    "register_rule",
    "run_rules",
    "transition_url",
    "treatment_plan_rule",
]
