"""Status notes: writing one, reading it, and acknowledging it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from cases.decorators import case_view
from cases.models import Case

from .. import selectors, services
from ..models import StatusNote, Transition
from ..note_forms import ActionFormSet, StatusNoteForm
from ..readiness import is_drug_case
from .base import VIEW, action_users, apply_errors, base, require

# The overdose safety's fields that are typed (kept when the note reaches the structured form).
OVERDOSE_TEXT_FIELDS = ("naloxone", "first_72h_who", "first_72h_when", "first_72h_unreachable")


@case_view(perm=VIEW, object_type="status_note")
@require_http_methods(["GET", "POST"])
def note_create(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    require(request, "transitions.add_statusnote", case)
    users = action_users(case)
    drug_case = is_drug_case(case.legal_basis, case.substances or [])
    structured = request.POST.get("kind") == StatusNote.Kind.BEFORE_DISCHARGE
    if structured and "actions-TOTAL_FORMS" not in request.POST:
        # The before-discharge kind sent from a form without its structure (an old page, a
        # hand-made request): show the structured form with the text typed kept, not an error
        # about missing formset data and a lost text.
        form = StatusNoteForm(
            initial={
                "kind": StatusNote.Kind.BEFORE_DISCHARGE,
                "summary": request.POST.get("summary") or request.POST.get("body", ""),
                "risks": request.POST.get("risks", ""),
                "contingency": request.POST.get("contingency", ""),
                "overdose_risk": request.POST.get("overdose_risk", ""),
                **{name: request.POST.get(name, "") for name in OVERDOSE_TEXT_FIELDS},
                "tolerance_talk": bool(request.POST.get("tolerance_talk")),
            },
            structured=True,
        )
        formset = ActionFormSet(prefix="actions", form_kwargs={"users": users})
        messages.info(
            request,
            _(
                "Et statusnotat før udskrivning skrives i den strukturerede formular. Det, du "
                "skrev, står under Opsummering. Udfyld resten, og gem notatet."
            ),
        )
    elif request.method == "POST":
        form = StatusNoteForm(request.POST, structured=structured)
        formset = ActionFormSet(request.POST, prefix="actions", form_kwargs={"users": users})
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
                    naloxone=data["naloxone"],
                    tolerance_talk=data["tolerance_talk"],
                    first_72h_who=data["first_72h_who"],
                    first_72h_when=data["first_72h_when"],
                    first_72h_unreachable=data["first_72h_unreachable"],
                    actions=actions,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Statusnotatet er gemt."))
                return redirect("transitions:note_detail", case_id=case.pk, pk=note.pk)
    else:
        kind = request.GET.get("type", StatusNote.Kind.START)
        form = StatusNoteForm(
            initial={"kind": kind if kind in StatusNote.Kind.values else ""},
            structured=kind == StatusNote.Kind.BEFORE_DISCHARGE,
        )
        formset = ActionFormSet(prefix="actions", form_kwargs={"users": users})
    return render(
        request,
        "transitions/note_form.html",
        base(case, transition, form=form, formset=formset, drug_case=drug_case),
    )


def _note_row(transition: Transition, note: StatusNote, user: User) -> selectors.NoteRow:
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
def note_detail(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
    transition = selectors.transition_get_for_case(case)
    note = selectors.note_get(transition, pk)
    row = _note_row(transition, note, request.user)
    return render(
        request, "transitions/note_detail.html", base(case, transition, row=row, note=note)
    )


@case_view(perm=VIEW, object_type="status_note")
@require_POST
def note_acknowledge(request: AuthenticatedHttpRequest, case: Case, pk: int) -> HttpResponse:
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
            request, "transitions/detail.html#note_receipts", base(case, transition, row=row)
        )
    messages.success(request, _("Du har kvitteret for at have læst notatet."))
    return redirect("transitions:note_detail", case_id=case.pk, pk=note.pk)
