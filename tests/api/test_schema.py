"""The OpenAPI 3 schema and its documentation page (DESIGN §8)."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.policies import POLICY_ATTRIBUTE

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def schema(client_for, caseworker):
    response = client_for(caseworker).get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_openapi_3_with_both_auth_schemes(schema):
    assert schema["openapi"].startswith("3.")
    assert set(schema["components"]["securitySchemes"]) == {"cookieAuth", "tokenAuth"}


def test_every_operation_is_described_in_danish_and_english(schema):
    missing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS and " / " not in (operation.get("summary") or "")
    ]
    assert missing == []


def test_case_schema_documents_the_guarantee(schema):
    guarantee = schema["components"]["schemas"]["Guarantee"]["properties"]
    assert {"deadline", "covered", "status", "days_left", "reason"} <= set(guarantee)


def test_schema_lists_move_and_marks_the_old_transition_path_deprecated(schema):
    move = schema["paths"]["/api/v1/cases/{id}/move/"]["post"]
    old = schema["paths"]["/api/v1/cases/{id}/transition/"]["post"]
    assert not move.get("deprecated")
    assert old["deprecated"] is True
    assert {"Deprecation", "Link"} <= set(old["responses"]["200"]["headers"])


def test_no_destructive_delete_operations(schema):
    assert not [p for p, item in schema["paths"].items() if "delete" in item]


def test_schema_needs_authentication(anonymous_client):
    assert anonymous_client.get("/api/schema/").status_code == 401


def test_schema_with_token(token_client_for, caseworker):
    assert token_client_for(caseworker).get("/api/schema/").status_code == 200


def test_docs_page_for_signed_in_users_uses_local_assets(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn." not in page and "unpkg" not in page and "jsdelivr" not in page


def test_docs_page_sends_anonymous_visitors_to_login(client):
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_api_view_declares_an_access_policy():
    api_views = [
        (route, cb) for route, cb in _walk(get_resolver().url_patterns) if route.startswith("api/")
    ]
    assert len(api_views) > 20
    assert [route for route, cb in api_views if not getattr(cb, POLICY_ATTRIBUTE, None)] == []
    # DRF's own check too: no API view is open to anyone.
    for route, cb in api_views:
        cls = getattr(cb, "cls", None)
        if cls is not None:
            names = [p.__name__ for p in cls.permission_classes]
            assert names and "AllowAny" not in names, route


def test_api_answers_json_even_to_a_browser(client_for, caseworker, case):
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client_for(caseworker).get("/api/v1/cases/", HTTP_ACCEPT=browser_accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
