"""The inbox: the signed-in user's own notifications. Another user's notification is a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.deputies import deputising_for
from accounts.http import AuthenticatedHttpRequest
from accounts.policies import authenticated
from accounts.session_idle import session_refresh_skip
from cases.decorators import case_view
from cases.models import Case
from transitions.selectors import (
    notes_waiting_for,
    outreach_tasks_covered_by,
    stale_saves_open_for,
)

from . import selectors, services
from .follow_ups import RECORD
from .forms import EmailPreferenceForm
from .models import FollowUp

PAGE_SIZE = 50


def _without_session_refresh(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Do not extend the session on this request. The header polls the unread count every
    60 s; if a poll counted as activity (accounts.session_idle), it would push the idle timeout
    forward, and a forgotten browser tab would stay signed in for ever."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session_refresh_skip(request)
        response = view(request, *args, **kwargs)
        # A no-op on purpose (see above); mypy forbids assigning to a method.
        request.session.save = lambda *a, **k: None  # type: ignore[method-assign]
        request.session.modified = False
        return response

    return wrapper


class _CountedPaginator(Paginator):
    """A paginator told its total, so that it does not count again."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def _inbox_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    # The pages' total and the unread count from one query.
    total, unread = selectors.notification_counts_for_user(user=request.user)
    notifications = selectors.notification_list_for_user(user=request.user)
    page = _CountedPaginator(notifications, PAGE_SIZE, count=total).get_page(
        request.GET.get("side")
    )
    return {
        "page": page,
        "notifications": page.object_list,
        "unread_count": unread,
        "email_form": EmailPreferenceForm(
            initial={"wants_email": request.user.wants_email_notifications}
        ),
        # Stale plan saves of the user's that nobody has settled yet (DESIGN §5.13).
        "stale_saves": stale_saves_open_for(request.user),
        **_waiting_context(request.user),
    }


def _waiting_context(user: Any) -> dict[str, Any]:
    """§5.13, §5.10: the notes waiting for the user's acknowledgement, and, while they stand in
    for someone, that person's notes and open tasks too."""
    standing_in_for = list(deputising_for(user=user))
    away_ids = [d.user_id for d in standing_in_for]
    return {
        "waiting_notes": list(notes_waiting_for(user=user, also_for=away_ids)[:100]),
        "covered_tasks": list(outreach_tasks_covered_by(user=user, away_ids=away_ids)[:100]),
        "standing_in_for": standing_in_for,
    }


@authenticated
@require_GET
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "notifications/inbox.html", _inbox_context(request))


@authenticated
@require_GET
@_without_session_refresh
def unread_count(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The header badge, for htmx polling."""
    return render(
        request,
        "notifications/inbox.html#unread_badge",
        {"unread_count": selectors.notification_unread_count(user=request.user)},
    )


@authenticated
@require_GET
def open_notification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to the subject. The target is checked to be a path on this site."""
    notification = services.notification_mark_read(user=request.user, notification_id=pk)
    target = notification.url or reverse("notifications:inbox")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications:inbox")
    return HttpResponseRedirect(target)


@authenticated
@require_POST
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = services.notification_mark_read(user=request.user, notification_id=pk)
    if request.htmx:
        return render(
            request,
            "notifications/inbox.html#row",
            {
                "notification": notification,
                "unread_count": selectors.notification_unread_count(user=request.user),
                "row_oob_badge": True,
                "oob_badge": True,
            },
        )
    return redirect("notifications:inbox")


@authenticated
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    if request.htmx:
        context = _inbox_context(request) | {"oob_badge": True}
        return render(request, "notifications/inbox.html#inbox_list", context)
    if count:
        messages.success(request, _("Alle påmindelser er markeret som læst."))
    return redirect("notifications:inbox")


@authenticated
@require_POST
def email_preference(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EmailPreferenceForm(request.POST)
    form.is_valid()  # a missing checkbox is False: the form cannot be invalid
    wants = bool(form.cleaned_data.get("wants_email"))
    services.user_email_preference_set(user=request.user, wants_email=wants)
    text = (
        _("Du får nu dine påmindelser på e-mail.")
        if wants
        else _("Du får ikke længere påmindelser på e-mail. De står stadig i indbakken.")
    )
    if request.htmx:
        return render(
            request,
            "notifications/inbox.html#email_preference",
            {"email_form": EmailPreferenceForm(initial={"wants_email": wants}), "saved": text},
        )
    messages.success(request, text)
    return redirect("notifications:inbox")


@case_view(perm=RECORD, object_type="follow_up")
@require_POST
def follow_up_done(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    """Record the 1- or 6-month follow-up (BEK 1477/2019 § 4) of the case's latest course end
    as held today, without findings (the inbox's quick button; the case page's follow-up panel
    records attempts, the outcome and what was found). Whoever holds the follow-up may. The
    course end is computed here, never taken from the form; a course the law does not follow
    up is refused."""
    due_kind = request.POST.get("due_kind", "")
    if due_kind not in FollowUp.DueKind.values:
        return HttpResponseBadRequest()
    course_end = selectors.followed_up_course_end_of(case=case)
    if course_end is None:
        return HttpResponseBadRequest()
    services.follow_up_mark_done(
        case=case,
        due_kind=due_kind,
        course_end_on=course_end,
        done_on=timezone.localdate(),
        done_by=request.user,
    )
    messages.success(request, _("Opfølgningen er registreret som gennemført."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notifications:inbox")
    return HttpResponseRedirect(target)
