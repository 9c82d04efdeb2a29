"""Every model that holds data about a citizen, found from the models themselves (issue 14,
acceptance 5): a model is citizen data when one of its foreign keys leads, directly or through
other such models, to `cases.Citizen`. Models added later are found without being listed, so the
tests that use this fail when the access-to-file export or the retention table misses one."""

from __future__ import annotations

from django.apps import apps
from django.db import models

PROJECT_APPS = (
    "accounts",
    "cases",
    "treatment_options",
    "transitions",
    "notifications",
    "reports",
    "rights",
)


def _project_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.proxy
    ]


def citizen_data_models() -> set[type[models.Model]]:
    citizen = apps.get_model("cases", "Citizen")
    found: set[type[models.Model]] = {citizen}
    candidates = _project_models()
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model in found:
                continue
            for field in model._meta.get_fields():
                points_at_one = field.many_to_one or field.one_to_one
                if points_at_one and field.concrete and field.related_model in found:
                    found.add(model)
                    grew = True
                    break
    return found


# Models that point at a citizen's data by id, not by a foreign key: the access log names the case
# by id (it outlives the case, docs/retention.md §4), and a finished report file is a copy of
# case data (a case report, a register extract, an export).
BY_ID = ("cases.AccessLog", "reports.ReportJob")


def citizen_data_model_labels() -> set[str]:
    return {model._meta.label for model in citizen_data_models()} | set(BY_ID)
