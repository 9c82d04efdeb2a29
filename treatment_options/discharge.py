"""What comes after a residential stay (DESIGN §5.9): at discharge the case moves to aftercare
when an outpatient episode exists or is planned; otherwise nothing moves on its own and the
discharge page asks what comes next (refer to outpatient treatment now, the course ends, or
other treatment), instead of silently moving or failing.

`aftercare_move_if_due` is called by the episode services after a residential end and after a
referral to outpatient treatment (the answer "refer now"), inside their transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from cases import lifecycle
from cases.access import CHANGE, has_case_perm
from cases.models import Case, CaseStatus
from cases.page import CasePage
from cases.services import apply_move, case_move, lock_case

from .models import Episode, TreatmentType

# Treatment without a stay: what aftercare after a residential stay is made of.
OUTPATIENT_TYPES = (TreatmentType.OUTPATIENT, TreatmentType.DAY, TreatmentType.AFTERCARE)


class NextStep(StrEnum):
    REFER = "refer"
    END = "end"
    OTHER = "other"


NEXT_STEP_LABELS = {
    NextStep.REFER: gettext_lazy("Henvis til ambulant behandling nu"),
    NextStep.END: gettext_lazy("Forløbet slutter"),
    NextStep.OTHER: gettext_lazy("Anden behandling (tilbage til udredning)"),
}


def _after_residential_stay(case: Case) -> tuple[bool, bool, bool]:
    """(a residential stay has ended, an outpatient episode exists or is planned, any other
    episode is still open) in one query."""
    return _after_stay_of(
        Episode.objects.filter(case=case).values_list(
            "offer__treatment_type", "actual_start", "actual_end"
        )
    )


def _after_stay_of(episodes: Iterable[tuple[str, Any, Any]]) -> tuple[bool, bool, bool]:
    """`_after_residential_stay` from (treatment type, start, end) of the case's episodes."""
    rows = list(episodes)
    ended_stay = any(t == TreatmentType.RESIDENTIAL and end is not None for t, _s, end in rows)
    outpatient = any(t in OUTPATIENT_TYPES and end is None for t, _s, end in rows)
    other_open = any(end is None for _t, _s, end in rows)
    return ended_stay, outpatient, other_open


def discharge_question_due(case: Case, episodes: Iterable[Episode] | None = None) -> bool:
    """The discharge page asks what comes next: the case is still in treatment, its
    residential stay has ended and no episode (outpatient or other) is open or planned.
    `episodes`: the case's episodes with their offers, where a page has read them."""
    if case.status != CaseStatus.IN_TREATMENT:
        return False
    if episodes is None:
        ended_stay, _outpatient, other_open = _after_residential_stay(case)
    else:
        ended_stay, _outpatient, other_open = _after_stay_of(
            (e.offer.treatment_type, e.actual_start, e.actual_end) for e in episodes
        )
    return ended_stay and not other_open


def aftercare_move_if_due(*, actor: User, case: Case) -> bool:
    """Move a case in treatment to aftercare once its residential stay has ended and an
    outpatient episode exists or is planned. The move is the discharge's consequence, not the
    actor's decision: the lifecycle's guard and event apply, not its permission (a residential
    therapist records the discharge). True when it moved."""
    case = lock_case(case)
    if case.status != CaseStatus.IN_TREATMENT:
        return False
    ended_stay, outpatient, _other_open = _after_residential_stay(case)
    if not (ended_stay and outpatient):
        return False
    apply_move(
        actor=actor,
        case=case,
        move=lifecycle.move_for(case.status, "start_aftercare"),
        note=_("Udskrevet fra døgnbehandling; ambulant efterbehandling er planlagt."),
    )
    return True


@transaction.atomic
def discharge_next_step_record(
    *, actor: User, case: Case, step: str, course_end_reason: str = "", note: str = ""
) -> Case:
    """The answer to "what comes next?" after a discharge without outpatient treatment: the
    course ends (with its end reason) or goes back to assessment for other treatment. "Refer
    now" writes nothing here: the referral page does, and the referral moves the case on."""
    if not has_case_perm(actor, CHANGE, case):
        raise PermissionDenied
    if not discharge_question_due(case):
        raise ValidationError(
            _("Sagen venter ikke på en beslutning efter udskrivning."), code="not_due"
        )
    if step == NextStep.END:
        if not course_end_reason:
            raise ValidationError(
                {"course_end_reason": _("Vælg en afslutningsårsag.")}, code="required"
            )
        return case_move(
            actor=actor,
            case=case,
            action="close",
            note=note,
            course_end_reason=course_end_reason,
        )
    if step == NextStep.OTHER:
        return case_move(actor=actor, case=case, action="reassess", note=note)
    raise ValidationError({"step": _("Vælg, hvad der skal ske.")}, code="invalid")


def discharge_question_panel(page: CasePage) -> dict[str, object]:
    """The case page's reminder of the open question (transitions' panels sit beside it), from
    the episodes the page has read."""
    return {"show": discharge_question_due(page.case, page.episodes)}
