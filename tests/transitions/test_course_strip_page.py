"""The course at a glance on the case page (issue 18): the SVG strip with its title and desc, the
same facts as a list, no inline style, numbers an SVG can read in Danish, the query count, access
and English."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.clock import TODAY, TZ
from transitions.models import CheckIn

from .conftest import login

pytestmark = pytest.mark.django_db


def detail(case):
    return reverse("cases:detail", kwargs={"case_id": case.pk})


def strip_of(response) -> str:
    assert response.status_code == 200
    body = response.content.decode()
    found = re.search(r'<section class="case-section course-strip".*?</section>', body, re.S)
    assert found, "no course strip on the page"
    return found.group(0)


def svg_of(strip: str) -> str:
    found = re.search(r'<svg class="course-strip-svg".*?</svg>', strip, re.S)
    assert found, "no strip SVG"
    return found.group(0)


def mark_titles(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<g>\s*<title>(.*?)</title>", svg, re.S)]


def list_items(strip: str) -> list[str]:
    found = re.search(r'<details class="course-strip-list.*?</details>', strip, re.S)
    assert found, "no list next to the strip"
    items = re.findall(r"<li>(.*?)</li>", found.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def add_checkins(transition):
    """One answered, one overdue, one still to come."""
    CheckIn.objects.create(
        case=transition.case,
        transition=transition,
        label="2 uger",
        due_on=TODAY - timedelta(days=10),
        answered_at=datetime(2026, 3, 9, 11, tzinfo=TZ),
        answer="Boligen",
    )
    CheckIn.objects.create(
        case=transition.case,
        transition=transition,
        label="6 uger",
        due_on=TODAY - timedelta(days=2),
    )
    CheckIn.objects.create(
        case=transition.case,
        transition=transition,
        label="12 uger",
        due_on=TODAY + timedelta(days=30),
    )


def test_the_case_page_shows_the_strip_with_title_desc_and_the_same_facts_as_a_list(
    named_transition, caseworker
):
    add_checkins(named_transition)
    strip = strip_of(login(caseworker).get(detail(named_transition.case)))
    svg = svg_of(strip)

    assert 'role="img"' in svg
    assert 'aria-labelledby="course-strip-title course-strip-desc"' in svg
    assert '<title id="course-strip-title">Forløbet i overblik</title>' in svg
    desc = re.search(r'<desc id="course-strip-desc">(.*?)</desc>', svg, re.S)
    assert desc and "i dag er 16.03.2026" in desc.group(1)

    # The same facts, mark for mark, as the list (the list adds today).
    items = list_items(strip)
    assert sorted(mark_titles(svg)) == sorted(items[:-1])
    assert items[-1] == "16.03.2026: I dag"
    for expected in [
        "01.12.2025: Henvist til Døgnbehandling (Sydgården)",
        "22.12.2025: Døgnbehandling: Døgnbehandling (Sydgården), i gang",
        "16.03.2026: Planlagt udskrivning fra døgnbehandling",
        "19.03.2026: Første ambulante aftale kl. 10:00: planlagt",
        "09.03.2026: Tjek-ind besvaret: 2 uger (planlagt 06.03.2026)",
        "14.03.2026: Tjek-ind forfalden: 6 uger",
        "15.04.2026: Tjek-ind planlagt: 12 uger",
    ]:
        assert expected in items, expected
    assert any(item.startswith("11.03.2026: Anmodning (Første anmodning") for item in items)
    # Residential and outpatient are told apart by words too, not by colour alone.
    assert ">Døgn</text>" in svg
    assert "Døgnbehandling</li>" in strip  # the legend


def test_the_strip_has_no_inline_style_and_only_points_in_its_numbers(named_transition, caseworker):
    add_checkins(named_transition)
    strip = strip_of(login(caseworker).get(detail(named_transition.case)))
    assert "style=" not in strip
    assert "<style" not in strip
    # Danish formats numbers with a decimal comma; an SVG attribute needs a point.
    svg = svg_of(strip)
    number = r"-?\d+(?:\.\d+)?%?"
    singles = re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"', svg)
    assert singles and all(re.fullmatch(number, v) for v in singles), singles
    for points in re.findall(r'\spoints="([^"]*)"', svg):
        assert all(re.fullmatch(f"{number},{number}", p) for p in points.split()), points
    view_box = re.search(r'viewBox="([^"]*)"', svg)
    assert view_box and all(re.fullmatch(number, v) for v in view_box.group(1).split())


def test_residential_is_filled_and_aftercare_outlined_with_its_name(
    named_transition, caseworker, outpatient_offer
):
    factories.EpisodeFactory(
        case=named_transition.case,
        offer=outpatient_offer,  # aftercare: outpatient, drawn outlined
        referral_date=date(2026, 2, 1),
        actual_start=date(2026, 2, 10),
    )
    svg = svg_of(strip_of(login(caseworker).get(detail(named_transition.case))))
    bars = re.findall(r'<rect x="[^"]*" y="[^"]*" width="[^"]*" height="12.0"([^>]*)/>', svg)
    assert ' fill="#004c99" stroke="#004c99"' in bars[0]  # residential, from December
    assert ' fill="#ffffff" stroke="#004c99"' in bars[1]  # aftercare, from February
    assert ">Døgn</text>" in svg and ">Efterbehandling</text>" in svg


def test_a_case_the_user_cannot_see_is_still_404(named_transition, other_team_caseworker):
    response = login(other_team_caseworker).get(detail(named_transition.case))
    assert response.status_code == 404
    assert "course-strip" not in response.content.decode()


def test_a_case_without_a_handover_shows_its_request_and_episodes(case, caseworker):
    strip = strip_of(login(caseworker).get(detail(case)))
    items = list_items(strip)
    assert len(items) == 2  # the request and today
    assert items[0].startswith(f"{case.inquiry_date:%d.%m.%Y}: Anmodning")
    assert "Overgang</text>" not in strip


def test_a_case_without_any_date_says_so(caseworker, team_nord):
    bare = factories.CaseFactory(team=team_nord, caseworker=caseworker, first_request=False)
    strip = strip_of(login(caseworker).get(detail(bare)))
    assert "Forløbet har endnu ingen datoer." in strip
    assert "<svg" not in strip


def test_a_course_long_past_ends_at_its_last_date_and_marks_today_at_the_edge(
    caseworker, team_nord
):
    old = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, inquiry_date=date(2020, 1, 6)
    )
    strip = strip_of(login(caseworker).get(detail(old)))
    assert "fra 06.01.2020 til 20.01.2020" in strip  # the desc: the span ends at the deadline
    assert ">I dag 16.03.2026</text>" in strip
    assert list_items(strip)[0].startswith("06.01.2020: Anmodning")
    assert "frist 20.01.2020, overskredet" in list_items(strip)[0]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_case_page_query_count_does_not_grow_with_episodes_and_checkins(
    named_transition, caseworker, residential_offer, outpatient_offer
):
    client = login(caseworker)
    url = detail(named_transition.case)
    client.get(url)  # warm the session
    few = _queries(client, url)
    case = named_transition.case
    for i in range(8):
        factories.EpisodeFactory(
            case=case,
            offer=outpatient_offer if i % 2 else residential_offer,
            referral_date=date(2026, 1, 1) + timedelta(days=i),
            actual_start=date(2026, 1, 5) + timedelta(days=i),
            actual_end=date(2026, 2, 1) + timedelta(days=i) if i % 3 else None,
            end_reason="completed" if i % 3 else "",
        )
        CheckIn.objects.create(
            case=named_transition.case,
            transition=named_transition,
            label=f"Ekstra {i}",
            due_on=TODAY + timedelta(weeks=i - 4),
            answered_at=datetime(2026, 3, 1, 10, tzinfo=TZ) if i % 2 else None,
        )
    assert _queries(client, url) == few


def test_the_strip_speaks_english(named_transition, caseworker):
    client = login(caseworker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    add_checkins(named_transition)
    strip = strip_of(client.get(detail(named_transition.case)))
    assert '<title id="course-strip-title">The course at a glance</title>' in strip
    items = list_items(strip)
    assert items[-1] == "16 March 2026: Today"
    assert "1 December 2025: Referred to Døgnbehandling (Sydgården)" in items
    assert "14 March 2026: Check-in overdue: 6 uger" in items
    assert "19 March 2026: First outpatient appointment at 10:00: planned" in items
    for danish in ["Forløbet", "Anmodning", "Tjek-ind", "I dag", "Henvist", "Udskr"]:
        assert danish not in strip, danish
