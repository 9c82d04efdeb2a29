"""The manager report: its figures against an independent computation, the background job with
its polling page, the PDF and CSV, access, and a query count that does not grow with the data."""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter
from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.manager_report import ensure_dataset
from cases.guarantee import evaluate
from cases.models import AccessLog
from reports import documents, selectors
from reports.formatting import NO_VALUE
from reports.models import ReportJob
from reports.selectors import Period
from reports.tasks import manager_report_task, report_jobs_dispatch_task
from tests.clock import REPORT_DAY
from tests.reports import scenario
from tests.reports.conftest import pdf_text

PERIOD = Period(scenario.PERIOD_START, scenario.PERIOD_END)
AS_OF = REPORT_DAY
MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
DROP_OUTS = {"no_show", "expelled", "wanted_stop"}


# --- the independent computation: plain Python over the specs ---------------------------------


def in_period(day):
    return day is not None and PERIOD.start <= day <= PERIOD.end


def nord_specs():
    return [spec for spec in scenario.SPECS if spec.team == "nord"]


def expected_guarantee():
    """Status of each case by the pure rule module, the source of truth for the guarantee."""
    by_month: dict[tuple[int, int], Counter] = {}
    breaches = []
    for spec in nord_specs():
        if not in_period(spec.inquiry):
            continue
        result = evaluate(
            spec.basis,
            spec.inquiry,
            today=AS_OF,
            started_on=spec.started,
            free_choice=spec.free_choice,
            regional_dual_diagnosis=spec.regional,
        )
        by_month.setdefault((spec.inquiry.year, spec.inquiry.month), Counter())[result.status] += 1
        if result.status == "breached":
            assert result.deadline is not None  # only a case with a deadline can breach it
            breaches.append((spec.inquiry, ((spec.started or AS_OF) - result.deadline).days))
    return by_month, sorted(breaches, key=lambda b: -b[1])


def expected_caseload():
    rows: dict[str | None, list[int]] = {}
    for spec in nord_specs():
        row = rows.setdefault(spec.caseworker, [0, 0, 0])
        row[0] += spec.inquiry <= AS_OF and (spec.closed_on is None or spec.closed_on > AS_OF)
        row[1] += in_period(spec.inquiry)
        row[2] += in_period(spec.closed_on)
    return rows


def nord_handovers():
    return [
        episode
        for spec in nord_specs()
        for episode in spec.episodes
        if episode.kind == "residential" and in_period(episode.end)
    ]


def expected_transitions():
    handovers = nord_handovers()
    gaps = [(h.contact - h.end).days for h in handovers if h.contact]
    return {
        "discharged": len(handovers),
        "meeting_before": sum(
            1 for h in handovers if h.meeting and h.meeting_held and h.meeting.date() <= h.end
        ),
        "contact_within": sum(1 for gap in gaps if gap <= 7),
        "median": statistics.median(gaps) if gaps else None,
    }


def expected_themes():
    by_month: dict[tuple[int, int], Counter] = {}
    for spec in nord_specs():
        for episode in spec.episodes:
            for answered, themes, follow_up in episode.checkins:
                if not in_period(answered):
                    continue
                counter = by_month.setdefault((answered.year, answered.month), Counter())
                counter["answered"] += 1
                counter["follow_up"] += follow_up
                counter.update(themes)
    return by_month


def expected_drop_outs():
    reasons = Counter(
        episode.reason
        for spec in nord_specs()
        for episode in spec.episodes
        if in_period(episode.end)
    )
    closed_by_citizen: dict[str, list[date]] = {}
    for spec in scenario.SPECS:
        if spec.citizen and spec.closed_on:
            closed_by_citizen.setdefault(spec.citizen, []).append(spec.closed_on)
    returns = sum(
        1
        for spec in nord_specs()
        if in_period(spec.inquiry)
        and any(closed <= spec.inquiry for closed in closed_by_citizen.get(spec.citizen, []))
    )
    return reasons, returns


def percent(part, whole):
    if not whole:
        return NO_VALUE
    return f"{100 * part / whole:.1f}".replace(".", ",") + " %"


