"""The catalogue selectors."""

from __future__ import annotations

from tests import factories
from treatment_options.selectors import episodes_of_case, offer_list, offers_for_case


def test_offers_serving_a_legal_basis(residential_offer, outpatient_offer, ambulant_provider):
    anonymous = factories.OfferFactory(
        provider=ambulant_provider,
        name="Anonym",
        treatment_type="anonymous",
        legal_bases=["SEL101A"],
    )
    factories.OfferFactory(provider=ambulant_provider, name="Lukket", active=False)

    assert offer_list(legal_basis="SEL101A") == [anonymous]
    assert set(offer_list(legal_basis="SEL101")) == {residential_offer, outpatient_offer}
    assert offer_list(treatment_type="residential") == [residential_offer]
    assert len(offer_list(active_only=False)) == 4


def test_offers_for_case_and_its_episodes(case, residential_offer, outpatient_offer):
    episode = factories.EpisodeFactory(case=case, offer=outpatient_offer)

    assert set(offers_for_case(case)) == {residential_offer, outpatient_offer}
    assert list(episodes_of_case(case)) == [episode]
