"""The server's own error pages share one static layout and need nothing from the database."""

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error


def test_the_500_page_renders_from_an_empty_context_with_the_layout(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/sager/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Fejl 500" in body and "Der er sket en fejl – Overgang</title>" in body
    assert 'id="main-content"' in body and "dkfds.min.css" in body


def test_the_503_page_renders_from_an_empty_context_with_the_same_layout(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        body = render_to_string("503.html")
    assert "Fejl 503" in body and "Prøv igen om lidt – Overgang</title>" in body
    assert 'id="main-content"' in body and "dkfds.min.css" in body
