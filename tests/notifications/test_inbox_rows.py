"""Each inbox row says which case, what is due, when, and the one action to take, with Danish
plural forms; the title is not repeated (issue 18)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from notifications.inbox import relative_day
from notifications.models import Notification
from notifications.rules import RULES, RuleContext
from notifications.services import notify
from notifications.thresholds import DEFAULT_THRESHOLDS
from tests.clock import TODAY

from .conftest import make_case

INBOX = reverse("notifications:inbox")


@pytest.fixture
def own_case(caseworker, team_nord):
    return make_case(caseworker=caseworker, team=team_nord)


def _row(html: str, pk: int) -> str:
    match = re.search(rf'<tr id="notification-{pk}".*?</tr>', html, re.S)
    assert match, f"no row for notification {pk}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


def _notify(case, user, *, rule: str, day: date, key: str = "7d") -> Notification:
    notify(
        recipients=[user],
        rule=rule,
        subject=case,
        threshold=f"{key}:{day.isoformat()}",
        message="Behandlingsgarantien udløber om 7 dag(e).",
        url=reverse("cases:detail", kwargs={"case_id": case.pk}),
    )
    return Notification.objects.get(recipient=user, rule=rule, threshold=f"{key}:{day}")


@pytest.mark.usefixtures("clock")
def test_row_names_case_what_when_and_action_once(client, caseworker, own_case):
    due = _notify(own_case, caseworker, rule="guarantee_due", day=TODAY + timedelta(days=3))
    client.force_login(caseworker)

    html = client.get(INBOX).content.decode()
    row = _row(html, due.pk)

    assert row.startswith(own_case.number)
    assert "Frist 19.03.2026 (om 3 dage)" in row
    assert "Iværksæt behandlingen" in row
    # The title once (the stored message, which repeated it, is not shown).
    assert row.count("Behandlingsgarantien udløber") == 1
    assert "dag(e)" not in html
    assert f'href="{reverse("notifications:open", args=[due.pk])}"' in html


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize(
    ("offset", "text"),
    [(1, "i morgen"), (0, "i dag"), (2, "om 2 dage"), (-1, "i går"), (-5, "for 5 dage siden")],
)
def test_row_says_when_in_words(client, caseworker, own_case, offset, text):
    row = _notify(own_case, caseworker, rule="checkin_due", day=TODAY + timedelta(days=offset))
    client.force_login(caseworker)

    assert f"({text})" in _row(client.get(INBOX).content.decode(), row.pk)


@pytest.mark.parametrize(
    ("days", "da", "en"),
    [
        (1, "i morgen", "tomorrow"),
        (2, "om 2 dage", "in 2 days"),
        (21, "om 21 dage", "in 21 days"),
        (-2, "for 2 dage siden", "2 days ago"),
    ],
)
def test_relative_day_has_correct_plural_forms(days, da, en):
    today = date(2026, 3, 16)
    with translation.override("da"):
        assert relative_day(today + timedelta(days=days), today=today) == da
    with translation.override("en"):
        assert relative_day(today + timedelta(days=days), today=today) == en


def test_relative_day_singular_is_dag_not_dage():
    with translation.override("da"):
        assert ngettext("om %(count)d dag", "om %(count)d dage", 1) % {"count": 1} == "om 1 dag"
    with translation.override("en"):
        assert ngettext("om %(count)d dag", "om %(count)d dage", 1) % {"count": 1} == "in 1 day"


@pytest.mark.parametrize(("days_left", "text"), [(3, "om 3 dage:"), (1, "om 1 dag:"), (0, "i dag")])
def test_guarantee_reminder_message_uses_plural_forms(caseworker, team_nord, days_left, text):
    deadline = TODAY + timedelta(days=10)
    case = make_case(
        caseworker=caseworker,
        team=team_nord,
        status="referred",
        inquiry_date=deadline - timedelta(days=14),
        guarantee_deadline=deadline,
    )
    with translation.override("da"):
        found = RULES["guarantee"](
            RuleContext(today=deadline - timedelta(days=days_left), thresholds=DEFAULT_THRESHOLDS)
        )
    messages = [p.message for p in found if p.case_id == case.pk]
    assert len(messages) == 1
    assert "dag(e)" not in messages[0]
    assert text in messages[0]


@pytest.mark.usefixtures("clock")
def test_row_in_english_reads_english(client, caseworker, own_case):
    due = _notify(own_case, caseworker, rule="action_due", day=TODAY + timedelta(days=2))
    client.force_login(caseworker)

    html = client.get(INBOX, headers={"accept-language": "en"}).content.decode()
    row = _row(html, due.pk)

    assert "in 2 days" in row
    assert "Carry out the action" in row