def month_label(year, month):
    return f"{MONTHS_DA[month - 1]} {year}"


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def scenario_data(
    team_nord, team_syd, residential_offer, outpatient_offer, caseworker, other_team_caseworker
):
    return scenario.build(
        team_nord=team_nord,
        team_syd=team_syd,
        residential_offer=residential_offer,
        outpatient_offer=outpatient_offer,
        caseworker=caseworker,
        other_team_caseworker=other_team_caseworker,
    )


@pytest.fixture
def report(scenario_data, team_nord):
    return selectors.manager_report(unit=team_nord, period=PERIOD, today=AS_OF)


# --- figures ----------------------------------------------------------------------------------


def test_guarantee_figures_by_month_match_the_rules(report):
    expected, _breaches = expected_guarantee()
    for month, counts in report.guarantee.by_month:
        want = expected.get((month.year, month.month), Counter())
        assert (counts.met, counts.breached, counts.running, counts.waived, counts.not_covered) == (
            want["met"],
            want["breached"],
            want["running"],
            want["waived"],
            want["not_covered"],
        ), month


def test_guarantee_totals_count_waived_and_not_covered_apart(report):
    expected, _breaches = expected_guarantee()
    total: Counter[str] = sum(expected.values(), Counter())
    assert report.guarantee.total.met == total["met"]
    assert report.guarantee.total.breached == total["breached"]
    assert report.guarantee.total.waived == total["waived"] == 1
    assert report.guarantee.total.not_covered == total["not_covered"] == 2
    assert report.guarantee.total.share_met == pytest.approx(
        100 * total["met"] / (total["met"] + total["breached"])
    )


def test_guarantee_by_legal_basis_adds_up_to_the_same_cases(report):
    by_basis: Counter[str] = Counter()
    for spec in nord_specs():
        if in_period(spec.inquiry):
            by_basis[spec.basis] += 1
    assert {basis: counts.total for basis, counts in report.guarantee.by_legal_basis} == by_basis


def test_breaches_are_listed_with_days_over_largest_first(report):
    _expected, breaches = expected_guarantee()
    listed = [(b.inquiry_date, b.days_over) for b in report.guarantee.breaches]
    assert listed == breaches
    # The case still waiting counts to the day the figures are as of.
    assert (scenario.SPECS[8].inquiry, 98) in listed


def test_caseload_per_caseworker(report):
    expected = expected_caseload()
    names = {"karin": "Karin Sagsbehandler", "peter": "Peter Poulsen", None: "Ikke tildelt"}
    got = {
        row.caseworker: [row.open_cases, row.new_cases, row.closed_cases] for row in report.caseload
    }
    assert got == {names[key]: value for key, value in expected.items()}


def test_transition_figures(report):
    expected = expected_transitions()
    t = report.transitions
    assert t.discharged == expected["discharged"] == 5
    assert t.meeting_before == expected["meeting_before"] == 2
    assert t.contact_within == expected["contact_within"] == 3
    assert t.median_gap_days == expected["median"] == 3.5


def test_checkin_themes_per_month(report):
    expected = expected_themes()
    codes = [code for code, _label in report.themes.themes]
    for month, answered, follow_up, counts in report.themes.by_month:
        want = expected.get((month.year, month.month), Counter())
        assert answered == want["answered"], month
        assert follow_up == want["follow_up"], month
        # "network" must not be counted as "work" (a text match on the JSON list).
        assert dict(zip(codes, counts, strict=True)) == {code: want[code] for code in codes}


def answered_in_period(specs, kind):
    return [
        (answered, themes, follow_up)
        for spec in specs
        for episode in spec.episodes
        if episode.kind == kind
        for answered, themes, follow_up in episode.checkins
        if in_period(answered)
    ]


def test_checkin_themes_include_outpatient_only_courses(report):
    """§5.10: an outpatient-only course's check-ins (no transition) are in the themes too."""
    outpatient_only = answered_in_period(nord_specs(), "outpatient")
    with_handover = answered_in_period(nord_specs(), "residential")
    assert len(outpatient_only) == 2
    assert report.themes.answered == len(with_handover) + len(outpatient_only)
    totals = dict(zip([c for c, _l in report.themes.themes], report.themes.totals, strict=True))
    expected_housing = sum("housing" in themes for _a, themes, _f in with_handover)
    assert totals["housing"] == expected_housing + 1
    assert totals["health"] == 1


