"""The moments of the handover that higher apps react to (STYLE §3b).

transitions never imports those apps: they connect their receivers in their own
`AppConfig.ready()` (the immediate notifications: `notifications.apps`).

The signals are sent synchronously, inside the service's transaction, where the service used
to notify directly: the notifications are then made atomically with the change (and their
e-mail is queued after the commit, as every notification's is).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

from cases.hooks import Registry
from cases.models import Case


@dataclass(frozen=True)
class TransitionPagePanel:
    """A panel on the handover page: `template_name` is included with `panel` set to
    `context(case, user)`."""

    template_name: str
    context: Callable[[Case, Any], dict[str, Any]]


# Panels of other apps on the handover page (the report buttons), as `cases.hooks.
# case_page_panels` on the case page.
transition_page_panels: Registry[TransitionPagePanel] = Registry("transition_page_panels")

# §5.2: an agreed aftercare commitment was reduced or cancelled (change.kind says which).
# Sent by `commitment_change` with commitment=..., change=..., transition=..., actor=...
commitment_reduced = Signal()

# §5.10: an agreed commitment was changed (description, frequency, start, responsible) with a
# reason. Sent by `commitment_change` with commitment=..., change=..., transition=..., actor=...
commitment_changed = Signal()

# §5.10: the check-in schedule of a handover was changed with a reason. Sent by
# `transition_checkin_schedule_update` with transition=..., actor=..., before=..., after=...,
# reason=...
checkin_schedule_changed = Signal()

# §5.9: the citizen did not come to the first outpatient appointment.
# Sent by the reminder sweep (`first_appointments_missed_sweep`) when the cut-off passed with
# no attended contact, with transition=..., actor=None.
first_appointment_missed = Signal()
