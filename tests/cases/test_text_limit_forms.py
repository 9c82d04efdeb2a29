"""Each free text has a limit that fits its use (cases.text_limits), said under the field and
enforced by the form with a Danish error that keeps what was typed (issue 18). A text stored
longer than its limit before is kept whole: sent back unchanged it is accepted, changed it must
fit."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from cases import text_limits
from cases.forms import AssessmentForm
from cases.forms.text import LimitedCharField
from cases.models import Case, Consent

pytestmark = pytest.mark.usefixtures("clock")

# Texts that are not free text a person writes: the system's own.
NOT_FREE_TEXT = {"reports.ReportJob.error"}


def test_every_stored_free_text_has_a_limit_in_the_table():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in {"cases", "transitions", "treatment_options", "reports"}
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and f"{model._meta.label}.{field.name}" not in text_limits.LIMITS
        and f"{model._meta.label}.{field.name}" not in NOT_FREE_TEXT
    ]
    assert missing == []


def test_the_table_names_only_fields_that_exist_and_fit_their_columns():
    for key, limit in text_limits.LIMITS.items():
        app_label, model_name, field_name = key.split(".")
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        # A CharField's column is the hard bound: the table may not promise more.
        assert field.max_length is None or limit <= field.max_length, key


def test_the_limits_fit_the_use():
    limits = text_limits.LIMITS
    assert limits["cases.Consent.party_name"] == 200  # a name: one line
    assert limits["cases.Consent.withdrawn_reason"] == 2_000  # a reason
    assert limits["transitions.PlanSection.text"] == 20_000  # a plan section
    assert limits["transitions.StatusMeeting.minutes"] == 20_000
    assert limits["transitions.StatusNote.summary"] == 20_000


def test_a_stored_text_over_the_limit_may_come_back_unchanged_but_not_changed():
    stored = "a\n" * 30
    assert text_limits.accepts_text("kort", 10)
    assert text_limits.accepts_text(stored.replace("\n", "\r\n") + "  ", 10, stored=stored)
    assert not text_limits.accepts_text(stored + "b", 10, stored=stored)
    assert not text_limits.accepts_text(stored, 10)


def test_a_line_break_counts_as_one_character():
    assert text_limits.text_length("a\r\nb") == 3


def test_the_field_says_its_limit_in_danish_and_english():
    field = LimitedCharField(limit=2_000)
    assert field.limit_text == "Højst 2.000 tegn."
    with translation.override("en"):
        assert field.limit_text == "At most 2,000 characters."
    assert "maxlength" not in field.widget_attrs(field.widget)  # the browser would cut a paste


# --- a form: the consent's party name (a title-like line, 200) ---------------------------


def _consent_post(client, case, party_name):
    return client.post(
        reverse("cases:consent_create", kwargs={"case_id": case.pk}),
        {
            "party_kind": "relative",
            "party_name": party_name,
            "information_kinds": ["health"],
            "purpose": "Koordinering",
            "form": "written",
            "valid_from": "2026-01-01",
        },
    )


def test_an_over_limit_name_is_refused_in_danish_and_what_was_typed_is_kept(
    client, caseworker, case
):
    client.force_login(caseworker)
    typed = "Æ" * 201
    response = _consent_post(client, case, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Højst 200 tegn (du har skrevet 201)." in html
    assert f'value="{typed}"' in html
    assert "Højst 200 tegn." in html  # said under the field before anyone errs
    assert not Consent.objects.filter(case=case).exists()


def test_a_name_at_the_limit_is_accepted(client, caseworker, case):
    client.force_login(caseworker)
    response = _consent_post(client, case, "Æ" * 200)
    assert response.status_code == 302
    assert Consent.objects.get(case=case).party_name == "Æ" * 200


def test_the_form_page_says_the_limit_under_a_long_text_field(client, caseworker, case):
    client.force_login(caseworker)
    html = client.get(reverse("cases:assessment", kwargs={"case_id": case.pk})).content.decode()
    assert "Højst 20.000 tegn." in html
    assert 'aria-describedby="id_social_helptext"' in html


# --- editing a record whose stored text is already over the limit ------------------------

OLD_TEXT = "Tidligere skrevet, før der var en grænse. " * 600  # 25,200 characters


def _assessment_post(client, case, **texts):
    data = {"version": case.version, **AssessmentForm.initial_for(case), **texts}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    return client.post(reverse("cases:assessment", kwargs={"case_id": case.pk}), data)


@pytest.fixture
def case_with_old_long_text(case):
    # Written before the limit (no form or API call today can store it): kept as it is.
    Case.objects.filter(pk=case.pk).update(assessment_social=OLD_TEXT)
    return Case.objects.get(pk=case.pk)


def test_an_old_over_limit_text_sent_back_unchanged_is_kept_whole(
    client, caseworker, case_with_old_long_text
):
    case = case_with_old_long_text
    client.force_login(caseworker)
    # The browser sends the textarea's line breaks as CR LF and the text without the final
    # space the form strips; it is still the same text.
    response = _assessment_post(client, case, social=OLD_TEXT.strip(), housing="Egen lejlighed")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assessment_housing == "Egen lejlighed"
    assert case.assessment_social.strip() == OLD_TEXT.strip()
    assert len(case.assessment_social) >= 25_000  # never cut


def test_an_old_over_limit_text_that_is_changed_must_fit(
    client, caseworker, case_with_old_long_text
):
    case = case_with_old_long_text
    client.force_login(caseworker)
    changed = OLD_TEXT.strip() + " Nyt."
    response = _assessment_post(client, case, social=changed)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Højst 20.000 tegn (du har skrevet {len(changed):,})".replace(",", ".") in html
    assert changed in html  # what was typed is kept
    case.refresh_from_db()
    assert case.assessment_social == OLD_TEXT  # unchanged in the database


def test_a_too_long_move_note_is_refused_with_its_limit_not_as_a_missing_action(
    client, caseworker, case
):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:move", kwargs={"case_id": case.pk}),
        {"action": "start_assessment", "note": "x" * 2_001},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Højst 2.000 tegn (du har skrevet 2.001)." in html
    assert "Højst 2.000 tegn." in html  # the hint under the note on the case page
    assert Case.objects.get(pk=case.pk).status == case.status
