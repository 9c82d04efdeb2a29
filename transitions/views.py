"""Views of the handover (DESIGN §5). Every view is under a case: `case_view` loads the case
for a user who may read the handover (404 otherwise, and it writes the access log for GET);
writes then ask `has_case_perm` for the specific permission (403 for a read-only user)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.access import has_case_perm
from cases.decorators import case_view
from cases.models import Case

from . import selectors, services
from .diff import diff_texts
from .forms import (
    ActionFormSet,
    CancelForm,
    CheckInAnswerForm,
    CheckInScheduleForm,
    CommitmentChangeForm,
    CommitmentForm,
    ConfirmForm,
    ExternalParticipantForm,
    FirstContactForm,
    InternalParticipantForm,
    MeetingActionForm,
    MeetingForm,
    MeetingMinutesForm,
    PlanSectionForm,
    StatusNoteForm,
    TransitionForm,
)
from .ics import meeting_ics
from .labels import TEXT_PROBLEMS, confirmation_problem_labels
from .models import PlanSection, PlanSectionKey, StatusNote, Transition
from .readiness import is_drug_case

VIEW = "transitions.view_transition"


def _require(request: HttpRequest, perm: str, case: Case) -> None:
    if not has_case_perm(request.user, perm, case):
        raise PermissionDenied


def _detail_url(case: Case, anchor: str = "") -> str:
    url = reverse("transitions:detail", kwargs={"case_id": case.pk})
    return f"{url}#{anchor}" if anchor else url


def _apply_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors where the field exists."""
    if hasattr(error, "error_dict"):
        for name, errs in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errs)
    else:
        form.add_error(None, error)


def _base(case: Case, transition: Transition, **extra: Any) -> dict[str, Any]:
    return {"case": case, "transition": transition, **extra}


