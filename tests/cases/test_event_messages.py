"""Timeline codes (issue 18): every case_event_record(...) keeps its Danish description and adds a
code and values; cases.event_messages renders them in the active language on the timeline page
and in the API, and an old row without a code shows its description as it was written."""

from __future__ import annotations

import ast
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from cases import guarantee
from cases.event_messages import (
    MESSAGES,
    EventCode,
    event_description,
    event_text,
    part,
    reason_part,
)
from cases.models import CaseEvent
from cases.services import case_decision_save, case_move
from tests import factories
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cases", "treatment_options", "transitions", "rights")
RECORDERS = {"case_event_record", "case_event"}


def _sources() -> list[Path]:
    return [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "event_messages.py"
    ]


def _recorder_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in RECORDERS:
                    calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return calls


def test_the_catalogue_has_one_message_for_every_code_and_no_other():
    assert set(MESSAGES) == set(EventCode)


@pytest.mark.parametrize("code", list(EventCode))
def test_every_code_has_a_danish_and_an_english_message(code):
    with translation.override("da"):
        danish = str(MESSAGES[code])
    with translation.override("en"):
        english = str(MESSAGES[code])
    assert danish
    words = re.sub(r"%\(\w+\)s", "", danish)
    if re.search(r"[^\W\d_]", words):  # a message of only placeholders has nothing to translate
        assert english != danish, code


def test_every_call_site_passes_a_code():
    calls = _recorder_calls()
    # 23 calls of case_event_record in cases, treatment_options and the handover's helper, and
    # the handover's own calls of that helper.
    assert len(calls) >= 35
    missing = [where for where, call in calls if "code" not in {k.arg for k in call.keywords}]
    assert missing == []


def test_every_code_is_used_by_a_call_site_and_every_used_code_exists():
    used = set()
    for path in _sources():
        used |= set(re.findall(r"EventCode\.([A-Z0-9_]+)", path.read_text()))
    assert used == set(EventCode.__members__)


def test_an_unknown_code_or_values_that_do_not_fit_show_the_stored_description():
    assert event_text("", {}, "Gammel tekst") == "Gammel tekst"
    assert event_text("no.such.code", {"date": "2026-03-02"}, "Gammel tekst") == "Gammel tekst"
    assert event_text(EventCode.DECISION_SAVED, {}, "Gammel tekst") == "Gammel tekst"


def test_sentences_inside_values_are_rendered_in_the_active_language():
    warning = guarantee.decision_warning(date(2026, 3, 2), date(2026, 3, 20), "SEL101")
    assert warning is not None
    values = {
        "date": "2026-03-20",
        "decision_result": "granted",
        "also": [reason_part(warning)],
    }
    with translation.override("en"):
        english = event_text(EventCode.DECISION_SAVED, values)
    with translation.override("da"):
        danish = event_text(EventCode.DECISION_SAVED, values)
    assert english == (
        "Decision 20 March 2026: Granted. The decision was made 20 March 2026, 4 days after the "
        "deadline 16 March 2026 (14 days from the inquiry 2 March 2026). The decision must be "
        "made within the treatment guarantee (BEK 1477/2019 § 1)."
    )
    assert danish.startswith("Afgørelse 20.03.2026: Bevilget. Afgørelsen er truffet 20.03.2026")


def test_a_nested_state_and_a_legal_basis_label():
    values = {
        "request_id": 1,
        "request_basis": "SUL142",
        "requested_on": "2026-03-02",
        "state": part(EventCode.CONSULTATION_HELD, {"date": "2026-03-04"}),
    }
    with translation.override("en"):
        english = event_text(EventCode.CONSULTATION_SAVED, values)
    with translation.override("da"):
        danish = event_text(EventCode.CONSULTATION_SAVED, values)
    assert english == (
        "Doctor's consultation for the request Health Act § 142 (medical treatment) "
        "(2 March 2026): held 4 March 2026."
    )
    # What the Danish description says (str() of the request, then the state).
    assert danish == (
        "Lægesamtale for anmodningen Sundhedsloven § 142 (medicinsk behandling) (02.03.2026): "
        "holdt 04.03.2026."
    )


@pytest.mark.django_db
def test_a_move_and_a_decision_are_stored_in_danish_with_code_and_values(caseworker, case):
    case = case_move(actor=caseworker, case=case, action="start_assessment", note="Ringede")
    case_decision_save(
        actor=caseworker,
        case=case,
        expected_version=case.version,
        decision_date=TODAY,
        decision_result="granted",
        decision_text="Bevilget døgnbehandling.",
        decision_complaint_guidance=False,
    )
    moved = CaseEvent.objects.get(case=case, kind=CaseEvent.Kind.STATUS_CHANGED)
    decided = CaseEvent.objects.get(case=case, kind=CaseEvent.Kind.DECISION_SAVED)

    assert moved.description == "Start udredning: Ringede"
    assert (moved.code, moved.values) == (
        EventCode.STATUS_CHANGED_NOTE,
        {"action": "start_assessment", "note": "Ringede"},
    )
    assert decided.code == EventCode.DECISION_SAVED
    assert decided.values == {"date": TODAY.isoformat(), "decision_result": "granted"}
    # Rendered in Danish, the catalogue says what the stored description says.
    with translation.override("da"):
        assert event_description(moved) == moved.description
        assert event_description(decided) == decided.description
    with translation.override("en"):
        assert event_description(moved) == "Start assessment: Ringede"
        assert event_description(decided).startswith("Decision ")


