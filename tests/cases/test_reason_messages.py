"""Reason codes (issue 18): the pure rules keep their Danish reason and add a code and values;
the catalogue in cases.reason_messages renders them in the active language."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cases import guarantee, lifecycle
from cases.reason_messages import MESSAGES, guarantee_reason, move_refusal, reason_text
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")

ALL_CODES = [
    *guarantee.ReasonCode,
    lifecycle.MoveNotAllowed.UNKNOWN_ACTION,
    lifecycle.MoveNotAllowed.NOT_FROM_STATUS,
]
INQUIRY = date(2026, 3, 2)


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_code_has_a_danish_and_a_different_english_message(code):
    assert code in MESSAGES
    with translation.override("da"):
        danish = str(MESSAGES[code])
    with translation.override("en"):
        english = str(MESSAGES[code])
    assert danish
    assert english != danish


def test_the_catalogue_holds_no_code_the_rules_do_not_have():
    assert set(MESSAGES) == set(ALL_CODES)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"legal_basis": "SEL101A"}, guarantee.ReasonCode.NOT_COVERED_ANONYMOUS),
        ({"regional_dual_diagnosis": True}, guarantee.ReasonCode.NOT_COVERED_REGIONAL),
        ({"started_on": date(2026, 3, 10)}, guarantee.ReasonCode.MET),
        ({"free_choice": True}, guarantee.ReasonCode.WAIVED),
        ({"started_on": date(2026, 3, 20)}, guarantee.ReasonCode.BREACHED_LATE_START),
        (
            {
                "started_on": date(2026, 3, 20),
                "free_choice": True,
                "free_choice_on": date(2026, 3, 18),
            },
            guarantee.ReasonCode.BREACHED_LATE_START_LATE_CHOICE,
        ),
        ({}, guarantee.ReasonCode.BREACHED_NO_START),
        (
            {"free_choice": True, "free_choice_on": date(2026, 3, 18)},
            guarantee.ReasonCode.BREACHED_NO_START_LATE_CHOICE,
        ),
        ({"today": date(2026, 3, 5)}, guarantee.ReasonCode.RUNNING),
    ],
)
def test_each_result_carries_its_code_and_renders_in_both_languages(kwargs, code):
    args = {"legal_basis": "SEL101", "today": date(2026, 4, 1), **kwargs}
    result = guarantee.evaluate(args.pop("legal_basis"), INQUIRY, **args)
    assert result.reason_code == code
    with translation.override("da"):
        danish = guarantee_reason(result)
    with translation.override("en"):
        english = guarantee_reason(result)
    assert "%(" not in danish and "%(" not in english
    assert danish != english
    assert english.startswith(("Not covered", "Met", "Waived", "Breached")) or (
        code is guarantee.ReasonCode.RUNNING and "days from the inquiry" in english
    )


def test_english_breach_says_days_and_english_dates():
    result = guarantee.evaluate(
        "SEL101", INQUIRY, today=date(2026, 4, 1), started_on=date(2026, 3, 17)
    )
    assert result.reason_values == {
        "days": 14,
        "inquiry": "2026-03-02",
        "deadline": "2026-03-16",
        "started": "2026-03-17",
        "over": 1,
    }
    assert result.reason.startswith("Overskredet med 1 dag")  # the Danish reason is unchanged
    with translation.override("en"):
        text = guarantee_reason(result)
    assert text.startswith("Breached by 1 day: treatment started")
    assert "2026" in text and "dag" not in text


def test_refused_move_in_english():
    with pytest.raises(lifecycle.MoveNotAllowed) as caught:
        lifecycle.move_for("closed", "refer")
    assert caught.value.reason_code == lifecycle.MoveNotAllowed.NOT_FROM_STATUS
    assert caught.value.reason_values == {
        "status": "closed",
        "target": "referred",
        "action": "refer",
    }
    with translation.override("en"):
        assert move_refusal(caught.value).startswith("The case cannot go from")


def test_unknown_code_falls_back_to_the_danish_reason():
    assert reason_text("", {}, "Løber") == "Løber"
    assert reason_text("no.such.code", {}, "Løber") == "Løber"


@pytest.mark.django_db
def test_english_case_page_shows_the_english_reason(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "days from the inquiry of" in html
    assert "dage fra henvendelse" not in html


@pytest.mark.django_db
def test_api_exposes_reason_code_and_values(client, caseworker, case):
    client.force_login(caseworker)
    response = client.get(reverse("api:case-detail", kwargs={"pk": case.pk}))
    assert response.status_code == 200
    g = response.json()["guarantee"]
    assert g["reason_code"] == "guarantee.running"
    assert g["reason_values"]["days"] == 14
    assert g["reason"].startswith("14 dage fra henvendelse")
    assert TODAY


def test_a_refusal_without_a_code_is_shown_as_it_was_raised():
    refused = lifecycle.MoveNotAllowed(lifecycle.CaseStatus.CLOSED, "refer", "Sagen er lukket")
    with translation.override("en"):
        assert move_refusal(refused) == "Sagen er lukket"


def test_an_unknown_action_is_named_as_it_was_given():
    with pytest.raises(lifecycle.MoveNotAllowed) as caught:
        lifecycle.move_for("inquiry", "fly")
    with translation.override("en"):
        assert move_refusal(caught.value) == "Unknown action: fly"
    with translation.override("da"):
        assert move_refusal(caught.value) == str(caught.value) == "Ukendt handling: fly"


def test_the_catalogue_does_not_reach_up_into_the_views():
    # The move labels live beside the catalogue; the view imports them from here.
    import ast
    from pathlib import Path

    import cases.reason_messages as catalogue
    from cases.views import moves

    tree = ast.parse(Path(catalogue.__file__).read_text())
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any("views" in module for module in imported)
    assert moves.ACTION_LABELS is catalogue.ACTION_LABELS
    with translation.override("en"):
        assert catalogue.action_label("close") == "Close case"
        assert catalogue.action_label("fly") == "fly"


@pytest.mark.parametrize(
    ("warning", "code", "english"),
    [
        (
            guarantee.decision_warning(INQUIRY, date(2026, 3, 18), "SEL101"),
            guarantee.ReasonCode.DECISION_LATE,
            "The decision was made 18 March 2026, 2 days after the deadline 16 March 2026",
        ),
        (
            guarantee.doctor_consultation_warning("SUL142", date(2026, 3, 10), None),
            guarantee.ReasonCode.DOCTOR_CONSULTATION_MISSING,
            "Doctor's consultation missing: treatment started 10 March 2026",
        ),
        (
            guarantee.doctor_consultation_warning("SUL142", date(2026, 3, 10), date(2026, 3, 12)),
            guarantee.ReasonCode.DOCTOR_CONSULTATION_AFTER_START,
            "The doctor's consultation 12 March 2026 is after the treatment start 10 March 2026",
        ),
    ],
)
def test_warnings_keep_their_danish_reason_and_render_in_english(warning, code, english):
    assert warning is not None
    assert warning.reason_code == code
    with translation.override("en"):
        assert guarantee_reason(warning).startswith(english)
    with translation.override("da"):
        shown = guarantee_reason(warning)
    # The same sentence as the Danish reason, with the dates in the Danish date style.
    assert shown.split(" ")[0] == warning.reason.split(" ")[0]
    assert "%(" not in shown
