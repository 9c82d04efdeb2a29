"""The purpose table (DESIGN §10, cases/purposes.py), context by context, and the writer that
refuses an entry without a purpose from the list."""

from __future__ import annotations

import pytest

from cases.access_log import access_log_record, access_log_verify
from cases.models import AccessLog
from cases.purposes import PICKABLE, Purpose, ReadContext, ReadKind, Role, purpose_for

PAGE, EXPORT, LIST, WRITE = ReadKind.PAGE, ReadKind.EXPORT, ReadKind.LIST, ReadKind.WRITE
CW, TH, MG, OT = Role.CASEWORKER, Role.THERAPIST, Role.MANAGER, Role.OTHER

# (context, purpose): None means the user is asked.
TABLE = [
    # A caseworker on a case of their own team: case work, open or closed.
    (ReadContext(PAGE, CW, own_team=True, holds_case=True), Purpose.CASE_WORK),
    (ReadContext(PAGE, CW, own_team=True, case_open=False), Purpose.CASE_WORK),
    # A caseworker of another team reads only through break the glass.
    (ReadContext(PAGE, CW, break_glass=True), Purpose.BREAK_GLASS),
    (ReadContext(PAGE, CW), None),
    # A therapist with an episode at their unit, or named on the handover: treatment.
    (ReadContext(PAGE, TH, holds_case=True), Purpose.TREATMENT),
    # ... with only the 30-day read access after the handover: asked.
    (ReadContext(PAGE, TH, case_open=True), None),
    # A manager on the team's daily list (the unit's open cases): management oversight.
    (ReadContext(PAGE, MG, own_team=True, holds_case=True), Purpose.OVERSIGHT),
    (ReadContext(PAGE, MG, holds_case=True), Purpose.OVERSIGHT),
    # ... outside it (a closed case, only temporary access): asked.
    (ReadContext(PAGE, MG, own_team=True, holds_case=True, case_open=False), None),
    (ReadContext(PAGE, MG), None),
    (ReadContext(PAGE, MG, break_glass=True), Purpose.BREAK_GLASS),
    # Reports, PDFs and CSV: export, whoever prints; break the glass stays marked.
    (ReadContext(EXPORT, CW, own_team=True), Purpose.EXPORT),
    (ReadContext(EXPORT, MG, case_open=False), Purpose.EXPORT),
    (ReadContext(EXPORT, TH), Purpose.EXPORT),
    (ReadContext(EXPORT, CW, break_glass=True), Purpose.BREAK_GLASS),
    # Lists and searches are logged as shown, never asked.
    (ReadContext(LIST, MG, case_open=False), Purpose.LIST),
    (ReadContext(LIST, TH), Purpose.LIST),
    (ReadContext(LIST, OT), Purpose.LIST),
    # A write's answer: the role's purpose, never a click in the middle of a form.
    (ReadContext(WRITE, MG, own_team=True, case_open=False), Purpose.OVERSIGHT),
    (ReadContext(WRITE, TH), Purpose.TREATMENT),
    (ReadContext(WRITE, OT), Purpose.CASE_WORK),
    # Anybody else reading a page: asked.
    (ReadContext(PAGE, OT, own_team=True, holds_case=True), None),
]


@pytest.mark.parametrize(("context", "expected"), TABLE)
def test_the_table_gives_each_context_its_purpose(context, expected):
    assert purpose_for(context) == expected


def test_the_model_knows_every_purpose_of_the_table():
    assert set(AccessLog.Purpose.values) == {p.value for p in Purpose}
    assert set(PICKABLE) <= set(Purpose)
    assert Purpose.BREAK_GLASS not in PICKABLE and Purpose.EXPORT not in PICKABLE


@pytest.mark.django_db
@pytest.mark.parametrize("purpose", ["", "rutine", None])
def test_the_writer_refuses_an_entry_without_a_listed_purpose(case, caseworker, purpose):
    with pytest.raises(ValueError, match="unknown purpose"):
        access_log_record(user=caseworker, case=case, object_type="case", purpose=purpose)
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_a_break_glass_note_is_chained(case, caseworker):
    entry = access_log_record(
        user=caseworker, case=case, object_type="case", purpose="break_glass", note="Politiet"
    )
    assert access_log_verify() == []
    AccessLog.objects.filter(pk=entry.pk).update(note="Hospitalet")
    assert access_log_verify() != []
