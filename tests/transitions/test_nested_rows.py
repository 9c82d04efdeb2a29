"""The transition page's lists brought along as JSON arrays (transitions.selectors.nested_rows)
are the same model instances, with the same values and types and the same related rows, as a
plain query gives, and the plain fallback (SQLite) gives the same lists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Consent
from tests.factories import ConsentFactory, ContactFactory
from transitions import selectors, services
from transitions.models import ActionItem, CheckIn, CommitmentDelivery
from transitions.selectors import nested_rows
from transitions.selectors.page_rows import page_rows
from treatment_options.models import Contact, Episode

from .test_query_counts import grow

pytestmark = pytest.mark.django_db


def _values(obj):
    return [(f.attname, getattr(obj, f.attname)) for f in obj._meta.concrete_fields]


def _same(loaded, expected, related=()):
    assert [o.pk for o in loaded] == [o.pk for o in expected]
    for a, b in zip(loaded, expected, strict=True):
        assert type(a) is type(b)
        assert _values(a) == _values(b)
        assert [type(v) for _n, v in _values(a)] == [type(v) for _n, v in _values(b)]
        assert not a._state.adding
        for path in related:
            x, y = a, b
            for part in path.split("__"):
                x, y = getattr(x, part, None), getattr(y, part, None)
                assert (x is None) == (y is None), path
                if x is None:
                    break
                assert _values(x) == _values(y), path


@pytest.fixture
def full_transition(
    named_transition, before_discharge_note, residential_therapist, outpatient_therapist, caseworker
):
    grow(named_transition, 2, residential_therapist, outpatient_therapist, caseworker)
    section = named_transition.plan_sections.first()
    with pytest.raises(services.PlanSectionConflict):
        services.plan_section_save(
            actor=caseworker, section=section, text="Sent", based_on_version=section.version - 1
        )
    case = named_transition.case
    ConsentFactory(case=case, recorded_by=caseworker)
    ConsentFactory(case=case, recorded_by=caseworker, valid_to=None, information_kinds=[])
    commitment = named_transition.commitments.first()
    episode = named_transition.residential_episode
    for hours in (1, 2, 3):
        contact = ContactFactory(
            episode=episode, recorded_by=caseworker, at=timezone.now() - timedelta(hours=hours)
        )
        if hours != 2:
            CommitmentDelivery.objects.create(contact=contact, commitment=commitment)
    return named_transition


def _check(transition):
    case = transition.case
    loaded: Any = selectors.transition_for_page(case)
    assert loaded is not None and loaded.pk == transition.pk
    _same(loaded.page_consents, list(Consent.objects.filter(case=case)))
    _same(
        loaded.page_episodes,
        list(Episode.objects.filter(case=case, actual_start__isnull=False).order_by("pk")),
        related=("offer__provider",),
    )
    checkins = list(CheckIn.objects.filter(case=case).order_by("due_on", "pk"))
    assert checkins and any(c.themes for c in checkins)
    _same(loaded.page_checkins, checkins, related=("recorded_by",))
    actions = list(ActionItem.objects.filter(case=case, done_at__isnull=True))
    assert actions
    _same(loaded.page_actions, actions, related=("owner",))
    contacts = list(Contact.objects.filter(episode__case=case).order_by("-at", "-pk")[:10])
    _same(
        loaded.page_contacts,
        contacts,
        related=("episode__offer", "recorded_by", "delivery__commitment"),
    )
    assert [getattr(c, "delivery", None) is None for c in loaded.page_contacts] == [
        False,
        True,
        False,
    ]
    # The consents are in the case's prefetch cache: the report panel asks for them.
    assert case.consents.all()._result_cache is not None
    rows = page_rows(loaded, today=timezone.localdate())
    notes: list[Any] = rows.notes
    sections: list[Any] = rows.sections
    for note in notes:
        _same(note.acks, list(note.acknowledgements.order_by("pk")), related=("user",))
    assert sum(len(n.acks) for n in notes) >= 4
    assert any(section.open_stale for section in sections)
    for section in sections:
        _same(
            section.open_stale,
            list(section.versions.filter(is_stale=True, resolved_at__isnull=True)),
            related=("author",),
        )


def test_the_arrays_give_the_rows_a_query_gives(full_transition):
    _check(full_transition)


def test_the_plain_fallback_gives_the_same_rows(full_transition, monkeypatch):
    monkeypatch.setattr(nested_rows, "_on_postgresql", lambda queryset: False)
    _check(full_transition)
