"""The server's own error pages share one static layout and need nothing from the database:
these tests have no database access (no django_db mark), so any query would fail them."""

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error


def _title(body: str) -> str:
    return body.split("<title>")[1].split("</title>")[0]


def test_the_500_page_renders_from_an_empty_context_with_the_layout():
    response = server_error(RequestFactory().get("/sager/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Fejl 500" in body
    assert _title(body).startswith("Der er sket en fejl")
    assert 'id="main-content"' in body and "dkfds.min.css" in body


def test_the_503_page_renders_from_an_empty_context_with_the_same_layout():
    body = render_to_string("503.html")
    assert "Fejl 503" in body
    assert _title(body).startswith("Prøv igen om lidt")
    assert 'id="main-content"' in body and "dkfds.min.css" in body
