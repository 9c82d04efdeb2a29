"""The demo handovers, on the cases in residential treatment."""

from __future__ import annotations

from accounts.models import User
from cases.models import Case, CaseStatus
from transitions.demo import seed_transitions_demo


def seed_handovers() -> None:
    residential = [
        c
        for c in Case.objects.filter(
            status=CaseStatus.IN_TREATMENT, episodes__offer__provider__name="Sydgården"
        )
        .distinct()
        .order_by("inquiry_date")
    ]
    seed_transitions_demo(
        cases_with_residential_episodes=residential,
        residential_therapist=User.objects.get(username="dorte"),
        outpatient_therapist=User.objects.get(username="anders"),
        caseworker=User.objects.get(username="karin"),
    )
