"""Report pages and downloads (DESIGN §7).

Unit reports (the manager report, the register extract) need the role permission
"reports.view_reports" (403 without it) and are only for the manager's own unit (404 for any
other: a unit's existence is no secret, but its figures are). Case reports follow the case's
access (cases.decorators.case_view: 404 without it). Every export is written to the access log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Unit
from accounts.policies import permission_required
from cases.access_log import access_log_record
from cases.access_log.purposes import ReadKind, purpose_for_case
from cases.citizen_access import citizen_cpr_visible_to
from cases.decorators import case_view
from cases.models import AccessLog, Case
from cases.services import case_url

from . import documents, register_extracts, services
from .forms import (
    REGISTER_CHOICES,
    CaseReportForm,
    ExternalCaseReportForm,
    ManagerReportForm,
    RegisterExtractForm,
    RegisterMonthForm,
    default_period,
)
from .models import ReportJob
from .register_checks import Problem

REPORTS_PERM = "reports.view_reports"
RECENT_JOBS = 10


def _own_unit(request: AuthenticatedHttpRequest, unit_id: int) -> Unit:
    """The manager's own unit; 404 for any other."""
    unit_pk = getattr(request.user, "unit_id", None)
    if unit_pk is None or unit_pk != unit_id:
        raise Http404
    return get_object_or_404(Unit, pk=unit_id)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response


def _index_context(request: AuthenticatedHttpRequest, **forms: Any) -> dict[str, Any]:
    period = default_period(timezone.localdate())
    return {
        "unit": request.user.unit,
        "manager_form": forms.get("manager_form")
        or ManagerReportForm(initial={"period_start": period.start, "period_end": period.end}),
        "register_form": forms.get("register_form") or RegisterExtractForm(),
        "jobs": ReportJob.objects.filter(user=request.user)
        .select_related("unit")
        .defer("content")[:RECENT_JOBS],
    }


@require_GET
@permission_required(REPORTS_PERM)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "reports/index.html", _index_context(request))


