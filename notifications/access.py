"""Who holds a case while its legal follow-up is open (BEK 1477/2019 § 4): when the municipal
team has the provider's therapist follow up, the provider of the last episode keeps its grant
on the case (closed or not) until both follow-ups of the course have an outcome. Registered on
cases.hooks.after_course_holders; cases.access writes the grants. The grant is re-evaluated at
every sync of the case's access (an episode ends, the case closes, an outcome is recorded)."""

from __future__ import annotations

from accounts.models import FollowUpBy, Unit
from cases.guarantee import FOLLOW_UP_MONTHS
from cases.hooks import CaseHolders
from cases.models import Case

from .models import FollowUp
from .selectors import followed_up_course_end_of, last_provider_units


def follow_up_holders(case: Case) -> CaseHolders:
    """The last provider's unit group, while it holds the case's open follow-up."""
    if case.team.follow_up_by != FollowUpBy.PROVIDER_THERAPIST:
        return CaseHolders()
    course_end = followed_up_course_end_of(case=case)
    if course_end is None:
        return CaseHolders()
    done = FollowUp.objects.filter(case=case, course_end_on=course_end).exclude(outcome="").count()
    if done >= len(FOLLOW_UP_MONTHS):
        return CaseHolders()
    unit_id = last_provider_units([case.pk]).get(case.pk)
    if unit_id is None:
        return CaseHolders()
    group_id = Unit.objects.filter(pk=unit_id).values_list("group_id", flat=True).first()
    return CaseHolders(group_ids=(group_id,))
