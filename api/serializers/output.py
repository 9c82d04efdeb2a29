"""The base of every model output serializer."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class OutputModelSerializer(serializers.ModelSerializer):
    """A read-only model serializer whose schema says what it really returns: DRF drops
    `allow_blank` from read-only fields, so a choice that may be empty ("" for "not set")
    would be documented as never empty."""

    def include_extra_kwargs(self, kwargs: dict[str, Any], extra_kwargs: dict[str, Any]) -> Any:
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank:
            kwargs["allow_blank"] = True
        return kwargs
