"""The base of every model output serializer."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from rest_framework import serializers


class OutputModelSerializer(serializers.ModelSerializer):
    """A read-only model serializer whose schema says what it really returns: DRF drops
    `allow_blank` from read-only fields, so a choice that may be empty ("" for "not set")
    would be documented as never empty."""

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank:
            kwargs["allow_blank"] = True
        return kwargs
