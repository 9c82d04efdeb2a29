"""The access log's chain and `manage.py verify_access_log` (DESIGN §1)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.access_log import access_log_record
from cases.access_log.keys import key_id_for
from cases.models import AccessLog

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def five_entries(case, caseworker, manager):
    for i in range(5):
        access_log_record(
            user=caseworker if i % 2 else manager,
            case=case,
            object_type="case",
            object_id=case.pk,
            purpose="case_work",
            note=f"opslag {i}",
        )
    return list(AccessLog.objects.order_by("pk"))


def verify() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("verify_access_log", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def verify_fails() -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("verify_access_log", stdout=StringIO(), stderr=err)
    return str(info.value), err.getvalue()


def test_intact_log_is_reported_with_its_size(five_entries):
    out, _err = verify()

    assert "Adgangsloggen er intakt (5 poster)" in out


def test_empty_log_is_intact(db):
    out, _err = verify()

    assert "Adgangsloggen er intakt (0 poster)" in out


def test_every_entry_records_the_key_that_chained_it(five_entries, settings):
    assert {e.key_id for e in five_entries} == {key_id_for(settings.ACCESS_LOG_KEY)}


def test_deleted_middle_entry_is_detected(five_entries):
    before, gone, after = five_entries[1:4]
    AccessLog.objects.filter(pk=gone.pk).delete()

    message, err = verify_fails()

    assert message == "Adgangsloggen er ikke intakt: 1 fund."
    assert err == (
        f"Mellem post {before.pk} og post {after.pk} er kæden brudt: en post imellem er "
        f"slettet, eller post {before.pk} er ændret. Id {gone.pk} findes ikke.\n"
    )


def test_altered_entry_is_detected(five_entries):
    # Someone hides who looked: change the purpose of an entry in place.
    AccessLog.objects.filter(pk=five_entries[1].pk).update(purpose="rutine")

    _message, err = verify_fails()

    assert err == (
        f"Post {five_entries[1].pk}: HMAC'en passer ikke (posten er ændret, eller kæden er "
        "genberegnet uden nøglen).\n"
    )


def test_altered_entry_with_a_replaced_hash_is_detected_by_the_next(five_entries):
    altered, following = five_entries[1:3]
    AccessLog.objects.filter(pk=altered.pk).update(entry_hash="f" * 64)

    _message, err = verify_fails()

    assert f"Post {altered.pk}: HMAC'en passer ikke" in err
    assert f"Mellem post {altered.pk} og post {following.pk} er kæden brudt" in err


def test_deleted_last_entry_is_detected(five_entries):
    AccessLog.objects.filter(pk=five_entries[-1].pk).delete()

    _message, err = verify_fails()

    assert err == (
        f"Den nyeste post mangler: kædens hoved passer ikke med post {five_entries[-2].pk}; "
        "poster efter den er slettet.\n"
    )


def test_log_is_written_on_and_stays_intact(five_entries, case, caseworker):
    access_log_record(
        user=caseworker, case=case, object_type="case_report", action="export", purpose="export"
    )

    out, _err = verify()

    assert "(6 poster)" in out


def test_report_is_in_english_on_request(five_entries):
    AccessLog.objects.filter(pk=five_entries[1].pk).update(purpose="rutine")
    err = StringIO()

    with pytest.raises(CommandError) as info:
        call_command("verify_access_log", "--language", "en", stdout=StringIO(), stderr=err)

    assert str(info.value) == "The access log is not intact: 1 finding."
    assert err.getvalue() == (
        f"Entry {five_entries[1].pk}: the HMAC does not match (the entry was altered, or the "
        "chain was recomputed without the key).\n"
    )
