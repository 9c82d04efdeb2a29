from __future__ import annotations

from django.apps import AppConfig


class TreatmentOptionsConfig(AppConfig):
    name = "treatment_options"
