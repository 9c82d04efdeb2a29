"""/api/v1/status-notes/: status notes and their read acknowledgements."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import User
from transitions import services as handover
from transitions.models import NoteAcknowledgement, StatusNote

from .. import filters, inputs
from .. import serializers as out
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .handover import VIEW_TRANSITION, HandoverViewSet
from .parsing import pick, validated_input


@extend_schema_view(
    list=extend_schema(summary="Statusnotater / Status notes", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Statusnotat / Status note",
        parameters=READ_PARAMETERS,
        responses={200: out.StatusNoteSerializer, **ERRORS},
    ),
)
class StatusNoteViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = StatusNote.objects.none()
    serializer_class = out.StatusNoteSerializer
    filterset_class = filters.StatusNoteFilter
    log_type = "status_note"

    def get_queryset(self) -> QuerySet[StatusNote]:
        return (
            StatusNote.objects.filter(transition__in=self.visible_transitions())
            .select_related("transition__case", "author")
            .prefetch_related(
                Prefetch(
                    "acknowledgements",
                    queryset=NoteAcknowledgement.objects.select_related("user").order_by("pk"),
                )
            )
            .order_by("written_at", "pk")
        )

    @extend_schema(
        summary="Skriv statusnotat / Write a status note",
        description=(
            "Notatet før udskrivning er struktureret: vurdering, opsummering, handlinger, "
            "risici, plan B og (rusmidler) overdosisrisiko og overdosissikkerhed: naloxon, "
            "samtalen om lavere tolerance og planen for de første 72 timer. / The "
            "before-discharge note is structured: severity, summary, actions, risks, "
            "contingency; for drug cases the overdose risk and the overdose safety: naloxone, "
            "the tolerance talk and the plan for the first 72 hours."
        ),
        request=inputs.StatusNoteInput,
        responses={201: out.StatusNoteSerializer, **error_responses(400, 403)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = dict(validated_input(inputs.StatusNoteInput, request))
        transition = pick(
            self.visible_transitions().select_related("case"), data.pop("transition"), "transition"
        )
        require_case_perm(request.user, "transitions.add_statusnote", transition.case)
        owners = User.objects.filter(is_active=True)
        actions = [
            handover.PlannedAction(
                text=item["text"],
                due_on=item["due_on"],
                owner=pick(owners, item.get("owner"), "actions"),
                owner_text=item.get("owner_text", ""),
            )
            for item in data.pop("actions", [])
        ]
        note = handover.status_note_create(
            transition=transition, actor=request.user, actions=actions, **data
        )
        return self._answer(note, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Kvittér for læsning / Acknowledge reading",
        request=None,
        responses={200: out.StatusNoteSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: AuthenticatedRequest, pk: str) -> Response:
        note = self.get_object()
        require_case_perm(request.user, VIEW_TRANSITION, note.transition.case)
        handover.status_note_acknowledge(note=note, user=request.user)
        return self._answer(note)
