"""The API's exception handler: every client error becomes a 4xx with field errors, never a
500 (DESIGN §8).

- DRF's own errors (validation, parse errors of unreadable bodies, authentication) as DRF
  makes them;
- django.core.exceptions.ValidationError raised by a service -> 400 with field errors
  ("__all__" is reported as "non_field_errors", the DRF name), except a stale version
  (code "concurrent_edit") -> 409;
- cases.lifecycle.MoveNotAllowed (a move the lifecycle table does not allow) -> 409;
- any other ValueError raised by a service or a pure rule module (cases.guarantee raises it
  for a start before the inquiry, an inquiry date in the future, ...) -> 400 (DESIGN §3.1);
- a database constraint the services did not catch first (two requests racing) -> 409;
- PermissionDenied -> 403 and Http404 -> 404, with a fixed text that never hints at what
  exists.

The bodies have two shapes, both documented in the schema (api.schema):
- an error: {"detail": "<text>", "code": "<code>"} (DRF's `detail` plus its error code, e.g.
  not_authenticated, permission_denied, not_found, method_not_allowed, parse_error; 409s
  may carry more, such as the action or the current plan section);
- invalid input (400): field errors {"field": ["message"], "non_field_errors": [...]}.
Django's own error pages under /api/ answer the first shape too (api.error_pages).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from cases.lifecycle import MoveNotAllowed

logger = logging.getLogger(__name__)

NON_FIELD_ERRORS = "non_field_errors"
# ValidationError codes the services use for a stale `version` (optimistic concurrency).
STALE_CODES = frozenset({"concurrent_edit", "stale_version"})


def django_validation_error_detail(exc: DjangoValidationError) -> dict[str, Any]:
    """Field errors of a Django ValidationError in DRF's shape: {"field": ["message"]}."""
    detail = as_serializer_error(exc)
    if "__all__" in detail:
        detail.setdefault(NON_FIELD_ERRORS, [])
        detail[NON_FIELD_ERRORS] = [*detail[NON_FIELD_ERRORS], *detail.pop("__all__")]
    return detail


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Ikke fundet."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(
            str(exc) if str(exc) else _("Du har ikke tilladelse til at udføre denne handling.")
        )
    elif isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) in STALE_CODES:
        # Optimistic concurrency (cases.services.ConcurrentEditError): someone saved the object
        # after the client read it. Nothing was changed.
        return Response(
            {"detail": " ".join(exc.messages), "code": "stale_version"},
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_validation_error_detail(exc))
    elif isinstance(exc, MoveNotAllowed):
        return Response(
            {
                "detail": str(exc),
                "code": "transition_not_allowed",
                "action": exc.action,
                "reason_code": exc.reason_code,
                "reason_values": exc.reason_values,
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, IntegrityError):
        logger.info("Integrity error answered with 409: %s", type(exc).__name__)
        return Response(
            {
                "detail": _(
                    "Ændringen strider mod data, der allerede er gemt (måske af en anden "
                    "bruger). Hent data igen og prøv på ny."
                ),
                "code": "conflict",
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, ValueError):
        exc = exceptions.ValidationError({NON_FIELD_ERRORS: [str(exc)]})
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        response.data = error_body(exc, response.data)
    return response


def error_body(exc: exceptions.APIException, data: Any) -> Any:
    """The body in one of the two documented shapes (see the module's docstring)."""
    if isinstance(exc, exceptions.ValidationError):
        # `raise ValidationError("...")` makes a bare list; field errors are always an object.
        return data if isinstance(data, dict) else {NON_FIELD_ERRORS: data}
    if isinstance(data, dict) and "detail" in data and "code" not in data:
        code = getattr(exc.detail, "code", None) or exc.default_code
        return {**data, "code": str(code)}
    return data
