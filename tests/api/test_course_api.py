"""GET /api/v1/cases/{id}/course/: the course at a glance (issue 18) as data, the same facts as
the case page's strip and list, under the same access rules, logged as a read."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import AccessLog

pytestmark = pytest.mark.django_db


def page_items(client, case) -> list[str]:
    body = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    listed = re.search(r'<details class="course-strip-list.*?</details>', body, re.S)
    assert listed
    items = re.findall(r"<li>(.*?)</li>", listed.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items][:-1]  # not today


def test_the_api_gives_the_facts_the_page_draws(handover, client_for, caseworker):
    case = handover.case
    response = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/course/")
    assert response.status_code == 200
    facts = response.json()
    kinds = [f["kind"] for f in facts]
    assert {"request", "referral", "episode", "discharge", "checkin"} <= set(kinds)
    assert [f["on"] for f in facts] == sorted(f["on"] for f in facts)
    episode = next(f for f in facts if f["kind"] == "episode")
    assert episode["status"] == "residential" and episode["open_ended"] is True
    assert episode["lane"] == "episode" and episode["until"] is None
    # The same facts as the page's list (the page writes the dates the Danish way).
    client = client_for(caseworker)
    assert len(page_items(client, case)) == len(facts)
    assert [item.split(": ", 1)[1] for item in page_items(client, case)] == [
        f["text"] for f in facts
    ]
    assert AccessLog.objects.filter(object_type="case_course").count() == 1


def test_the_course_of_a_case_the_user_cannot_see_is_404(
    handover, client_for, other_team_caseworker
):
    response = client_for(other_team_caseworker).get(f"/api/v1/cases/{handover.case.pk}/course/")
    assert response.status_code == 404
    assert not AccessLog.objects.filter(object_type="case_course").exists()


def test_the_course_speaks_english(handover, client_for, caseworker):
    client = client_for(caseworker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    facts = client.get(f"/api/v1/cases/{handover.case.pk}/course/").json()
    texts = [f["text"] for f in facts]
    assert any(t.startswith("Request (") for t in texts), texts
    assert any(t.startswith("Check-in planned") for t in texts), texts
