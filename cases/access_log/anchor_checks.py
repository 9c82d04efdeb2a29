"""The chain against its anchors: a stretch cut off the tail, an anchored entry gone or
changed, and entries deleted between two anchors (their counts no longer add up)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import AccessLog
from .anchors import Anchor, AnchorFile
from .problems import ChainProblem, anchor_time


@dataclass
class AnchorObservation:
    """What the walk saw at each anchored id: how many entries up to it, and its hash."""

    targets: list[int]
    count: int = 0
    last_id: int | None = None
    count_at: dict[int, int] = field(default_factory=dict)
    hash_at: dict[int, str] = field(default_factory=dict)
    _next: int = 0

    @classmethod
    def for_anchors(cls, anchors: list[Anchor]) -> AnchorObservation:
        return cls(targets=sorted({a.last_id for a in anchors if a.last_id is not None}))

    def entry(self, entry: AccessLog) -> None:
        """Called for every entry, in id order."""
        self._pass_targets_below(entry.pk)
        self.count += 1
        self.last_id = entry.pk
        if self._next < len(self.targets) and self.targets[self._next] == entry.pk:
            self.count_at[entry.pk] = self.count
            self.hash_at[entry.pk] = entry.entry_hash
            self._next += 1

    def finish(self) -> None:
        self._pass_targets_below(None)

    def _pass_targets_below(self, pk: int | None) -> None:
        while self._next < len(self.targets) and (pk is None or self.targets[self._next] < pk):
            self.count_at[self.targets[self._next]] = self.count
            self._next += 1


def _distinct(anchors: list[Anchor]) -> list[Anchor]:
    """Anchors sorted by the id they name; repeats of the same head (no reads in between)
    are kept once, as first written."""
    seen: set[tuple[int | None, int, str]] = set()
    result = []
    for anchor in sorted(anchors, key=lambda a: (a.last_id or 0, a.at)):
        identity = (anchor.last_id, anchor.count, anchor.hmac)
        if anchor.last_id is not None and identity not in seen:
            seen.add(identity)
            result.append(anchor)
    return result


def _tail_cut(anchor: Anchor, seen: AnchorObservation) -> ChainProblem:
    values = {
        "at": anchor_time(anchor),
        "count": anchor.count,
        "anchor_last": anchor.last_id,
        "last": seen.last_id,
        "now": seen.count,
    }
    if seen.last_id is None:
        text = _(
            "Halen er skåret af: ankeret fra %(at)s talte %(count)s poster til og med post "
            "%(anchor_last)s, men loggen er tom: posterne til og med post %(anchor_last)s mangler."
        )
    else:
        text = _(
            "Halen er skåret af: ankeret fra %(at)s talte %(count)s poster til og med post "
            "%(anchor_last)s, men loggen slutter nu ved post %(last)s med %(now)s poster: "
            "posterne efter post %(last)s til og med post %(anchor_last)s mangler."
        )
    first = (seen.last_id or 0) + 1
    return ChainProblem(first, anchor.last_id, text % values)


def _anchored_entry_gone(anchor: Anchor) -> ChainProblem:
    text = _("Post %(id)s, som ankeret fra %(at)s pegede på, er slettet.") % {
        "id": anchor.last_id,
        "at": anchor_time(anchor),
    }
    return ChainProblem(anchor.last_id, anchor.last_id, text)


def _anchored_entries_differ(group: list[Anchor]) -> ChainProblem:
    first, last = group[0], group[-1]
    if len(group) == 1:
        text = _(
            "Post %(id)s passer ikke med ankeret fra %(at)s: posten er ændret, eller kæden er "
            "genberegnet."
        ) % {"id": first.last_id, "at": anchor_time(first)}
    else:
        text = _(
            "Posterne %(first)s-%(last)s passer ikke med %(n)s ankre fra %(from)s til %(to)s: "
            "de er ændret, eller kæden er genberegnet."
        ) % {
            "first": first.last_id,
            "last": last.last_id,
            "n": len(group),
            "from": anchor_time(first),
            "to": anchor_time(last),
        }
    return ChainProblem(first.last_id, last.last_id, text)


def _count_changed(anchor: Anchor, now: int, change: int, after: int | None) -> ChainProblem:
    values = {
        "at": anchor_time(anchor),
        "count": anchor.count,
        "last": anchor.last_id,
        "now": now,
        "n": abs(change),
        "after": after,
    }
    head = _(
        "Ankeret fra %(at)s talte %(count)s poster til og med post %(last)s, nu er der %(now)s"
    )
    if change < 0 and after is None:
        tail = _("der er indsat poster til og med post %(last)s.")
    elif change < 0:
        tail = _("der er indsat poster mellem post %(after)s og post %(last)s.")
    elif after is None:
        tail = ngettext(
            "%(n)s post til og med post %(last)s er slettet.",
            "%(n)s poster til og med post %(last)s er slettet.",
            change,
        )
    else:
        tail = ngettext(
            "%(n)s post mellem post %(after)s og post %(last)s er slettet.",
            "%(n)s poster mellem post %(after)s og post %(last)s er slettet.",
            change,
        )
    first = None if after is None else after + 1
    return ChainProblem(first, anchor.last_id, f"{head % values}: {tail % values}")


def anchor_problems(anchor_file: AnchorFile | None, seen: AnchorObservation) -> list[ChainProblem]:
    """Every finding from comparing the anchors with what the walk saw."""
    if anchor_file is None:
        return []
    found = [
        ChainProblem(
            None,
            None,
            _("Linje %(line)s i ankerfilen %(path)s kan ikke læses.")
            % {"line": line, "path": anchor_file.path},
        )
        for line in anchor_file.unreadable_lines
    ]
    anchors = _distinct(anchor_file.anchors)
    beyond = [a for a in anchors if seen.last_id is None or (a.last_id or 0) > seen.last_id]
    if beyond:
        found.append(_tail_cut(beyond[-1], seen))
    within = [a for a in anchors if a not in beyond]
    differing: list[Anchor] = []
    for anchor in within:
        stored = seen.hash_at.get(anchor.last_id or 0)
        if stored is not None and stored != anchor.hmac:
            differing.append(anchor)
            continue
        if differing:
            found.append(_anchored_entries_differ(differing))
            differing = []
        if stored is None:
            found.append(_anchored_entry_gone(anchor))
    if differing:
        found.append(_anchored_entries_differ(differing))
    # The deficit (anchored count minus entries there now) only grows where entries were
    # deleted, so each change of it places a deletion between two neighbouring anchors.
    deficit, after = 0, None
    for anchor in within:
        now = seen.count_at[anchor.last_id or 0]
        if anchor.count - now != deficit:
            found.append(_count_changed(anchor, now, anchor.count - now - deficit, after))
        deficit, after = anchor.count - now, anchor.last_id
    return found
