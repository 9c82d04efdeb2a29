"""Confirmation by the receiver (DESIGN §5.7): the named outpatient therapist completes
the handover in their own words."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.access import temporary_access_grant
from cases.event_messages import EventCode
from cases.models import TemporaryCaseAccess

from .. import readiness
from ..labels import confirmation_messages
from ..models import Transition
from ..selectors import confirmation_is_early, confirmation_problems_for
from .bookkeeping import bump, case_event, lock, sync_access


class TransitionNotConfirmable(ValidationError):
    def __init__(self, problems: list[readiness.ConfirmationProblem]) -> None:
        self.problems = problems
        messages = confirmation_messages()
        super().__init__([messages[p] for p in problems])


@transaction.atomic
def transition_confirm(
    *,
    transition: Transition,
    actor: User,
    situation: str,
    actions: str,
    contingency: str,
    early_reason: str = "",
) -> Transition:
    """The named outpatient therapist confirms the handover in their own words (I-PASS
    synthesis by receiver). Completes it; the residential side keeps read access for
    RESIDENTIAL_READ_ACCESS_DAYS days, then loses it. Before the planned discharge week a
    reason is required (`early_reason`, kept on the timeline)."""
    transition = lock(transition)
    problems = confirmation_problems_for(
        transition=transition,
        user=actor,
        situation=situation,
        actions=actions,
        contingency=contingency,
        early_reason=early_reason,
    )
    early = confirmation_is_early(transition)
    if problems:
        raise TransitionNotConfirmable(problems)
    now = timezone.now()
    transition.receiver_situation = situation.strip()
    transition.receiver_actions = actions.strip()
    transition.receiver_contingency = contingency.strip()
    transition.confirmed_by = actor
    transition.completed_at = now
    transition.status = Transition.Status.COMPLETED
    bump(
        transition,
        "receiver_situation",
        "receiver_actions",
        "receiver_contingency",
        "confirmed_by",
        "completed_at",
        "status",
    )
    residential_unit = transition.residential_episode.offer.provider.unit
    group = residential_unit.group if residential_unit else None
    if transition.residential_therapist_id or group is not None:
        temporary_access_grant(
            case=transition.case,
            kind=TemporaryCaseAccess.Kind.AFTER_HANDOVER,
            user=transition.residential_therapist,
            group=group,
            expires_at=now + dt.timedelta(days=settings.RESIDENTIAL_READ_ACCESS_DAYS),
            reason=_("Læseadgang efter gennemført overgang"),
        )
    data: dict[str, object] = {"transition": transition.pk, "action": "completed"}
    if early:
        data["early_reason"] = early_reason.strip()
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Overgang bekræftet af modtageren og gennemført før udskrivningsugen")
        if early
        else _("Overgang bekræftet af modtageren og gennemført"),
        code=EventCode.HANDOVER_COMPLETED_EARLY if early else EventCode.HANDOVER_COMPLETED,
        data=data,
    )
    # The residential side's write grants end with completion (cases.access._desired_grants).
    sync_access(transition.case)
    return transition
