"""The register code tables (reports.register_codes): every value the product can record has
a code in the register's file, and a new value without one cannot slip into an extract."""

from __future__ import annotations

import pytest

from cases.models import (
    CourseEndReason,
    CourseEndStatus,
    HousingSituation,
    LegalBasis,
    RouteOfUse,
    Substance,
    SubstitutionMedicine,
)
from reports import register_codes as codes
from reports.register_codes import Register
from treatment_options.models import EndReason, TreatmentType


@pytest.mark.parametrize(
    ("table", "choices"),
    [
        (codes.EPISODE_END_REASON, EndReason),
        (codes.ALCOHOL_DISCHARGE, EndReason),
        (codes.COURSE_END_REASON, CourseEndReason),
        (codes.COURSE_END_STATUS, CourseEndStatus),
        (codes.SUBSTANCE, Substance),
        (codes.ROUTE_OF_USE, RouteOfUse),
        (codes.HOUSING, HousingSituation),
        (codes.SUBSTITUTION, SubstitutionMedicine),
    ],
)
def test_every_choice_has_a_register_code(table, choices):
    assert set(table) == set(choices.values)
    assert all(table.values())


def test_every_reported_basis_and_treatment_type_has_a_code():
    assert set(codes.REGISTER_OF_BASIS) == set(LegalBasis.values)
    assert set(codes.LEGAL_BASIS) == {b for b, r in codes.REGISTER_OF_BASIS.items() if r}
    # Anonymous treatment is in no extract, so it has no type code.
    assert set(codes.TREATMENT_TYPE) == set(TreatmentType.values) - {TreatmentType.ANONYMOUS}


def test_each_basis_goes_to_one_register_and_anonymous_drug_treatment_to_none():
    assert codes.bases_of(Register.DRUG_SOCIAL) == ("SEL101", "BL33")
    assert codes.bases_of(Register.DRUG_MEDICAL) == ("SUL142",)
    assert codes.bases_of(Register.ALCOHOL) == ("SUL141",)
    assert codes.REGISTER_OF_BASIS["SEL101A"] is None
    assert "SEL101A" not in {b for r in Register for b in codes.bases_of(r)}


def test_an_unmapped_value_raises_instead_of_being_reported_as_something_else():
    with pytest.raises(KeyError):
        codes.code_of(codes.SUBSTANCE, "ketamine")
    with pytest.raises(KeyError):
        codes.codes_of(codes.SUBSTANCE, ["cannabis", "ketamine"])
    assert codes.code_of(codes.SUBSTANCE, "") == ""
    assert codes.code_of(codes.SUBSTANCE, None) == ""


def test_several_substances_come_in_the_tables_order_whatever_order_they_were_chosen_in():
    assert codes.codes_of(codes.SUBSTANCE, ["opioids", "cannabis"]) == "cannabis,opioider"
    assert codes.codes_of(codes.SUBSTANCE, []) == ""


@pytest.mark.parametrize(
    ("cpr", "code"),
    [("241290-4321", "1"), ("0101801234", "2"), ("010180-2468", "2"), (None, ""), ("12", "")],
)
def test_sex_comes_from_the_last_digit_of_the_cpr_number(cpr, code):
    assert codes.sex_code(cpr) == code
