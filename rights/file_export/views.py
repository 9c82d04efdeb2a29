"""The access-to-file pages: start an export, review the flagged fields, release, download.

Access as the look-up extract (rights.file_export.access). The review page shows the fields'
values, so each showing is logged with the purpose "the citizen's own request".
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.policies import permission_required
from cases.models import AccessLog
from cases.selectors import CITIZEN_RIGHTS_PERM
from rights.models import FileExport, FileExportDecision

from . import (
    CasesOutOfSight,
    FieldKey,
    FileExportConflict,
    UnknownFields,
    file_export_citizen_get,
    file_export_create,
    file_export_decide,
    file_export_get_for_user,
    file_export_log,
    file_export_release,
    file_export_review,
)

DECISION_PREFIX = "felt:"
CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json"}


def field_input_name(key: FieldKey) -> str:
    return f"{DECISION_PREFIX}{key.label}:{key.record_id}:{key.field}"


def _parse_decisions(data: dict[str, str]) -> dict[FieldKey, str]:
    decisions = {}
    for name, value in data.items():
        if not name.startswith(DECISION_PREFIX):
            continue
        label, record_id, field = name.removeprefix(DECISION_PREFIX).rsplit(":", 2)
        if not record_id.isdigit() or value not in FileExportDecision.Decision.values:
            raise ValueError(name)
        decisions[FieldKey(label, int(record_id), field)] = value
    return decisions


def _review_url(export: FileExport) -> str:
    return reverse("rights:file_export_review", kwargs={"export_id": export.pk})


@require_POST
@permission_required(CITIZEN_RIGHTS_PERM)
def file_export_start(request: AuthenticatedHttpRequest, citizen_id: int) -> HttpResponse:
    try:
        citizen = file_export_citizen_get(request.user, citizen_id)
    except CasesOutOfSight as refused:
        context = {"citizen_id": citizen_id, "reason": str(refused)}
        return render(request, "rights/file_export_refused.html", context, status=403)
    # An export still under review is continued rather than started twice.
    export = FileExport.objects.filter(citizen=citizen, status=FileExport.Status.REVIEW).first()
    if export is None:
        export = file_export_create(actor=request.user, citizen=citizen)
    return redirect(_review_url(export))


def _review_page(
    request: AuthenticatedHttpRequest, export: FileExport, *, status: int = 200, error: str = ""
) -> HttpResponse:
    items = [] if export.is_released else file_export_review(export)
    if items:
        file_export_log(user=request.user, citizen=export.citizen, action=AccessLog.Action.VIEW)
    rows = [(item, field_input_name(item.value.key)) for item in items]
    context = {
        "export": export,
        "citizen": export.citizen,
        "rows": rows,
        "pending": sum(1 for item in items if not item.decision),
        "error": error,
    }
    return render(request, "rights/file_export_review.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required(CITIZEN_RIGHTS_PERM)
def file_export_review_page(request: AuthenticatedHttpRequest, export_id: int) -> HttpResponse:
    export = file_export_get_for_user(request.user, export_id)
    if request.method == "GET":
        return _review_page(request, export)
    try:
        decisions = _parse_decisions(request.POST.dict())
        file_export_decide(actor=request.user, export=export, decisions=decisions)
    except (ValueError, UnknownFields):
        return _review_page(request, export, status=400, error="unknown")
    except FileExportConflict:
        return _review_page(request, export, status=409, error="released")
    return redirect(_review_url(export))


@require_POST
@permission_required(CITIZEN_RIGHTS_PERM)
def file_export_release_view(request: AuthenticatedHttpRequest, export_id: int) -> HttpResponse:
    export = file_export_get_for_user(request.user, export_id)
    try:
        file_export_release(actor=request.user, export=export)
    except FileExportConflict as conflict:
        error = "pending" if conflict.pending else "released"
        return _review_page(request, export, status=409, error=error)
    return redirect(_review_url(export))


@require_GET
@permission_required(CITIZEN_RIGHTS_PERM)
def file_export_download(
    request: AuthenticatedHttpRequest, export_id: int, file_format: str
) -> HttpResponseBase:
    export = file_export_get_for_user(request.user, export_id)
    if file_format not in CONTENT_TYPES:
        raise Http404
    if not export.is_released:
        return _review_page(request, export, status=409, error="pending")
    content = export.pdf_content if file_format == "pdf" else export.json_content
    file_export_log(user=request.user, citizen=export.citizen, action=AccessLog.Action.EXPORT)
    response = HttpResponse(bytes(content or b""), content_type=CONTENT_TYPES[file_format])
    # No names or CPR in file names: they end up in download folders and e-mail attachments.
    name = f"aktindsigt-borger-{export.citizen_id}-{export.pk}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