def test_an_institution_s_themes_leave_out_courses_without_an_episode_there(
    scenario_data, sydgaarden
):
    """Sydgården holds the handovers (both teams'), and no outpatient-only course."""
    themes = selectors.checkin_theme_report(unit=sydgaarden, period=PERIOD)
    assert themes.answered == len(answered_in_period(scenario.SPECS, "residential"))


def test_drop_outs_and_returns(report):
    reasons, returns = expected_drop_outs()
    d = report.drop_outs
    assert {row.reason: row.count for row in d.reasons} == dict(reasons)
    assert d.drop_outs == sum(n for reason, n in reasons.items() if reason in DROP_OUTS) == 3
    assert d.returns == returns == 2
    assert d.returning_citizens == 2


def test_institution_sees_cases_with_an_episode_at_its_providers(
    scenario_data, sydgaarden, team_syd
):
    """Sydgården is no case's team; its cases are those with an episode at its provider."""
    cases = selectors.unit_cases(sydgaarden)
    with_residential = {
        spec.inquiry
        for spec in scenario.SPECS
        if any(e.kind == "residential" for e in spec.episodes)
    }
    assert set(cases.values_list("inquiry_date", flat=True)) == with_residential
    transitions = selectors.transition_report(unit=sydgaarden, period=PERIOD)
    # Team Nord's five handovers in the period and Team Syd's one.
    assert transitions.discharged == 6


# --- the PDF and CSV --------------------------------------------------------------------------


def test_pdf_shows_the_same_figures(scenario_data, team_nord, manager):
    text = pdf_text(
        documents.manager_report_pdf(unit=team_nord, period=PERIOD, user=manager, today=AS_OF)
    )
    expected, breaches = expected_guarantee()
    for (year, month), c in expected.items():
        row = " ".join(
            [
                month_label(year, month),
                str(c["met"]),
                str(c["breached"]),
                percent(c["met"], c["met"] + c["breached"]),
                str(c["running"]),
                str(c["waived"]),
                str(c["not_covered"]),
            ]
        )
        assert row in text
    total: Counter[str] = sum(expected.values(), Counter())
    assert f"I alt {total['met']} {total['breached']} " in text
    for inquiry, days in breaches:
        assert f"{inquiry:%d.%m.%Y}" in text
        assert f" {days} " in text
    t = expected_transitions()
    assert f"Statusmøde afholdt før udskrivning {t['meeting_before']} ({percent(2, 5)})" in text
    assert f"Første ambulante kontakt inden 7 dage {t['contact_within']} ({percent(3, 5)})" in text
    assert "Dage fra udskrivning til første kontakt (median) 3,5" in text
    themes = expected_themes()
    august = themes[(2026, 8)]
    assert (
        "august 2026 {} {} 1 {} 0 0 0 0 0 0".format(
            august["answered"], august["network"], august["work"]
        )
        in text
    )
    _reasons, returns = expected_drop_outs()
    assert f"Heraf efter en tidligere afsluttet sag {returns} ({percent(2, 17)})" in text
    assert "Karin Sagsbehandler 11 10 0" in text
    assert "Side 1 af" in text and "FORTROLIGT" in text


def test_pdf_draws_charts_as_svg_vector_graphics(scenario_data, team_nord, manager):
    context = documents.manager_report_context(
        unit=team_nord, period=PERIOD, user=manager, today=AS_OF
    )
    chart = context["guarantee_chart"]
    # One bar per month; June: 2 of 3 cases with an outcome met the deadline.
    assert len(chart.bars) == 6
    assert (chart.bars[0].label, chart.bars[0].sublabel) == ("jun", "2026")
    assert chart.bars[0].value_label == "67\u00a0%"

    svg = render_to_string("reports/print/_bar_chart.html", {"chart": chart})
    assert svg.startswith("<svg") and svg.count("<rect") == 6
    # Coordinates are never localised: "12,5" would be no number to an SVG renderer.
    coordinates = re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?[0-9.]+(pt)?", value) for value in coordinates)


