"""The swept rules by name, and the sweep's evaluation of them all."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.utils import translation

from .. import thresholds as th
from ..pending import Pending
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
from .links import url_template
from .notes import midway_note_rule, note_unacknowledged_rule, start_note_rule
from .treatment import doctor_consultation_rule, treatment_plan_rule

# The logger keeps the name it had before the rules became a package: log filters select on it.
logger = logging.getLogger("notifications.rules")


def current_thresholds() -> th.Thresholds:
    return th.from_overrides(getattr(settings, "REMINDER_THRESHOLDS", None))


# Immediate rules are not swept: `handover_events` notifies when it happens (on the signals of
# transitions.hooks), with Rule.COMMITMENT_REDUCED (§5.2, a commitment reduced or cancelled)
# Rule.COMMITMENT_CHANGED and Rule.CHECKIN_SCHEDULE_CHANGED (§5.10) and
# Rule.FIRST_APPOINTMENT_MISSED (§5.9).
RULES: dict[str, Callable[[RuleContext], list[Pending]]] = {
    "guarantee": guarantee_rule,
    "checkin": checkin_rule,
    "action_item": action_item_rule,
    "discharge_no_appointment": discharge_no_appointment_rule,
    "discharge_not_ready": discharge_not_ready_rule,
    "no_outpatient_contact": no_outpatient_contact_rule,
    "treatment_plan": treatment_plan_rule,
    "doctor_consultation": doctor_consultation_rule,
    "follow_up": follow_up_rule,
    "delivery_shortfall": delivery_shortfall_rule,
    "start_note": start_note_rule,
    "midway_note": midway_note_rule,
    "note_unacknowledged": note_unacknowledged_rule,
}


def register_rule(name: str, rule: Callable[[RuleContext], list[Pending]]) -> None:
    """The extension point for rules of the apps above (filled in their AppConfig.ready()): the
    register check list (core.register_check) needs the reports app, which notifications may
    not import."""
    if RULES.get(name, rule) is not rule:
        raise ValueError(f"A reminder rule named {name!r} is already registered")
    RULES[name] = rule


def run_rules(*, today: date, thresholds: th.Thresholds | None = None) -> list[Pending]:
    """Evaluate every rule for `today`; logs counts and timings (no personal data)."""
    ctx = RuleContext(today=today, thresholds=thresholds or current_thresholds())
    url_template.cache_clear()  # a fresh look at the URL configuration on every sweep
    pending: list[Pending] = []
    # Stored messages cannot be translated later: write them in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        for name, rule in RULES.items():
            started = time.perf_counter()
            found = rule(ctx)
            logger.info(
                "reminder rule %s: %d subjects, %d notifications, %.3f s",
                name,
                len({(p.subject_type_id, p.subject_id) for p in found}),
                len(found),
                time.perf_counter() - started,
            )
            pending += found
    return pending
