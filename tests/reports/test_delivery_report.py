"""The manager report's agreed versus delivered aftercare (DESIGN §5.10, §7): per outpatient
unit and per municipal team, computed in the database, equal to the figures computed here from
the rows the test made."""

from __future__ import annotations

from datetime import date

import pytest

from reports.documents import manager_report_csv, manager_report_pdf
from reports.selectors import Period
from reports.selectors.delivery import delivery_report
from tests import factories
from tests.clock import REPORT_DAY, at
from treatment_options.models import Contact

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 11, 1), date(2026, 11, 30))  # as of 23 November (REPORT_DAY)
A, M, CC, CP = (
    Contact.Outcome.ATTENDED,
    Contact.Outcome.MISSED,
    Contact.Outcome.CANCELLED_BY_CITIZEN,
    Contact.Outcome.CANCELLED_BY_PROVIDER,
)


def expected_agreed(commitments):
    """n/k contacts a week over the days each ran in the period up to REPORT_DAY."""
    total = 0.0
    for n, k, starts_on in commitments:
        first = max(starts_on, PERIOD.start)
        days = (REPORT_DAY - first).days + 1
        total += n * days / (7 * k)
    return total


@pytest.fixture
def world(team_nord, team_syd, outpatient_offer, caseworker, other_team_caseworker):
    def handover(team, worker, with_outpatient):
        case = factories.CaseFactory(team=team, caseworker=worker, inquiry_date=date(2026, 8, 3))
        transition = factories.TransitionFactory(case=case)
        episode = None
        if with_outpatient:
            episode = factories.EpisodeFactory(
                case=case, offer=outpatient_offer, actual_start=date(2026, 10, 1)
            )
            transition.outpatient_episode = episode
            transition.save(update_fields=["outpatient_episode"])
        return transition, episode or transition.residential_episode

    def commitment(transition, n, k, starts_on, **extra):
        return factories.AftercareCommitmentFactory(
            transition=transition,
            contacts_per_period=n,
            period_weeks=k,
            starts_on=starts_on,
            **extra,
        )

    def contacts(commitment, episode, *spec):
        for day, outcome in spec:
            factories.CommitmentDeliveryFactory(
                commitment=commitment,
                contact__episode=episode,
                contact__at=at(day, 11),
                contact__outcome=outcome,
            )

    # Team Nord, outpatient at the ambulant unit: weekly since October.
    t1, e1 = handover(team_nord, caseworker, True)
    c1 = commitment(t1, 1, 1, date(2026, 10, 15))
    contacts(
        c1,
        e1,
        (date(2026, 10, 20), A),  # before the period: not counted
        (date(2026, 11, 3), A),
        (date(2026, 11, 10), A),
        (date(2026, 11, 17), M),
        (date(2026, 11, 20), CP),
    )
    # A second commitment on it: 2 per 2 weeks from 10 November.
    c2 = commitment(t1, 2, 2, date(2026, 11, 10))
    contacts(c2, e1, (date(2026, 11, 12), A), (date(2026, 11, 19), CC))
    # Not counted: cancelled, no frequency yet, starts after as-of.
    commitment(t1, 1, 1, date(2026, 10, 1), status="cancelled")
    commitment(t1, None, None, date(2026, 10, 1), frequency_needs_review=True)
    commitment(t1, 1, 1, date(2026, 11, 25))

    # Team Nord without an outpatient episode: monthly since September.
    t2, e2 = handover(team_nord, caseworker, False)
    c3 = commitment(t2, 1, 4, date(2026, 9, 1))
    contacts(c3, e2, (date(2026, 11, 5), A))

    # Team Syd at the ambulant unit: twice a week from 16 November, one attended.
    t3, e3 = handover(team_syd, other_team_caseworker, True)
    c4 = commitment(t3, 2, 1, date(2026, 11, 16))
    contacts(c4, e3, (date(2026, 11, 17), A), (date(2026, 11, 19), A), (date(2026, 11, 23), M))
    return {
        "nord_ambulant": [(1, 1, c1.starts_on), (2, 2, c2.starts_on)],
        "nord_none": [(1, 4, c3.starts_on)],
        "syd_ambulant": [(2, 1, c4.starts_on)],
    }


def test_team_report_agreed_and_delivered_per_outpatient_unit_and_team(world, team_nord):
    report = delivery_report(unit=team_nord, period=PERIOD, today=REPORT_DAY)
    by_unit = {r.label: r for r in report.by_outpatient_unit}
    assert set(by_unit) == {"Rusmiddelcenter Ambulant", "Intet ambulant forløb"}
    ambulant, none = by_unit["Rusmiddelcenter Ambulant"], by_unit["Intet ambulant forløb"]
    assert ambulant.agreed == pytest.approx(expected_agreed(world["nord_ambulant"]))
    assert (ambulant.delivered, ambulant.missed) == (3, 1)
    assert (ambulant.cancelled_by_citizen, ambulant.cancelled_by_provider) == (1, 1)
    assert ambulant.commitments == 2
    assert none.agreed == pytest.approx(expected_agreed(world["nord_none"]))
    assert none.delivered == 1
    # Team Syd's case is not Team Nord's.
    assert [r.label for r in report.by_team] == ["Team Nord"]
    nord = report.by_team[0]
    assert nord.agreed == pytest.approx(
        expected_agreed(world["nord_ambulant"] + world["nord_none"])
    )
    assert nord.delivered == 4
    assert report.total.agreed == pytest.approx(nord.agreed)


def test_outpatient_units_report_covers_both_teams(world, ambulant_unit):
    report = delivery_report(unit=ambulant_unit, period=PERIOD, today=REPORT_DAY)
    teams = {r.label: r for r in report.by_team}
    assert set(teams) == {"Team Nord", "Team Syd"}
    assert teams["Team Syd"].agreed == pytest.approx(expected_agreed(world["syd_ambulant"]))
    assert (teams["Team Syd"].delivered, teams["Team Syd"].missed) == (2, 1)
    assert teams["Team Nord"].agreed == pytest.approx(expected_agreed(world["nord_ambulant"]))
    assert [r.label for r in report.by_outpatient_unit] == [ambulant_unit.name]


def test_pdf_and_csv_show_the_section(world, team_nord, manager):
    text = pdf_text(
        manager_report_pdf(unit=team_nord, period=PERIOD, user=manager, today=REPORT_DAY)
    )
    assert "Aftalt og leveret efterbehandling" in text
    csv = manager_report_csv(unit=team_nord, period=PERIOD, user=manager, today=REPORT_DAY).decode(
        "utf-8-sig"
    )
    assert "Aftalt og leveret efterbehandling pr. ambulant enhed" in csv
    assert "Aftalt og leveret efterbehandling pr. team" in csv
    agreed = expected_agreed(world["nord_ambulant"] + world["nord_none"])
    team_line = next(line for line in csv.splitlines() if line.startswith("Team Nord;"))
    assert team_line.split(";")[2] == f"{agreed:.1f}".replace(".", ",")
    assert team_line.split(";")[3] == "4"
