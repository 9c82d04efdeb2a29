"""A check-in's label is stored in the language of whoever made it; the pages name the final
conversation and the scheduled check-ins in the reader's language (issue 18)."""

from __future__ import annotations

from django.utils import translation

from tests import factories
from transitions.models import CheckIn
from transitions.models.followup import checkin_label_for_weeks


def test_the_final_conversation_and_scheduled_check_ins_read_in_the_active_language(db):
    final = factories.CheckInFactory(kind=CheckIn.Kind.FINAL, label="Afsluttende samtale")
    scheduled = factories.CheckInFactory(
        kind=CheckIn.Kind.AFTERCARE, weeks_after_discharge=2, label="2 uger efter udskrivning"
    )
    with translation.override("en"):
        assert (final.display_label, scheduled.display_label) == (
            "Final session",
            "2 weeks after discharge",
        )
        assert str(scheduled) == "2 weeks after discharge"
    assert (final.display_label, scheduled.display_label) == (
        "Afsluttende samtale",
        "2 uger efter udskrivning",
    )


def test_an_extra_check_in_keeps_the_label_it_was_given(db):
    extra = factories.CheckInFactory(
        kind=CheckIn.Kind.AFTERCARE, weeks_after_discharge=None, label="Efter flytningen"
    )
    with translation.override("en"):
        assert extra.display_label == "Efter flytningen"


def test_one_week_is_singular():
    assert checkin_label_for_weeks(1) == "1 uge efter udskrivning"
    assert checkin_label_for_weeks(6) == "6 uger efter udskrivning"
    with translation.override("en"):
        assert checkin_label_for_weeks(1) == "1 week after discharge"
