"""Who information can go to, and on which basis (DESIGN §2, §5.4).

Which external parties need the citizen's consent and which may share under Retsplejeloven § 115
(the KSP/PSP cooperation between the municipality, Kriminalforsorgen, the police and psychiatry)
is decided here, once, for the meeting service, the forms and the API.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    """External parties a status meeting or a disclosure can involve (DESIGN §5.4)."""

    EMPLOYER = "employer", _("Arbejdsgiver")
    KRIMINALFORSORGEN = "kriminalforsorgen", _("Kriminalforsorgen")
    POLICE = "police", _("Politi")
    # The KSP/PSP cooperation (Retsplejeloven § 115); regional hospital psychiatry needs consent.
    PSYCHIATRY = "psychiatry", _("Psykiatrien (KSP/PSP-samarbejdet)")
    REGIONAL_PSYCHIATRY = "regional_psychiatry", _("Regionspsykiatrien (hospital)")
    DISABILITY_PSYCHIATRY = "disability_psychiatry", _("Handicap og psykiatri (kommunen)")
    JOBCENTER = "jobcenter", _("Jobcenter")
    HOUSING = "housing", _("Boligselskab/bostøtte")
    RELATIVE = "relative", _("Pårørende")
    DOCTOR = "doctor", _("Egen læge")
    OTHER = "other", _("Anden")


# Retsplejeloven § 115 (KSP/PSP cooperation) lets these parties share without consent.
RPL115_PARTIES = frozenset({PartyKind.KRIMINALFORSORGEN, PartyKind.POLICE, PartyKind.PSYCHIATRY})


def may_use_rpl115(party_kind: str) -> bool:
    """Retsplejeloven § 115 covers only the KSP/PSP cooperation: Kriminalforsorgen, the police and
    psychiatry in that cooperation. Regional (hospital) psychiatry is its own party and is not
    covered: it needs the citizen's consent like every other party."""
    return party_kind in RPL115_PARTIES


def needs_consent(party_kind: str, *, rpl115: bool = False) -> bool:
    """Every external party needs a specific consent (Retssikkerhedsloven § 11 a), unless the
    sharing is under § 115 with a party that § 115 covers."""
    return not (rpl115 and may_use_rpl115(party_kind))


class InformationKind(models.TextChoices):
    """Kinds of information a consent can cover; they match the sections of the case report."""

    IDENTITY = "identity", _("Navn og kontaktoplysninger")
    CASE_STATUS = "case_status", _("Sagens status og behandlingsgaranti")
    HEALTH = "health", _("Helbred og rusmiddelbrug")
    EPISODES = "episodes", _("Behandlingsforløb")
    PLAN = "plan", _("Overgangsplan")
    COMMITMENTS = "commitments", _("Aftalte indsatser")
    STATUS_NOTES = "status_notes", _("Skriftlige statusnotater")
    MEETINGS = "meetings", _("Statusmøder")
    CHECKINS = "checkins", _("Tjek-ind (Hvad er du mest usikker på?)")
    # The structured work agreement of a handover (DESIGN §5.12): only for the employer.
    WORK_AGREEMENT = "work_agreement", _("Arbejdsaftale")


class DisclosureBasis(models.TextChoices):
    CONSENT = "consent", _("Samtykke")
    RPL115 = "rpl115", _("Retsplejeloven § 115 (KSP/PSP)")
    BL133 = "bl133", _("Underretningspligt (barnets lov § 133)")
    SEL141 = "sel141", _("Handleplan (serviceloven § 141)")
    # The citizen's own access to the file: the law gives it without a consent.
    FVL9 = "fvl9", _("Aktindsigt (forvaltningsloven § 9)")
