"""The API's published contract (DESIGN §8, issue 16): every /api/ answer is JSON, every status
an operation can answer is in the schema with its body, and input that violates the schema is
refused with 400. tests/api/test_schemathesis.py checks the same over the whole schema; these
tests pin each rule down on its own."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from api import error_pages
from api.base import ApiPagination, ApiViewSet
from api.filters import StrictFilterSet
from api.pagination import ApiCursorPagination
from api.permissions import ApiAccessMixin
from api.urls import router
from core.unavailable import server_error

pytestmark = pytest.mark.django_db

WRITES = ("post", "put", "patch", "delete")


@pytest.fixture
def client(client_for, caseworker):
    return client_for(caseworker)


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _is_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["code"] == code and body["detail"]


# --- every /api/ answer is JSON ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/abc/",
        "/api/v1/cases/%C2%84/",
        "/api/v1/transitions/null,null/plan-sections/",
        "/api/v1/nothing/",
        "/api/nothing",
    ],
)
def test_malformed_or_unknown_path_under_api_is_a_json_404(client, path):
    _is_error(client.get(path), 404, "not_found")


def test_unknown_page_outside_the_api_is_still_the_html_page(client):
    response = client.get("/sager/abc/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_under_api_is_json():
    request = RequestFactory().get("/api/v1/cases/")
    _is_error(error_pages.server_error(request), 500, "server_error")


def test_handler500_keeps_the_503_for_a_lost_database_and_is_json_under_api():
    request = RequestFactory().get("/api/v1/cases/")
    _is_error(server_error(request), 500, "server_error")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    _is_error(response, 503, "database_unavailable")


def test_drf_errors_carry_a_code(client, anonymous_client, case):
    _is_error(client.get("/api/v1/cases/999999/"), 404, "not_found")
    _is_error(anonymous_client.get("/api/v1/cases/"), 401, "not_authenticated")
    _is_error(client.delete(f"/api/v1/cases/{case.pk}/"), 405, "method_not_allowed")
    response = client.post("/api/v1/cases/", "{", content_type="application/json")
    _is_error(response, 400, "parse_error")
    _is_error(client.get("/api/v1/cases/", HTTP_ACCEPT="text/html"), 406, "not_acceptable")
    response = client.post(
        "/api/v1/cases/", "a=b", content_type="application/x-www-form-urlencoded"
    )
    _is_error(response, 415, "unsupported_media_type")


# --- every status is documented, with its body ------------------------------------------------


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", *WRITES):
                yield path, method, operation


def _body_ref(response):
    return response["content"]["application/json"]["schema"]


def test_every_operation_documents_its_error_answers_with_their_bodies(schema):
    error = {"$ref": "#/components/schemas/Error"}
    missing = []
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        codes = {"400", "401", "403", "406", "503"}
        if "{" in path or any(
            p["name"] in ("page", "cursor") for p in operation.get("parameters", [])
        ):
            codes.add("404")
        if method in WRITES:
            codes |= {"409", "415"}
        missing += [f"{method} {path} {code}" for code in codes - set(responses)]
        for code in codes & set(responses):
            body = _body_ref(responses[code])
            if code == "400":
                assert body == {"$ref": "#/components/schemas/BadRequest"}, (path, method)
            elif body != error:
                # Only a more specific declared body (the plan section's conflict) differs.
                assert code == "409" and "PlanSectionConflict" in str(body), (path, method, code)
    assert missing == []
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"detail", "code"}


def test_query_parameters_are_documented_with_types(schema):
    parameters = {
        (p["name"], path): p["schema"]
        for path, _, operation in _operations(schema)
        for p in operation.get("parameters", [])
        if p["in"] == "query"
    }
    assert parameters[("unread", "/api/v1/notifications/")] == {"type": "boolean"}
    assert parameters[("page_size", "/api/v1/cases/")] == {"type": "integer", "minimum": 1}
    assert parameters[("case", "/api/v1/episodes/")]["type"] == "integer"
    assert parameters[("cpr", "/api/v1/cases/{id}/")]["enum"] == ["full", "masked"]


# --- input that violates the schema is refused ------------------------------------------------


@pytest.mark.parametrize(
    "body, field",
    [
        ({"agenda": 0}, "agenda"),
        ({"minutes": ["x"]}, "minutes"),
        ({"held": 1}, "held"),
        ({"held": "true"}, "held"),
    ],
)
def test_a_value_of_another_json_type_is_400(client, handover, body, field):
    response = client.patch(f"/api/v1/meetings/{handover.meeting.pk}/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {field}
    handover.meeting.refresh_from_db()
    assert handover.meeting.agenda != "0" and not handover.meeting.held


def test_an_integer_given_as_text_or_boolean_is_400(client, case):
    for version in (str(case.version), True, float(case.version)):
        response = client.patch(
            f"/api/v1/cases/{case.pk}/", {"version": version, "inquiry_note": "x"}, format="json"
        )
        assert response.status_code == 400, version
        assert set(response.json()) == {"version"}


def test_type_errors_come_with_the_other_fields_errors(client, case):
    response = client.patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version, "inquiry_note": 0, "legal_basis": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"inquiry_note", "legal_basis"}


@pytest.mark.parametrize(
    "path, query",
    [
        # The cursor lists (api.pagination) and the page-number lists (api.base) alike.
        *[
            (path, query)
            for path in ("/api/v1/cases/", "/api/v1/citizens/", "/api/v1/episodes/")
            for query in ("page_size=null", "page_size=", "page_size=0", "page_size=-1")
        ],
        ("/api/v1/cases/", "page_size=1.5"),
        ("/api/v1/episodes/", "page=0"),
        ("/api/v1/episodes/", "page=abc"),
        ("/api/v1/episodes/", "page=last"),
        ("/api/v1/episodes/", "page="),
    ],
)
def test_page_and_page_size_must_be_integers_of_at_least_1(client, case, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert set(response.json()) == {query.split("=")[0]}


def test_a_page_beyond_the_last_is_404_and_a_large_page_size_is_cut(client, case):
    _is_error(client.get("/api/v1/episodes/?page=2"), 404, "not_found")
    assert client.get("/api/v1/cases/?page_size=1000").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/citizens/", "/api/v1/transitions/"])
@pytest.mark.parametrize("cursor", ["abc", "nabc", "p", "n" + "A" * 40, "x1"])
def test_a_cursor_the_api_did_not_make_is_404(client, case, path, cursor):
    _is_error(client.get(path, {"cursor": cursor}), 404, "not_found")


@pytest.mark.parametrize("value", ["", "fuld", "FULL"])
def test_an_unknown_cpr_value_is_400(client, case, value):
    for path in (f"/api/v1/cases/{case.pk}/", "/api/v1/cases/", "/api/v1/citizens/"):
        response = client.get(path, {"cpr": value})
        assert response.status_code == 400, path
        assert set(response.json()) == {"cpr"}


@pytest.mark.parametrize("value", ["", "ja", "1", "True", "null"])
def test_a_boolean_filter_takes_only_true_or_false(client, value):
    response = client.get("/api/v1/notifications/", {"unread": value})
    assert response.status_code == 400
    assert set(response.json()) == {"unread"}


def test_boolean_filters_still_filter(client, caseworker):
    assert client.get("/api/v1/notifications/?unread=true").status_code == 200
    assert client.get("/api/v1/notifications/?unread=false").status_code == 200


@pytest.mark.parametrize(
    "query", ["case=", "status=", "inquiry_from=", "ordering=", "citizen=1.5", "team=0"]
)
def test_a_filter_given_without_a_valid_value_is_400(client, query):
    path = "/api/v1/episodes/" if query.startswith("case") else "/api/v1/cases/"
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert set(response.json()) == {query.split("=")[0]}


def test_unknown_query_parameters_are_ignored(client, case):
    # Not a schema violation that matters: a client's cache-buster must not break it.
    assert client.get("/api/v1/cases/?_=123").status_code == 200


# View sets with one write action and nothing to read (no list, no object, no query to check):
# they keep the API's access rules (ApiAccessMixin) but not ApiViewSet's list and retrieve.
ACTION_ONLY = {"caseload-moves"}


def test_every_list_filters_strictly_and_every_view_set_checks_the_shared_query():
    # A new endpoint inherits the rules: its FilterSet derives from StrictFilterSet and its
    # view set from ApiViewSet (the `cpr` check, the strict pagination).
    for prefix, viewset, _basename in router.registry:
        if prefix in ACTION_ONLY:
            assert issubclass(viewset, ApiAccessMixin), prefix
            assert not hasattr(viewset, "list") and not hasattr(viewset, "retrieve"), prefix
            continue
        assert issubclass(viewset, ApiViewSet), prefix
        filterset = getattr(viewset, "filterset_class", None)
        assert filterset is None or issubclass(filterset, StrictFilterSet), prefix
        pagination = viewset.pagination_class
        assert pagination is None or issubclass(pagination, ApiPagination | ApiCursorPagination), (
            prefix
        )
