from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatmentOptionsConfig(AppConfig):
    name = "treatment_options"
    verbose_name = _("Behandlingstilbud")

    def ready(self) -> None:
        from cases import event_messages, hooks

        from .case_access import episode_holders, open_episode_at_unit_q
        from .discharge import discharge_question_panel
        from .move_guards import EPISODE_MOVE_GUARDS, last_episode_end
        from .timeline import contact_timeline, episode_timeline

        # The case's episodes, where cases needs them without importing this app (STYLE §3b).
        hooks.case_holders.register(episode_holders)
        hooks.my_cases_filters.register(open_episode_at_unit_q)
        hooks.timeline_sources.register(episode_timeline)
        hooks.timeline_sources.register(contact_timeline)
        hooks.last_episode_end.register(last_episode_end)
        # The timeline shows an episode's end reason in the active language.
        from .models import EndReason

        event_messages.register_choices("end_reason", "reason", EndReason)
        # §5.9: a discharge without outpatient treatment asks what comes next.
        hooks.case_page_panels.register(
            hooks.CasePagePanel("treatment_options/_discharge_panel.html", discharge_question_panel)
        )
        for guard in EPISODE_MOVE_GUARDS:
            hooks.move_guards.register(guard)
