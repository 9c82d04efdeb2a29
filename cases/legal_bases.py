"""What each legal basis implies, in one pure table (DESIGN §3).

Standard library only: the guarantee rules, the lifecycle guards, the warnings, the reminders and
the reports all read this table, so a rule per basis is written down once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class LegalBasis(StrEnum):
    SEL101 = "SEL101"  # Serviceloven § 101: social drug treatment, 18 and over
    BL33 = "BL33"  # Barnets lov § 33: social drug treatment, under 18
    SEL101A = "SEL101A"  # Serviceloven § 101 a: anonymous outpatient drug treatment
    SUL141 = "SUL141"  # Sundhedsloven § 141: alcohol treatment
    SUL142 = "SUL142"  # Sundhedsloven § 142: medical (substitution) drug treatment


@dataclass(frozen=True, slots=True)
class BasisRules:
    """The rules of one legal basis."""

    # Covered by the 14-day guarantee (not SEL § 101 a: open access, no visitation). Regional
    # integrated dual-diagnosis treatment (SUL § 82 c) is a property of the request, not a basis.
    covered: bool
    # A decision (afgørelse) is needed before treatment starts: SEL § 101 and BL § 33 are
    # visitated social services; § 101 a has no visitation, the health-law bases no decision.
    needs_decision: bool
    # SUL § 142, stk. 1-2 as amended by L 34 (2014-15): everyone seeking drug treatment, under
    # Sundhedsloven or Serviceloven, is offered a doctor's consultation before treatment starts.
    doctor_consultation_offered: bool
    # SEL § 101, stk. 5-6: free choice of another offer "af tilsvarende karakter" belongs to
    # visited citizens over 18; the health-law bases give free choice of treatment place too.
    free_choice_allowed: bool
    # BEK 1477/2019 § 1 (holistic needs assessment, decision within the guarantee) and § 4
    # (follow-up 1 and 6 months after the course) apply to social drug treatment only.
    bek1477_assessment: bool
    bek1477_follow_up: bool
    # Social drug treatment (Serviceloven, Barnets lov), as opposed to health-law treatment.
    social_drug_treatment: bool
    # A drug basis (as opposed to alcohol treatment).
    drug: bool


RULES: Final[dict[LegalBasis, BasisRules]] = {
    LegalBasis.SEL101: BasisRules(
        covered=True,
        needs_decision=True,
        doctor_consultation_offered=True,
        free_choice_allowed=True,
        bek1477_assessment=True,
        bek1477_follow_up=True,
        social_drug_treatment=True,
        drug=True,
    ),
    LegalBasis.BL33: BasisRules(
        covered=True,
        needs_decision=True,
        doctor_consultation_offered=True,
        # The right to choose another offer belongs to citizens over 18 (SEL § 101, stk. 5).
        free_choice_allowed=False,
        bek1477_assessment=True,
        bek1477_follow_up=True,
        social_drug_treatment=True,
        drug=True,
    ),
    LegalBasis.SEL101A: BasisRules(
        covered=False,
        needs_decision=False,
        doctor_consultation_offered=False,
        free_choice_allowed=False,
        bek1477_assessment=False,
        bek1477_follow_up=False,
        social_drug_treatment=False,
        drug=True,
    ),
    LegalBasis.SUL141: BasisRules(
        covered=True,
        needs_decision=False,
        doctor_consultation_offered=False,
        free_choice_allowed=True,
        bek1477_assessment=False,
        bek1477_follow_up=False,
        social_drug_treatment=False,
        drug=False,
    ),
    LegalBasis.SUL142: BasisRules(
        covered=True,
        needs_decision=False,
        doctor_consultation_offered=True,
        free_choice_allowed=True,
        bek1477_assessment=False,
        bek1477_follow_up=False,
        social_drug_treatment=False,
        drug=True,
    ),
}

# Barnets lov § 33 is for citizens under 18; what is asked for after the 18th birthday (a new
# request, a free choice) falls under Serviceloven § 101.
ADULT_AGE: Final = 18


def parse_legal_basis(value: object) -> LegalBasis:
    """Return the LegalBasis for a code such as "SEL101"; ValueError for anything else."""
    if isinstance(value, str):
        try:
            return LegalBasis(value)
        except ValueError:
            pass
    raise ValueError(f"Ukendt lovgrundlag: {value}")


def rules_for(legal_basis: object) -> BasisRules:
    """The rules of a legal basis (a LegalBasis or its code); ValueError for an unknown one."""
    return RULES[parse_legal_basis(legal_basis)]


def bases_where(attribute: str) -> frozenset[LegalBasis]:
    """The legal bases whose rule `attribute` is true, e.g. bases_where("needs_decision")."""
    if attribute not in BasisRules.__dataclass_fields__:
        raise ValueError(f"Ukendt regel: {attribute}")
    return frozenset(basis for basis, rules in RULES.items() if getattr(rules, attribute))


def basis_for_new_request(legal_basis: object, *, adult: bool) -> LegalBasis:
    """The basis a new request gets: a young person's BL § 33 becomes SEL § 101 once they are 18
    (the running BL § 33 request continues; only what is asked afterwards changes)."""
    basis = parse_legal_basis(legal_basis)
    if basis is LegalBasis.BL33 and adult:
        return LegalBasis.SEL101
    return basis
