"""Comparing two versions of a plan made of parts (the action plan, the treatment plan), part
by part, with the word-level differences of cases.diff, as the handover plan's sections do."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .diff import diff_texts


def compare_versions(
    versions: Sequence[Any], query: Mapping[str, str], parts: Sequence[tuple[str, Any]]
) -> dict[str, Any] | None:
    """The comparison asked for by `?a=<number>&b=<number>` (both version numbers of
    `versions`), or None. Each part: its label and the differences from a to b."""
    by_number = {v.number: v for v in versions}
    try:
        a, b = int(query.get("a", "")), int(query.get("b", ""))
    except ValueError:
        return None
    if a not in by_number or b not in by_number or a == b:
        return None
    older, newer = by_number[min(a, b)], by_number[max(a, b)]
    return {
        "older": older,
        "newer": newer,
        "parts": [
            (label, diff_texts(str(getattr(older, name)), str(getattr(newer, name))))
            for name, label in parts
        ],
    }
