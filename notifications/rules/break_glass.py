"""Every use of break the glass is a review task in a manager's inbox (DESIGN §1): a manager of
the case's team, never the user who broke the glass (cases.break_glass_access decides who). Not
a swept rule: it answers `cases.hooks.glass_broken`, connected in NotificationsConfig.ready().
The link opens the review page, where the manager closes the task with a comment; then the
task's notifications are marked read (on `cases.hooks.glass_reviewed`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from cases.break_glass_access import break_glass_reviewers
from cases.models import Case, TemporaryCaseAccess

from ..models import Rule
from ..services import notifications_mark_read_for_subject, notify


def notify_managers_of_break_glass(
    sender: Any, *, case: Case, access: TemporaryCaseAccess, actor: User, **kwargs: Any
) -> int:
    """Notify the use's reviewers. Runs inside the transaction of `case_break_glass`: the
    notifications commit or roll back with the grant."""
    # The subject is the grant itself, so that every break of the glass notifies, even twice on
    # the same case. The message carries no personal data (it may go out by e-mail).
    return notify(
        recipients=list(break_glass_reviewers(access)),
        rule=Rule.BREAK_GLASS,
        subject=access,
        threshold="granted",
        message=_("Nødadgang til en sag skal gennemgås"),
        url=reverse("cases:break_glass_review", kwargs={"access_id": access.pk}),
    )


def close_break_glass_task(
    sender: Any, *, access: TemporaryCaseAccess, actor: User, **kwargs: Any
) -> int:
    """The review is done: every reviewer's notification of the use is marked read, so that
    no manager's inbox keeps a task another manager has closed. Runs inside the transaction of
    `break_glass_review`."""
    return notifications_mark_read_for_subject(rule=Rule.BREAK_GLASS, subject=access)
