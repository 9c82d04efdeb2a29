"""How the rules write their messages: gettext cached per language, dates in DATE_FORMAT."""

from __future__ import annotations

import functools
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext


@functools.lru_cache(maxsize=512)
def _translated(language: str | None, message: str) -> str:
    return gettext(message)


def _(message: str) -> str:
    """gettext, cached per language: the rules format the same few texts for many rows."""
    return _translated(get_language(), message)


def day_text(day: date) -> str:
    return date_format(day, "DATE_FORMAT")
