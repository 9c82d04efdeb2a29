"""The frequency parser (transitions.frequency) and the data migration that structures every
commitment's free-text frequency as n contacts per k weeks, flagging what does not parse."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from tests import factories
from transitions.frequency import Frequency, frequency_text, parse_frequency
from transitions.models import AftercareCommitment


@pytest.mark.parametrize(
    ("text", "n", "k"),
    [
        ("hver 14. dag", 1, 2),
        ("Hver 14. dag", 1, 2),
        ("1 gang om ugen", 1, 1),
        ("1 gang hver 14. dag", 1, 2),
        ("ugentlig", 1, 1),
        ("Ugentligt.", 1, 1),
        ("2 gange om ugen", 2, 1),
        ("to gange ugentligt", 2, 1),
        ("hver uge", 1, 1),
        ("hver anden uge", 1, 2),
        ("hver 2. uge", 1, 2),
        ("en gang om måneden", 1, 4),
        ("hver måned", 1, 4),
        ("3 gange om måneden", 3, 4),
        ("1 samtale om ugen", 1, 1),
        ("2 samtaler pr. uge", 2, 1),
        ("1x om ugen", 1, 1),
        ("dagligt", 7, 1),
        ("1 gang hver anden uge", 1, 2),
    ],
)
def test_danish_phrasings_parse_to_n_per_k_weeks(text, n, k):
    assert parse_frequency(text) == Frequency(n, k)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "efter behov",
        "hver tredje dag",
        "Individuel samtale 1 gang om ugen",
        "løbende",
        "0 gange om ugen",
    ],
)
def test_what_is_not_certain_does_not_parse(text):
    assert parse_frequency(text) is None


def test_frequency_text_reads_back_as_the_same_frequency():
    for n, k in [(1, 1), (2, 1), (1, 2), (3, 4)]:
        assert parse_frequency(frequency_text(n, k)) == Frequency(n, k)


def test_a_frequency_needs_at_least_one_contact_per_week():
    with pytest.raises(ValueError):
        Frequency(0, 1)


@pytest.mark.django_db
def test_the_migration_structures_what_parses_and_flags_the_rest():
    migration = importlib.import_module(
        "transitions.migrations.0005_commitment_frequency_from_text"
    )
    fortnightly = factories.AftercareCommitmentFactory(
        frequency="hver 14. dag", contacts_per_period=None, period_weeks=None
    )
    monthly = factories.AftercareCommitmentFactory(
        frequency="en gang om måneden", contacts_per_period=None, period_weeks=None
    )
    vague = factories.AftercareCommitmentFactory(
        frequency="efter behov", contacts_per_period=None, period_weeks=None
    )
    already = factories.AftercareCommitmentFactory(
        frequency="efter behov", contacts_per_period=2, period_weeks=1
    )

    migration.structure_frequencies(apps, None)

    rows = {c.pk: c for c in AftercareCommitment.objects.all()}
    assert (rows[fortnightly.pk].contacts_per_period, rows[fortnightly.pk].period_weeks) == (1, 2)
    assert (rows[monthly.pk].contacts_per_period, rows[monthly.pk].period_weeks) == (1, 4)
    assert not rows[fortnightly.pk].frequency_needs_review
    assert rows[vague.pk].contacts_per_period is None
    assert rows[vague.pk].frequency_needs_review
    # Set by hand already: left as it is.
    assert (rows[already.pk].contacts_per_period, rows[already.pk].period_weeks) == (2, 1)
    assert not rows[already.pk].frequency_needs_review
    # The free text is kept.
    assert rows[vague.pk].frequency == "efter behov"


def test_a_commitment_shows_its_rate_with_real_plurals(db):
    weekly = factories.AftercareCommitmentFactory(
        contacts_per_period=1, period_weeks=1, frequency="1 gang om ugen"
    )
    agreed = factories.AftercareCommitmentFactory(
        contacts_per_period=2, period_weeks=3, frequency="efter aftale med borgeren"
    )
    with translation.override("en"):
        assert (weekly.rate_label, agreed.rate_label) == (
            "1 contact a week",
            "2 contacts every 3 weeks",
        )
    # The product's own words for the rate add nothing next to it; what someone typed does.
    assert (weekly.frequency_note, agreed.frequency_note) == ("", "efter aftale med borgeren")
