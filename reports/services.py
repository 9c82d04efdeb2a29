"""Writes of the reports app: queueing a report job, and the disclosure that goes with an
external report. The worker's side of a job (making its file) is in `reports.jobs`."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from cases.access_log import access_log_record
from cases.models import AccessLog, Case, Consent
from cases.services import disclosure_record

from . import documents, register_extracts, selectors
from .models import ReportJob
from .register_codes import Register
from .selectors import CheckRow, Period

# A report over more than this is refused: a manager report is about months, not decades.
MAX_PERIOD_DAYS = 3 * 366


@transaction.atomic
def report_job_create(
    *, user: User, unit: Unit, period_start: date, period_end: date, file_format: str
) -> ReportJob:
    """Queue a manager report for `unit`; the worker writes the file into the job.

    The queued row is the outbox: the dispatcher (reports.tasks.report_jobs_dispatch_task, run
    by beat and at worker start) publishes it, so the request never waits on the broker."""
    if not user.has_perm("reports.view_reports") or user.unit_id != unit.pk:
        raise PermissionDenied
    if period_end >= period_start and (period_end - period_start).days > MAX_PERIOD_DAYS:
        raise ValidationError(
            {"period_end": _("Perioden må højst være tre år.")}, code="period_too_long"
        )
    job = ReportJob(
        kind=ReportJob.Kind.MANAGER_REPORT,
        file_format=file_format,
        user=user,
        unit=unit,
        period_start=period_start,
        period_end=period_end,
    )
    job.full_clean()
    job.save()
    return job


@transaction.atomic
def external_case_report_make(
    *, user: User, case: Case, consent: Consent, full_cpr: bool = False
) -> bytes:
    """The case report for the party a consent names, holding only what the consent covers,
    with the disclosure recorded on the case (what, to whom, under which consent, by whom,
    when). Refused unless the consent belongs to the case and is valid today.

    The disclosure and the document are one transaction: if the PDF cannot be made, no
    disclosure is recorded, and no PDF leaves without its disclosure."""
    today = timezone.localdate()
    if consent.case_id != case.pk:
        raise ValidationError(_("Samtykket hører ikke til denne sag."), code="other_case")
    if not consent.is_valid_on(today):
        raise ValidationError(
            _("Samtykket er ikke gyldigt i dag (udløbet, ikke begyndt eller trukket tilbage)."),
            code="not_valid",
        )
    kinds = documents.case_report_kinds(consent)
    if not kinds:
        raise ValidationError(_("Samtykket dækker ingen oplysninger."), code="nothing_covered")
    disclosure_record(
        actor=user,
        case=case,
        consent=consent,
        information_kinds=kinds,
        recipient=consent.party_name,
        description=_("Statusrapport (PDF) udskrevet til %(party)s.")
        % {"party": consent.party_name},
    )
    return documents.case_report_pdf(
        case=case, user=user, today=today, consent=consent, full_cpr=full_cpr
    )


def register_extract_read(
    *, user: User, unit: Unit, period: Period, register: Register, action: str
) -> bytes:
    """The register extract's CSV, with its access-log entry: the page's download (action
    EXPORT) and the API's (action API) are one read with one purpose."""
    access_log_record(
        user=user,
        object_type="register_extract",
        action=action,
        purpose=AccessLog.Purpose.REGISTER,
        object_id=f"{register.value}:{period.start:%Y-%m}",
        unit_id=unit.pk,
    )
    return register_extracts.register_extract_csv(unit=unit, period=period, register=register)


def register_check_read(*, user: User, unit: Unit, period: Period, action: str) -> list[CheckRow]:
    """The month's check list, with its access-log entry (the page: VIEW, the API: API)."""
    rows = selectors.register_check_rows(unit=unit, period=period)
    access_log_record(
        user=user,
        object_type="register_check",
        action=action,
        purpose=AccessLog.Purpose.REGISTER,
        object_id=f"{period.start:%Y-%m}",
        unit_id=unit.pk,
    )
    return rows
