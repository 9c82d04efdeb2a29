"""The Django admin in the walk: every admin URL pattern (changelist, add, change, delete,
history of every registered ModelAdmin, the user's password page, the app lists, the index,
autocomplete, view-on-site), filled with ids of real objects, and the admin's own oracle:

- anonymous and every user who is not staff get a redirect to a login page, never a 2xx;
- staff (the administrator, a superuser) never get a 2xx on an admin page of case contents
  (DESIGN §1: "Administrator: users, units, treatment catalogue, settings; no access to case
  contents by default"), and no page of the admin shows a citizen's name or CPR number.

Case contents are decided here from the data model, not from the admin's code: a model is case
contents when it is a case or a citizen, or points to one (through any chain of foreign keys).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.shortcuts import resolve_url
from django.urls import reverse

from cases.models import Case, Citizen

from .routes import Route
from .world import World

# Pages every user may open: the admin's login form, and the logout (walking it ends the walk's
# session).
OPEN_ROUTES = ("admin:login", "admin:logout")
# The URL name of the user admin's password page (Django names it after auth.User).
USER_PASSWORD_ROUTE = "admin:auth_user_password_change"
CASE_ROOTS: tuple[type[models.Model], ...] = (Case, Citizen)


@dataclass(frozen=True)
class AdminUrl:
    url: str
    model: type[models.Model] | None  # the model the page shows, None for the site's pages
    is_delete: bool = False


def is_case_content(model: type[models.Model] | None, seen: frozenset[Any] = frozenset()) -> bool:
    """A case or a citizen, or a model with a foreign key chain to one."""
    if model is None:
        return False
    if model in CASE_ROOTS:
        return True
    for field in model._meta.get_fields():
        target = field.related_model if field.many_to_one or field.one_to_one else None
        if field.auto_created and not field.concrete:
            continue  # a reverse relation: the other model points here, not this one there
        if (
            isinstance(target, type)
            and target not in seen
            and target is not model
            and is_case_content(target, seen | {model})
        ):
            return True
    return False


def _registered() -> dict[str, type[models.Model]]:
    """URL name prefix ("admin:cases_case_") -> model, for every registered ModelAdmin."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_": model
        for model in admin.site._registry
    }


def _object_ids(model: type[models.Model], world: World, user_kind: str) -> list[Any]:
    """Ids of real objects of `model`: the first and the last row, and for users the walking
    user and one of the walk's other users."""
    manager = model._default_manager
    ids = [
        pk
        for pk in (
            manager.order_by("pk").values_list("pk", flat=True).first(),
            manager.order_by("-pk").values_list("pk", flat=True).first(),
        )
        if pk is not None
    ]
    if model is get_user_model():
        if user_kind in world.users:
            ids.append(world.users[user_kind].pk)
        ids.append(world.users["cw1"].pk)
    return sorted(set(ids))


def admin_urls(route: Route, world: World, user_kind: str) -> list[AdminUrl]:
    """`route` filled with ids of real objects (none for the login and the logout)."""
    name = route.name
    if name in OPEN_ROUTES:
        return []
    if name == "admin:autocomplete":
        return [AdminUrl(reverse(name), None), *_autocomplete_urls(reverse(name))]
    if not route.kwargs:
        return [AdminUrl(reverse(name), _model_of(name))]
    if route.kwargs == ("app_label",):
        labels = sorted({model._meta.app_label for model in admin.site._registry})
        return [AdminUrl(reverse(name, kwargs={"app_label": label}), None) for label in labels]
    if route.kwargs == ("content_type_id", "object_id"):
        rows = world.cases["A"]
        return [
            AdminUrl(
                reverse(
                    name,
                    kwargs={
                        "content_type_id": ContentType.objects.get_for_model(obj).pk,
                        "object_id": obj.pk,
                    },
                ),
                type(obj),
            )
            for obj in (rows.case, rows.citizen, rows.residential_episode)
        ]
    model = _model_of(name)
    if model is None or len(route.kwargs) != 1:
        raise AssertionError(f"the walk does not know how to fill {name} {route.kwargs}")
    (kwarg,) = route.kwargs
    return [
        AdminUrl(reverse(name, kwargs={kwarg: pk}), model, is_delete=name.endswith("_delete"))
        for pk in _object_ids(model, world, user_kind)
    ]


# A foreign key to each case root, through which the admin's autocomplete would list cases or
# citizens (it answers for any registered admin of the key's target that has search fields).
AUTOCOMPLETE_SOURCES = (("cases", "caseevent", "case", Case), ("cases", "case", "citizen", Citizen))


def _autocomplete_urls(base: str) -> list[AdminUrl]:
    return [
        AdminUrl(f"{base}?app_label={app}&model_name={model}&field_name={field}&term=", target)
        for app, model, field, target in AUTOCOMPLETE_SOURCES
    ]


def _model_of(name: str) -> type[models.Model] | None:
    if name == USER_PASSWORD_ROUTE:
        return get_user_model()
    for prefix, model in _registered().items():
        if name.startswith(prefix):
            return model
    return None


def is_staff(world: World, user_kind: str) -> bool:
    return user_kind in world.users and bool(world.users[user_kind].is_staff)


def post_data(target: AdminUrl, world: World, user_kind: str) -> dict[str, Any]:
    """What a write sends: a confirmed deletion (except as a superuser, who may delete users
    and units and would take the world apart), else nothing."""
    if target.is_delete and not world.users.get(user_kind, _Nobody).is_superuser:
        return {"post": "yes"}
    return {}


class _Nobody:
    is_superuser = False


def admin_problem(world: World, user_kind: str, target: AdminUrl, response: Any) -> str | None:
    """What is wrong with `response` to a request on `target`, or None."""
    status = response.status_code
    if not is_staff(world, user_kind):
        # Anonymous users meet the product's login first (LoginRequiredMiddleware), signed-in
        # users who are not staff the admin's.
        logins = (reverse("admin:login"), resolve_url(settings.LOGIN_URL))
        if status == 302 and response["Location"].startswith(logins):
            return None
        return f"{status} for a user who is not staff (a redirect to the admin login is due)"
    model = target.model
    if 200 <= status < 300 and model is not None and is_case_content(model):
        return f"{status} on case contents ({model._meta.label}) in the admin"
    return None
