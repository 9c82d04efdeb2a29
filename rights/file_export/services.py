"""The writes of the access-to-file export: create, decide the flagged fields, release.

Release is blocked until every field marked for review (rights.file_export.collect) has a
decision that still matches its value; it renders the PDF and JSON once, keeps them with the
export, records a disclosure to the citizen on each case (basis: forvaltningsloven § 9) and
logs the read with the purpose "the citizen's own request".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.access_log import Read, access_log_record_many
from cases.event_messages import EventCode
from cases.models import AccessLog, Case, CaseEvent, Citizen, Disclosure, DisclosureBasis
from cases.purposes import Purpose
from cases.services import case_event_record
from rights.models import FileExport, FileExportDecision

from .collect import CitizenFile, FieldKey, FieldValue, citizen_file_collect
from .json_file import citizen_file_json
from .pdf import citizen_file_pdf

LOG_TYPE = "citizen_file_export"
Decision = FileExportDecision.Decision


class FileExportConflict(Exception):
    """The export cannot do this now: released already, or fields still undecided."""

    def __init__(self, message: str, *, pending: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.pending = pending


class UnknownFields(ValueError):
    """Decisions about fields that are not (or no longer) marked for review."""

    def __init__(self, keys: list[FieldKey]) -> None:
        super().__init__(_("Feltet er ikke til gennemgang."))
        self.keys = keys


@dataclass(frozen=True)
class ReviewItem:
    """One flagged field with its current decision ("" while undecided, or when the value
    changed after the decision)."""

    value: FieldValue
    case_number: str
    section_title: str
    decision: str


def file_export_decisions(export: FileExport) -> dict[FieldKey, tuple[str, str]]:
    return {
        FieldKey(d.record_label, d.record_id, d.field): (d.decision, d.value_digest)
        for d in export.decisions.all()
    }


def file_export_review(export: FileExport, file: CitizenFile | None = None) -> list[ReviewItem]:
    """Every field marked for review in the citizen's file as it is now, with its decision."""
    file = file or citizen_file_collect(export.citizen)
    decided = file_export_decisions(export)
    items = []
    for part in file.sections:
        for record in part.records:
            for value in record.values:
                if not value.is_flagged:
                    continue
                decision, digest = decided.get(value.key, ("", ""))
                current = decision if digest == value.digest else ""
                items.append(ReviewItem(value, record.case_number, part.title, current))
    return items


def file_export_log(*, user: User, citizen: Citizen, action: str) -> None:
    """A read of the whole file, on the citizen's own request: one entry per case (so the
    look-up extract and the managers' log show it on each), or one for a citizen without."""
    cases = list(Case.objects.filter(citizen=citizen).only("pk", "team_id").order_by("pk"))
    unit_id = getattr(user, "unit_id", None)
    reads = [Read(case=case, object_id=citizen.pk, unit_id=unit_id) for case in cases]
    access_log_record_many(
        user=user,
        object_type=LOG_TYPE,
        reads=reads or [Read(case=None, object_id=citizen.pk, unit_id=unit_id)],
        action=action,
        purpose=Purpose.CITIZEN_REQUEST,
    )


@transaction.atomic
def file_export_create(*, actor: User, citizen: Citizen) -> FileExport:
    """A new export of the citizen's file, under review. Access is the caller's
    (rights.access.file_export_citizen_get)."""
    export = FileExport(citizen=citizen, created_by=actor)
    export.full_clean()
    export.save()
    return export


def _lock(export: FileExport) -> FileExport:
    locked = FileExport.objects.select_for_update().select_related("citizen").get(pk=export.pk)
    if locked.is_released:
        raise FileExportConflict(_("Aktindsigten er allerede udleveret."))
    return locked


@transaction.atomic
def file_export_decide(
    *, actor: User, export: FileExport, decisions: Mapping[FieldKey, str]
) -> FileExport:
    """Approve or redact flagged fields. Refused whole if one key is not marked for review."""
    export = _lock(export)
    items = {item.value.key: item.value for item in file_export_review(export)}
    unknown = [key for key in decisions if key not in items]
    if unknown:
        raise UnknownFields(unknown)
    for key, decision in decisions.items():
        if decision not in Decision.values:
            raise ValueError(decision)
        FileExportDecision.objects.update_or_create(
            export=export,
            record_label=key.label,
            record_id=key.record_id,
            field=key.field,
            defaults={
                "decision": decision,
                "value_digest": items[key].digest,
                "decided_by": actor,
            },
        )
    return export


@transaction.atomic
def file_export_release(*, actor: User, export: FileExport) -> FileExport:
    """Release the export to the citizen: refused while a flagged field is undecided."""
    export = _lock(export)
    file = citizen_file_collect(export.citizen)
    review = file_export_review(export, file)
    pending = sum(1 for item in review if not item.decision)
    if pending:
        raise FileExportConflict(
            _("%(count)s felter mangler at blive gennemgået.") % {"count": pending},
            pending=pending,
        )
    redacted = {item.value.key for item in review if item.decision == Decision.REDACTED}
    file.apply(redacted)
    export.pdf_content = citizen_file_pdf(file=file, user=actor)
    export.json_content = citizen_file_json(file)
    export.status = FileExport.Status.RELEASED
    export.released_by = actor
    export.released_at = timezone.now()
    export.full_clean()
    export.save(
        update_fields=["pdf_content", "json_content", "status", "released_by", "released_at"]
    )
    _record_disclosures(actor=actor, export=export, redacted=len(redacted))
    file_export_log(user=actor, citizen=export.citizen, action=AccessLog.Action.EXPORT)
    return export


def _record_disclosures(*, actor: User, export: FileExport, redacted: int) -> None:
    """The release is a disclosure to the citizen of each case's file, on the timeline."""
    for case in Case.objects.filter(citizen=export.citizen).order_by("pk"):
        disclosure = Disclosure(
            case=case,
            basis=DisclosureBasis.FVL9,
            information_kinds=[],
            recipient=_("Borgeren selv (aktindsigt)"),
            description=_("Aktindsigt i hele sagen, %(count)s felter udeladt efter gennemgang.")
            % {"count": redacted},
            disclosed_by=actor,
        )
        disclosure.full_clean()
        disclosure.save()
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.DISCLOSURE,
            actor=actor,
            description=_(
                "Aktindsigt udleveret til borgeren (forvaltningsloven § 9): "
                "%(redacted)s felter udeladt."
            )
            % {"redacted": redacted},
            code=EventCode.FILE_RELEASED,
            values={"redacted": redacted},
            data={"disclosure": disclosure.pk, "file_export": export.pk},
        )
