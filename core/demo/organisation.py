"""The demo organisation: units, users and the treatment catalogue."""

from __future__ import annotations

from accounts.demo import DEMO_PASSWORD, UNITS, USERS
from accounts.models import Unit, User
from accounts.services import unit_create, user_create
from treatment_options.models import Offer, Provider

from .catalogue import OFFERS, PROVIDERS


def seed_organisation() -> bool:
    """Units, users and the treatment catalogue. Returns True when anything was created."""
    if User.objects.filter(username=USERS[0].username).exists():
        return False
    units = {}
    for demo in UNITS:
        units[demo.name] = unit_create(
            name=demo.name,
            kind=demo.kind,
            email=demo.email,
            municipality_code=demo.municipality_code,
        )
    for demo_user in USERS:
        user_create(
            username=demo_user.username,
            email=f"{demo_user.username}@kommune.example",
            password=DEMO_PASSWORD,
            role=demo_user.role,
            unit=units.get(demo_user.unit) if demo_user.unit else None,
            first_name=demo_user.first_name,
            last_name=demo_user.last_name,
            title=demo_user.title,
        )
    providers = {}
    for name, kind, unit_name, address, city, capacity, tp_id in PROVIDERS:
        postal_code, city_name = city.split(" ", 1)
        providers[name] = Provider.objects.create(
            name=name,
            kind=kind,
            unit=Unit.objects.get(name=unit_name) if unit_name else None,
            address=address,
            postal_code=postal_code,
            city=city_name,
            capacity=capacity,
            tilbudsportalen_id=tp_id,
        )
    for provider, name, treatment_type, bases, weeks, waiting in OFFERS:
        Offer.objects.create(
            provider=providers[provider],
            name=name,
            treatment_type=treatment_type,
            legal_bases=bases,
            typical_length_weeks=weeks,
            waiting_time_days=waiting,
        )
    return True
