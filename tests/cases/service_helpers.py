"""Short ways to make cases for the case service tests (they run at tests.clock.NOW: the
`clock` fixture)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cases import services
from cases.models import Case, CaseEvent
from tests import factories
from tests.clock import TODAY
from treatment_options.models import Episode


def new_citizen(**kwargs: Any) -> Any:
    return factories.CitizenFactory(**kwargs)


def open_case(
    actor: Any,
    *,
    citizen: Any = None,
    legal_basis: str = "SEL101",
    inquiry_date: date | None = None,
    caseworker: Any = "actor",
    team: Any = None,
    **kwargs: Any,
) -> Case:
    """A case opened through the service, by and (by default) for `actor` in their team."""
    return services.case_open(
        actor=actor,
        citizen=citizen or new_citizen(),
        legal_basis=legal_basis,
        inquiry_date=inquiry_date or TODAY - timedelta(days=2),
        team=team or actor.unit,
        caseworker=actor if caseworker == "actor" else caseworker,
        **kwargs,
    )


def record_decision(
    case: Case, actor: Any, *, result: str = "granted", on: date | None = None
) -> Case:
    return services.case_decision_save(
        actor=actor,
        case=case,
        expected_version=Case.objects.get(pk=case.pk).version,
        decision_date=on or TODAY,
        decision_result=result,
        decision_text="Borgeren har behov for behandling.",
        decision_complaint_guidance=True,
    )


def force_status(case: Case, status: str) -> Case:
    """Test set-up only: put a case in a state without going through the lifecycle."""
    Case.objects.filter(pk=case.pk).update(status=status)
    return Case.objects.get(pk=case.pk)


def finished_episode(case: Case, **kwargs: Any) -> Episode:
    """A started and ended episode: it satisfies every guard of the lifecycle at once."""
    return factories.EpisodeFactory(
        case=case,
        actual_start=case.inquiry_date + timedelta(days=1),
        actual_end=case.inquiry_date + timedelta(days=2),
        end_reason="completed",
        **kwargs,
    )


def event_kinds(case: Case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
