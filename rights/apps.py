"""The citizen's rights and the life of the data (docs/retention.md): access to the file, access
requests and complaints, legal holds and retention. Above reports and notifications, since the
export and the deletion reach every app's records."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Borgerens rettigheder")

    def ready(self) -> None:
        # late import: the rules and the panel import models of several apps.
        from cases import event_messages, hooks
        from notifications.rules import register_rule

        from .models import AccessRequest
        from .panels import RIGHTS_PANEL
        from .reminders import access_request_rule, complaint_rule

        register_rule("access_request", access_request_rule)
        register_rule("complaint", complaint_rule)
        # The timeline shows the kind and the status of an access request in the reader's
        # language (cases.event_messages).
        event_messages.register_choices("access_kind", "kind", AccessRequest.Kind)
        event_messages.register_choices("access_status", "status", AccessRequest.Status)
        # "Aktindsigt og klager" on the case page (STYLE §3b: cases names the place).
        hooks.case_page_panels.register(RIGHTS_PANEL)
