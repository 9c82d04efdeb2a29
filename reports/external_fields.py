"""Which kind of information (DESIGN §2 consent kinds) each field of the case report belongs to.

The one table the external report follows: a field is shown to a party only when the party's
consent covers the field's kind, and the report's "left out" list names the fields withheld.
Every field belongs to exactly one kind. Case status is the state, the dates and the
guarantee only: the legal basis, the substances and the doctor's consultation say something
about the citizen's health or substance use, so they are health information.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import InformationKind

K = InformationKind


@dataclass(frozen=True)
class ReportField:
    key: str
    label: str | Promise
    kind: str


FIELDS: tuple[ReportField, ...] = (
    ReportField("citizen.name", _("navn eller alias"), K.IDENTITY),
    ReportField("citizen.cpr", _("CPR-nummer"), K.IDENTITY),
    ReportField("citizen.birth_date", _("fødselsdato"), K.IDENTITY),
    ReportField("citizen.address", _("adresse"), K.IDENTITY),
    ReportField("citizen.phone", _("telefon"), K.IDENTITY),
    ReportField("citizen.email", _("e-mail"), K.IDENTITY),
    ReportField("case.status", _("status"), K.CASE_STATUS),
    ReportField("case.inquiry_date", _("henvendelse"), K.CASE_STATUS),
    ReportField("case.team", _("team"), K.CASE_STATUS),
    ReportField("case.caseworker", _("sagsbehandler"), K.CASE_STATUS),
    ReportField("case.decision", _("afgørelse"), K.CASE_STATUS),
    ReportField("case.treatment_started_on", _("behandling iværksat"), K.CASE_STATUS),
    ReportField("case.guarantee", _("behandlingsgaranti"), K.CASE_STATUS),
    ReportField("case.closed", _("afslutning"), K.CASE_STATUS),
    ReportField("case.legal_basis", _("lovgrundlag"), K.HEALTH),
    ReportField("case.substances", _("rusmidler"), K.HEALTH),
    ReportField("case.doctor_consultation_on", _("lægesamtale"), K.HEALTH),
    ReportField("episodes", _("behandlingsforløb"), K.EPISODES),
    ReportField("plan", _("overgangsplan"), K.PLAN),
    ReportField("commitments", _("aftalte indsatser og ændringer"), K.COMMITMENTS),
    ReportField("status_notes", _("statusnotater"), K.STATUS_NOTES),
    ReportField("meetings", _("statusmøder, som parten deltog i"), K.MEETINGS),
    ReportField("checkins", _("tjek-ind"), K.CHECKINS),
    ReportField("work_agreement", _("arbejdsaftale"), K.WORK_AGREEMENT),
)


def fields_shown(kinds: Collection[str]) -> frozenset[str]:
    """The keys of the fields a report for these information kinds may show."""
    return frozenset(field.key for field in FIELDS if field.kind in kinds)


def fields_withheld(kinds: Collection[str]) -> list[ReportField]:
    """The fields left out of a report for these information kinds, in report order."""
    return [field for field in FIELDS if field.kind not in kinds]
