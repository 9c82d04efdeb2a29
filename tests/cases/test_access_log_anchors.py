"""Anchoring the access log outside the database, and what the anchors catch (DESIGN §1)."""

from __future__ import annotations

import json
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.access_log import access_log_anchor, access_log_record
from cases.models import AccessLog, AccessLogHead
from tests.clock import NOW

ANCHORED_AT = "2026-03-16 10:00:00"


@pytest.fixture(autouse=True)
def frozen_clock(time_machine, settings):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def entries(case, caseworker):
    for i in range(5):
        access_log_record(
            user=caseworker, case=case, object_type="case", purpose="case_work", note=f"opslag {i}"
        )
    return list(AccessLog.objects.order_by("pk"))


def verify_fails() -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("verify_access_log", stdout=StringIO(), stderr=err)
    return str(info.value), err.getvalue()


def cut_tail(entries: list[AccessLog], keep: int) -> None:
    """Delete the newest entries and point the head at the last one kept: the chain in the
    database is then consistent, and only an anchor knows what was there."""
    AccessLog.objects.filter(pk__gt=entries[keep - 1].pk).delete()
    AccessLogHead.objects.filter(pk=1).update(last_hash=entries[keep - 1].entry_hash)


def test_anchor_is_appended_to_the_file_and_the_system_log(entries, access_log_anchor_file, caplog):
    access_log_anchor_file.write_text('{"an": "earlier line"}\n')

    with caplog.at_level(logging.INFO, logger="overgang.access_log.anchor"):
        anchor = access_log_anchor()

    head = {
        "at": "2026-03-16T09:00:00+00:00",
        "count": 5,
        "last_id": entries[-1].pk,
        "hmac": entries[-1].entry_hash,
        "key_id": entries[-1].key_id,
    }
    lines = access_log_anchor_file.read_text().splitlines()
    assert lines[0] == '{"an": "earlier line"}'
    assert json.loads(lines[1]) == head
    assert anchor.count == 5
    [logged] = [r for r in caplog.records if r.name == "overgang.access_log.anchor"]
    assert logged.levelno == logging.INFO
    assert json.loads(logged.getMessage().removeprefix("access log anchor ")) == head


def test_anchor_of_an_empty_log(db, access_log_anchor_file):
    access_log_anchor()

    assert json.loads(access_log_anchor_file.read_text()) == {
        "at": "2026-03-16T09:00:00+00:00",
        "count": 0,
        "last_id": None,
        "hmac": "0" * 64,
        "key_id": "",
    }


def test_anchored_log_verifies(entries, case, caseworker):
    access_log_anchor()
    access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    access_log_anchor()
    out = StringIO()

    call_command("verify_access_log", stdout=out, stderr=StringIO())

    assert f"det nyeste fra {ANCHORED_AT}: 6 poster til og med post " in out.getvalue()
    assert "Adgangsloggen er intakt (6 poster)." in out.getvalue()


def test_tail_cut_back_past_the_latest_anchor_is_named(entries):
    access_log_anchor()
    cut_tail(entries, keep=3)

    message, err = verify_fails()

    assert message == "Adgangsloggen er ikke intakt: 1 fund."
    assert err == (
        f"Halen er skåret af: ankeret fra {ANCHORED_AT} talte 5 poster til og med post "
        f"{entries[4].pk}, men loggen slutter nu ved post {entries[2].pk} med 3 poster: "
        f"posterne efter post {entries[2].pk} til og med post {entries[4].pk} mangler.\n"
    )


def test_tail_cut_is_found_after_new_reads_were_logged(entries, case, caseworker):
    access_log_anchor()
    cut_tail(entries, keep=3)
    access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")

    _message, err = verify_fails()

    assert f"Post {entries[4].pk}, som ankeret fra {ANCHORED_AT} pegede på, er slettet." in err
    assert (
        f"Ankeret fra {ANCHORED_AT} talte 5 poster til og med post {entries[4].pk}, nu er der "
        f"3: 2 poster til og med post {entries[4].pk} er slettet." in err
    )


def test_deletion_is_placed_between_two_anchors(entries, case, caseworker):
    access_log_anchor()
    later = [
        access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
        for _ in range(3)
    ]
    access_log_anchor()
    AccessLog.objects.filter(pk=later[1].pk).delete()

    _message, err = verify_fails()

    assert err.splitlines() == [
        f"Mellem post {later[0].pk} og post {later[2].pk} er kæden brudt: en post imellem er "
        f"slettet, eller post {later[0].pk} er ændret. Id {later[1].pk} findes ikke.",
        f"Ankeret fra {ANCHORED_AT} talte 8 poster til og med post {later[-1].pk}, nu er der 7: "
        f"1 post mellem post {entries[-1].pk} og post {later[-1].pk} er slettet.",
    ]


def test_unreadable_anchor_line_is_a_finding(entries, access_log_anchor_file):
    access_log_anchor()
    with access_log_anchor_file.open("a") as file:
        file.write("not an anchor\n")

    _message, err = verify_fails()

    assert err == f"Linje 2 i ankerfilen {access_log_anchor_file} kan ikke læses.\n"


def test_no_anchor_file_is_said_but_is_not_a_finding(entries, access_log_anchor_file):
    out = StringIO()

    call_command("verify_access_log", stdout=out, stderr=StringIO())

    assert (
        f"Ingen ankre i {access_log_anchor_file}: halen kan ikke kontrolleres mod et anker."
        in out.getvalue()
    )
