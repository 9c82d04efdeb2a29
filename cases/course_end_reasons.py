"""What each course end reason (Case.course_end_reason) implies, in one pure table (DESIGN §3.1).

Standard library only, next to `legal_bases`: the legal follow-up (BEK 1477/2019 § 4) reads the
basis from `legal_bases.RULES` (`bek1477_follow_up`) and the end reason from here. The keys are
`cases.models.CourseEndReason`'s values (a test holds them equal).
"""

from __future__ import annotations

from typing import Final

# Whether a course that ended for this reason is followed up 1 and 6 months after it ended.
# Not after a death, nor after a move to another municipality (that municipality takes over);
# not where no treatment was started (there is no course to follow up). A course that went on in
# another offer is followed up from the end of the last one (the selector waits for it).
FOLLOWED_UP: Final[dict[str, bool]] = {
    "completed": True,
    "dropped_out": True,
    "other_offer": True,
    "moved": False,
    "death": False,
    "no_treatment": False,
    "other": True,
}

NOT_FOLLOWED_UP: Final = frozenset(reason for reason, yes in FOLLOWED_UP.items() if not yes)


def is_followed_up(course_end_reason: str) -> bool:
    """Whether a course that ended for `course_end_reason` is followed up. A blank reason (the
    episodes have all ended but the case is not closed yet, so the reason is not recorded) is
    followed up: the duty stands until a reason says otherwise. ValueError for an unknown one."""
    if not course_end_reason:
        return True
    if course_end_reason not in FOLLOWED_UP:
        raise ValueError(f"Ukendt afslutningsårsag: {course_end_reason}")
    return FOLLOWED_UP[course_end_reason]
