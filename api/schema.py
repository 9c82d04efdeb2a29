"""Pieces of the OpenAPI schema shared by the views: the documented error answers and the
parameters of every read."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from .base import PURPOSE_PARAMETER

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
    409: (
        "Konflikt: forældet version eller en handling, sagens status ikke tillader / conflict: "
        "a stale version or an action the case's status does not allow"
    ),
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(response=OpenApiTypes.OBJECT, description=_ERROR_TEXTS[code])
        for code in codes
    }


ERRORS = error_responses(400, 403, 404, 409)
READ_PARAMETERS = [PURPOSE_PARAMETER]
