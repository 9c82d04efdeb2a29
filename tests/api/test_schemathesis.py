"""The whole API against its live OpenAPI schema with schemathesis 4 (DESIGN §8, issue 16).

Schemathesis' engine (what `schemathesis run` does) runs every phase over /api/schema/ loaded
from the app itself (WSGI, in-process): examples, coverage (boundary and invalid values of
every parameter and field, unexpected methods), fuzzing (generated valid and invalid
requests) and stateful (chains of calls that feed one answer's ids to the next request), as a
caseworker, a residential therapist and a manager, each with an API token, over a small world
in which each of them sees cases, a transition with its plan, notes, meetings and check-ins,
and notifications. Checks:

- not_a_server_error: no 5xx;
- status_code_conformance, content_type_conformance, response_schema_conformance: every answer
  (errors too, and malformed paths under /api/) has a status, media type and body the schema
  documents;
- negative_data_rejection: input that violates the schema is refused (4xx), never accepted;
- ignored_auth: no operation answers without valid credentials;
- use_after_free: nothing answers after it is gone.

Bounded and derandomised (fixed seed, no example database), so every run sends the same
requests: SCHEMATHESIS_EXAMPLES (default 4) examples per operation in the fuzzing phase and
per stateful scenario, SCHEMATHESIS_STEPS (default 5) steps per scenario.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, connections
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema
from schemathesis.transport.wsgi import WSGITransport

from api.services import api_token_create
from cases.models import Case
from config.wsgi import application
from notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db

SEED = 20261201
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "4"))
STEPS = int(os.environ.get("SCHEMATHESIS_STEPS", "5"))
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "ignored_auth",
    "use_after_free",
]
PHASES = ("examples", "coverage", "fuzzing", "stateful")
ROLES = ("caseworker", "residential_therapist", "manager")


@pytest.fixture
def world(handover, caseworker, residential_therapist, manager, team_nord, outpatient_offer):
    """Around the handover case (the caseworker's; the residential therapist's through the
    residential episode; the manager's team's): an anonymous case, an alcohol case with an
    episode, a closed case, a consent, and notifications for each of the three."""
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
    factories.CommitmentDeliveryFactory(
        commitment__transition=handover.transition,
        contact__episode=handover.episode,
        contact__recorded_by=caseworker,
    )
    for threshold in ("7d", "3d"):
        notify(
            recipients=[caseworker, residential_therapist, manager],
            rule="guarantee_due",
            subject=alcohol,
            threshold=threshold,
            message="Garantifristen udløber snart",
            url="/sager/",
        )
    return {"handover": handover, "anonymous": anonymous, "alcohol": alcohol}


@dataclass
class Run:
    """What one engine run did and found."""

    scenarios: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: dict[tuple[str, str, str], str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"{len(self.failures)} distinct failures, {len(self.errors)} errors"]
        for (label, phase, title), detail in sorted(self.failures.items()):
            lines.append(f"\n--- {label} [{phase}] {title}\n{detail}")
        lines += [f"\n--- error: {error}" for error in self.errors]
        return "\n".join(lines)


def in_test_transaction(app: Callable[..., Any]) -> Callable[..., Any]:
    """The app as the engine's worker thread calls it, on the test's database connection: the
    world lives in the test's transaction (rolled back at the end), which another connection
    would not see. The engine sends one request at a time (one worker), so the connection is
    never used by two threads at once (Django's LiveServerThread shares it the same way)."""
    connection = connections["default"]

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        connections["default"] = connection
        return app(environ, start_response)

    return wsgi


@pytest.fixture
def shared_connection(monkeypatch) -> Iterator[None]:
    connection = connections["default"]
    connection.inc_thread_sharing()
    # Thousands of refused requests: Django's "Bad Request"/"Not Found" warnings say nothing.
    monkeypatch.setattr(logging.getLogger("django.request"), "level", logging.ERROR)
    # Django closes "old" connections when a request starts and finishes; under the test's
    # transaction that would throw the world away. Django's test client avoids it the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        connection.dec_thread_sharing()


@pytest.fixture
def wsgi_transport_fix(monkeypatch):
    """schemathesis 4.32's WSGI transport passes the socket-level options of a network call
    (max_redirects, verify, cert, proxies) on to werkzeug when a call has no session (the
    unit phases' calls), which refuses them: TypeError, reported as an error of the run. An
    in-process call has no use for them."""
    send = WSGITransport.send

    def without_socket_options(self: Any, case: Any, *, session: Any = None, **kwargs: Any) -> Any:
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return send(self, case, session=session, **kwargs)

    monkeypatch.setattr(WSGITransport, "send", without_socket_options)


def run_schemathesis(token: str) -> Run:
    headers = {"Authorization": f"Token {token}"}
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "headers": headers,
            # One worker: one request at a time on the shared connection.
            "workers": 1,
            # No state from earlier runs (schemathesis' cache replays recorded requests).
            "cache": {"enabled": False},
            "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
            "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
            "phases": {name: {"enabled": True} for name in PHASES}
            | {"stateful": {"enabled": True, "max-steps": STEPS}},
        }
    )
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/", in_test_transaction(application), config=config, headers=headers
    )
    run = Run()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            run.scenarios[event.phase.value] += 1
            for interaction in event.recorder.interactions.values():
                if interaction.response is not None:
                    run.statuses[interaction.response.status_code] += 1
            for nodes in event.recorder.checks.values():
                for node in nodes:
                    if node.failure_info is None:
                        continue
                    failure = node.failure_info.failure
                    key = (event.recorder.label, event.phase.value, failure.title)
                    run.failures.setdefault(
                        key, f"{failure.message}\n{node.failure_info.code_sample}"
                    )
        elif isinstance(event, events.NonFatalError):
            run.errors.append(f"{event.label} [{event.phase}]: {event.info}")
        elif isinstance(event, events.FatalError):
            run.errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.EngineFinished):
            run.failures.update(
                {("after run", "", failure.title): failure.message for failure in event.failures}
            )
    return run


@pytest.mark.parametrize("role", ROLES)
def test_api_keeps_its_published_contract(
    request, world, shared_connection, wsgi_transport_fix, role
):
    user = request.getfixturevalue(role)
    run = run_schemathesis(api_token_create(user=user, name="schemathesis").key)

    print(
        f"\nschemathesis as {role}: scenarios {dict(run.scenarios)}, "
        f"statuses {dict(sorted(run.statuses.items()))}"
    )
    assert run.failures == {} and run.errors == [], run.report()
    # Every phase ran, and the requests reached the services, not only the refusals.
    assert set(run.scenarios) == set(PHASES), run.scenarios
    assert sum(n for status, n in run.statuses.items() if 200 <= status < 300) > 100
    assert Case.objects.filter(pk=world["handover"].case.pk).exists()
