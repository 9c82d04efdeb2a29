"""What the input serializers share: ids, versions, and the table of text limits."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases import text_limits

# The limit of each stored text, published as the schema's maxLength.
L = text_limits.LIMITS

MAX_ID = 2**63 - 1
# PositiveIntegerField fits every backend up to 2**31 - 1.
MAX_VERSION = 2**31 - 1


def id_field(help_text: str, **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text, **kwargs)


def version_field(help_text: str, **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0, max_value=MAX_VERSION, help_text=help_text, **kwargs
    )
