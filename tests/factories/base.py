"""The base class of every factory here, typed so that calling a factory gives the model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import factory

if TYPE_CHECKING:

    class ModelFactory[T](factory.django.DjangoModelFactory[T]):
        """DjangoModelFactory as the type checker should see it: calling a factory gives the
        model instance. At run time factory-boy's FactoryMetaClass.__call__ does that, but it is
        untyped, and mypy reads what calling a class gives from __new__ only."""

        # __new__ "must return a class instance": here it is the model's, not the factory's.
        def __new__(cls, **kwargs: Any) -> T: ...  # type: ignore[misc]

else:
    ModelFactory = factory.django.DjangoModelFactory

__all__ = ["ModelFactory"]
