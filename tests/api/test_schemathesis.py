"""Property-based test of the whole API against its live OpenAPI schema (schemathesis 4).

As a signed-in caseworker (token) with access to demo-like data, every operation of
/api/schema/ is called with generated requests: positive ones on the real objects of the data
set, positive ones with generated ids, and negative ones (wrong types, missing fields, values
out of range). Checks: no server error, and every response matches the schema.

The run is derandomised (the same examples every run) and bounded, so that it finishes in a
few minutes on two cores, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.services import api_token_create
from cases.models import Case
from config.wsgi import application
from notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db

# Examples per operation: on the real objects (the requests that reach the services), with
# generated ids (mostly 404s), and negative ones. SCHEMATHESIS_EXAMPLES scales all three for a
# longer local run.
SCALE = float(os.environ.get("SCHEMATHESIS_EXAMPLES", "25")) / 25
EXAMPLES = {
    "real": round(25 * SCALE),
    "generated ids": round(8 * SCALE),
    "negative": round(15 * SCALE),
}
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def demo(handover, caseworker, team_nord, outpatient_offer, residential_offer):
    """Demo-like data around the caseworker: the handover case, an anonymous case, an alcohol
    case with an episode, a closed case, a consent and notifications."""
    anonymous = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SEL101A",
        citizen=factories.CitizenFactory(
            cpr=None, birth_date=None, is_anonymous=True, alias="Bjørn"
        ),
    )
    alcohol = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SUL141",
        inquiry_date=date.today() - timedelta(days=30),
        status="referred",
    )
    factories.EpisodeFactory(case=alcohol, offer=outpatient_offer)
    factories.CaseFactory(
        team=team_nord, caseworker=caseworker, status="closed", inquiry_date=date(2025, 1, 6)
    )
    factories.ConsentFactory(case=handover.case, recorded_by=caseworker)
    # A contact delivering an aftercare commitment (DESIGN §5.10).
    delivery = factories.CommitmentDeliveryFactory(
        commitment__transition=handover.transition,
        contact__episode=handover.episode,
        contact__recorded_by=caseworker,
    )
    for threshold in ("7d", "3d"):
        notify(
            recipients=[caseworker],
            rule="guarantee_due",
            subject=alcohol,
            threshold=threshold,
            message="Garantifristen udløber snart",
            url="/sager/",
        )
    return {
        "handover": handover,
        "anonymous": anonymous,
        "alcohol": alcohol,
        "notification": caseworker.notifications.first(),
        "contact": delivery.contact,
        "commitment": delivery.commitment,
    }


def _real_path_parameters(path: str, demo: dict[str, Any]) -> dict[str, Any] | None:
    """Path parameters naming real objects of the data set, so that generated bodies reach the
    services instead of stopping at 404."""
    h = demo["handover"]
    ids = {
        "/api/v1/citizens/": h.case.citizen_id,
        "/api/v1/cases/": h.case.pk,
        "/api/v1/episodes/": h.episode.pk,
        "/api/v1/transitions/": h.transition.pk,
        "/api/v1/status-notes/": h.note.pk,
        "/api/v1/meetings/": h.meeting.pk,
        "/api/v1/action-items/": h.item.pk,
        "/api/v1/checkins/": h.checkin.pk,
        "/api/v1/notifications/": demo["notification"].pk,
        "/api/v1/contacts/": demo["contact"].pk,
        "/api/v1/commitments/": demo["commitment"].pk,
    }
    params: dict[str, Any] = {}
    if "{transition_pk}" in path:
        params["transition_pk"] = h.transition.pk
    if "{key}" in path:
        params["key"] = "goals"
    if "{id}" in path:
        prefix = next((p for p in ids if path.startswith(p)), None)
        if prefix is None or ids[prefix] is None:
            return None
        params["id"] = ids[prefix]
    return params or None


def test_api_conforms_to_its_schema(demo, caseworker):
    key = api_token_create(user=caseworker, name="schemathesis").key
    headers = {"Authorization": f"Token {key}"}
    # Django closes "old" connections when a request starts and finishes; under the test's
    # transaction that would throw the data away. Django's test client avoids it the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", application, headers=headers)
        calls: Counter[int] = Counter()
        examples: Counter[str] = Counter()
        operations: list[str] = []
        failures: list[str] = []
        for result in schema.get_all_operations():
            assert isinstance(result, Ok), result  # the schema was read without errors
            operation = result.ok()
            operations.append(operation.label)
            fixed = _real_path_parameters(operation.path, demo)
            runs = [
                ("real", operation.as_strategy(path_parameters=fixed)),
                ("generated ids", operation.as_strategy()) if fixed else None,
                ("negative", operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)),
            ]
            for mode, strategy in filter(None, runs):

                @settings(
                    max_examples=EXAMPLES[mode],
                    deadline=None,
                    derandomize=True,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                    print_blob=False,
                )
                @given(case=strategy)
                def run(case: Any) -> None:
                    response = case.call(headers=headers)
                    calls[response.status_code] += 1
                    case.validate_response(response, checks=CHECKS, headers=headers)

                try:
                    run()
                    examples[mode] += 1
                except Unsatisfiable:
                    # Nothing to make invalid (no parameters, no body): no negative cases.
                    continue
                except (Exception, BaseExceptionGroup) as exc:
                    failures.append(f"{operation.label} ({mode}): {exc}")
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)

    print(
        f"\nschemathesis: {len(operations)} operations, runs per mode {dict(examples)}, "
        f"{sum(calls.values())} requests, status codes {dict(sorted(calls.items()))}"
    )
    assert len(operations) >= 30
    assert failures == [], "\n\n".join(failures)
    # The run reached the services, not only the 404s.
    assert calls[200] + calls[201] > 100
    assert Case.objects.filter(pk=demo["handover"].case.pk).exists()
