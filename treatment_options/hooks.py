"""The moments of an episode that higher apps react to (STYLE §3b).

treatment_options never imports those apps: they connect their receivers in their own
`AppConfig.ready()` (the handover: `transitions.apps`).

Both signals are sent synchronously, inside the episode service's transaction and with the
case row locked, so that what a receiver writes (the handover opened or its discharge
recorded) commits or rolls back together with the episode change. A receiver's exception
aborts the change, as a direct call would.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by `episode_start` with episode=..., actor=... once the start is saved and on the
# timeline (and the case moved to "I behandling"), before the case's access is re-synced.
episode_started = Signal()

# Sent by `episode_end` with episode=..., actor=... once the end is saved and on the
# timeline, before the case's access is re-synced.
episode_ended = Signal()
