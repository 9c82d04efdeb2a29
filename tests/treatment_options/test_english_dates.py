"""Dates in choice labels and messages follow the reader's language (issue 18): the English
pages said "First request 27.11.2026" and "Aftercare (30.11.2026)"."""

from __future__ import annotations

from datetime import date

from django.utils import translation

from tests import factories
from treatment_options.forms import RequestChoiceField


def test_an_episode_and_a_request_name_their_date_in_the_readers_style(case, outpatient_offer):
    episode = factories.EpisodeFactory(
        case=case, offer=outpatient_offer, referral_date=date(2026, 11, 30)
    )
    request = case.requests.get()
    request.requested_on = date(2026, 11, 27)
    with translation.override("en"):
        assert str(episode).endswith("(30 November 2026)")
        assert "27 November 2026" in RequestChoiceField(queryset=None).label_from_instance(request)
        assert str(request).endswith("(27 November 2026)")
    assert str(episode).endswith("(30.11.2026)")
    assert "27.11.2026" in RequestChoiceField(queryset=None).label_from_instance(request)
