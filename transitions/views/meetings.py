"""Status meetings: creating one, its page (minutes, participants, actions), its calendar
invitation; and marking an action item done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from cases.access import has_case_perm
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..ics import meeting_ics
from ..meeting_forms import (
    ExternalParticipantForm,
    InternalParticipantForm,
    MeetingActionForm,
    MeetingForm,
    MeetingMinutesForm,
)
from ..models import Transition
from .base import VIEW, action_users, apply_errors, base, detail_url, require


@case_view(perm=VIEW, object_type="status_meeting")
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.add_statusmeeting", case)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                transition=transition,
                actor=request.user,
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                place_is_private=data["place_is_private"],
                video_link=data["video_link"],
                agenda=data["agenda"],
                held=data["held"],
                minutes=data["minutes"],
                decisions=data["decisions"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Statusmødet er oprettet."))
            return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    return render(request, "transitions/meeting_form.html", base(case, transition, form=form))


def _meeting_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    transition: Transition,
    meeting: Any,
    **forms: Any,
) -> HttpResponse:
    users = action_users(case)
    can_change = has_case_perm(request.user, "transitions.change_statusmeeting", case)
    context = base(
        case,
        transition,
        meeting=meeting,
        # Retsplejeloven § 115: the page reminds that what is shared may not be used to
        # investigate.
        has_rpl115=any(p.basis == "rpl115" for p in meeting.participants.all()),
        can_change=can_change,
        can_add_action=can_change
        and has_case_perm(request.user, "transitions.add_actionitem", case),
        minutes_form=forms.get("minutes_form")
        or MeetingMinutesForm(
            initial={
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
                "decisions": meeting.decisions,
                "held": meeting.held,
            }
        ),
        internal_form=forms.get("internal_form") or InternalParticipantForm(users=users),
        external_form=forms.get("external_form")
        or ExternalParticipantForm(
            consents=selectors.case_consents(case),
            # The work section's prompt links here to invite the employer (DESIGN §5.12).
            initial={"party_kind": "employer"} if request.GET.get("part") == "employer" else None,
        ),
        action_form=forms.get("action_form") or MeetingActionForm(users=users),
    )
    return render(request, "transitions/meeting_detail.html", context)


@case_view(perm=VIEW, object_type="status_meeting")
@require_http_methods(["GET", "POST"])
def meeting_detail(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    """GET: the meeting. POST: agenda, minutes, decisions, and marking it held."""
    transition = selectors.transition_get_for_case(case)
    meeting = selectors.meeting_get(transition, pk)
    if request.method == "GET":
        return _meeting_page(request, case, transition, meeting)
    require(request, "transitions.change_statusmeeting", case)
    form = MeetingMinutesForm(
        request.POST,
        initial={
            "agenda": meeting.agenda,
            "minutes": meeting.minutes,
            "decisions": meeting.decisions,
        },
    )
    if form.is_valid():
        try:
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Mødet er gemt."))
            return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    return _meeting_page(request, case, transition, meeting, minutes_form=form)


@case_view(perm=VIEW, object_type="status_meeting")
@require_POST
def meeting_participant_add(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    meeting = selectors.meeting_get(transition, pk)
    require(request, "transitions.change_statusmeeting", case)
    if request.POST.get("participant_type") == "internal":
        form: Form = InternalParticipantForm(request.POST, users=action_users(case))
        key = "internal_form"
        if form.is_valid():
            try:
                services.meeting_participant_add_internal(
                    meeting=meeting, actor=request.user, user=form.cleaned_data["user"]
                )
            except ValidationError as error:
                apply_errors(form, error)
    else:
        form = ExternalParticipantForm(request.POST, consents=selectors.case_consents(case))
        key = "external_form"
        if form.is_valid():
            try:
                services.meeting_participant_add_external(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
    if form.is_valid() and not form.errors:
        messages.success(request, _("Deltageren er tilføjet."))
        return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    meeting = selectors.meeting_get(transition, pk)
    return _meeting_page(request, case, transition, meeting, **{key: form})


@case_view(perm=VIEW, object_type="status_meeting")
@require_POST
def meeting_action_add(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    meeting = selectors.meeting_get(transition, pk)
    require(request, "transitions.add_actionitem", case)
    form = MeetingActionForm(request.POST, users=action_users(case))
    if form.is_valid():
        try:
            services.action_item_create(
                transition=transition, actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Handlingen er tilføjet."))
            return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    return _meeting_page(request, case, transition, meeting, action_form=form)


@case_view(perm=VIEW, object_type="status_meeting_ics")
@require_http_methods(["GET"])
def meeting_calendar(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    """The meeting as a calendar invitation (.ics) without personal data."""
    transition = selectors.transition_get_for_case(case)
    meeting = selectors.meeting_get(transition, pk)
    url = settings.SITE_URL + reverse(
        "transitions:meeting_detail", kwargs={"case_id": case.pk, "pk": meeting.pk}
    )
    body = meeting_ics(
        uid=f"{meeting.uid}@overgang",
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes),
        stamp=timezone.now(),
        url=url,
        location="" if meeting.place_is_private else meeting.place,
        summary=_("Statusmøde"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statusmoede.ics"'
    return response


@case_view(perm=VIEW, object_type="action_item")
@require_POST
def action_item_done(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    item = selectors.action_item_get(case, pk)
    require(request, "transitions.change_actionitem", case)
    services.action_item_mark_done(item=item, actor=request.user)
    messages.success(request, _("Handlingen er markeret som udført."))
    if item.transition_id is None:
        # An outpatient-only course's follow-up: it is listed with the check-ins on the case.
        return redirect(reverse("cases:detail", kwargs={"case_id": case.pk}) + "#tjek-ind")
    return redirect(detail_url(case, "handlinger"))
