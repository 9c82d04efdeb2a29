"""Long texts on the handover pages are shown shortened with "Vis hele teksten", the whole
text still in the page (issue 18)."""

from __future__ import annotations

from django.urls import reverse

from transitions import services
from transitions.models import PlanSection, StatusNote

LONG = ("Borgeren vil bo tæt på sin søster og have hjælp til økonomien. " * 400)[:20_000]


def test_transition_page_shortens_a_long_plan_section(client, transition, residential_therapist):
    PlanSection.objects.filter(transition=transition, key="housing").update(
        text="Første afsnit.\n\n" + LONG
    )
    client.force_login(residential_therapist)
    response = client.get(reverse("transitions:detail", kwargs={"case_id": transition.case_id}))
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index('id="plan-housing"') :]
    section = section[: section.index("</section>")]
    assert "Vis hele teksten" in section
    assert '<div class="long-text-whole long-text-paragraphs"><p>Første afsnit.</p>' in section
    assert LONG in section


def test_note_page_shortens_a_long_note(client, transition, residential_therapist):
    note = services.status_note_create(
        transition=transition,
        actor=residential_therapist,
        kind=StatusNote.Kind.MIDWAY,
        body=LONG,
    )
    client.force_login(residential_therapist)
    url = reverse("transitions:note_detail", kwargs={"case_id": transition.case_id, "pk": note.pk})
    html = client.get(url).content.decode()
    assert "Vis hele teksten" in html
    assert LONG in html
