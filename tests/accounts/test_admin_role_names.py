"""The role groups are named by the roles' Danish values; the admin shows them in the reader's
language, in the user list's filter and on the user's form (issue 18)."""

from __future__ import annotations

import pytest
from django.utils import translation

from accounts.roles import Role, role_label

pytestmark = pytest.mark.django_db


def test_role_label_names_a_role_group_in_the_active_language():
    with translation.override("en"):
        assert role_label(Role.OUTPATIENT_THERAPIST.value) == "Outpatient therapist"
        assert role_label("Revisorer") == "Revisorer"  # not a role: its own name
    assert role_label(Role.OUTPATIENT_THERAPIST.value) == "Ambulant behandler"


def test_the_user_list_filter_and_the_user_form_name_roles_in_english(
    client, admin_user, outpatient_therapist
):
    superuser = type(admin_user).objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)
    client.cookies["django_language"] = "en"
    listing = client.get("/admin/accounts/user/")
    assert listing.status_code == 200
    assert "Outpatient therapist" in listing.content.decode()
    assert "Ambulant behandler" not in listing.content.decode()
    form = client.get(f"/admin/accounts/user/{outpatient_therapist.pk}/change/")
    assert form.status_code == 200
    assert ">Outpatient therapist</option>" in form.content.decode()
    assert ">Ambulant behandler</option>" not in form.content.decode()
