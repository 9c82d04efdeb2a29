"""Health endpoints for the compose health checks and a load balancer (docs/operations.md).

- /healthz: the process lives and answers; touches neither the database nor the broker.
- /readyz: the database answers within a short timeout (503 otherwise: take the node out of
  the pool). The broker's state is in the body but never makes a node unready: pages work
  without it (notifications wait in the database).

HealthCheckMiddleware, first in MIDDLEWARE, answers both paths before host validation, the
HTTPS redirect and the session: a probe comes from inside the container or the load balancer,
by IP address over plain HTTP."""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery import current_app as celery_app
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.views.decorators.cache import never_cache

from accounts.policies import public

logger = logging.getLogger(__name__)

# Seconds the readiness probe waits for a query (PostgreSQL's statement_timeout) and for the
# broker; the connection itself is bounded by DATABASES' connect_timeout.
DATABASE_TIMEOUT_MS = 2000
BROKER_TIMEOUT_SECONDS = 1.0


@public
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive."""
    return JsonResponse({"status": "ok"})


def _database_ok() -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL statement_timeout = {DATABASE_TIMEOUT_MS}")
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as exc:
        logger.warning("Readiness: the database does not answer (%s).", type(exc).__name__)
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
        return True
    except Exception as exc:  # any broker failure is only reported
        logger.warning("Readiness: the broker does not answer (%s).", type(exc).__name__)
        return False


@public
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready for traffic when the database answers; the broker is reported, not required."""
    database = _database_ok()
    broker = _broker_ok()
    return JsonResponse(
        {
            "status": "ok" if database else "unavailable",
            "database": "ok" if database else "unavailable",
            "broker": "ok" if broker else "unavailable",
        },
        status=200 if database else 503,
    )


HEALTH_VIEWS: dict[str, Callable[[HttpRequest], JsonResponse]] = {
    "/healthz": healthz,
    "/readyz": readyz,
}


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        view = HEALTH_VIEWS.get(request.path_info.rstrip("/"))
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
