"""Fail closed: every view in the URL configuration declares who may use it (DESIGN §1).

The walk covers the whole URL configuration as it is when the tests run, so a view added later
by anyone, in any app, without an access decorator makes this test fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, path

from accounts.policies import POLICY_ATTRIBUTE, authenticated


@dataclass(frozen=True)
class Route:
    route: str
    namespaces: tuple[str, ...]
    pattern: URLPattern

    @property
    def callback(self) -> Callable[..., Any]:
        return self.pattern.callback

    @property
    def label(self) -> str:
        name = ":".join([*self.namespaces, self.pattern.name or "?"])
        return f"/{self.route} ({name})"


def walk(patterns: Any, prefix: str = "", namespaces: tuple[str, ...] = ()) -> Iterator[Route]:
    """Every URLPattern under `patterns`, depth first, with its full route and namespaces."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            spaces = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), spaces)
        elif isinstance(entry, URLPattern):
            yield Route(prefix + str(entry.pattern), namespaces, entry)


def drf_view_class(callback: Callable[..., Any]) -> Any:
    """The DRF class behind an as_view() callback (APIView: .cls, ViewSet: .cls too)."""
    return getattr(callback, "cls", None) or getattr(callback, "view_class", None)


def is_exempt(route: Route) -> bool:
    # Django admin: every admin view runs admin_site.admin_view(), which requires an active
    # staff user and checks the model permissions itself; it is not ours to decorate.
    if route.namespaces[:1] == ("admin",):
        return True
    # DRF views under /api/ are protected by their permission_classes (the API engineer also
    # marks them with an access_policy); an API view with no permission classes is not exempt.
    if route.route.startswith("api/"):
        view_class = drf_view_class(route.callback)
        if view_class is not None and list(getattr(view_class, "permission_classes", []) or []):
            return True
    return False


def missing_policies(patterns: Any) -> list[str]:
    return [
        route.label
        for route in walk(patterns)
        if not is_exempt(route) and not getattr(route.callback, POLICY_ATTRIBUTE, None)
    ]


def all_routes() -> list[Route]:
    return list(walk(get_resolver().url_patterns))


def test_every_view_declares_an_access_policy():
    missing = missing_policies(get_resolver().url_patterns)
    assert not missing, "Views without an access policy (use accounts.policies or case_view):\n" + (
        "\n".join(missing)
    )


def test_the_walk_reaches_nested_app_urls():
    # Guard against a walk that silently finds nothing (the test above would then pass).
    names = {route.label.split(" ")[1] for route in all_routes()}
    for expected in ("(cases:detail)", "(cases:list)", "(core:home)", "(accounts:login)"):
        assert expected in names


def test_a_view_without_a_policy_is_reported():
    def naked(request):
        return HttpResponse("")

    @authenticated
    def marked(request):
        return HttpResponse("")

    patterns = [path("naked/", naked, name="naked"), path("marked/", marked, name="marked")]
    assert missing_policies(patterns) == ["/naked/ (naked)"]


def test_every_url_under_a_case_uses_the_case_access_decorator():
    """A URL with a case id must 404 for users without access: cases.decorators.case_view
    does that (and writes the access log). Its policy names start with "case:"."""
    wrong = [
        f"{route.label}: {getattr(route.callback, POLICY_ATTRIBUTE, None)}"
        for route in all_routes()
        if "<int:case_id>" in route.route
        and not is_exempt(route)
        and not str(getattr(route.callback, POLICY_ATTRIBUTE, "")).startswith("case:")
    ]
    assert not wrong, "Case URLs without case_view:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("url_name", "policy"),
    [
        ("accounts:login", "public"),
        ("core:home", "authenticated"),
        ("cases:detail", "case:cases.view_case"),
        ("cases:break_glass", "permission:cases.break_glass"),
    ],
)
def test_known_views_have_the_expected_policy(url_name, policy):
    namespace, name = url_name.split(":")
    route = next(
        r for r in all_routes() if r.namespaces[-1:] == (namespace,) and r.pattern.name == name
    )
    assert getattr(route.callback, POLICY_ATTRIBUTE) == policy
