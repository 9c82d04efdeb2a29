"""Pieces of the OpenAPI schema shared by the views: the documented error answers and the
parameters of every read.

Every status an operation can answer is in the schema with its body (DESIGN §8), added to
every operation by `document_error_responses`, a drf-spectacular postprocessing hook
(SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]), so that a new view set is documented
without listing its errors:

- 400 invalid input or query parameters (every operation: the shared query parameters are
  checked everywhere, api.base.ApiViewSet), 401 not signed in, 403 not allowed, 406 an Accept
  header without JSON, 503 the database is unavailable (with Retry-After): every operation;
- 404: an operation with a path parameter, a page number or a cursor (one the API did not
  make);
- 409 (a stale version, a move the lifecycle does not allow, a constraint hit by two requests at
  once) and 415 (a body that is not JSON): every write.

A view may declare a status itself with a more specific body (the plan section's 409 carries
the current text); the hook keeps that and fills in the body of one declared without a schema.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from .base import PURPOSE_PARAMETER

ERROR_COMPONENT = "Error"
FIELD_ERRORS_COMPONENT = "FieldErrors"
BAD_REQUEST_COMPONENT = "BadRequest"

# The two shapes of an error body (api.exceptions).
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Fejl: en tekst og en kode / an error: a text and a code (e.g. not_authenticated, "
        "permission_denied, not_found, parse_error, stale_version, transition_not_allowed)"
    ),
    "properties": {
        "detail": {"type": "string", "description": "Forklaring / explanation"},
        "code": {"type": "string", "description": "Fejlkode / error code"},
    },
    "required": ["detail", "code"],
}
FIELD_ERRORS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        'Feltfejl: {"felt": ["besked"]}, "non_field_errors" for hele objektet; et felt med en '
        'liste eller et objekt har fejlene pr. element / field errors: {"field": ["message"]}, '
        '"non_field_errors" for the whole object; a list or object field has its errors per '
        "item"
    ),
    "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}]},
}
BAD_REQUEST_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"$ref": f"#/components/schemas/{FIELD_ERRORS_COMPONENT}"},
        {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"},
    ],
}

_ERROR_TEXTS = {
    400: (
        'Ugyldigt input; feltfejl som {"felt": ["besked"]} / invalid input; field errors '
        'as {"field": ["message"]}'
    ),
    401: "Ikke logget ind / not authenticated",
    403: (
        "Ikke logget ind, eller rollen må ikke foretage handlingen / not authenticated, or the "
        "role may not do this"
    ),
    404: (
        "Findes ikke, eller brugeren har ikke adgang (ingen forskel) / not found, or no access "
        "(indistinguishable)"
    ),
    406: "Accept-headeren tillader ikke JSON / the Accept header does not allow JSON",
    409: (
        "Konflikt: forældet version eller en handling, sagens status ikke tillader / conflict: "
        "a stale version or an action the case's status does not allow"
    ),
    415: "Kroppen er ikke JSON / the body is not JSON",
    503: (
        "Databasen svarer ikke lige nu; prøv igen om lidt (Retry-After) / the database is "
        "unavailable; retry later (Retry-After)"
    ),
}
WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Error answers an operation declares itself (the hook adds the rest, with bodies)."""
    return {
        code: OpenApiResponse(response=OpenApiTypes.OBJECT, description=_ERROR_TEXTS[code])
        for code in codes
    }


ERRORS = error_responses(400, 403, 404, 409)
READ_PARAMETERS = [PURPOSE_PARAMETER]


def operation_error_codes(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    codes = [400, 401, 403, 406, 503]
    parameters = operation.get("parameters", [])
    if "{" in path or any(
        p.get("name") in ("page", "cursor") and p.get("in") == "query" for p in parameters
    ):
        codes.append(404)
    if method in WRITE_METHODS:
        codes += [409, 415]
    return sorted(codes)


def _error_response(code: int, description: str | None = None) -> dict[str, Any]:
    component = BAD_REQUEST_COMPONENT if code == 400 else ERROR_COMPONENT
    response: dict[str, Any] = {
        "description": description or _ERROR_TEXTS[code],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }
    if code == 503:
        response["headers"] = {
            "Retry-After": {
                "schema": {"type": "integer"},
                "description": "Sekunder før et nyt forsøg / seconds before retrying",
            }
        }
    return response


def _has_body_schema(response: dict[str, Any]) -> bool:
    """A declared body more specific than a bare object (OpenApiTypes.OBJECT)."""
    bare = ({"type": "object"}, {"type": "object", "additionalProperties": {}})
    schemas = [media.get("schema") for media in response.get("content", {}).values()]
    return any(schema and schema not in bare for schema in schemas)


def document_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR_COMPONENT] = ERROR_SCHEMA
    schemas[FIELD_ERRORS_COMPONENT] = FIELD_ERRORS_SCHEMA
    schemas[BAD_REQUEST_COMPONENT] = BAD_REQUEST_SCHEMA
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code in operation_error_codes(path, method, operation):
                declared = responses.get(str(code))
                if declared is None:
                    responses[str(code)] = _error_response(code)
                elif not _has_body_schema(declared):
                    responses[str(code)] = {
                        **declared,
                        **_error_response(code, declared.get("description")),
                    }
    return result
