from __future__ import annotations

from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "transitions"

    def ready(self) -> None:
        from treatment_options import hooks as episode_hooks

        from . import receivers

        # The handover follows the residential episode (DESIGN §5); see transitions.receivers.
        episode_hooks.episode_started.connect(
            receivers.open_handover_on_residential_start,
            weak=False,
            dispatch_uid="transitions.open_handover_on_residential_start",
        )
        episode_hooks.episode_ended.connect(
            receivers.record_discharge_on_residential_end,
            weak=False,
            dispatch_uid="transitions.record_discharge_on_residential_end",
        )
