"""A commitment's rate and its history as readers see them, in their language (issue 18):
"1 contact a week", "Start: 2 December 2026 → 5 December 2026". The rows keep the rate as n
contacts per k weeks and the history as JSON snapshots with ISO dates; this is display only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .frequency import frequency_text


def rate_label(n: int | None, k: int | None) -> str:
    """ "1 kontakt pr. uge", "2 kontakter pr. 3 uger"; "" without a rate."""
    if not n or not k:
        return ""
    if k == 1:
        return ngettext("%(n)s kontakt pr. uge", "%(n)s kontakter pr. uge", n) % {"n": n}
    return ngettext("%(n)s kontakt pr. %(k)s uger", "%(n)s kontakter pr. %(k)s uger", n) % {
        "n": n,
        "k": k,
    }


def frequency_note(frequency: str, n: int | None, k: int | None) -> str:
    """The frequency as someone typed it; "" when it is only the rate in the words the product
    wrote for it (frequency.frequency_text), which `rate_label` says in the reader's language."""
    if n and k and frequency == frequency_text(n, k):
        return ""
    return frequency


def _frequency(snapshot: Mapping[str, Any]) -> str:
    n, k = snapshot.get("contacts_per_period"), snapshot.get("period_weeks")
    note = frequency_note(snapshot.get("frequency") or "", n, k)
    rate = rate_label(n, k)
    return f"{rate} ({note})" if rate and note else rate or note


def _date(value: Any) -> str:
    try:
        return date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return str(value)


def change_lines(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """What a change of a commitment changed, one line per field, from its snapshots."""
    if not before:
        return []
    lines = []
    if before.get("description") and before.get("description") != after.get("description"):
        lines.append(
            _("Indsats: %(a)s → %(b)s") % {"a": before["description"], "b": after["description"]}
        )
    old, new = _frequency(before), _frequency(after)
    if old and old != new:
        lines.append(_("Hyppighed: %(a)s → %(b)s") % {"a": old, "b": new})
    if before.get("starts_on") != after.get("starts_on"):
        lines.append(
            _("Start: %(a)s → %(b)s")
            % {"a": _date(before.get("starts_on")), "b": _date(after.get("starts_on"))}
        )
    if before.get("responsible") != after.get("responsible"):
        lines.append(_("Ny ansvarlig"))
    return lines
