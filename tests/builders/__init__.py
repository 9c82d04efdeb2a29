"""One builder for handover scenarios: `HandoverBuilder`.

A handover (a `Transition`) hangs on a case with a started residential episode. The builder
takes the case and the people once, then makes the handover at a stage, one of `STAGES`:
planning, ready, handed_over, completed. Later stages include the earlier ones.

It builds in one of two ways, and both return a `Handover`:

- `through_services(stage=...)`: the product's own path (`transitions.services`, and
  `episode_end` for the discharge), at the frozen clock's now. The rows, grants, case events
  and scheduled check-ins are what a user would leave behind. Use it for tests of what comes
  next: pages, the API, later services.
- `rows(stage=...)`: rows written directly with the factories, on any dates, and only the rows
  asked for (no events, no notifications, no scheduled check-ins). Use it for history with
  exact dates: the report figures, the reminder rules.

    builder = HandoverBuilder(case, residential_therapist=dorte, outpatient_therapist=anders)
    handover = builder.through_services(stage="ready")
    handover.transition.status  # "ready"
"""

from __future__ import annotations

from .handover import STAGES, Handover
from .rows import Rows
from .through_services import ThroughServices

__all__ = ["STAGES", "Handover", "HandoverBuilder"]


class HandoverBuilder(ThroughServices, Rows):
    """Makes the handover of `case` at a stage, through the services or as rows."""
