"""Issue 13's follow-up migration: a FollowUp made before outcomes existed meant "done"; it
becomes "held" with its date and its maker kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("notifications", "0006_after_merge")
AFTER = ("notifications", "0007_follow_up_outcome")


def _targets(notifications: tuple[str, str]) -> list[tuple[str, str]]:
    """Every other app at its latest migration, notifications at `notifications`."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [leaf for leaf in leaves if leaf[0] != "notifications"] + [notifications]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_world() -> Any:
    apps = _migrate(_targets(BEFORE))
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_an_old_follow_up_becomes_held_with_its_date(old_world: Any) -> None:
    apps = old_world
    Unit = apps.get_model("accounts", "Unit")
    User = apps.get_model("accounts", "User")
    Citizen = apps.get_model("cases", "Citizen")
    Case = apps.get_model("cases", "Case")
    OldFollowUp = apps.get_model("notifications", "FollowUp")
    team = Unit.objects.create(name="Team Migrering", kind="municipal_team")
    user = User.objects.create(username="migrering")
    citizen = Citizen.objects.create(first_name="Mig", last_name="Rering")
    case = Case.objects.create(
        number="M-1",
        citizen=citizen,
        legal_basis="SEL101",
        inquiry_date=date(2025, 1, 2),
        team=team,
    )
    OldFollowUp.objects.create(
        case=case,
        due_kind="1m",
        course_end_on=date(2025, 5, 1),
        done_on=date(2025, 5, 28),
        done_by=user,
    )

    new_apps = _migrate(_targets(AFTER))

    row = new_apps.get_model("notifications", "FollowUp").objects.get()
    assert (row.outcome, row.done_on, row.done_by_id) == ("held", date(2025, 5, 28), user.pk)
    assert row.attempts.count() == 0
