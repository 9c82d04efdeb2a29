"""The enrolment content the drug register asks for (docs/registers.md §4.2): how the primary
substance is taken, housing, substitution medicine, and the citizen's use when the course ends.

The values are Overgang's working codes (docs/registers.md §4.5), shaped like the EMCDDA/EUDA
Treatment Demand Indicator the register follows; `reports.register_codes` maps them to what each
register file carries.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RouteOfUse(models.TextChoices):
    INJECTS = "injects", _("Injicerer")
    SMOKES = "smokes", _("Ryger eller inhalerer")
    ORAL = "oral", _("Spiser eller drikker")
    SNIFFS = "sniffs", _("Sniffer")
    OTHER = "other", _("Andet")
    UNKNOWN = "unknown", _("Uoplyst")


class HousingSituation(models.TextChoices):
    STABLE = "stable", _("Egen eller anden stabil bolig")
    UNSTABLE = "unstable", _("Ustabil bolig (hjemløs, midlertidig)")
    INSTITUTION = "institution", _("Institution eller fængsel")
    UNKNOWN = "unknown", _("Uoplyst")


class SubstitutionMedicine(models.TextChoices):
    NONE = "none", _("Ingen substitutionsbehandling")
    METHADONE = "methadone", _("Metadon")
    BUPRENORPHINE = "buprenorphine", _("Buprenorphin")
    BUPRENORPHINE_NALOXONE = "buprenorphine_naloxone", _("Buprenorphin med naloxon")
    DIACETYLMORPHINE = "diacetylmorphine", _("Diacetylmorphin (heroin)")
    OTHER = "other", _("Andet")


class CourseEndStatus(models.TextChoices):
    """The citizen's use when the course ends (the register's Afslutningsstatus)."""

    DRUG_FREE = "drug_free", _("Stoffri")
    REDUCED = "reduced", _("Reduceret forbrug")
    STABILISED = "stabilised", _("Stabiliseret eller uændret forbrug")
    WORSENED = "worsened", _("Forværret forbrug")
    UNKNOWN = "unknown", _("Ikke oplyst")
