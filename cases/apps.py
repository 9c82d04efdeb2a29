from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Sager og borgere")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from accounts.models import Unit, User

        from .forms.filter_choices import filter_choices_forget

        # The case list's cached caseworker and team choices follow the saves of this process.
        for model in (User, Unit):
            post_save.connect(filter_choices_forget, sender=model, weak=False)
            post_delete.connect(filter_choices_forget, sender=model, weak=False)
        m2m_changed.connect(filter_choices_forget, sender=User.groups.through, weak=False)
