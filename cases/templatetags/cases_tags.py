"""Display helpers for cases: the guarantee badge, masked CPR, status badges."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases import guarantee
from cases.cpr import mask_cpr
from cases.models import InformationKind
from cases.reason_messages import guarantee_reason

register = template.Library()

# cases.guarantee.urgency() -> badge classes (DKFDS badges plus overgang.css's danger/neutral).
URGENCY_CLASSES = {
    "danger": "badge-danger",
    "warning": "badge-warning",
    "info": "badge-info",
    "success": "badge-success",
    "neutral": "badge-neutral",
}

# The pure module's labels are plain Danish; these go through gettext for the English UI.
GUARANTEE_LABELS = {
    guarantee.GuaranteeStatus.RUNNING: _("Løber"),
    guarantee.GuaranteeStatus.MET: _("Overholdt"),
    guarantee.GuaranteeStatus.BREACHED: _("Overskredet"),
    guarantee.GuaranteeStatus.WAIVED: _("Fraveget"),
    guarantee.GuaranteeStatus.NOT_COVERED: _("Ikke omfattet"),
}

STATUS_CLASSES = {
    "inquiry": "badge-info",
    "assessment": "badge-info",
    "referred": "badge-warning",
    "in_treatment": "badge-success",
    "aftercare": "badge-success",
    "closed": "badge-neutral",
}


def guarantee_display(case: Any, today: date | None = None) -> dict[str, Any]:
    """Everything a template needs to show a case's guarantee: status, colour, days, reason."""
    today = today or timezone.localdate()
    try:
        result = case.guarantee(today=today)
    except ValueError as exc:
        # Bad stored data (a start before the inquiry): show it rather than break the page.
        return {
            "status": "",
            "label": _("Ukendt"),
            "css": "badge-neutral",
            "urgency": "neutral",
            "deadline": None,
            "days_left": None,
            "reason": str(exc),
        }
    urgency = guarantee.urgency(result)
    return {
        "status": result.status.value,
        "label": GUARANTEE_LABELS[result.status],
        "css": URGENCY_CLASSES[urgency],
        "urgency": urgency,
        "deadline": result.deadline,
        "days_left": result.days_left,
        "reason": guarantee_reason(result),
    }


@register.inclusion_tag("cases/includes/guarantee_badge.html")
def guarantee_badge(case: Any, today: date | None = None, reason: bool = True) -> dict[str, Any]:
    """`{% guarantee_badge case %}`: coloured badge + days left, and the reason below it."""
    return {"g": guarantee_display(case, today), "show_reason": reason}


@register.simple_tag
def guarantee_info(case: Any, today: date | None = None) -> dict[str, Any]:
    """`{% guarantee_info case as g %}` for pages that lay the parts out themselves."""
    return guarantee_display(case, today)


@register.filter
def masked_cpr(value: str | None) -> str:
    return mask_cpr(value)


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "badge-neutral")


# Short forms for narrow columns; the full name goes in the abbr's title.
LEGAL_BASIS_ABBREVIATIONS = {
    "SEL101": "SEL § 101",
    "BL33": "BL § 33",
    "SEL101A": "SEL § 101 a",
    "SUL141": "SUL § 141",
    "SUL142": "SUL § 142",
}


@register.simple_tag
def legal_basis_abbr(case: Any) -> str:
    """`{% legal_basis_abbr case %}`: "SEL § 101" with the full name as its title."""
    short = LEGAL_BASIS_ABBREVIATIONS.get(case.legal_basis, case.legal_basis)
    # Non-breaking spaces: "§ 101" must not break over two lines.
    return format_html(
        '<abbr title="{}">{}</abbr>', case.get_legal_basis_display(), short.replace(" ", "\u00a0")
    )


@register.filter
def display_user(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@register.filter
def information_labels(values: Any) -> list[str]:
    labels = dict(InformationKind.choices)
    return [str(labels.get(v, v)) for v in values or []]


@register.filter
def consent_valid(consent: Any, day: date) -> bool:
    return bool(consent.is_valid_on(day))


@register.filter
def shown_reason(result: Any) -> str:
    """`{{ result|shown_reason }}`: a GuaranteeResult's reason in the active language."""
    return guarantee_reason(result)


# A number no object has, reversed in place of the id and replaced per row (url_for_rows).
_ID_MARK = "9876543210123"


@register.simple_tag
def url_for_rows(view_name: str, id_kwarg: str) -> str:
    """`{% url_for_rows 'cases:detail' 'case_id' as case_url %}` before a table's rows and
    `{{ case_url|with_id:case.pk }}` in each: the URL is reversed once per list, not per row."""
    return reverse(view_name, kwargs={id_kwarg: _ID_MARK})


@register.filter
def with_id(url: str, pk: Any) -> str:
    return url.replace(_ID_MARK, str(int(pk)), 1)
