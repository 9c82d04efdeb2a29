"""Everything held on a citizen, read for the access-to-file export (rights.file_export).

One query per kind of record (`SECTIONS`), with the names of the people and places a record
points at joined in, so the number of queries does not grow with the citizen's records. Every
field of a model is read by introspection: a field added later is released too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Citizen
from reports.formatting import da_date, da_datetime

from .sections import HIDDEN_FIELDS, OTHER_PEOPLE, SECTION_BY_LABEL, SECTIONS, Section

REDACTED = "[Udeladt]"
# The further joins a name needs (Offer.__str__ names its provider).
NAME_JOINS: dict[str, tuple[str, ...]] = {"treatment_options.Offer": ("provider",)}


@dataclass(frozen=True)
class FieldKey:
    """One field of one record: what a review decision is about."""

    label: str
    record_id: int
    field: str


@dataclass
class FieldValue:
    key: FieldKey
    title: str
    # For the machine (JSON): codes, ISO dates, ids of other exported records.
    raw: Any
    # For the citizen (PDF): labels, Danish dates, names.
    text: str
    is_flagged: bool = False
    is_redacted: bool = False

    @property
    def digest(self) -> str:
        """A keyed digest of the value: a decision holds only while the value is unchanged
        (and the decision table holds no copy of what it is about)."""
        message = json.dumps([self.key.label, self.key.record_id, self.key.field, self.raw])
        secret = settings.SECRET_KEY.encode()
        return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()

    def redact(self) -> None:
        self.raw = REDACTED
        self.text = REDACTED
        self.is_redacted = True


@dataclass
class Record:
    label: str
    pk: int
    case_number: str
    values: list[FieldValue]


@dataclass
class SectionRecords:
    section: Section
    records: list[Record]

    @property
    def title(self) -> str:
        return str(self.section.title)


@dataclass
class CitizenFile:
    citizen: Citizen
    sections: list[SectionRecords]
    generated_at: datetime = field(default_factory=timezone.now)

    def values(self) -> list[FieldValue]:
        return [v for s in self.sections for r in s.records for v in r.values]

    def flagged(self) -> list[FieldValue]:
        return [value for value in self.values() if value.is_flagged]

    def apply(self, redacted: set[FieldKey]) -> None:
        for value in self.values():
            if value.key in redacted:
                value.redact()


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _name(obj: models.Model | None) -> str:
    if obj is None:
        return ""
    full_name = getattr(obj, "get_full_name", None)
    if callable(full_name):
        return str(full_name() or getattr(obj, "username", ""))
    return str(obj)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def _text(model_field: models.Field[Any, Any], value: Any) -> str:
    if _empty(value):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return da_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, date):
        return da_date(value)
    if isinstance(value, (list, dict)):
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return ", ".join(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def exported_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not (f.is_relation and f.related_model is None)
    ]


def is_review_field(label: str, model_field: models.Field[Any, Any]) -> bool:
    """A free text, or a field that names other people (sections.OTHER_PEOPLE)."""
    if model_field.choices or model_field.is_relation:
        return False
    return isinstance(model_field, models.TextField) or model_field.name in OTHER_PEOPLE.get(
        label, ()
    )


def _related_label(model_field: models.Field[Any, Any]) -> str:
    related = model_field.related_model
    assert related is not None and not isinstance(related, str)  # exported_fields() checks
    return related._meta.label


def _queryset(section: Section, model: type[models.Model], citizen: Citizen) -> Any:
    joins = []
    for f in exported_fields(model):
        if f.is_relation and _related_label(f) not in SECTION_BY_LABEL:
            joins.append(f.name)
            joins += [f"{f.name}__{n}" for n in NAME_JOINS.get(_related_label(f), ())]
    queryset = model._default_manager.filter(**{section.citizen_path: citizen.pk})
    if joins:
        queryset = queryset.select_related(*joins)
    if section.case_number_path:
        queryset = queryset.annotate(export_case_number=F(section.case_number_path))
    return queryset.order_by(*section.order_by)


def _record(section: Section, obj: Any, fields: list[models.Field[Any, Any]]) -> Record:
    values = []
    for f in fields:
        if f.is_relation:
            if _related_label(f) in SECTION_BY_LABEL:
                raw = getattr(obj, f.attname)
                text = "" if raw is None else _("nr. %(id)s") % {"id": raw}
            else:
                raw = text = _name(getattr(obj, f.name))
        else:
            value = getattr(obj, f.attname)
            raw, text = _plain(value), _text(f, value)
        key = FieldKey(section.label, obj.pk, f.name)
        flagged = not _empty(raw) and is_review_field(section.label, f)
        values.append(FieldValue(key, str(f.verbose_name), raw, text, is_flagged=flagged))
    return Record(section.label, obj.pk, getattr(obj, "export_case_number", "") or "", values)


def citizen_file_collect(citizen: Citizen) -> CitizenFile:
    """Every record held on the citizen across all their cases, one query per kind."""
    sections = []
    for section in SECTIONS:
        model = apps.get_model(section.label)
        fields = exported_fields(model)
        records = [_record(section, obj, fields) for obj in _queryset(section, model, citizen)]
        sections.append(SectionRecords(section, records))
    return CitizenFile(citizen=citizen, sections=sections)
