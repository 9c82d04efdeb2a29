"""The demo handovers, on the cases in residential treatment."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.deputies import deputyship_create
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
    # §5.10, no day without an owner: Anders is away next week, and Mette of his unit stands in.
    deputyship_create(
        user=User.objects.get(username="anders"),
        deputy=User.objects.get(username="mette"),
        starts_on=timezone.localdate() + timedelta(days=7),
        ends_on=timezone.localdate() + timedelta(days=11),
    )
