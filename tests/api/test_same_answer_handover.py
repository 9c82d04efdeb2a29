"""One rule, one answer (DESIGN §1): the pages and the API ask the same function who may change
an episode, and refuse with the same status and message.

The case is `handover`: Team Nord's case with a started residential episode at Sydgården, the
outpatient therapist (Rusmiddelcenter Ambulant) named on its transition."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

# --- who may change an episode ----------------------------------------------------------------

# The case's caseworker, and staff of the provider the episode is at. The outpatient therapist
# holds a write grant on the case (named on the transition) and the role permission to change
# episodes, but the episode is at another unit's provider; the manager may only read.
MAY_CHANGE_RESIDENTIAL_EPISODE = {
    "caseworker": True,
    "residential_therapist": True,
    "outpatient_therapist": False,
    "manager": False,
}


@pytest.mark.parametrize("user_fixture", sorted(MAY_CHANGE_RESIDENTIAL_EPISODE))
def test_case_page_episode_page_and_api_agree_on_who_may_change_an_episode(
    request, handover, client, client_for, user_fixture
):
    user = request.getfixturevalue(user_fixture)
    may = MAY_CHANGE_RESIDENTIAL_EPISODE[user_fixture]
    case, episode = handover.case, handover.episode
    client.force_login(user)
    kwargs = {"case_id": case.pk, "pk": episode.pk}
    offer = episode.offer.name

    case_page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    label = "Registrér" if may else "Vis"
    assert f'{label}<span class="sr-only"> forløb {offer}</span>' in case_page

    episode_page = client.get(reverse("treatment_options:episode_detail", kwargs=kwargs))
    assert episode_page.status_code == 200
    assert ("end_form" in episode_page.context) is may

    # An end date in the future: whoever may change the episode is told so (a field error),
    # the others are refused before their input is looked at.
    tomorrow = str(timezone.localdate() + timedelta(days=1))
    end = {"actual_end": tomorrow, "end_reason": "completed"}
    page = client.post(reverse("treatment_options:episode_end", kwargs=kwargs), end)
    api = client_for(user).post(f"/api/v1/episodes/{episode.pk}/end/", end, format="json")
    if may:
        assert page.status_code == 200
        assert "Slutdatoen kan ikke ligge i fremtiden." in page.content.decode()
        assert api.status_code == 400
        assert api.json() == {"actual_end": ["Slutdatoen kan ikke ligge i fremtiden."]}
    else:
        assert page.status_code == api.status_code == 403
    episode.refresh_from_db()
    assert episode.actual_end is None
