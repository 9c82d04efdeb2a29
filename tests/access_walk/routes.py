"""Every URL pattern of `get_resolver()` (pages, API, admin), with its keyword arguments filled
with ids of one case's objects, or of objects that belong to another user or unit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .world import CaseRows, World


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    kwargs: tuple[str, ...]
    pattern: Any

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:")


def _walk(patterns: Any, namespaces: tuple[str, ...] = ()) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            spaces = (*namespaces, entry.namespace) if entry.namespace else namespaces
            for route in _walk(entry.url_patterns, spaces):
                yield Route(
                    route.name, (*entry.pattern.regex.groupindex, *route.kwargs), route.pattern
                )
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(
                ":".join([*namespaces, entry.name]), tuple(entry.pattern.regex.groupindex), entry
            )


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def _transition_object(rows: CaseRows, name: str) -> Any:
    """The object a transitions page's or an API route's `pk` names."""
    handover = rows.handover
    if handover is None:
        return None
    table = {
        "note": handover.notes,
        "status-note": handover.notes,
        "meeting": handover.meetings,
        "commitment": handover.commitments,
        "checkin": handover.checkins,
        "action": handover.action_items,
    }
    for prefix, objects in table.items():
        if name.startswith(prefix):
            return objects[0] if objects else None
    return handover.transition


def case_object(route: Route, rows: CaseRows) -> Any:
    """The object of case `rows` that `pk` names in `route`, or None when the case has none."""
    namespace, _, name = route.name.partition(":")
    if namespace == "cases":
        return rows.consent
    if namespace == "treatment_options":
        return rows.residential_episode
    if namespace == "transitions":
        return _transition_object(rows, name)
    if namespace == "api":
        if name.startswith("citizen"):
            return rows.citizen
        if name.startswith("case"):
            return rows.case
        if name.startswith("episode"):
            return rows.residential_episode
        if name.startswith("notification"):
            return None  # other users' notifications: `other_users_url`
        if name.startswith("file-export"):
            return None  # an export's own id: tests/api/test_file_exports_api.py
        return _transition_object(rows, name)
    return None


def case_url(route: Route, rows: CaseRows) -> str | None:
    """`route` filled with ids of case `rows`, or None when the route takes no id of a case."""
    kwargs: dict[str, Any] = {}
    for kwarg in route.kwargs:
        if kwarg == "case_id":
            kwargs[kwarg] = rows.case.pk
        elif kwarg == "citizen_id":
            kwargs[kwarg] = rows.citizen.pk
        elif kwarg == "transition_pk":
            if rows.handover is None:
                return None
            kwargs[kwarg] = rows.handover.transition.pk
        elif kwarg == "key":
            kwargs[kwarg] = "goals"
        elif kwarg == "due_kind":
            kwargs[kwarg] = "1m"  # the legal follow-up after the course
        elif kwarg == "pk":
            obj = case_object(route, rows)
            if obj is None:
                return None
            kwargs[kwarg] = obj.pk
        else:
            return None
    if not kwargs or route.is_admin or route.name.startswith("notifications:open"):
        return None
    if route.name in ("notifications:mark_read",):
        return None
    return reverse(route.name, kwargs=kwargs)


def other_users_url(route: Route, world: World, user_kind: str) -> str | None:
    """`route` filled with a notification, report job or unit of somebody else."""
    others = [k for k in world.users if k != user_kind]
    other = next(
        k
        for k in others
        if world.users[k].unit_id is not None
        and (user_kind == "anonymous" or world.users[k].unit_id != world.users[user_kind].unit_id)
    )
    if route.name in ("api:notification-detail", "api:notification-read"):
        return reverse(route.name, kwargs={"pk": world.notifications[other].pk})
    if route.name in ("notifications:open", "notifications:mark_read"):
        return reverse(route.name, kwargs={"pk": world.notifications[other].pk})
    if route.kwargs == ("job_id",):
        return reverse(route.name, kwargs={"job_id": world.jobs[other].pk})
    if route.kwargs == ("unit_id",):
        return reverse(route.name, kwargs={"unit_id": world.users[other].unit_id})
    return None
