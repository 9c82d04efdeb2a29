"""The work agreement of a handover and its basis (DESIGN §5.12): which consent of the case can
carry it, and what the transition page says about inviting the employer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.db.models import Q, prefetch_related_objects
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Consent, InformationKind, PartyKind

from ..models import StatusMeeting, Transition, WorkAgreement
from ..work import BasisProblem, ConsentFacts, work_agreement_basis

BASIS_MESSAGES: dict[BasisProblem, Promise] = {
    BasisProblem.NO_CONSENT: _(
        "Arbejdsaftalen kan først registreres, når arbejdsgiveren har givet et skriftligt "
        "samtykke, der omfatter arbejdsaftalen. Registrér samtykket først."
    ),
    BasisProblem.NOT_EMPLOYER: _(
        "Samtykket er ikke givet til arbejdsgiveren. Arbejdsaftalen kræver et skriftligt "
        "samtykke til arbejdsgiveren."
    ),
    BasisProblem.ORAL: _(
        "Samtykket til arbejdsgiveren er mundtligt. En arbejdsgiver kræver altid et "
        "udtrykkeligt skriftligt samtykke."
    ),
    BasisProblem.NOT_VALID: _(
        "Samtykket til arbejdsgiveren er ikke gyldigt i dag (udløbet, ikke begyndt eller "
        "trukket tilbage)."
    ),
    BasisProblem.NOT_COVERED: _(
        "Samtykket til arbejdsgiveren omfatter ikke arbejdsaftalen. Registrér et skriftligt "
        "samtykke, der omfatter »Arbejdsaftale«."
    ),
}


def _facts(consents: Sequence[Consent], day: dt.date) -> list[ConsentFacts]:
    return [
        ConsentFacts(
            key=c.pk,
            party_kind=c.party_kind,
            form=c.form,
            is_valid_today=c.is_valid_on(day),
            covers_work_agreement=c.covers(InformationKind.WORK_AGREEMENT),
        )
        for c in consents
    ]


def _newest_first(consents: Sequence[Consent]) -> list[Consent]:
    return sorted(consents, key=lambda c: (c.valid_from, c.pk), reverse=True)


def work_agreement_basis_for(
    consents: Sequence[Consent], day: dt.date
) -> tuple[Consent | None, BasisProblem | None]:
    """The consent (newest first) a work agreement may be saved and shared under on `day`, or
    None and why not."""
    ordered = _newest_first(consents)
    key, problem = work_agreement_basis(_facts(ordered, day))
    return next((c for c in ordered if c.pk == key), None), problem


def work_agreement_consent(case: Case, day: dt.date) -> tuple[Consent | None, BasisProblem | None]:
    return work_agreement_basis_for(list(Consent.objects.filter(case=case)), day)


def work_agreement_get(transition: Transition) -> WorkAgreement | None:
    return (
        WorkAgreement.objects.filter(transition=transition)
        .select_related("updated_by", "consent")
        .first()
    )


def _meeting_consent(consents: Sequence[Consent], day: dt.date) -> Consent | None:
    """A valid written employer consent that covers status meetings (the employer can then be
    added as a participant, DESIGN §5.4)."""
    for c in _newest_first(consents):
        if (
            c.party_kind == PartyKind.EMPLOYER
            and c.form == Consent.Form.WRITTEN
            and c.is_valid_on(day)
            and c.covers(InformationKind.MEETINGS)
        ):
            return c
    return None


@dataclass(frozen=True)
class WorkPanel:
    """The work section of the transition page."""

    agreement: WorkAgreement | None
    consent: Consent | None  # the basis a save would use
    problem: BasisProblem | None
    has_job: bool
    employer_invited: bool
    meeting_consent: Consent | None
    first_meeting: StatusMeeting | None  # the first meeting not held yet

    @property
    def problem_message(self) -> str:
        return str(BASIS_MESSAGES[self.problem]) if self.problem else ""

    @property
    def prompts_invitation(self) -> bool:
        """DESIGN §5.12: the citizen has a job and no employer is on a meeting yet."""
        return self.has_job and not self.employer_invited


def employer_participant_q(prefix: str = "") -> Q:
    """Participants from the employer: named so, or on a consent to the employer."""
    p = f"{prefix}__" if prefix else ""
    return Q(**{f"{p}party_kind": PartyKind.EMPLOYER}) | Q(
        **{f"{p}consent__party_kind": PartyKind.EMPLOYER}
    )


def work_panel(
    *,
    transition: Transition,
    meetings: Sequence[StatusMeeting],
    day: dt.date,
    agreement: WorkAgreement | Literal[False] | None = False,
) -> WorkPanel:
    """The work section: two queries (the agreement unless passed, the case's consents unless
    loaded). `meetings` carry `employer_count`, annotated with
    `employer_participant_q("participants")`."""
    # The case's consents, loaded once per page (the report panel asks for them too).
    prefetch_related_objects([transition.case], "consents")
    consents = list(transition.case.consents.all())
    consent, problem = work_agreement_basis_for(consents, day)
    upcoming = sorted((m for m in meetings if not m.held), key=lambda m: (m.starts_at, m.pk))
    return WorkPanel(
        agreement=work_agreement_get(transition) if agreement is False else agreement,
        consent=consent,
        problem=problem,
        has_job=bool(transition.case.has_job),
        employer_invited=any(getattr(m, "employer_count", 0) for m in meetings),
        meeting_consent=_meeting_consent(consents, day),
        first_meeting=upcoming[0] if upcoming else None,
    )
