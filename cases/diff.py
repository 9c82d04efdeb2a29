"""Word-level differences between two texts, for the conflict screen and version comparison.

The result is a list of (op, text) pairs that the template renders with autoescape on
(`<ins class="diff-ins">`/`<del class="diff-del">`), so user text is never marked safe.
No Django here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

# Words with their trailing whitespace, so that joining the tokens gives back the text exactly
# (line breaks included: the template shows the text with white-space: pre-wrap).
_TOKEN = re.compile(r"\S+\s*|\s+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _merge(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for op, text in ops:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


@dataclass(frozen=True)
class SideBySide:
    """The old text with its deletions marked, and the new text with its insertions marked."""

    old: list[tuple[str, str]]
    new: list[tuple[str, str]]
    changed: bool


def diff_texts(old: str, new: str) -> SideBySide:
    a, b = _tokens(old), _tokens(new)
    # autojunk off: long plan sections repeat common words, which must not be treated as junk.
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    old_ops: list[tuple[str, str]] = []
    new_ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            old_ops.append((EQUAL, left))
            new_ops.append((EQUAL, right))
        else:
            old_ops.append((DELETE, left))
            new_ops.append((INSERT, right))
    return SideBySide(old=_merge(old_ops), new=_merge(new_ops), changed=old != new)
