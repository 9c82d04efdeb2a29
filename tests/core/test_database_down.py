"""Issue 16, acceptance 4: with the database unreachable a page gets 503 with Retry-After and
no trace, the API a JSON 503, an htmx save a 503 that keeps the form; and the health
endpoints (/healthz without the database, /readyz with it)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from django.db import IntegrityError, OperationalError, connections
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from core.unavailable import DatabaseUnavailableMiddleware, is_connection_failure


def _closed_port() -> int:
    """A local TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def database_down(django_db_blocker) -> Iterator[None]:
    """The default connection points at a database that cannot be reached: PostgreSQL at a
    closed port, SQLite at a file in a folder that does not exist. The test database's own
    connection is put aside and restored afterwards."""
    conn = connections["default"]
    saved_settings = dict(conn.settings_dict)
    with django_db_blocker.unblock():
        saved_connection, conn.connection = conn.connection, None
        if conn.vendor == "postgresql":
            conn.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
        else:
            conn.settings_dict["NAME"] = "/nonexistent-overgang-dir/db.sqlite3"
        try:
            yield
        finally:
            if conn.connection is not None:
                conn.connection.close()
            conn.connection = saved_connection
            conn.settings_dict.clear()
            conn.settings_dict.update(saved_settings)


def _signed_in_client() -> Client:
    """A browser with a session cookie: the first query of its request (the session) fails."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a" * 32
    return client


def test_a_page_gets_503_with_retry_after_and_a_danish_page(database_down):
    response = _signed_in_client().get("/sager/")
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "Prøv igen om lidt" in body
    assert "<html" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_the_api_gets_a_json_503(database_down):
    client = Client(raise_request_exception=False)
    response = client.get(
        "/api/v1/cases/", headers={"Authorization": "Token abcdefgh.secretsecretsecret"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "database_unavailable"


def test_an_htmx_save_gets_a_503_that_keeps_the_form(database_down):
    url = reverse("transitions:section_edit", kwargs={"case_id": 1, "key": "housing"})
    response = _signed_in_client().post(
        url,
        {"text": "Det brugeren har skrevet.", "based_on_version": 0},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 503
    assert response["HX-Reswap"] == "none"  # nothing swapped: the form and its text stay
    assert response["Retry-After"] == "15"
    assert "Prøv igen om lidt" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_the_middleware_answers_503_for_a_view_that_loses_the_connection(rf):
    """A failure inside a view (not in a middleware) is answered by the middleware, before
    Django logs it as a server error."""
    request = rf.post("/overgange/1/plan/housing/", headers={"HX-Request": "true"})
    middleware = DatabaseUnavailableMiddleware(lambda r: HttpResponse())
    lost = OperationalError("server closed the connection unexpectedly")
    response = middleware.process_exception(request, lost)
    assert response is not None
    assert (response.status_code, response["HX-Reswap"]) == (503, "none")
    assert middleware.process_exception(request, ValueError("a real bug")) is None


def test_only_connection_failures_count():
    assert is_connection_failure(OperationalError("connection refused"))
    assert not is_connection_failure(IntegrityError("duplicate key"))
    assert not is_connection_failure(ValueError("x"))


def test_healthz_answers_without_the_database(database_down):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_503_without_the_database(database_down):
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_readyz_is_200_with_the_database_and_reports_the_broker(settings):
    response = Client().get("/readyz", HTTP_HOST="10.0.0.7")  # a probe by IP, not a named host
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] in ("ok", "unavailable")


@pytest.mark.django_db
def test_readyz_stays_ready_when_the_broker_is_down(monkeypatch):
    from celery import current_app

    monkeypatch.setattr(current_app.conf, "broker_url", f"redis://127.0.0.1:{_closed_port()}/0")
    monkeypatch.setattr(current_app, "_pool", None)
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "unavailable"}
