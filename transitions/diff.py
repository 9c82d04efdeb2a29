"""Word-level differences between two texts: the pure module lives in cases.diff (the case's
action plan and the episode's treatment plan compare versions too); re-exported here for the
handover plan's conflict screen and version comparison."""

from __future__ import annotations

from cases.diff import DELETE, EQUAL, INSERT, SideBySide, diff_texts

__all__ = ["DELETE", "EQUAL", "INSERT", "SideBySide", "diff_texts"]
