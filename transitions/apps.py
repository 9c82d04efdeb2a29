from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitionsConfig(AppConfig):
    name = "transitions"
    verbose_name = _("Overgange")

    def ready(self) -> None:
        from cases import event_messages, hooks

        from .models import StatusNote
        from .selectors.case_access import handover_holders, named_on_handover_q
        from .selectors.case_panel import TRANSITION_PANEL
        from .selectors.checkin_panel import CHECKIN_PANEL
        from .selectors.contact_panel import CONTACT_PANEL
        from .selectors.course_facts import handover_course_facts
        from .selectors.timeline import handover_timeline

        # The case's handovers, where cases needs them without importing this app
        # (STYLE §3b). Registered after treatment_options (INSTALLED_APPS order), as the
        # handover came after the episodes when cases read them itself.
        hooks.case_holders.register(handover_holders)
        hooks.my_cases_filters.register(named_on_handover_q)
        hooks.timeline_sources.register(handover_timeline)
        hooks.case_page_panels.register(TRANSITION_PANEL)
        # Contacts with the citizen (§5.10): here, as a contact can deliver a commitment.
        hooks.case_page_panels.register(CONTACT_PANEL)
        # The timeline shows the kind of a status note in the active language.
        event_messages.register_choices("note_kind", "kind", StatusNote.Kind)
        # The discharge, first appointment and check-ins on the case page's course strip.
        hooks.course_facts.register(handover_course_facts)
        # An outpatient-only course's check-ins (§5.10): the case page is where they show.
        hooks.case_page_panels.register(CHECKIN_PANEL)

        from treatment_options import hooks as episode_hooks

        from . import receivers

        # The handover follows the residential episode (DESIGN §5); see transitions.receivers.
        episode_hooks.episode_started.connect(
            receivers.open_handover_on_residential_start,
            weak=False,
            dispatch_uid="transitions.open_handover_on_residential_start",
        )
        episode_hooks.episode_started.connect(
            receivers.schedule_checkins_on_outpatient_start,
            weak=False,
            dispatch_uid="transitions.schedule_checkins_on_outpatient_start",
        )
        episode_hooks.episode_ended.connect(
            receivers.record_discharge_on_residential_end,
            weak=False,
            dispatch_uid="transitions.record_discharge_on_residential_end",
        )