def _timeline(client, user, case, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_timeline_in_english_shows_english_texts_and_in_danish_the_danish(
    client, caseworker, case
):
    case_move(actor=caseworker, case=case, action="start_assessment", note="Ringede")
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.OTHER,
        occurred_at=timezone.now(),
        description="Sagen er flyttet fra det gamle fagsystem.",
    )

    english = _timeline(client, caseworker, case, "en")
    assert "Start assessment: Ringede" in english
    assert "Start udredning" not in english
    # An old row has no code: its description is shown as it was written.
    assert "Sagen er flyttet fra det gamle fagsystem." in english

    danish = _timeline(client, caseworker, case, "da")
    assert "Start udredning: Ringede" in danish
    assert "Sagen er flyttet fra det gamle fagsystem." in danish


@pytest.mark.django_db
def test_the_api_gives_code_values_and_the_text_in_the_asked_language(client, caseworker, case):
    case_move(actor=caseworker, case=case, action="start_assessment")
    client.force_login(caseworker)
    url = f"/api/v1/cases/{case.pk}/events/"

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    danish = client.get(url, HTTP_ACCEPT_LANGUAGE="da")

    assert english.status_code == 200
    assert danish.status_code == 200
    event = english.json()["results"][-1]
    assert event["code"] == "case.status_changed"
    assert event["values"] == {"action": "start_assessment"}
    assert event["description"] == "Start udredning"
    assert event["text"] == "Start assessment"
    assert danish.json()["results"][-1]["text"] == "Start udredning"


@pytest.mark.django_db
def test_the_case_page_shows_the_consultation_warning_in_english(client, caseworker, team_nord):
    case = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SUL142",
        inquiry_date=TODAY - timedelta(days=10),
        treatment_started_on=TODAY - timedelta(days=2),
    )
    client.force_login(caseworker)
    url = reverse("cases:detail", kwargs={"case_id": case.pk})

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    danish = client.get(url).content.decode()

    assert "Doctor&#x27;s consultation missing" in english or "Doctor's consultation missing" in (
        english
    )
    assert "Lægesamtale mangler" not in english
    assert "Lægesamtale mangler" in danish


@pytest.mark.django_db
def test_the_api_gives_a_requests_warnings_with_code_and_values(client, caseworker, team_nord):
    started = TODAY - timedelta(days=2)
    case = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SUL142",
        inquiry_date=TODAY - timedelta(days=10),
        treatment_started_on=started,
    )
    client.force_login(caseworker)

    response = client.get(f"/api/v1/cases/{case.pk}/")

    assert response.status_code == 200
    (request,) = response.json()["requests"]
    (warning,) = request["warnings"]
    assert warning["reason_code"] == "guarantee.doctor_consultation_missing"
    assert warning["reason_values"] == {"started": started.isoformat()}
    assert warning["reason"].startswith("Lægesamtale mangler")


@pytest.mark.django_db
def test_every_event_of_the_demo_has_a_code_whose_values_render_in_both_languages():
    # The demo is made through the services: nearly every call site writes its entries here.

    call_command("seed_demo", "--force")
    events = list(CaseEvent.objects.all())
    assert len({e.code for e in events}) >= 15
    for event in events:
        assert event.code, event.description
        for language in ("da", "en"):
            with translation.override(language):
                text = event_text(event.code, event.values, strict=True)
            assert text and "%(" not in text, (event.code, language)
        with translation.override("da"):
            danish = event_text(event.code, event.values, strict=True)
        # The Danish rendering says what the stored description says, the dates perhaps in
        # the one Danish date style where the description wrote them as ISO dates.
        if not re.search(r"\d{4}-\d{2}-\d{2}", event.description):
            assert danish == event.description, event.code


@pytest.mark.django_db
def test_the_suite_refuses_an_entry_whose_values_do_not_fit_its_code(caseworker, case):
    # tests/conftest.py renders every entry a test writes: a call site that passes the wrong
    # values fails its own tests.
    from cases.services import case_event_record

    with pytest.raises(KeyError):
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.DECISION_SAVED,
            actor=caseworker,
            description="Afgørelse.",
            code=EventCode.DECISION_SAVED,
            values={"date": "2026-03-02"},
        )
