"""The "Rapporter" page and the report buttons snippet for the case page."""

from __future__ import annotations

from datetime import timedelta

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from reports.models import ReportJob
from tests import factories
from tests.clock import REPORT_DAY


def render_buttons(user, case, consents):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "reports/_case_buttons.html", {"case": case, "consents": consents}, request=request
    )


def test_buttons_offer_the_report_and_one_choice_per_valid_consent(caseworker, case):
    valid = factories.ConsentFactory(case=case, party_name="Vestas A/S", recorded_by=caseworker)
    expired = factories.ConsentFactory(
        case=case,
        party_name="Jobcenter Aalborg",
        party_kind="jobcenter",
        recorded_by=caseworker,
        valid_from=REPORT_DAY - timedelta(days=90),
        valid_to=REPORT_DAY - timedelta(days=1),
    )
    html = render_buttons(caseworker, case, [valid, expired])

    assert reverse("reports:case_report", kwargs={"case_id": case.pk}) in html
    assert 'name="fuldt_cpr"' in html
    assert reverse("reports:external_case_report", kwargs={"case_id": case.pk}) in html
    assert f'value="{valid.pk}"' in html
    assert "Jobcenter Aalborg" not in html
    assert "csrfmiddlewaretoken" in html


def test_no_external_choice_for_a_user_who_may_not_disclose(manager, caseworker, case):
    consent = factories.ConsentFactory(case=case, recorded_by=caseworker)
    html = render_buttons(manager, case, [consent])
    assert reverse("reports:case_report", kwargs={"case_id": case.pk}) in html
    assert reverse("reports:external_case_report", kwargs={"case_id": case.pk}) not in html


def test_reports_page_lists_the_managers_own_jobs(
    client, manager, other_unit_manager, team_nord, team_syd
):
    mine = ReportJob.objects.create(
        user=manager,
        unit=team_nord,
        period_start=REPORT_DAY - timedelta(days=30),
        period_end=REPORT_DAY,
        file_format="pdf",
        status=ReportJob.Status.DONE,
        content=b"%PDF",
        filename="x.pdf",
    )
    theirs = ReportJob.objects.create(
        user=other_unit_manager,
        unit=team_syd,
        period_start=REPORT_DAY,
        period_end=REPORT_DAY,
        file_format="csv",
    )
    client.force_login(manager)
    html = client.get(reverse("reports:index")).content.decode()

    assert reverse("reports:job_download", kwargs={"job_id": mine.pk}) in html
    assert reverse("reports:job_detail", kwargs={"job_id": theirs.pk}) not in html
    assert reverse("reports:manager_report_create", kwargs={"unit_id": team_nord.pk}) in html
    assert reverse("reports:register_extract", kwargs={"unit_id": team_nord.pk}) in html
    assert html.count("<h1") == 1


def test_job_page_works_without_javascript(client, manager, team_nord):
    job = ReportJob.objects.create(
        user=manager,
        unit=team_nord,
        period_start=REPORT_DAY,
        period_end=REPORT_DAY,
        file_format="pdf",
    )
    client.force_login(manager)
    html = client.get(reverse("reports:job_detail", kwargs={"job_id": job.pk})).content.decode()
    assert '<meta http-equiv="refresh"' in html  # inside <noscript>
    assert 'hx-trigger="every 2s"' in html
