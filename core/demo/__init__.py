"""The demo data set, built through the services so that grants and timelines are real.

`manage.py seed_demo` calls `seed_all`; each part has its module (organisation, courses,
handovers) and the data they read is in catalogue and scenarios.
"""

from __future__ import annotations

from .courses import seed_cases
from .handovers import seed_handovers
from .organisation import seed_organisation
from .seed import seed_all

__all__ = ["seed_all", "seed_cases", "seed_handovers", "seed_organisation"]
