"""cases.prefetch: several lists of a case's rows in one query on PostgreSQL (plain queries
elsewhere), hydrated as the same instances a plain query gives (issue 17)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models import Q

from cases import prefetch
from cases.models import Case, Consent, Disclosure
from cases.prefetch import RowLists, Rows, by
from tests.factories import CaseFactory, ConsentFactory, DisclosureFactory

pytestmark = pytest.mark.django_db


def _lists() -> RowLists:
    return RowLists(
        consents=Rows(Consent.objects.select_related("recorded_by"), where=by("case_id")),
        disclosures=Rows(
            Disclosure.objects.select_related("consent", "disclosed_by").order_by("-pk"),
            where=by("case_id"),
        ),
        # A filter of its own and a where on two of the owner's fields.
        written=Rows(
            Consent.objects.filter(form=Consent.Form.WRITTEN),
            where=lambda ref: Q(case_id=ref("pk")) & Q(case__team_id=ref("team_id")),
        ),
    )


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def case():
    case = CaseFactory()
    for _ in range(3):
        DisclosureFactory(case=case, consent=ConsentFactory(case=case))
    DisclosureFactory()  # another case's
    return case


@pytest.mark.parametrize("bundled", [True, False])
def test_the_lists_are_the_rows_a_plain_query_gives(bundled, case, django_assert_num_queries):
    if bundled and not prefetch.bundles():
        pytest.skip("PostgreSQL only")
    with (
        mock.patch.object(prefetch, "bundles", return_value=bundled),
        django_assert_num_queries(1 if bundled else 3),
    ):
        rows = _lists().rows_for(case)
        consents, disclosures = rows["consents"], rows["disclosures"]
        got_consents = [(_fields(c), _fields(c.recorded_by)) for c in consents]
        got_disclosures = [
            (_fields(d), _fields(d.consent) if d.consent else None, _fields(d.disclosed_by))
            for d in disclosures
        ]
    plain_consents = Consent.objects.filter(case=case).select_related("recorded_by")
    assert got_consents == [(_fields(c), _fields(c.recorded_by)) for c in plain_consents]
    plain = Disclosure.objects.filter(case=case).select_related("consent", "disclosed_by")
    assert got_disclosures == [
        (_fields(d), _fields(d.consent) if d.consent else None, _fields(d.disclosed_by))
        for d in plain.order_by("-pk")
    ]
    assert len(got_disclosures) == 3
    assert len(rows["written"]) == 3
    # Instances as the database gives them: saved, of the database, comparable.
    assert not consents[0]._state.adding
    assert consents[0] in list(plain_consents)


def test_the_owner_keeps_its_annotations_off_its_fields(case):
    owner = _lists().annotate(Case.objects.filter(pk=case.pk)).get()
    assert owner.number == case.number
    assert len(_lists().rows(owner)["disclosures"]) == 3


def test_a_missing_relation_is_none(case, django_assert_max_num_queries):
    DisclosureFactory(
        case=case, consent=None, basis="bl133", information_kinds=["plan"], recipient="Kommunen"
    )
    rows = RowLists(
        disclosures=Rows(Disclosure.objects.select_related("consent"), where=by("case_id"))
    ).rows_for(case)
    with django_assert_max_num_queries(0):
        assert sorted(d.consent is None for d in rows["disclosures"]) == [False, False, False, True]
