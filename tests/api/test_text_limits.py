"""Free texts in the API have the limits of cases.text_limits, published as `maxLength` in the
OpenAPI schema; an over-limit text is a 400 with a field error; a text stored over its limit
before may be sent back unchanged, never cut (issue 18)."""

from __future__ import annotations

from typing import Any

import pytest

from cases import text_limits
from cases.models import Case

pytestmark = pytest.mark.django_db

NOT_TEXT_FORMATS = {"date", "date-time", "email", "uri", "binary", "uuid"}


@pytest.fixture
def schema(client_for, caseworker):
    response = client_for(caseworker).get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _text_properties(schema, node, path, seen):
    """(path, property schema) of every free-text string in an input schema."""
    node = _resolve(schema, node)
    if id(node) in seen:
        return
    seen.add(id(node))
    for part in node.get("allOf", []) + node.get("oneOf", []) + node.get("anyOf", []):
        yield from _text_properties(schema, part, path, seen)
    if "items" in node:
        yield from _text_properties(schema, node["items"], path + "[]", seen)
    for name, prop in node.get("properties", {}).items():
        if prop.get("readOnly"):
            continue
        resolved = _resolve(schema, prop)
        if (
            resolved.get("type") == "string"
            and "enum" not in resolved
            and resolved.get("format") not in NOT_TEXT_FORMATS
        ):
            yield f"{path}.{name}", resolved
        else:
            yield from _text_properties(schema, prop, f"{path}.{name}", set())


def _request_bodies(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if body and "application/json" in body["content"]:
                yield f"{method.upper()} {path}", body["content"]["application/json"]["schema"]


def test_every_text_a_client_may_send_has_a_max_length(schema):
    missing = [
        where
        for operation, body in _request_bodies(schema)
        for where, prop in _text_properties(schema, body, operation, set())
        if "maxLength" not in prop
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("path", "method", "field", "limit"),
    [
        ("/api/v1/cases/{id}/", "patch", "inquiry_note", 4_000),
        ("/api/v1/cases/{id}/assessment/", "put", "social", 20_000),
        ("/api/v1/cases/{id}/move/", "post", "note", 2_000),
        ("/api/v1/meetings/{id}/", "patch", "minutes", 20_000),
        ("/api/v1/meetings/{id}/action-items/", "post", "text", 500),
    ],
)
def test_schema_publishes_the_table_limit(schema, path, method, field, limit):
    operation = schema["paths"][path][method]
    body = _resolve(schema, operation["requestBody"]["content"]["application/json"]["schema"])
    assert body["properties"][field]["maxLength"] == limit


def test_schema_limits_come_from_the_table(schema):
    plan = schema["paths"]["/api/v1/transitions/{transition_pk}/plan-sections/{key}/"]["put"]
    body = _resolve(schema, plan["requestBody"]["content"]["application/json"]["schema"])
    assert (
        body["properties"]["text"]["maxLength"]
        == text_limits.LIMITS["transitions.PlanSection.text"]
    )


def test_an_over_limit_text_is_a_400_with_a_field_error(client_for, caseworker, case):
    response = client_for(caseworker).patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version, "inquiry_note": "x" * 4_001},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"inquiry_note": ["Højst 4.000 tegn (du har skrevet 4.001)."]}
    assert Case.objects.get(pk=case.pk).inquiry_note == case.inquiry_note


def test_a_text_at_the_limit_is_accepted(client_for, caseworker, case):
    text = "æ\n" * 2_000  # 4,000 characters, as JSON Schema's maxLength counts them
    response = client_for(caseworker).patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version, "inquiry_note": text},
        format="json",
    )
    assert response.status_code == 200
    over = client_for(caseworker).patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version + 1, "inquiry_note": text + "x"},
        format="json",
    )
    assert over.status_code == 400


OLD_NOTE = ("Skrevet før grænsen. " * 300).strip()  # 6,299 characters, over the 4,000


def test_an_old_over_limit_text_sent_back_unchanged_is_accepted_and_kept_whole(
    client_for, caseworker, case
):
    Case.objects.filter(pk=case.pk).update(inquiry_note=OLD_NOTE)
    case.refresh_from_db()
    response = client_for(caseworker).patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version, "inquiry_note": OLD_NOTE, "regional_dual_diagnosis": True},
        format="json",
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.regional_dual_diagnosis is True
    assert case.inquiry_note == OLD_NOTE


def test_an_old_over_limit_text_that_is_changed_is_a_400(client_for, caseworker, case):
    Case.objects.filter(pk=case.pk).update(inquiry_note=OLD_NOTE)
    case.refresh_from_db()
    response = client_for(caseworker).patch(
        f"/api/v1/cases/{case.pk}/",
        {"version": case.version, "inquiry_note": OLD_NOTE + "Mere."},
        format="json",
    )
    assert response.status_code == 400
    assert "inquiry_note" in response.json()
    assert Case.objects.get(pk=case.pk).inquiry_note == OLD_NOTE
