"""The catalogue of reason codes -> translatable messages (issue 18).

The pure rule modules (cases.guarantee, cases.lifecycle) return a finished Danish ``reason`` and,
next to it, a ``reason_code`` with plain values (ISO dates, numbers, enum values). This module is
the one place that turns code + values into a sentence in the active language, through gettext:
templates, the API and the PDFs call :func:`reason_text`. Every code has one message here; the
test suite checks that each has an English translation.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, ngettext

from .guarantee import LegalBasis, ReasonCode
from .lifecycle import MoveNotAllowed
from .models import CaseStatus

# code -> message with %(name)s placeholders. Values named in DATE_VALUES are ISO dates and are
# shown as local dates; "over" (a count of days) and "basis", "status", "target", "action" (enum
# values) are rendered by the helpers below.
MESSAGES: dict[str, Promise] = {
    ReasonCode.NOT_COVERED_ANONYMOUS: gettext_lazy(
        "Ikke omfattet: anonym behandling (SEL § 101 a)"
    ),
    ReasonCode.NOT_COVERED_REGIONAL: gettext_lazy(
        "Ikke omfattet: regional integreret behandling af dobbeltdiagnose (SUL § 82 c)"
    ),
    ReasonCode.MET: gettext_lazy(
        "Overholdt: behandling iværksat %(started)s, frist %(days)s dage fra henvendelse "
        "%(inquiry)s"
    ),
    ReasonCode.WAIVED: gettext_lazy("Fraveget: borgeren har valgt et andet tilbud (%(source)s)"),
    ReasonCode.BREACHED_LATE_START: gettext_lazy(
        "Overskredet med %(over)s: behandling iværksat %(started)s, frist %(deadline)s "
        "(%(days)s dage fra henvendelse %(inquiry)s)"
    ),
    ReasonCode.BREACHED_LATE_START_LATE_CHOICE: gettext_lazy(
        "Overskredet med %(over)s: behandling iværksat %(started)s, frist %(deadline)s "
        "(%(days)s dage fra henvendelse %(inquiry)s); frit valg %(chosen)s efter fristen ændrer "
        "ikke overskridelsen"
    ),
    ReasonCode.BREACHED_NO_START: gettext_lazy(
        "Overskredet: ingen behandling iværksat inden fristen %(deadline)s (%(days)s dage fra "
        "henvendelse %(inquiry)s)"
    ),
    ReasonCode.BREACHED_NO_START_LATE_CHOICE: gettext_lazy(
        "Overskredet: ingen behandling iværksat inden fristen %(deadline)s (%(days)s dage fra "
        "henvendelse %(inquiry)s); frit valg %(chosen)s efter fristen ændrer ikke overskridelsen"
    ),
    ReasonCode.RUNNING: gettext_lazy("%(days)s dage fra henvendelse %(inquiry)s"),
    ReasonCode.DECISION_LATE: gettext_lazy(
        "Afgørelsen er truffet %(decided)s, %(over)s efter fristen %(deadline)s (%(days)s dage "
        "fra henvendelse %(inquiry)s). Afgørelsen skal træffes inden for behandlingsgarantien "
        "(BEK 1477/2019 § 1)."
    ),
    ReasonCode.DOCTOR_CONSULTATION_MISSING: gettext_lazy(
        "Lægesamtale mangler: behandlingen er iværksat %(started)s, uden at lægesamtalen er "
        "holdt eller afslået (SUL § 142, stk. 1-2)."
    ),
    ReasonCode.DOCTOR_CONSULTATION_AFTER_START: gettext_lazy(
        "Lægesamtalen %(consulted)s ligger efter behandlingsstart %(started)s; lægesamtalen skal "
        "komme før behandlingen (SUL § 142, stk. 1-2)."
    ),
    MoveNotAllowed.UNKNOWN_ACTION: gettext_lazy("Ukendt handling: %(action)s"),
    MoveNotAllowed.NOT_FROM_STATUS: gettext_lazy(
        "Sagen kan ikke gå fra %(status)s til %(target)s med handlingen »%(action)s«"
    ),
}

DATE_VALUES = frozenset({"started", "inquiry", "deadline", "chosen", "decided", "consulted"})

# The lifecycle's moves as the buttons, the refusals and the timeline name them
# (cases.lifecycle.MOVES labels are plain Danish in a pure module; these go through gettext).
ACTION_LABELS: dict[str, Promise] = {
    "start_assessment": gettext_lazy("Start udredning"),
    "refer": gettext_lazy("Visitér til tilbud"),
    "start_treatment": gettext_lazy("Registrér behandlingsstart"),
    "start_aftercare": gettext_lazy("Overgå til efterbehandling"),
    "reassess": gettext_lazy("Tilbage til udredning (tilbagefald/nyt behov)"),
    "close": gettext_lazy("Afslut sag"),
}

# Where the right to waive the deadline after a free choice comes from (cases.guarantee).
_FREE_CHOICE_SOURCES: dict[str, Promise] = {
    LegalBasis.SEL101: gettext_lazy("SEL § 101, stk. 6"),
    LegalBasis.SUL141: gettext_lazy("frit valg efter SUL § 141"),
    LegalBasis.SUL142: gettext_lazy("frit valg efter SUL § 142"),
}


def reason_text(code: str, values: Mapping[str, Any] | None, fallback: str = "") -> str:
    """The sentence for `code` with `values` in the active language; `fallback` (the Danish
    reason) for an empty or unknown code, so nothing shown is ever lost."""
    message = MESSAGES.get(code)
    if message is None:
        return fallback
    return str(message) % display_values(dict(values or {}))


def display_values(values: dict[str, Any]) -> dict[str, Any]:
    """`values` as shown: local dates, day counts, labels (cases.event_messages uses it for
    the reasons inside a timeline entry)."""
    shown = dict(values)
    for key in DATE_VALUES & shown.keys():
        with contextlib.suppress(ValueError):
            shown[key] = date_format(date.fromisoformat(str(shown[key])), "DATE_FORMAT")
    if "over" in shown:
        over = int(shown["over"])
        shown["over"] = ngettext("%(count)d dag", "%(count)d dage", over) % {"count": over}
    if "basis" in shown:
        source = _FREE_CHOICE_SOURCES.get(shown["basis"])
        shown["source"] = str(source) if source is not None else str(shown["basis"])
    for key in ("status", "target"):
        if key in shown and shown[key] in CaseStatus.values:
            shown[key] = str(CaseStatus(shown[key]).label)
    if "action" in shown:
        shown["action"] = action_label(str(shown["action"]))
    return shown


def action_label(action: str) -> str:
    """A lifecycle move's label in the active language (the action itself if unknown)."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def guarantee_reason(result: Any) -> str:
    """The shown reason of a cases.guarantee.GuaranteeResult or GuaranteeWarning."""
    return reason_text(result.reason_code, result.reason_values, result.reason)


def move_refusal(exc: MoveNotAllowed) -> str:
    """The shown message of a refused lifecycle move."""
    return reason_text(exc.reason_code, exc.reason_values, str(exc))
