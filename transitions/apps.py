from __future__ import annotations

from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "transitions"