# --- the transition page --------------------------------------------------------------------


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET"])
def transition_detail(request: HttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_current_for_case(case)
    if transition is None:
        can_create = has_case_perm(request.user, "transitions.add_transition", case)
        episode = selectors.residential_episode_for_transition(case) if can_create else None
        return render(
            request, "transitions/none.html", {"case": case, "can_create": episode is not None}
        )
    page = selectors.transition_page(transition=transition, user=request.user)
    return render(request, "transitions/detail.html", _base(case, transition, page=page))


@case_view(perm=VIEW, object_type="transition")
@require_POST
def transition_create(request: HttpRequest, case: Case) -> HttpResponse:
    _require(request, "transitions.add_transition", case)
    try:
        services.transition_create_for_case(case=case, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Overgangen er oprettet."))
    return redirect(_detail_url(case))


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET", "POST"])
def transition_edit(request: HttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.change_transition", case)
    kwargs = {
        "therapists": selectors.outpatient_therapists_for(case),
        "episodes": case.episodes.exclude(pk=transition.residential_episode_id).select_related(
            "offer"
        ),
    }
    if request.method == "POST":
        form = TransitionForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.transition_update(
                    transition=transition,
                    actor=request.user,
                    changes=services.TransitionChanges(
                        outpatient_therapist=data["outpatient_therapist"],
                        outpatient_episode=data["outpatient_episode"],
                        planned_discharge_on=data["planned_discharge_on"],
                        first_appointment_at=data["first_appointment_at"],
                        first_appointment_place=data["first_appointment_place"],
                        first_appointment_with=data["first_appointment_with"],
                    ),
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Overgangen er opdateret."))
                return redirect(_detail_url(case))
    else:
        at = transition.first_appointment_at
        local = timezone.localtime(at) if at else None
        form = TransitionForm(
            initial={
                "outpatient_therapist": transition.outpatient_therapist_id,
                "outpatient_episode": transition.outpatient_episode_id,
                "planned_discharge_on": transition.planned_discharge_on,
                "first_appointment_date": local.date() if local else None,
                "first_appointment_time": local.time().replace(second=0) if local else None,
                "first_appointment_place": transition.first_appointment_place,
                "first_appointment_with": transition.first_appointment_with,
            },
            **kwargs,
        )
    return render(request, "transitions/edit.html", _base(case, transition, form=form))


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET", "POST"])
def transition_cancel(request: HttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.change_transition", case)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition_cancel(
                transition=transition, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Overgangen er annulleret."))
            return redirect(_detail_url(case))
    return render(request, "transitions/cancel.html", _base(case, transition, form=form))


# --- the handover plan ------------------------------------------------------------------------


def _section(transition: Transition, key: str) -> PlanSection:
    if key not in PlanSectionKey.values:
        from django.http import Http404

        raise Http404
    return selectors.plan_section_get(transition, key)


def _section_auto_id(key: str) -> str:
    # Unique ids per section: several sections can be open for editing on one page.
    return f"id_plan_{key}_%s"


def _section_context(
    case: Case, transition: Transition, section: PlanSection, **extra: Any
) -> dict[str, Any]:
    return _base(case, transition, section=section, can_edit_plan=True, **extra)


def _render_section(
    request: HttpRequest, partial: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    if request.htmx:
        return render(request, f"transitions/detail.html#{partial}", context, status=status)
    return render(
        request, "transitions/section_page.html", {**context, "partial": partial}, status=status
    )


@case_view(perm=VIEW, object_type="plan_section")
@require_http_methods(["GET", "POST"])
def plan_section_edit(request: HttpRequest, case: Case, key: str) -> HttpResponse:
    """GET: the edit form with the version it is based on. POST: save as a new version, or the
    conflict screen when someone else saved after the form was opened."""
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.change_plansection", case)
    section = _section(transition, key)
    if request.method == "GET":
        form = PlanSectionForm(
            initial={"text": section.text, "based_on_version": section.version},
            auto_id=_section_auto_id(key),
        )
        return _render_section(
            request, "plan_section_form", _section_context(case, transition, section, form=form)
        )
    form = PlanSectionForm(request.POST, auto_id=_section_auto_id(key))
    if not form.is_valid():
        return _render_section(
            request, "plan_section_form", _section_context(case, transition, section, form=form)
        )
    data = form.cleaned_data
    try:
        version = services.plan_section_save(
            actor=request.user,
            section=section,
            text=data["text"],
            based_on_version=data["based_on_version"],
            is_merge=bool(data["resolution"]),
        )
    except services.PlanSectionConflict as conflict:
        context = _section_context(
            case,
            transition,
            conflict.section,
            conflict=conflict,
            diff=diff_texts(conflict.current_text, conflict.stale_text),
            merge_form=PlanSectionForm(
                auto_id=_section_auto_id(key),
                initial={
                    "text": conflict.stale_text,
                    "based_on_version": conflict.current_version,
                    "resolution": "merge",
                },
            ),
        )
        return _render_section(request, "plan_section_conflict", context)
    if request.htmx:
        context = _section_context(case, transition, section, saved_version=version)
        return render(request, "transitions/detail.html#plan_section", context)
    messages.success(
        request,
        _("%(section)s er gemt som version %(n)s.")
        % {"section": section.get_key_display(), "n": version.number},
    )
    return redirect(_detail_url(case, f"plan-{key}"))


@case_view(perm=VIEW, object_type="plan_section")
@require_http_methods(["GET"])
def plan_section_display(request: HttpRequest, case: Case, key: str) -> HttpResponse:
    """The section as shown on the page (htmx: "Annullér" on the edit form swaps back)."""
    transition = selectors.transition_get_for_case(case)
    section = _section(transition, key)
    if not request.htmx:
        return redirect(_detail_url(case, f"plan-{key}"))
    context = _base(
        case,
        transition,
        section=section,
        can_edit_plan=has_case_perm(request.user, "transitions.change_plansection", case),
    )
    return render(request, "transitions/detail.html#plan_section", context)


def _version_by_number(versions: list[Any], raw: str | None) -> Any:
    try:
        number = int(raw or "")
    except ValueError:
        return None
    return next((v for v in versions if v.number == number), None)


@case_view(perm=VIEW, object_type="plan_section_history")
@require_http_methods(["GET"])
def plan_section_history(request: HttpRequest, case: Case, key: str) -> HttpResponse:
    """Every version of one section, and "sammenlign version X med Y"."""
    transition = selectors.transition_get_for_case(case)
    section = _section(transition, key)
    versions = list(selectors.plan_section_versions(section))
    older = _version_by_number(versions, request.GET.get("a"))
    newer = _version_by_number(versions, request.GET.get("b"))
    if (older is None or newer is None) and len(versions) >= 2 and not request.GET.get("a"):
        newer, older = versions[0], versions[1]
    diff = diff_texts(older.text, newer.text) if older and newer else None
    return render(
        request,
        "transitions/history.html",
        _base(
            case,
            transition,
            section=section,
            versions=versions,
            older=older,
            newer=newer,
            diff=diff,
        ),
    )


# --- status notes -----------------------------------------------------------------------------


def _action_users(case: Case) -> Any:
    return selectors.users_with_case_access(case)


@case_view(perm=VIEW, object_type="status_note")
@require_http_methods(["GET", "POST"])
def note_create(request: HttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.add_statusnote", case)
    users = _action_users(case)
    drug_case = is_drug_case(case.legal_basis, case.substances or [])
    if request.method == "POST":
        form = StatusNoteForm(request.POST)
        formset = ActionFormSet(request.POST, prefix="actions", form_kwargs={"users": users})
        structured = request.POST.get("kind") == StatusNote.Kind.BEFORE_DISCHARGE
        # Only the before-discharge note has an action list.
        if form.is_valid() and (not structured or formset.is_valid()):
            data = form.cleaned_data
            actions = [
                services.PlannedAction(
                    text=row["text"],
                    due_on=row["due_on"],
                    owner=row.get("owner"),
                    owner_text=row.get("owner_text", ""),
                )
                for row in (formset.cleaned_data if structured else [])
                if row.get("text")
            ]
            try:
                note = services.status_note_create(
                    transition=transition,
                    actor=request.user,
                    kind=data["kind"],
                    body=data["body"],
                    severity=data["severity"],
                    summary=data["summary"],
                    risks=data["risks"],
                    contingency=data["contingency"],
                    overdose_risk=data["overdose_risk"],
                    actions=actions,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Statusnotatet er gemt."))
                return redirect("transitions:note_detail", case_id=case.pk, pk=note.pk)
    else:
        kind = request.GET.get("type", StatusNote.Kind.START)
        form = StatusNoteForm(initial={"kind": kind if kind in StatusNote.Kind.values else ""})
        formset = ActionFormSet(prefix="actions", form_kwargs={"users": users})
    return render(
        request,
        "transitions/note_form.html",
        _base(case, transition, form=form, formset=formset, drug_case=drug_case),
    )


def _note_row(transition: Transition, note: StatusNote, user: Any) -> selectors.NoteRow:
    acks = {a.user_id: a for a in note.acknowledgements.all()}
    receivers = [
        (u, acks.get(u.pk)) for u in selectors.note_receivers(transition=transition, note=note)
    ]
    return selectors.NoteRow(
        note=note,
        receivers=receivers,
        user_is_receiver=any(u.pk == user.pk for u, _ack in receivers),
        user_has_acknowledged=user.pk in acks,
    )


@case_view(perm=VIEW, object_type="status_note")
@require_http_methods(["GET"])
def note_detail(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    note = selectors.note_get(transition, pk)
    row = _note_row(transition, note, request.user)
    return render(
        request, "transitions/note_detail.html", _base(case, transition, row=row, note=note)
    )


@case_view(perm=VIEW, object_type="status_note")
@require_POST
def note_acknowledge(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    """A receiver confirms reading. Reading is what the read grant allows, so a receiver with
    read access may acknowledge; anyone who is not a receiver gets 403."""
    transition = selectors.transition_get_for_case(case)
    note = selectors.note_get(transition, pk)
    try:
        services.status_note_acknowledge(note=note, user=request.user)
    except ValidationError:
        raise PermissionDenied from None
    note = selectors.note_get(transition, pk)
    row = _note_row(transition, note, request.user)
    if request.htmx:
        return render(
            request, "transitions/detail.html#note_receipts", _base(case, transition, row=row)
        )
    messages.success(request, _("Du har kvitteret for at have læst notatet."))
    return redirect("transitions:note_detail", case_id=case.pk, pk=note.pk)


# --- status meetings --------------------------------------------------------------------------


@case_view(perm=VIEW, object_type="status_meeting")
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.add_statusmeeting", case)
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
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Statusmødet er oprettet."))
            return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    return render(request, "transitions/meeting_form.html", _base(case, transition, form=form))


def _meeting_page(
    request: HttpRequest, case: Case, transition: Transition, meeting: Any, **forms: Any
) -> HttpResponse:
    users = _action_users(case)
    can_change = has_case_perm(request.user, "transitions.change_statusmeeting", case)
    context = _base(
        case,
        transition,
        meeting=meeting,
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
        or ExternalParticipantForm(consents=selectors.case_consents(case)),
        action_form=forms.get("action_form") or MeetingActionForm(users=users),
    )
    return render(request, "transitions/meeting_detail.html", context)


@case_view(perm=VIEW, object_type="status_meeting")
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    """GET: the meeting. POST: agenda, minutes, decisions, and marking it held."""
    transition = selectors.transition_get_for_case(case)
    meeting = selectors.meeting_get(transition, pk)
    if request.method == "GET":
        return _meeting_page(request, case, transition, meeting)
    _require(request, "transitions.change_statusmeeting", case)
    form = MeetingMinutesForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Mødet er gemt."))
            return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    return _meeting_page(request, case, transition, meeting, minutes_form=form)


@case_view(perm=VIEW, object_type="status_meeting")
@require_POST
def meeting_participant_add(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    meeting = selectors.meeting_get(transition, pk)
    _require(request, "transitions.change_statusmeeting", case)
    if request.POST.get("participant_type") == "internal":
        form: Form = InternalParticipantForm(request.POST, users=_action_users(case))
        key = "internal_form"
        if form.is_valid():
            try:
                services.meeting_participant_add_internal(
                    meeting=meeting, actor=request.user, user=form.cleaned_data["user"]
                )
            except ValidationError as error:
                _apply_errors(form, error)
    else:
        form = ExternalParticipantForm(request.POST, consents=selectors.case_consents(case))
        key = "external_form"
        if form.is_valid():
            try:
                services.meeting_participant_add_external(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _apply_errors(form, error)
    if form.is_valid() and not form.errors:
        messages.success(request, _("Deltageren er tilføjet."))
        return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    meeting = selectors.meeting_get(transition, pk)
    return _meeting_page(request, case, transition, meeting, **{key: form})


@case_view(perm=VIEW, object_type="status_meeting")
@require_POST
def meeting_action_add(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    meeting = selectors.meeting_get(transition, pk)
    _require(request, "transitions.add_actionitem", case)
    form = MeetingActionForm(request.POST, users=_action_users(case))
    if form.is_valid():
        try:
            services.action_item_create(
                transition=transition, actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Handlingen er tilføjet."))
            return redirect("transitions:meeting_detail", case_id=case.pk, pk=meeting.pk)
    return _meeting_page(request, case, transition, meeting, action_form=form)


@case_view(perm=VIEW, object_type="status_meeting_ics")
@require_http_methods(["GET"])
def meeting_calendar(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
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


# --- aftercare commitments --------------------------------------------------------------------


@case_view(perm=VIEW, object_type="aftercare_commitment")
@require_http_methods(["GET", "POST"])
def commitment_create(request: HttpRequest, case: Case) -> HttpResponse:
    from treatment_options.models import Offer

    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.add_aftercarecommitment", case)
    kwargs = {"users": _action_users(case), "offers": Offer.objects.filter(active=True)}
    form = CommitmentForm(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_create(
                transition=transition, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Indsatsen er tilføjet."))
            return redirect(_detail_url(case, "indsatser"))
    return render(request, "transitions/commitment_form.html", _base(case, transition, form=form))


@case_view(perm=VIEW, object_type="aftercare_commitment")
@require_http_methods(["GET", "POST"])
def commitment_detail(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    """The commitment with its history; POST changes, reduces or cancels it."""
    transition = selectors.transition_get_for_case(case)
    commitment = selectors.commitment_get(transition, pk)
    can_change = has_case_perm(request.user, "transitions.change_aftercarecommitment", case)
    users = _action_users(case)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = CommitmentChangeForm(request.POST, users=users)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.commitment_change(commitment=commitment, actor=request.user, **data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Indsatsen er ændret."))
                return redirect("transitions:commitment_detail", case_id=case.pk, pk=pk)
    else:
        form = CommitmentChangeForm(
            initial=CommitmentChangeForm.initial_for(commitment), users=users
        )
    return render(
        request,
        "transitions/commitment_detail.html",
        _base(case, transition, commitment=commitment, form=form, can_change=can_change),
    )


# --- check-ins ---------------------------------------------------------------------------------


@case_view(perm=VIEW, object_type="checkin")
@require_http_methods(["GET", "POST"])
def checkin_answer(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    checkin = selectors.checkin_get(transition, pk)
    can_change = has_case_perm(request.user, "transitions.change_checkin", case)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = CheckInAnswerForm(request.POST)
        if form.is_valid():
            try:
                services.checkin_answer(checkin=checkin, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Svaret er gemt."))
                return redirect(_detail_url(case, "tjek-ind"))
    else:
        form = CheckInAnswerForm(
            initial={
                "answer": checkin.answer,
                "themes": checkin.themes,
                "needs_follow_up": checkin.needs_follow_up,
            }
        )
    return render(
        request,
        "transitions/checkin_form.html",
        _base(case, transition, checkin=checkin, form=form, can_change=can_change),
    )


@case_view(perm=VIEW, object_type="transition")
@require_http_methods(["GET", "POST"])
def checkin_schedule(request: HttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.change_transition", case)
    initial = {"weeks": ", ".join(str(w) for w in transition.checkin_weeks or [])}
    form = CheckInScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition_checkin_schedule_update(
                transition=transition, actor=request.user, weeks=form.cleaned_data["weeks"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Planen for tjek-ind er gemt."))
            return redirect(_detail_url(case, "tjek-ind"))
    return render(request, "transitions/checkin_schedule.html", _base(case, transition, form=form))


@case_view(perm=VIEW, object_type="action_item")
@require_POST
def action_item_done(request: HttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    item = selectors.action_item_get(transition, pk)
    _require(request, "transitions.change_actionitem", case)
    services.action_item_mark_done(item=item, actor=request.user)
    messages.success(request, _("Handlingen er markeret som udført."))
    return redirect(_detail_url(case, "handlinger"))


# --- confirmation and after discharge ---------------------------------------------------------


@case_view(perm=VIEW, object_type="transition_confirmation")
@require_http_methods(["GET", "POST"])
def transition_confirm(request: HttpRequest, case: Case) -> HttpResponse:
    """The named outpatient therapist confirms the handover in their own words."""
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.confirm_transition", case)
    form = ConfirmForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.transition_confirm(
                transition=transition,
                actor=request.user,
                situation=data["receiver_situation"],
                actions=data["receiver_actions"],
                contingency=data["receiver_contingency"],
            )
        except services.TransitionNotConfirmable as error:
            problems = list(error.messages)
        else:
            messages.success(request, _("Overgangen er bekræftet og gennemført."))
            return redirect(_detail_url(case))
    page = selectors.transition_page(transition=transition, user=request.user)
    # What stands in the way besides the texts (shown before the user starts writing).
    pending = [
        p
        for p in selectors.confirmation_problems_for(
            transition=transition, user=request.user, situation="", actions="", contingency=""
        )
        if p not in TEXT_PROBLEMS
    ]
    return render(
        request,
        "transitions/confirm.html",
        _base(
            case,
            transition,
            page=page,
            form=form,
            problems=problems,
            pending=[confirmation_problem_labels()[p] for p in pending],
        ),
    )


@case_view(perm=VIEW, object_type="transition")
@require_POST
def first_contact(request: HttpRequest, case: Case) -> HttpResponse:
    """Record the first outpatient contact, or mark the first appointment as missed."""
    transition = selectors.transition_get_for_case(case)
    _require(request, "transitions.change_transition", case)
    try:
        if request.POST.get("action") == "missed":
            services.transition_first_appointment_mark_missed(
                transition=transition, actor=request.user
            )
            messages.success(
                request,
                _(
                    "Udeblivelsen er registreret. Der er oprettet en opsøgende opgave, og "
                    "sagsbehandleren har fået besked."
                ),
            )
        else:
            form = FirstContactForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.get("contact_on") or _("Angiv en dato."))
            services.transition_first_contact_record(
                transition=transition,
                actor=request.user,
                contact_on=form.cleaned_data["contact_on"],
            )
            messages.success(request, _("Den første ambulante kontakt er registreret."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_detail_url(case, "efter-udskrivning"))
