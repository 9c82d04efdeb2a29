"""The base of the handover's view sets (transitions, plan sections, notes,
meetings, action items, check-ins)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import status
from rest_framework.response import Response

from cases.models import Case
from transitions.models import Transition

from ..base import ApiViewSet

VIEW_TRANSITION = "transitions.view_transition"


class HandoverViewSet(ApiViewSet):
    """Objects of the handover: readable with transitions.view_transition and a read grant on
    the case (the caseworker's team, the institutions, the named therapists, managers)."""

    read_perm = VIEW_TRANSITION

    def case_of(self, obj: Any) -> Case:
        return obj.transition.case

    def visible_transitions(self, *, ordered: bool = False) -> QuerySet[Transition]:
        """`ordered=True` for the cursor list (see ApiViewSet.visible_cases); same rows."""
        return Transition.objects.filter(case__in=self.visible_cases(ordered=ordered))

    def _answer(self, obj: Any, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().filter(pk=obj.pk).first()
        if fresh is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self.respond(fresh, status_code=status_code)
