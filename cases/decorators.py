"""The access decorator for every view under a case."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import declare

from .access import VIEW, case_get_for_user
from .access_log import access_log_record
from .access_log.purposes import purpose_for_case
from .models import AccessLog, Case
from .purpose_prompt import purpose_prompt


def case_view(
    *,
    perm: str = VIEW,
    object_type: str = "case",
    log_reads: bool = True,
    shape: Callable[[QuerySet[Case]], QuerySet[Case]] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Load the case named by the URL kwarg `case_id` for a user holding `perm` on it.

    A user without access gets 404, never a hint that the case exists. Every GET is written to
    the access log (DESIGN §1), marked when the user reads through break-the-glass access,
    with the purpose the context gives (cases.purposes); where it gives none and the user has
    not chosen one for the case lately, the one-click purpose prompt shows instead of the page
    (DESIGN §10). The view receives the case as its second argument instead of `case_id`,
    read by one query shaped by `shape` (what the page adds to it: cases.page).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(
            request: AuthenticatedHttpRequest, case_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            # A GET changes no grant: the page's permission flags come with the case.
            case = case_get_for_user(
                request.user, case_id, perm=perm, prime=request.method == "GET", shape=shape
            )
            if log_reads and request.method == "GET":
                decision = purpose_for_case(request.user, case, session=request.session)
                if decision.purpose is None:
                    return purpose_prompt(request, case=case)
                access_log_record(
                    user=request.user,
                    case=case,
                    object_type=object_type,
                    object_id=kwargs.get("pk", case.pk),
                    action=AccessLog.Action.VIEW,
                    purpose=decision.purpose,
                    purpose_chosen=decision.chosen,
                    break_glass=decision.break_glass,
                )
            return view(request, case, *args, **kwargs)

        return declare(f"case:{perm}")(wrapper)

    return decorator
