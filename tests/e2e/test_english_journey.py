"""Issue 18, acceptance 1: in English, every role's key pages show no Danish text outside the
allow-list of Danish legal names and the test data's names (tests/e2e/danish_text.py).

Each role signs in after switching the footer's language switch to English, walks its pages
(start page, inbox, case list and search, citizen, case, requests, decision, assessment, timeline,
handover plan, notes, meetings, check-ins, contacts, reports, access log, API docs, forms with an
error summary); the visible text of each (`document.body.innerText`) goes through the detector
(Danish words, Danish-style dates, "week(s)" plurals), and the test fails with every page's URL
and its lines at once. The case report PDF is always Danish (reports/pdf.py): it is checked to be
the very document a Danish session downloads. The test data's free texts are written in English,
as an English-speaking user would write them.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from notifications.models import Notification
from notifications.sweep import reminder_sweep
from tests import factories
from tests.e2e.danish_text import Finding, danish_findings, date_style_findings
from tests.factories.accounts import PASSWORD
from transitions import services as handover_services
from transitions.models import CheckIn, StatusNote
from treatment_options.models import TreatmentPlanVersion
from treatment_options.services import episode_end


@pytest.fixture
def english_world(
    handover_builder, outpatient_offer, outpatient_therapist, residential_therapist, caseworker
):
    """`residential_case` (Mette Hansen, Team Nord) handed over from Sydgården to outpatient
    aftercare, with a held meeting, a before-discharge note, a commitment, a contact, answered
    and open check-ins and an unread notification: every page of the walk has something on it."""
    today = timezone.localdate()
    author = residential_therapist
    handover = handover_builder.through_services(
        stage="planning",
        planned_discharge_on=today,
        first_appointment_at=timezone.make_aware(datetime.combine(today + timedelta(3), time(10))),
        first_appointment_place="Outpatient clinic, room 3",
        first_appointment_with="Anders Ambulant",
        plan={
            "housing": "Lives with his mother until May, then in a flat of his own.",
            "goals": "Stay sober and go back to work part-time in January.",
        },
        commitments=[
            {
                "description": "Individual sessions",
                "starts_on": today,
                "contacts_per_period": 1,
                "period_weeks": 1,
                "responsible": outpatient_therapist,
            }
        ],
        notes=[
            {
                "kind": StatusNote.Kind.BEFORE_DISCHARGE,
                "severity": StatusNote.Severity.WATCH,
                "summary": "Stable for six weeks, unsure about housing.",
                "risks": "Relapse when lonely at weekends.",
                "contingency": "Call the outpatient therapist the same day.",
                "overdose_risk": "Low tolerance after twelve weeks; naloxone handed out.",
                "naloxone": StatusNote.Naloxone.YES,
                "tolerance_talk": True,
                "first_72h_who": "Anders, the outpatient therapist",
                "first_72h_when": "The day after discharge at 10",
                "first_72h_unreachable": "Call the sister; otherwise a home visit the same day.",
                "actions": [
                    handover_services.PlannedAction(
                        text="Book a meeting with the housing adviser",
                        owner=outpatient_therapist,
                        due_on=today + timedelta(days=14),
                    )
                ],
            }
        ],
        meetings=[
            {
                "starts_at": timezone.now() - timedelta(days=1),
                "place": "Meeting room 2",
                "held": True,
                "agenda": "The first weeks at home.",
                "minutes": "The citizen talked about the plans for the first weeks at home.",
                "decisions": "First outpatient session three days after discharge.",
            }
        ],
    )
    transition = handover.transition
    # A changed rate and start: the commitment's history on its page.
    handover_services.commitment_change(
        commitment=handover.commitments[0],
        actor=outpatient_therapist,
        changes={
            "contacts_per_period": 2,
            "period_weeks": 1,
            "starts_on": today + timedelta(days=3),
        },
        reason="The citizen asked for more sessions in the first weeks.",
    )
    final = transition.checkins.get(kind=CheckIn.Kind.FINAL)
    handover_services.checkin_answer(
        checkin=final,
        actor=author,
        answer="Being alone in the flat in the evening.",
        themes=["network", "relapse"],
        needs_follow_up=False,
    )
    episode_end(
        actor=caseworker,
        episode=handover.residential_episode,
        actual_end=today,
        end_reason="completed",
    )
    outpatient = factories.EpisodeFactory(
        case=transition.case,
        offer=outpatient_offer,
        referral_date=today - timedelta(days=2),
        actual_start=today,
        treatment_plan_on=today,
    )
    # The factory's plan says "Mål"/"Aktiviteter": the journey's users write English.
    TreatmentPlanVersion.objects.filter(plan__episode=outpatient).update(
        goals="Stay sober and find work.", activities="Weekly sessions and a relapse group."
    )
    transition.outpatient_episode = outpatient
    transition.save(update_fields=["outpatient_episode"])
    factories.ContactFactory(episode=outpatient, recorded_by=outpatient_therapist)
    # A consent to tell the employer, and a disclosure under it: the case page's consents.
    consent = factories.ConsentFactory(
        case=transition.case, purpose="Return to work", recorded_by=caseworker
    )
    factories.DisclosureFactory(
        case=transition.case,
        consent=consent,
        description="The transition plan, sent before the status meeting",
        disclosed_by=caseworker,
    )
    # The reminders as the sweep writes them (in Danish, as a worker does), shown in English.
    assert reminder_sweep(today=today + timedelta(days=15)) >= 2
    factories.NotificationFactory(
        recipient=caseworker,
        case=transition.case,
        message="The treatment guarantee ends in 7 days.",
    )
    return {
        "case": transition.case,
        "transition": transition,
        "note": handover.notes[0],
        "meeting": handover.meetings[0],
        "commitment": handover.commitments[0],
        "checkin": transition.checkins.exclude(kind=CheckIn.Kind.FINAL).first(),
        "final_checkin": final,
        "outpatient_episode": outpatient,
        "consent": consent,
    }


def sign_in_in_english(page: Any, username: str) -> None:
    """Switch the login page's language switch to English, then sign in (by field names: the
    labels are English now)."""
    page.goto("/accounts/login/")
    page.locator("form.language-switch select").select_option("en")
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:not(.language-switch) button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


# The page's visible text with the excluded elements hidden for the moment of reading (a
# property set through the CSSOM, which the CSP allows), then shown again.
VISIBLE_TEXT = "() => document.body.innerText"


class Walk:
    """Visits pages and keeps, per URL, the Danish lines found on each."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.found: dict[str, list[Finding]] = {}

    def check(self, label: str = "") -> None:
        page = self.page
        purpose = page.locator("form.purpose-prompt button[type=submit]")
        if purpose.count():
            self._check_text(f"{page.url} (purpose prompt)")
            with page.expect_navigation():
                purpose.first.click()
        self._check_text(f"{page.url}{label}")

    def _check_text(self, key: str) -> None:
        page = self.page
        text = page.evaluate(VISIBLE_TEXT)
        findings = danish_findings(text) + date_style_findings(text)
        if findings:
            self.found.setdefault(key, []).extend(findings)

    def visit(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        self.check()

    def visit_error_page(self, path: str, status: int) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status == status, path
        self.check(f" ({status})")

    def submit_empty(self, path: str) -> None:
        """Open a form and send it as it is: the error summary and the field errors."""
        self.page.goto(path)
        form = self.page.locator("#main-content form[method=post]").last
        # Some forms are posted by htmx and swapped in place: wait for the errors, not a load.
        form.locator("button[type=submit]").last.click()
        self.page.locator(".form-error-summary").first.wait_for()
        self.check(" (form with errors)")

    def check_pdf(self, path: str) -> None:
        """The PDFs are always Danish (docs/architecture.md, "Dates"; reports/pdf.py): they go to
        Danish authorities and citizens. So the case report an English session downloads must
        be the very document a Danish session gets, with no English leaking into it."""
        english = self._pdf_text(path)
        self._language("da")
        danish = self._pdf_text(path)
        self._language("en")
        if english != danish:
            diff = difflib.unified_diff(
                danish.splitlines(), english.splitlines(), "Danish session", "English", lineterm=""
            )
            self.found[f"{path} (PDF, differs from the Danish one)"] = [
                Finding(line=line, words=()) for line in diff
            ]

    def _language(self, code: str) -> None:
        origin = "/".join(self.page.url.split("/")[:3])
        self.page.context.add_cookies([{"name": "django_language", "value": code, "url": origin}])

    def _pdf_text(self, path: str) -> str:
        from pypdf import PdfReader

        response = self.page.request.get(path)
        assert response.status == 200, (path, response.status)
        reader = PdfReader(io.BytesIO(response.body()))
        text = "\n".join(p.extract_text() or "" for p in reader.pages)
        # The printing time is to the minute: the two downloads may straddle one.
        return re.sub(r"\d\d:\d\d", "HH:MM", text)

    def assert_english(self) -> None:
        if self.found:
            lines = ["Danish text in the English UI:"]
            for url, findings in self.found.items():
                lines.append(f"\n{url}")
                lines.extend(f"    {finding}" for finding in findings)
            pytest.fail("\n".join(lines), pytrace=False)


def caseworker_pages(walk: Walk, w: dict[str, Any]) -> None:
    case, citizen = w["case"], w["case"].citizen
    walk.visit("/")
    walk.visit("/indbakke/")
    walk.visit("/sager/")
    walk.page.locator("input[name=q]").fill("Hansen")
    with walk.page.expect_navigation():
        walk.page.locator("input[name=q]").press("Enter")
    walk.check(" (search)")
    walk.visit(f"/sager/borger/{citizen.pk}/")
    walk.visit(f"/sager/{case.pk}/")
    walk.visit(f"/sager/{case.pk}/tidslinje/")
    walk.visit(f"/sager/{case.pk}/afgoerelse/")
    walk.visit(f"/sager/{case.pk}/afdaekning/")
    walk.submit_empty(f"/sager/{case.pk}/anmodninger/ny/")
    walk.submit_empty("/sager/borger/ny/")
    walk.visit(f"/overgange/{case.pk}/")
    walk.visit(f"/overgange/{case.pk}/notater/{w['note'].pk}/")
    walk.visit(f"/overgange/{case.pk}/moeder/{w['meeting'].pk}/")
    walk.visit(f"/overgange/{case.pk}/indsatser/{w['commitment'].pk}/")
    walk.visit(f"/sager/{case.pk}/handleplan/")
    walk.submit_empty(f"/sager/{case.pk}/samtykker/nyt/")
    walk.visit("/tilbud/")
    walk.visit(f"/sager/{case.pk}/omfordel/")
    walk.visit(f"/sager/{case.pk}/samtykker/{w['consent'].pk}/tilbagetraek/")
    walk.visit(f"/sager/{case.pk}/underretning/ny/")
    walk.visit(f"/sager/{case.pk}/samtykke-til-behandling/nyt/")
    walk.visit(f"/rettigheder/sag/{case.pk}/")
    walk.visit(f"/sager/borger/{citizen.pk}/berigtig/")
    walk.visit(f"/tilbud/sag/{case.pk}/henvis/")
    walk.visit(f"/overgange/{case.pk}/rediger/")
    walk.visit(f"/overgange/{case.pk}/tjek-ind/plan/")
    walk.visit("/accounts/adgangskode/")
    walk.visit("/accounts/tofaktor/")
    walk.visit("/accounts/stedfortraeder/")
    walk.visit("/api/docs/")
    walk.check_pdf(f"/rapporter/sag/{case.pk}/statusrapport/")


def residential_pages(walk: Walk, w: dict[str, Any]) -> None:
    case = w["case"]
    walk.visit("/")
    walk.visit("/indbakke/")
    walk.visit("/sager/")
    walk.visit(f"/overgange/{case.pk}/")
    walk.visit(f"/overgange/{case.pk}/tjek-ind/{w['final_checkin'].pk}/")
    walk.visit(f"/overgange/{case.pk}/plan/housing/")
    walk.visit(f"/overgange/{case.pk}/plan/housing/historik/")
    walk.visit(f"/overgange/{case.pk}/notater/{w['note'].pk}/")
    walk.visit(f"/overgange/{case.pk}/moeder/{w['meeting'].pk}/")
    walk.submit_empty(f"/overgange/{case.pk}/notater/ny/?type=before_discharge")
    walk.submit_empty(f"/overgange/{case.pk}/moeder/nyt/")


def outpatient_pages(walk: Walk, w: dict[str, Any]) -> None:
    case = w["case"]
    walk.visit("/")
    walk.visit("/indbakke/")
    walk.visit("/sager/")
    walk.visit(f"/sager/{case.pk}/")
    walk.visit(f"/overgange/{case.pk}/")
    walk.visit(f"/overgange/{case.pk}/tjek-ind/{w['checkin'].pk}/")
    walk.visit(f"/tilbud/sag/{case.pk}/forloeb/{w['outpatient_episode'].pk}/")
    walk.visit(f"/tilbud/sag/{case.pk}/forloeb/{w['outpatient_episode'].pk}/behandlingsplan/")
    walk.visit(f"/overgange/{case.pk}/bekraeft/")
    walk.visit(f"/overgange/{case.pk}/indsatser/ny/")
    walk.submit_empty(f"/overgange/{case.pk}/kontakter/ny/")


def manager_pages(walk: Walk, w: dict[str, Any]) -> None:
    case = w["case"]
    walk.visit("/")
    walk.visit("/sager/")
    walk.visit(f"/sager/{case.pk}/")
    walk.visit("/sager/adgangslog/")
    walk.visit("/rettigheder/team/")
    walk.visit("/sager/flyt-sager/")
    walk.visit("/sager/noedadgang/mangler-gennemgang/")
    walk.visit("/sager/?status=in_treatment")
    walk.visit_error_page("/sager/999999/", 404)
    walk.visit("/rapporter/")
    # The manager report without a period: the form's errors.
    walk.page.locator("input[name$=period_start]").fill("")
    walk.page.get_by_role("button", name="Generate manager report").click()
    walk.page.locator(".form-error-summary").wait_for()
    walk.check(" (manager report form with errors)")


def admin_pages(walk: Walk, w: dict[str, Any]) -> None:
    walk.visit("/")
    walk.visit("/accounts/tofaktor/")
    walk.visit("/admin/")
    walk.visit("/admin/accounts/user/")
    walk.visit("/admin/treatment_options/offer/")
    walk.visit("/api/docs/")


ROLES: dict[str, tuple[str, Callable[[Walk, dict[str, Any]], None]]] = {
    "caseworker": ("caseworker", caseworker_pages),
    "residential_therapist": ("residential", residential_pages),
    "outpatient_therapist": ("outpatient", outpatient_pages),
    "manager": ("manager", manager_pages),
    "admin": ("admin", admin_pages),
}


@pytest.mark.parametrize("role", list(ROLES))
def test_the_english_journey_shows_no_danish(page, role, english_world, request):
    page.set_default_timeout(30_000)
    username, pages = ROLES[role]
    if role == "manager":
        request.getfixturevalue("manager")
    if role == "admin":
        request.getfixturevalue("admin_user")
    assert Notification.objects.exists()
    walk = Walk(page)
    sign_in_in_english(page, username)
    pages(walk, english_world)
    walk.assert_english()