@require_POST
@permission_required(REPORTS_PERM)
def manager_report_create(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = _own_unit(request, unit_id)
    form = ManagerReportForm(request.POST)
    if not form.is_valid():
        return render(
            request, "reports/index.html", _index_context(request, manager_form=form), status=400
        )
    try:
        job = services.report_job_create(
            user=request.user,
            unit=unit,
            period_start=form.period.start,
            period_end=form.period.end,
            file_format=form.cleaned_data["file_format"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return render(
            request, "reports/index.html", _index_context(request, manager_form=form), status=400
        )
    return redirect("reports:job_detail", job_id=job.pk)


def _own_job(request: AuthenticatedHttpRequest, job_id: int) -> ReportJob:
    """A job of the signed-in user; 404 for anybody else's."""
    return get_object_or_404(
        ReportJob.objects.select_related("unit").defer("content"), pk=job_id, user=request.user
    )


@require_GET
@permission_required(REPORTS_PERM)
def job_detail(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    job = _own_job(request, job_id)
    template = "reports/job_detail.html"
    if getattr(request, "htmx", False):
        template += "#job_status"
    return render(request, template, {"job": job})


@require_GET
@permission_required(REPORTS_PERM)
def job_download(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(
        ReportJob.objects.select_related("unit"),
        pk=job_id,
        user=request.user,
        status=ReportJob.Status.DONE,
        # A file purged after its retention period (docs/retention.md §3 row 5) is gone.
        content__isnull=False,
    )
    access_log_record(
        user=request.user,
        object_type="manager_report",
        action=AccessLog.Action.EXPORT,
        purpose=AccessLog.Purpose.EXPORT,
        object_id=job.pk,
        unit_id=job.unit_id,
    )
    content_type = "text/csv; charset=utf-8" if job.file_format == "csv" else "application/pdf"
    return _download(bytes(job.content or b""), job.filename, content_type)


@require_GET
@permission_required(REPORTS_PERM)
def register_extract(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = _own_unit(request, unit_id)
    form = RegisterExtractForm(request.GET)
    if not form.is_valid():
        return render(
            request, "reports/index.html", _index_context(request, register_form=form), status=400
        )
    period, register = form.period, form.chosen_register
    content = services.register_extract_read(
        user=request.user,
        unit=unit,
        period=period,
        register=register,
        action=AccessLog.Action.EXPORT,
    )
    filename = register_extracts.register_extract_filename(unit, period, register)
    return _download(content, filename, "text/csv; charset=utf-8")


REGISTER_LABELS = dict(REGISTER_CHOICES)
# What the check list says for each problem, and where on the case it is put right. The list
# is the managers'; the case's caseworker makes the correction, so each row links to the case
# page, which a manager of the team may read.
PROBLEM_FIXES: dict[Problem, tuple[Any, Any]] = {
    Problem.MUNICIPALITY: (
        _("Teamet mangler sin kommunekode"),
        _("Administratoren sætter den under enheden"),
    ),
    Problem.START_DATE: (
        _("Startdato for behandlingsforløbet mangler"),
        _("Rettes under Behandlingsforløb på sagen"),
    ),
    Problem.EPISODE_END_REASON: (
        _("Afslutningsårsag for behandlingsforløbet mangler"),
        _("Rettes under Behandlingsforløb på sagen"),
    ),
    Problem.COURSE_END_REASON: (
        _("Forløbets afslutningsårsag mangler"),
        _("Rettes ved afslutningen af sagen"),
    ),
    Problem.DECISION_DATE: (_("Afgørelsesdato mangler"), _("Rettes under Afgørelse")),
    Problem.ENROLMENT: (
        _("Indskrivningsoplysninger mangler"),
        _("Rettes under Helhedsorienteret afdækning"),
    ),
    Problem.END_STATUS: (
        _("Borgerens forbrug ved afslutningen mangler"),
        _("Rettes ved afslutningen af sagen"),
    ),
}


@require_GET
@permission_required(REPORTS_PERM)
def register_check(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    """The month's rows that cannot be reported yet, each with what is missing and where to fix
    it. Case numbers only: no names or CPR numbers on the page."""
    unit = _own_unit(request, unit_id)
    form = RegisterMonthForm(request.GET if "maaned" in request.GET else None)
    if not form.is_bound:
        form = RegisterMonthForm({"maaned": form.fields["maaned"].initial})
    if not form.is_valid():
        context = {"unit": unit, "form": form, "period": None, "rows": []}
        return render(request, "reports/register_check.html", context, status=400)
    period = form.period
    rows = services.register_check_read(
        user=request.user, unit=unit, period=period, action=AccessLog.Action.VIEW
    )
    fixes = [
        {
            "row": row,
            "register_label": REGISTER_LABELS[row.register.value],
            "url": reverse("cases:detail", kwargs={"case_id": row.case_id}),
            "problems": [PROBLEM_FIXES[problem] for problem in row.problems],
        }
        for row in rows
    ]
    context = {"unit": unit, "form": form, "period": period, "rows": fixes}
    return render(request, "reports/register_check.html", context)


def _log_case_export(request: AuthenticatedHttpRequest, case: Case, object_id: str) -> None:
    # The table gives an export its purpose (break the glass stays marked as such).
    decision = purpose_for_case(request.user, case, kind=ReadKind.EXPORT)
    access_log_record(
        user=request.user,
        case=case,
        object_type="case_report",
        action=AccessLog.Action.EXPORT,
        object_id=object_id,
        purpose=str(decision.purpose),
        break_glass=decision.break_glass,
    )


def _full_cpr_asked_and_allowed(request: AuthenticatedHttpRequest, case: Case, form: Any) -> bool:
    """A PDF shows the full CPR number only when the user ticked it and may see it (DESIGN §1,
    cases.citizen_access.citizen_cpr_visible_to); otherwise it is masked."""
    return bool(
        form.is_valid()
        and form.cleaned_data["fuldt_cpr"]
        and citizen_cpr_visible_to(request.user, case.citizen)
    )


@require_GET
@case_view(object_type="case_report", log_reads=False)
def case_report(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    form = CaseReportForm(request.GET)
    full_cpr = _full_cpr_asked_and_allowed(request, case, form)
    _log_case_export(request, case, f"{case.pk}:{'cpr' if full_cpr else 'masked'}")
    content = documents.case_report_pdf(
        case=case, user=request.user, today=timezone.localdate(), full_cpr=full_cpr
    )
    return _download(content, documents.case_report_filename(case, None), "application/pdf")


@require_POST
@case_view(object_type="case_report", log_reads=False)
def external_case_report(request: AuthenticatedHttpRequest, case: Case) -> HttpResponse:
    form = ExternalCaseReportForm(request.POST, case=case)
    if not form.is_valid():
        raise Http404
    consent = form.cleaned_data["samtykke"]
    try:
        content = services.external_case_report_make(
            user=request.user,
            case=case,
            consent=consent,
            full_cpr=_full_cpr_asked_and_allowed(request, case, form),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_case_url(case))
    _log_case_export(request, case, f"consent:{consent.pk}")
    return _download(content, documents.case_report_filename(case, consent), "application/pdf")


def _case_url(case: Case) -> str:
    return case_url(case)
