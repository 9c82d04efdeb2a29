"""Citizens: CPR optional, normalised, unique; anonymous citizens have an alias and no CPR."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Citizen
from cases.services import citizen_create, citizen_update
from tests import factories
from tests.cases.service_helpers import open_case

pytestmark = pytest.mark.usefixtures("clock")


def errors_of(info: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return info.value.message_dict


def test_cpr_is_normalised_and_gives_the_birth_date(caseworker):
    citizen = citizen_create(
        actor=caseworker, first_name="Mette", last_name="Hansen", cpr="1203851234"
    )

    assert citizen.cpr == "120385-1234"
    assert citizen.birth_date == date(1985, 3, 12)


def test_cpr_birth_date_overrides_a_different_typed_birth_date(caseworker):
    citizen = citizen_create(
        actor=caseworker, first_name="Lars", cpr="010203-4321", birth_date=date(1999, 9, 9)
    )

    assert citizen.birth_date == date(2003, 2, 1)


def test_citizen_without_cpr_is_allowed(caseworker):
    citizen = citizen_create(actor=caseworker, first_name="Jens", last_name="Jensen")

    assert citizen.cpr is None


@pytest.mark.parametrize(
    ("cpr", "fragment"),
    [
        ("12345", "DDMMÅÅ-SSSS"),
        ("320185-1234", "fødselsdatoen findes ikke"),
        ("abcdefghij", "DDMMÅÅ"),
    ],
)
def test_invalid_cpr_is_a_field_error(caseworker, cpr, fragment):
    with pytest.raises(ValidationError) as info:
        citizen_create(actor=caseworker, first_name="Anne", cpr=cpr)

    assert fragment in errors_of(info)["cpr"][0]
    assert cpr not in errors_of(info)["cpr"][0]  # the number is never echoed back
    assert not Citizen.objects.exists()


@pytest.mark.parametrize("second", ["120385-1234", "1203851234", " 120385 1234 "])
def test_duplicate_cpr_is_refused_in_any_spelling(caseworker, second):
    citizen_create(actor=caseworker, first_name="Mette", cpr="120385-1234")

    with pytest.raises(ValidationError) as info:
        citizen_create(actor=caseworker, first_name="Mette", cpr=second)

    assert errors_of(info)["cpr"] == ["Der findes allerede en borger med dette CPR-nummer"]
    assert Citizen.objects.count() == 1


def test_cpr_born_in_the_future_is_refused(caseworker):
    # 7th digit 4 and year 30: born 2030, after the (frozen) today.
    with pytest.raises(ValidationError) as info:
        citizen_create(actor=caseworker, first_name="Ny", cpr="010130-4000")

    assert "fremtiden" in errors_of(info)["cpr"][0]


def test_anonymous_citizen_needs_an_alias(caseworker):
    with pytest.raises(ValidationError) as info:
        citizen_create(actor=caseworker, is_anonymous=True)

    assert "alias" in errors_of(info)


def test_anonymous_citizen_cannot_have_a_cpr_number(caseworker):
    with pytest.raises(ValidationError) as info:
        citizen_create(actor=caseworker, is_anonymous=True, alias="K", cpr="120385-1234")

    assert errors_of(info)["cpr"] == ["En anonym borger registreres uden CPR-nummer."]


def test_anonymous_citizen_is_shown_by_alias(caseworker):
    citizen = citizen_create(actor=caseworker, is_anonymous=True, alias="Klient 7")

    assert citizen.cpr is None
    assert citizen.display_name == "Klient 7"


def test_named_citizen_needs_a_name(caseworker):
    with pytest.raises(ValidationError) as info:
        citizen_create(actor=caseworker, cpr="120385-1234")

    assert "first_name" in errors_of(info)


def test_bad_postal_code_and_email_are_field_errors(caseworker):
    with pytest.raises(ValidationError) as info:
        citizen_create(actor=caseworker, first_name="A", postal_code="80", email="ikke-en-mail")

    assert set(errors_of(info)) >= {"postal_code", "email"}


@pytest.mark.parametrize("user", ["residential_therapist", "manager", "admin_user"])
def test_only_caseworkers_create_citizens(request, user):
    with pytest.raises(PermissionDenied):
        citizen_create(actor=request.getfixturevalue(user), first_name="A")


def test_update_normalises_cpr_and_refuses_a_duplicate(caseworker):
    factories.CitizenFactory(cpr="010203-4321")
    case = open_case(caseworker)

    updated = citizen_update(actor=caseworker, citizen=case.citizen, cpr="1203851234")
    assert updated.cpr == "120385-1234"
    assert updated.birth_date == date(1985, 3, 12)

    with pytest.raises(ValidationError) as info:
        citizen_update(actor=caseworker, citizen=case.citizen, cpr="010203-4321")
    assert errors_of(info)["cpr"] == ["Der findes allerede en borger med dette CPR-nummer"]


def test_update_needs_write_access_to_one_of_the_citizens_cases(caseworker, other_team_caseworker):
    case = open_case(caseworker)

    with pytest.raises(PermissionDenied):
        citizen_update(actor=other_team_caseworker, citizen=case.citizen, phone="12345678")


def test_citizen_with_open_anonymous_case_stays_anonymous(caseworker):
    citizen = citizen_create(actor=caseworker, is_anonymous=True, alias="Klient 9")
    open_case(caseworker, citizen=citizen, legal_basis="SEL101A")

    with pytest.raises(ValidationError) as info:
        citizen_update(
            actor=caseworker,
            citizen=citizen,
            is_anonymous=False,
            first_name="Per",
            cpr="120385-1234",
        )

    assert "is_anonymous" in errors_of(info)
    assert Citizen.objects.get(pk=citizen.pk).cpr is None


def test_unknown_field_is_a_programming_error(caseworker):
    case = open_case(caseworker)

    with pytest.raises(TypeError):
        citizen_update(actor=caseworker, citizen=case.citizen, pk=99)
