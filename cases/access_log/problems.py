"""What `verify_access_log` reports: a finding names the range of entries it concerns."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .anchors import Anchor


@dataclass(frozen=True)
class ChainProblem:
    """One finding: entries `first_id` to `last_id` (inclusive; None where the range is open)
    and a sentence naming them, in the active language."""

    first_id: int | None
    last_id: int | None
    message: str


def anchor_time(anchor: Anchor) -> str:
    return timezone.localtime(anchor.at).strftime("%Y-%m-%d %H:%M:%S")


def missing_ids_note(after: int | None, before: int) -> str:
    """' Id 3 findes ikke.' where ids are missing between two entries (a rolled-back write also
    leaves a gap, so this is a hint, never a finding on its own)."""
    first, last = (after or 0) + 1, before - 1
    if first > last:
        return ""
    if first == last:
        return " " + _("Id %(id)s findes ikke.") % {"id": first}
    return " " + _("Id %(first)s-%(last)s findes ikke.") % {"first": first, "last": last}


def altered(first: int, last: int, gap_note: str) -> ChainProblem:
    if first == last:
        text = _(
            "Post %(id)s: HMAC'en passer ikke (posten er ændret, eller kæden er genberegnet "
            "uden nøglen)."
        ) % {"id": first}
    else:
        text = _(
            "Poster %(first)s-%(last)s: HMAC'en passer ikke (posterne er ændret, eller kæden "
            "er genberegnet uden nøglen)."
        ) % {"first": first, "last": last}
    return ChainProblem(first, last, text + gap_note)


def unknown_key(first: int, last: int, key_id: str) -> ChainProblem:
    values = {"id": first, "first": first, "last": last, "key_id": key_id}
    if first == last:
        text = _(
            "Post %(id)s er kædet med en ukendt nøgle (%(key_id)s): sæt den gamle nøgle i "
            "ACCESS_LOG_OLD_KEYS, ellers er posten forfalsket."
        )
    else:
        text = _(
            "Poster %(first)s-%(last)s er kædet med en ukendt nøgle (%(key_id)s): sæt den gamle "
            "nøgle i ACCESS_LOG_OLD_KEYS, ellers er posterne forfalsket."
        )
    return ChainProblem(first, last, text % values)


def link_broken(before: int | None, after: int) -> ChainProblem:
    if before is None:
        text = _("Før post %(after)s er kæden brudt: de første poster er slettet.") % {
            "after": after
        }
    else:
        text = _(
            "Mellem post %(before)s og post %(after)s er kæden brudt: en post imellem er "
            "slettet, eller post %(before)s er ændret."
        ) % {"before": before, "after": after}
    return ChainProblem(before, after, text + missing_ids_note(before, after))


def head_mismatch(last: int | None) -> ChainProblem:
    if last is None:
        text = _("Den nyeste post mangler: loggen er tom, men kædens hoved peger på en post.")
    else:
        text = _(
            "Den nyeste post mangler: kædens hoved passer ikke med post %(id)s; poster efter "
            "den er slettet."
        ) % {"id": last}
    return ChainProblem(last, None, text)
