"""Filters for the printed reports and the report buttons on the case page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils import timezone

from cases.guarantee import GUARANTEE_STATUS_LABELS, GuaranteeStatus
from cases.models import InformationKind, Substance
from transitions.models import CheckIn

from .. import formatting

register = template.Library()

register.filter("da_date", formatting.da_date)
register.filter("da_datetime", formatting.da_datetime)
register.filter("da_month", formatting.da_month)
register.filter("da_percent", formatting.da_percent)


@register.filter
def da_number(value: float | int | None, decimals: int = 0) -> str:
    return formatting.da_number(value, int(decimals))


@register.filter
def theme_labels(codes: Iterable[str] | None) -> str:
    """ "Bolig, Tilbagefald" for a check-in's theme codes."""
    labels = dict(CheckIn.Theme.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def information_kind_labels(codes: Iterable[str] | None) -> list[str]:
    labels = dict(InformationKind.choices)
    return [str(labels[code]) for code in codes or [] if code in labels]


@register.filter
def valid_today(consents: Iterable[Any] | None) -> list[Any]:
    """The consents that are valid today: only they can carry an external report."""
    today = timezone.localdate()
    return [consent for consent in consents or [] if consent.is_valid_on(today)]


@register.filter
def substance_labels(codes: Iterable[str] | None) -> str:
    labels = dict(Substance.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def guarantee_label(status: str) -> str:
    """The Danish name of a guarantee status ("Overholdt", "Overskredet", ...)."""
    return GUARANTEE_STATUS_LABELS.get(GuaranteeStatus(status), status)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, key)
