from __future__ import annotations

from django.urls import reverse


def test_accessibility_statement_is_public_and_names_the_standard(client, db):
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()


def test_menu_offers_create_citizen_only_to_roles_that_may(client, caseworker, manager):
    client.force_login(manager)
    assert "Opret borger" not in client.get(reverse("core:home")).content.decode()
    client.force_login(caseworker)
    assert "Opret borger" in client.get(reverse("core:home")).content.decode()
