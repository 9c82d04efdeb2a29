"""Long free texts are shown shortened with "Vis hele teksten" (issue 18): the beginning, and
the whole text in the page inside a closed <details>, never cut."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from cases import text_limits
from cases.models import Case
from tests import factories

pytestmark = pytest.mark.usefixtures("clock")

LONG_NOTE = ("Borgeren fortæller om sit forbrug og sin situation. " * 400)[:20_000]


def _render(text: str, **options: object) -> str:
    args = " ".join(f"{key}={value}" for key, value in options.items())
    template = Template("{% load long_texts %}{% long_text text " + args + " %}")
    return template.render(Context({"text": text}))


# --- the pure preview --------------------------------------------------------------------


def test_a_short_text_has_no_preview():
    assert text_limits.preview("Kort tekst.") == ""
    # Just over the preview is shown whole: a control for two more words helps nobody.
    assert text_limits.preview("x" * (text_limits.PREVIEW_CHARS + 10)) == ""


def test_a_long_text_is_previewed_at_a_word_boundary():
    head = text_limits.preview(LONG_NOTE)
    assert 0 < len(head) <= text_limits.PREVIEW_CHARS
    assert LONG_NOTE.startswith(head)
    assert LONG_NOTE[len(head)] in " ."  # whole words, no half word at the end


def test_a_text_of_many_short_lines_is_previewed_by_lines():
    text = "\n".join(f"Linje {n}" for n in range(50))
    head = text_limits.preview(text)
    assert head.count("\n") == text_limits.PREVIEW_LINES - 1


# --- the template tag --------------------------------------------------------------------


def test_a_short_text_is_rendered_escaped_and_whole():
    assert _render("<b>fed</b> & kort") == "&lt;b&gt;fed&lt;/b&gt; &amp; kort"


def test_a_long_text_renders_preview_control_and_the_whole_text_escaped():
    text = "<script>alert(1)</script> " + LONG_NOTE
    html = _render(text)
    assert '<details class="details long-text-details">' in html
    assert "Vis hele teksten" in html
    assert "<script>" not in html
    whole = re.search(r'<div class="long-text-whole">(.*?)</div>', html, re.S)
    assert whole is not None
    assert whole.group(1) == "&lt;script&gt;alert(1)&lt;/script&gt; " + LONG_NOTE.replace(
        "'", "&#x27;"
    )


def test_the_control_is_translated():
    with translation.override("en"):
        html = _render(LONG_NOTE)
    assert "Show the whole text" in html and "Vis hele teksten" not in html


def test_linebreaks_renders_paragraphs_in_the_whole_text():
    html = _render("Første afsnit.\n\n" + LONG_NOTE, linebreaks=True)
    assert '<div class="long-text-whole long-text-paragraphs"><p>Første afsnit.</p>' in html


# --- the pages ---------------------------------------------------------------------------


def test_case_page_shows_a_20000_character_note_shortened_and_keeps_it_whole(
    client, caseworker, case
):
    Case.objects.filter(pk=case.pk).update(inquiry_note=LONG_NOTE)
    client.force_login(caseworker)
    response = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    preview = text_limits.preview(LONG_NOTE)
    assert f'<div class="long-text-preview">{preview}<span aria-hidden="true">…</span>' in html
    assert '<summary class="details-summary long-text-summary">' in html
    assert "Vis hele teksten" in html
    # The whole text is in the page, inside the closed <details>, and nothing is cut.
    details = html[html.index('<details class="details long-text-details">') :]
    assert "<details" in details and " open" not in details[: details.index(">")]
    assert LONG_NOTE in details[: details.index("</details>")]


def test_timeline_shortens_a_long_event_description(client, caseworker, case):
    factories.CaseEventFactory(case=case, description=LONG_NOTE)
    client.force_login(caseworker)
    html = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert "Vis hele teksten" in html
    assert LONG_NOTE in html