def read_csv_blocks(content: bytes) -> dict[str, list[list[str]]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so that Danish Excel reads æøå"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    blocks: dict[str, list[list[str]]] = {}
    current = None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            current = row[0]
            blocks[current] = []
        else:
            blocks[current].append(row)
    return blocks


def test_csv_has_one_block_per_section_with_the_same_figures(scenario_data, team_nord, manager):
    content = documents.manager_report_csv(unit=team_nord, period=PERIOD, user=manager, today=AS_OF)
    assert b"\r\n" in content
    blocks = read_csv_blocks(content)
    guarantee = {
        row[0]: row[1:]
        for row in blocks["Behandlingsgaranti pr. måned (anmodninger efter anmodningsmåned)"][1:]
    }
    expected, breaches = expected_guarantee()
    for (year, month), c in expected.items():
        share = percent(c["met"], c["met"] + c["breached"]).removesuffix(" %")
        assert guarantee[month_label(year, month)] == [
            str(c["met"]),
            str(c["breached"]),
            share if share != NO_VALUE else "",
            str(c["running"]),
            str(c["waived"]),
            str(c["not_covered"]),
        ]
    breach_rows = blocks["Overskridelser af behandlingsgarantien"][1:]
    assert [int(row[5]) for row in breach_rows] == [days for _inquiry, days in breaches]
    assert breach_rows[0][2] == "03-08-2026"
    transitions = {
        row[0]: row[1:]
        for row in blocks["Overgange fra døgn- til ambulant behandling (udskrevet i perioden)"]
    }
    assert transitions["Median dage fra udskrivning til første kontakt"] == ["3,5"]
    assert {
        "Sagsbelastning pr. sagsbehandler",
        "Tjek-ind: temaer pr. måned (antal besvarelser, der nævner temaet)",
        "Genhenvendelser",
    } <= blocks.keys()


# --- the background job and its page ----------------------------------------------------------


def test_manager_queues_a_job_and_downloads_the_finished_pdf(
    client, manager, team_nord, scenario_data, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("reports:manager_report_create", kwargs={"unit_id": team_nord.pk})
    with (
        mock.patch("reports.tasks.manager_report_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            url,
            {
                "period_start": PERIOD.start.isoformat(),
                "period_end": PERIOD.end.isoformat(),
                "file_format": "pdf",
            },
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job_detail", kwargs={"job_id": job.pk})
    # The request never talks to the broker (issue 16): the queued row is the outbox, and the
    # dispatcher publishes it, once.
    delay.assert_not_called()
    assert job.status == ReportJob.Status.QUEUED
    with mock.patch("reports.tasks.manager_report_task.delay") as delay:
        assert report_jobs_dispatch_task() == 1
        assert report_jobs_dispatch_task() == 0
    delay.assert_called_once_with(job.pk)

    polling = client.get(response["Location"], headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in polling.content.decode()
    assert "<html" not in polling.content.decode()

    manager_report_task(job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE

    done = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "every 2s" not in done.content.decode()
    download_url = reverse("reports:job_download", kwargs={"job_id": job.pk})
    assert download_url in done.content.decode()

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "Lederrapport" in pdf_text(download.content)
    entry = AccessLog.objects.get(object_type="manager_report")
    assert (entry.action, entry.unit_id_logged, entry.user_id) == (
        "export",
        team_nord.pk,
        manager.pk,
    )


def test_running_the_task_twice_makes_the_file_once(manager, team_nord, scenario_data):
    job = ReportJob.objects.create(
        user=manager,
        unit=team_nord,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        file_format="csv",
    )
    assert manager_report_task(job.pk) == "done"
    assert manager_report_task(job.pk) is None
    job.refresh_from_db()
    assert job.content is not None
    assert bytes(job.content).startswith(b"\xef\xbb\xbf")
    assert job.filename.endswith(".csv")


def test_a_queued_job_whose_message_was_lost_is_published_again(manager, team_nord, clock):
    job = ReportJob.objects.create(
        user=manager,
        unit=team_nord,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        file_format="csv",
    )
    with mock.patch("reports.tasks.manager_report_task.delay") as delay:
        assert report_jobs_dispatch_task() == 1
        clock.shift(timedelta(minutes=9))
        assert report_jobs_dispatch_task() == 0
        clock.shift(timedelta(minutes=2))
        assert report_jobs_dispatch_task() == 1
        ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.RUNNING)
        clock.shift(timedelta(minutes=11))
        assert report_jobs_dispatch_task() == 0
    assert delay.call_args_list == [mock.call(job.pk), mock.call(job.pk)]


def test_failed_job_stops_polling_with_a_message(client, manager, team_nord):
    job = ReportJob.objects.create(
        user=manager,
        unit=team_nord,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        file_format="pdf",
    )
    with (
        mock.patch("reports.documents.manager_report_pdf", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        manager_report_task(job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    client.force_login(manager)
    page = client.get(reverse("reports:job_detail", kwargs={"job_id": job.pk}))
    assert "every 2s" not in page.content.decode()
    assert "kunne ikke dannes" in page.content.decode()


def test_invalid_period_is_refused_without_a_job(client, manager, team_nord):
    client.force_login(manager)
    response = client.post(
        reverse("reports:manager_report_create", kwargs={"unit_id": team_nord.pk}),
        {"period_start": "2026-11-30", "period_end": "2026-06-01", "file_format": "pdf"},
    )
    assert response.status_code == 400
    assert not ReportJob.objects.exists()


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [
        ("caseworker", 403),
        ("residential_therapist", 403),
        ("admin_user", 403),
        ("other_unit_manager", 404),
        ("manager", 302),
    ],
)
def test_who_may_make_the_manager_report(client, request, team_nord, user_fixture, expected):
    client.force_login(request.getfixturevalue(user_fixture))
    with mock.patch("reports.tasks.manager_report_task.delay"):
        response = client.post(
            reverse("reports:manager_report_create", kwargs={"unit_id": team_nord.pk}),
            {"period_start": "2026-06-01", "period_end": "2026-11-30", "file_format": "pdf"},
        )
    assert response.status_code == expected
    assert ReportJob.objects.exists() is (expected == 302)


def test_reports_page_is_for_managers(client, caseworker, manager):
    client.force_login(caseworker)
    assert client.get(reverse("reports:index")).status_code == 403
    client.force_login(manager)
    page = client.get(reverse("reports:index"))
    assert page.status_code == 200
    assert "Lederrapport" in page.content.decode()


def test_anonymous_is_sent_to_login(client, team_nord):
    response = client.get(reverse("reports:index"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_another_managers_job_is_not_found(client, manager, other_unit_manager, team_nord):
    job = ReportJob.objects.create(
        user=manager,
        unit=team_nord,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        file_format="csv",
        status=ReportJob.Status.DONE,
        content=b"x",
        filename="x.csv",
    )
    client.force_login(other_unit_manager)
    assert client.get(reverse("reports:job_detail", kwargs={"job_id": job.pk})).status_code == 404
    assert client.get(reverse("reports:job_download", kwargs={"job_id": job.pk})).status_code == 404
    assert not AccessLog.objects.filter(object_type="manager_report").exists()


# --- scale ------------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_the_number_of_cases(manager):
    today = REPORT_DAY
    period = Period(today - timedelta(days=365), today)

    def count_queries(unit):
        with CaptureQueriesContext(connection) as queries:
            documents.manager_report_pdf(unit=unit, period=period, user=manager, today=today)
        return len(queries)

    unit = ensure_dataset(10, unit_name="Bench: test", today=today)
    small = count_queries(unit)
    ensure_dataset(100, unit_name="Bench: test", today=today)
    large = count_queries(unit)
    assert selectors.unit_cases(unit).count() == 100
    assert small == large
    # One query per section; the agreed-versus-delivered section (DESIGN §5.10) is the 16th.
    assert large <= 16


def test_period_longer_than_three_years_is_refused(client, manager, team_nord):
    client.force_login(manager)
    response = client.post(
        reverse("reports:manager_report_create", kwargs={"unit_id": team_nord.pk}),
        {"period_start": "2020-01-01", "period_end": "2026-11-23", "file_format": "csv"},
    )
    assert response.status_code == 400
    assert "højst være tre år" in response.content.decode()
    assert not ReportJob.objects.exists()
