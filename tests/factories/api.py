"""Factories of the api app."""

from __future__ import annotations

from typing import Any

import factory

from api.models import ApiToken
from api.services import key_hash

from .accounts import UserFactory
from .base import ModelFactory


class ApiTokenFactory(ModelFactory[ApiToken]):
    """A token whose plain key is known: `token.key` (set on the object, never stored) goes in
    an `Authorization: Token <key>` header. `api_token_create` is the product's way."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = "Fagsystem"
    key = factory.Sequence(lambda n: f"testkey{n:04d}.hemmelig-{n:04d}")
    prefix = factory.LazyAttribute(lambda o: o.key.split(".")[0])
    key_hash = factory.LazyAttribute(lambda o: key_hash(o.key))

    @classmethod
    def _create(cls, model_class: type[ApiToken], *args: Any, **kwargs: Any) -> ApiToken:
        key = kwargs.pop("key")
        token = super()._create(model_class, *args, **kwargs)
        token.key = key
        return token

    @classmethod
    def _build(cls, model_class: type[ApiToken], *args: Any, **kwargs: Any) -> ApiToken:
        key = kwargs.pop("key")
        token = super()._build(model_class, *args, **kwargs)
        token.key = key
        return token
