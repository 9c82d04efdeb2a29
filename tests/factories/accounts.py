"""Factories of the accounts app: units (each with its own group) and users with a role."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Deputyship, Unit, User, UserEvent
from accounts.roles import Role

from .base import ModelFactory

# Every user the factory makes has this password (the browser journeys sign in with it).
PASSWORD = "Kodeord-123!"


class GroupFactory(ModelFactory[Group]):
    """A plain auth group (roles are groups too; fetch those by name, do not make them)."""

    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Gruppe {n}")


class UnitFactory(ModelFactory[Unit]):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")
    kind = Unit.Kind.MUNICIPAL_TEAM
    group = factory.LazyAttribute(lambda o: Group.objects.get_or_create(name=f"Enhed: {o.name}")[0])


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@kommune.example")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger{n}")
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self: User, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if not create:
            return
        self.save()
        if extracted is not None:
            self.groups.add(Group.objects.get(name=extracted.value))
            if extracted == Role.ADMINISTRATOR:
                self.is_staff = True
                self.save(update_fields=["is_staff"])
        if self.unit and self.unit.group_id:
            self.groups.add(self.unit.group_id)


class UserEventFactory(ModelFactory[UserEvent]):
    """An entry of a user's login history (sessions ended, two-factor set up or reset)."""

    class Meta:
        model = UserEvent

    user = factory.SubFactory(UserFactory)
    kind = UserEvent.Kind.SESSIONS_ENDED
    actor = factory.SubFactory(UserFactory, role=Role.ADMINISTRATOR)


class DeputyshipFactory(ModelFactory[Deputyship]):
    """A deputy standing in for a colleague of the same unit, from today for a week."""

    class Meta:
        model = Deputyship

    user = factory.SubFactory(UserFactory)
    deputy = factory.SubFactory(UserFactory, unit=factory.SelfAttribute("..user.unit"))
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=7))
