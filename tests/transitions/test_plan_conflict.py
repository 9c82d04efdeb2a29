"""§5.1: each plan section is versioned on its own; a stale save never overwrites, and nothing
typed is lost."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from transitions.models import PlanSection, PlanSectionVersion
from transitions.services import PlanSectionConflict, plan_section_save

from .conftest import login

pytestmark = pytest.mark.django_db


def section_url(transition, key):
    return reverse("transitions:section_edit", kwargs={"case_id": transition.case_id, "key": key})


def form_version(response) -> int:
    """The version the edit form is based on, read from its hidden field as a browser would."""
    assert response.status_code == 200
    match = re.search(
        r'<input[^>]*name="based_on_version"[^>]*value="(\d+)"', response.content.decode()
    )
    assert match, "the edit form carries the version it is based on"
    return int(match.group(1))


def test_two_users_saving_the_same_section_the_second_gets_the_conflict_screen(
    named_transition, residential_therapist, outpatient_therapist
):
    url = section_url(named_transition, "housing")
    dorte, anders = login(residential_therapist), login(outpatient_therapist)
    # Both open the form before either saves.
    dorte_version = form_version(dorte.get(url))
    anders_version = form_version(anders.get(url))

    first = dorte.post(
        url, {"text": "Bor hos sin mor indtil 1. maj.", "based_on_version": dorte_version}
    )
    second = anders.post(
        url,
        {"text": "Har fået tilbudt egen lejlighed i Vestbyen.", "based_on_version": anders_version},
    )

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert "En anden har gemt afsnittet, mens du skrev" in page
    assert "Bor hos sin mor indtil 1. maj." in page  # the other's text
    assert "tilbudt egen lejlighed" in page  # their own text
    # Neither text is wrong: what only one holds is marked alike on both sides, never struck
    # through (issue 18).
    assert page.count('<mark class="diff-only">') == 2
    assert "<del" not in page and "diff-del" not in page
    assert 'class="form-input merge-text"' in page
    # Nothing overwritten: the section keeps the first save ...
    section = PlanSection.objects.get(transition=named_transition, key="housing")
    assert section.text == "Bor hos sin mor indtil 1. maj."
    assert section.version == 1
    # ... and both texts are in the history, the stale one flagged.
    versions = list(section.versions.order_by("number").values_list("text", "author", "is_stale"))
    assert versions == [
        ("Bor hos sin mor indtil 1. maj.", residential_therapist.pk, False),
        ("Har fået tilbudt egen lejlighed i Vestbyen.", outpatient_therapist.pk, True),
    ]


def test_two_users_saving_different_sections_never_conflict(
    named_transition, residential_therapist, outpatient_therapist
):
    dorte, anders = login(residential_therapist), login(outpatient_therapist)
    housing, work = section_url(named_transition, "housing"), section_url(named_transition, "work")
    dorte_version = form_version(dorte.get(housing))
    anders_version = form_version(anders.get(work))

    assert (
        dorte.post(
            housing, {"text": "Egen lejlighed.", "based_on_version": dorte_version}
        ).status_code
        == 302
    )
    assert (
        anders.post(
            work, {"text": "Praktik hos Vestas.", "based_on_version": anders_version}
        ).status_code
        == 302
    )

    texts = dict(
        PlanSection.objects.filter(
            transition=named_transition, key__in=["housing", "work"]
        ).values_list("key", "text")
    )
    assert texts == {"housing": "Egen lejlighed.", "work": "Praktik hos Vestas."}
    assert not PlanSectionVersion.objects.filter(is_stale=True).exists()


def test_conflict_resolved_by_a_merge_becomes_the_next_version(
    named_transition, residential_therapist, outpatient_therapist
):
    url = section_url(named_transition, "goals")
    dorte, anders = login(residential_therapist), login(outpatient_therapist)
    anders_version = form_version(anders.get(url))
    dorte.post(url, {"text": "Holde sig stoffri.", "based_on_version": 0})
    conflict = anders.post(url, {"text": "Komme i arbejde.", "based_on_version": anders_version})
    current = form_version(conflict)  # the merge form is based on the version now saved

    merged = anders.post(
        url,
        {
            "text": "Holde sig stoffri og komme i arbejde.",
            "based_on_version": current,
            "resolution": "merge",
        },
    )

    assert merged.status_code == 302
    section = PlanSection.objects.get(transition=named_transition, key="goals")
    assert section.text == "Holde sig stoffri og komme i arbejde."
    latest = section.versions.get(number=section.version)
    assert latest.is_merge and latest.based_on == 1 and latest.author == outpatient_therapist
    assert section.versions.count() == 3  # Dorte's, Anders' stale text, the merge


def test_choosing_the_other_text_keeps_it_and_the_stale_text_stays_in_history(
    named_transition, residential_therapist, outpatient_therapist
):
    section = PlanSection.objects.get(transition=named_transition, key="network")
    plan_section_save(
        actor=residential_therapist, section=section, text="Ny AA-gruppe.", based_on_version=0
    )
    with pytest.raises(PlanSectionConflict) as raised:
        plan_section_save(
            actor=outpatient_therapist, section=section, text="Søster.", based_on_version=0
        )

    assert raised.value.current_text == "Ny AA-gruppe."
    assert raised.value.current_version == 1
    assert raised.value.stale_text == "Søster."
    section.refresh_from_db()
    assert section.text == "Ny AA-gruppe."
    assert section.versions.filter(is_stale=True, text="Søster.").exists()


def test_resending_the_same_stale_save_stores_it_once(
    named_transition, residential_therapist, outpatient_therapist
):
    section = PlanSection.objects.get(transition=named_transition, key="daily")
    plan_section_save(
        actor=residential_therapist, section=section, text="Gåture.", based_on_version=0
    )
    for _ in range(2):
        with pytest.raises(PlanSectionConflict):
            plan_section_save(
                actor=outpatient_therapist, section=section, text="Fitness.", based_on_version=0
            )
    assert section.versions.filter(is_stale=True).count() == 1


def test_saving_unchanged_text_makes_no_new_version(named_transition, residential_therapist):
    section = PlanSection.objects.get(transition=named_transition, key="finances")
    first = plan_section_save(
        actor=residential_therapist, section=section, text="Gæld afdrages.", based_on_version=0
    )
    again = plan_section_save(
        actor=residential_therapist, section=section, text="Gæld afdrages.\r\n", based_on_version=1
    )
    assert again.pk == first.pk
    assert section.versions.count() == 1


def test_htmx_save_returns_only_the_section_fragment(named_transition, residential_therapist):
    client = login(residential_therapist)
    response = client.post(
        section_url(named_transition, "health"),
        {"text": "Medicin: ingen.", "based_on_version": 0},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="plan-section" id="plan-health"')
    assert "<html" not in body
    assert "Gemt som version 1." in body


def test_user_text_on_the_conflict_screen_is_escaped(
    named_transition, residential_therapist, outpatient_therapist
):
    url = section_url(named_transition, "legal")
    login(residential_therapist).post(url, {"text": "<b>fed</b> dom", "based_on_version": 0})
    response = login(outpatient_therapist).post(
        url, {"text": "<script>alert(1)</script>", "based_on_version": 0}
    )
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;fed&lt;/b&gt;" in body


def test_history_compares_any_two_versions(
    named_transition, residential_therapist, outpatient_therapist
):
    section = PlanSection.objects.get(transition=named_transition, key="relapse")
    plan_section_save(
        actor=residential_therapist, section=section, text="Søvnløshed.", based_on_version=0
    )
    plan_section_save(
        actor=outpatient_therapist,
        section=section,
        text="Søvnløshed og isolation.",
        based_on_version=1,
    )
    plan_section_save(
        actor=residential_therapist, section=section, text="Isolation.", based_on_version=2
    )
    url = reverse(
        "transitions:section_history",
        kwargs={"case_id": named_transition.case_id, "key": "relapse"},
    )

    response = login(outpatient_therapist).get(url, {"a": 1, "b": 3})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Version 1 sammenlignet med version 3" in body
    assert '<del class="diff-del"><span class="sr-only">Slettet: </span>Søvnløshed.</del>' in body
    assert body.count("<tr>") >= 4  # header + three versions
