"""API tokens: stored hashed, shown once, tied to a user's access, revocable (DESIGN §8)."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_only_a_hash_of_the_key_is_stored(caseworker):
    new = api_token_create(user=caseworker, name="Fagsystem")
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(new.key.encode()).hexdigest()
    assert new.key not in {token.prefix, token.key_hash, token.name}
    assert new.key.startswith(token.prefix + ".")


def test_token_gives_the_users_own_access(case, caseworker, other_team_caseworker):
    mine = api_token_create(user=caseworker, name="A").key
    theirs = api_token_create(user=other_team_caseworker, name="B").key
    assert _client(mine).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert _client(theirs).get(f"/api/v1/cases/{case.pk}/").status_code == 404


def test_use_is_recorded(case, caseworker):
    new = api_token_create(user=caseworker, name="A")
    _client(new.key).get("/api/v1/cases/")
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["Token nonsense", "Token abc.def", "Token", "Token a b", "Token ÆØÅ.x"],
)
def test_bad_keys_are_refused(case, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_right_prefix_wrong_secret_is_refused(case, caseworker):
    new = api_token_create(user=caseworker, name="A")
    assert _client(new.token.prefix + ".wrong").get("/api/v1/cases/").status_code == 401


def test_revoked_token_is_refused(case, caseworker):
    new = api_token_create(user=caseworker, name="A")
    api_token_revoke(token=new.token)
    assert _client(new.key).get("/api/v1/cases/").status_code == 401


def test_token_of_a_deactivated_user_is_refused(case, caseworker):
    new = api_token_create(user=caseworker, name="A")
    caseworker.is_active = False
    caseworker.save()
    assert _client(new.key).get("/api/v1/cases/").status_code == 401


def test_token_writes_need_no_csrf_but_session_writes_do(case, caseworker):
    new = api_token_create(user=caseworker, name="A")
    body = {"version": case.version, "inquiry_note": "Via fagsystem"}
    response = _client(new.key).patch(f"/api/v1/cases/{case.pk}/", body, format="json")
    assert response.status_code == 200, response.content

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(caseworker)
    response = browser.patch(f"/api/v1/cases/{case.pk}/", body, format="json")
    assert response.status_code == 403


def test_no_management_command_makes_a_token(caseworker):
    """Tokens are made only by an administrator in a verified session (issue 11): the old
    `create_api_token` command, which skipped that rule, is gone."""
    with pytest.raises(CommandError, match="Unknown command"):
        call_command("create_api_token", "caseworker", "Fagsystem", stdout=StringIO())
    assert not ApiToken.objects.exists()


def test_admin_shows_the_key_once_and_never_again(client, admin_user, caseworker):
    client.force_login(admin_user)
    response = client.post("/admin/api/apitoken/add/", {"user": caseworker.pk, "name": "Fagsystem"})
    assert response.status_code == 200, response.content
    token = ApiToken.objects.get()
    page = response.content.decode()
    key = page.split('id="api-key" type="text" readonly value="')[1].split('"')[0]
    assert key.startswith(token.prefix + ".")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert "no-store" in response["Cache-Control"]

    for url in ("/admin/api/apitoken/", f"/admin/api/apitoken/{token.pk}/change/"):
        again = client.get(url)
        assert again.status_code == 200
        assert key not in again.content.decode()


def test_admin_revokes_with_an_action(client, admin_user, caseworker):
    new = api_token_create(user=caseworker, name="A")
    client.force_login(admin_user)
    response = client.post(
        "/admin/api/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [new.token.pk]},
    )
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    assert _client(new.key).get("/api/v1/cases/").status_code == 401


def test_non_admin_cannot_reach_token_admin(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/admin/api/apitoken/add/")
    # Not staff: the admin sends them to its own login page.
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
