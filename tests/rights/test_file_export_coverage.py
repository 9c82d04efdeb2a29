"""Issue 14, acceptance 5 (the export's half): every model that holds data about a citizen is
either released by the access-to-file export or named, with a reason, among its exclusions."""

from __future__ import annotations

from rights.file_export import EXCLUDED, SECTIONS
from tests.rights.citizen_models import citizen_data_model_labels


def test_every_citizen_data_model_is_exported_or_excluded_with_a_reason():
    exported = {section.label for section in SECTIONS}
    missing = citizen_data_model_labels() - exported - set(EXCLUDED)
    assert not missing, f"add to rights/file_export/sections.py (SECTIONS or EXCLUDED): {missing}"


def test_no_model_is_both_exported_and_excluded():
    exported = {section.label for section in SECTIONS}
    assert not exported & set(EXCLUDED)
    assert len(exported) == len(SECTIONS)


def test_every_exclusion_is_a_citizen_data_model_and_has_a_reason():
    # A stale entry (a model renamed or removed) would hide a gap.
    assert set(EXCLUDED) <= citizen_data_model_labels()
    assert all(str(reason).strip() for reason in EXCLUDED.values())
