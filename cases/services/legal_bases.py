"""Which legal bases allow what, where more than one service asks (read from the pure table in
cases.legal_bases, so a rule per basis is written down once)."""

from __future__ import annotations

from ..legal_bases import bases_where
from ..models import LegalBasis

# Anonymous citizens: SEL § 101 a is anonymous by law; alcohol treatment may be anonymous on
# request (SUL § 141, stk. 7). Every other basis needs an identified citizen (a decision is
# made about a named person).
ANONYMOUS_LEGAL_BASES = frozenset({LegalBasis.SEL101A, LegalBasis.SUL141})
# Drug requests record the doctor's consultation as offered, held or declined (SUL § 142,
# stk. 1-2, offered to everyone seeking drug treatment since L 34 (2014-15)).
DRUG_LEGAL_BASES = frozenset(
    LegalBasis(b.value) for b in bases_where("doctor_consultation_offered")
)
# An episode under these bases cannot start before the decision (afgørelse).
DECISION_LEGAL_BASES = frozenset(LegalBasis(b.value) for b in bases_where("needs_decision"))
