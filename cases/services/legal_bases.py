"""Which legal bases allow what, where more than one service asks."""

from __future__ import annotations

from ..models import LegalBasis

# Anonymous citizens: SEL § 101 a is anonymous by law; alcohol treatment may be anonymous on
# request (SUL § 141, stk. 7). Every other basis needs an identified citizen (a decision is
# made about a named person).
ANONYMOUS_LEGAL_BASES = frozenset({LegalBasis.SEL101A, LegalBasis.SUL141})
# Drug cases record the doctor's consultation (SUL § 142, stk. 1-2).
DRUG_LEGAL_BASES = frozenset(
    {LegalBasis.SEL101, LegalBasis.BL33, LegalBasis.SEL101A, LegalBasis.SUL142}
)
