from __future__ import annotations

from django.urls import reverse


def test_accessibility_statement_is_public_and_names_the_standard(client, db):
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()
