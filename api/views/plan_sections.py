"""/api/v1/transitions/{id}/plan-sections/: the handover plan's sections, each
versioned on its own, saved with a conflict check."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from transitions import services as handover
from transitions.models import PlanSection, PlanSectionKey, Transition

from .. import inputs
from .. import serializers as out
from ..filters import MAX_ID
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .handover import HandoverViewSet
from .parsing import validated_input

KEY_PARAMETER = OpenApiParameter(
    "key",
    str,
    OpenApiParameter.PATH,
    enum=list(PlanSectionKey.values),
    description="Afsnittets nøgle / the section's key",
)
TRANSITION_PARAMETER = OpenApiParameter(
    "transition_pk", int, OpenApiParameter.PATH, description="Overgangens id / transition id"
)


class PlanSectionViewSet(HandoverViewSet):
    """The handover plan's sections, each versioned on its own (§5.1)."""

    queryset = PlanSection.objects.none()

    serializer_class = out.PlanSectionSerializer
    log_type = "plan_section"
    lookup_field = "key"
    lookup_value_regex = "[a-z_]+"
    pagination_class = None

    def transition_pk(self) -> int:
        # The URL allows any digits; an id beyond 64 bits exists nowhere (and would overflow
        # the database driver in a foreign-key lookup).
        transition_pk = int(self.kwargs["transition_pk"])
        if transition_pk > MAX_ID:
            raise Http404
        return transition_pk

    def transition(self) -> Transition:
        return get_object_or_404(
            self.visible_transitions().select_related("case"), pk=self.transition_pk()
        )

    def get_queryset(self) -> QuerySet[PlanSection]:
        return PlanSection.objects.filter(
            transition__in=self.visible_transitions(), transition_id=self.transition_pk()
        ).select_related("transition__case", "updated_by")

    def get_object(self) -> PlanSection:
        return get_object_or_404(self.get_queryset(), key=self.kwargs["key"])

    @extend_schema(
        summary="Overgangsplanens afsnit / The handover plan's sections",
        parameters=[TRANSITION_PARAMETER, *READ_PARAMETERS],
        responses={200: out.PlanSectionSerializer(many=True), **ERRORS},
    )
    def list(self, request: AuthenticatedRequest, transition_pk: str) -> Response:
        transition = self.transition()
        sections = list(self.get_queryset().order_by("pk"))
        self.log_object(transition, object_type="plan", case=transition.case)
        return Response(out.PlanSectionSerializer(sections, many=True).data)

    @extend_schema(
        summary="Et afsnit / One section",
        parameters=[TRANSITION_PARAMETER, KEY_PARAMETER, *READ_PARAMETERS],
        responses={200: out.PlanSectionSerializer, **ERRORS},
    )
    def retrieve(self, request: AuthenticatedRequest, transition_pk: str, key: str) -> Response:
        return self.respond(self.get_object())

    @extend_schema(
        summary="Gem afsnit / Save a section",
        description=(
            "Gemmer teksten som en ny version, hvis ingen andre har gemt afsnittet siden "
            "`version`. Ellers 409 med den aktuelle tekst og version; intet overskrives (den "
            "forældede tekst gemmes som en markeret version, så intet tabes). / Saves the "
            "text as a new version if nobody saved the section since `version`; otherwise 409 "
            "with the current text and version, overwriting nothing."
        ),
        parameters=[TRANSITION_PARAMETER, KEY_PARAMETER],
        request=inputs.PlanSectionInput,
        responses={
            200: out.PlanSectionSerializer,
            409: OpenApiResponse(out.PlanSectionConflictSerializer, "Konflikt / conflict"),
            **error_responses(400, 403, 404),
        },
    )
    def update(self, request: AuthenticatedRequest, transition_pk: str, key: str) -> Response:
        section = self.get_object()
        require_case_perm(request.user, "transitions.change_plansection", section.transition.case)
        data = validated_input(inputs.PlanSectionInput, request, stored={"text": section.text})
        try:
            handover.plan_section_save(
                actor=request.user,
                section=section,
                text=data["text"],
                based_on_version=data["version"],
            )
        except handover.PlanSectionConflict:
            # Nothing was overwritten. The client gets the current text and version to merge
            # with (its own text is kept by the service as a flagged version).
            current = self.get_object()
            self.log_object(current)
            return Response(
                {
                    "detail": _(
                        "Afsnittet er gemt af en anden, siden du åbnede det. Intet er "
                        "overskrevet. Flet din tekst med den aktuelle og gem igen med den "
                        "aktuelle version."
                    ),
                    "code": "plan_section_conflict",
                    "current": out.PlanSectionSerializer(current).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return self.respond(self.get_object())

    @extend_schema(
        summary="Gem afsnit (PATCH) / Save a section (PATCH)",
        parameters=[TRANSITION_PARAMETER, KEY_PARAMETER],
        request=inputs.PlanSectionInput,
        responses={
            200: out.PlanSectionSerializer,
            409: OpenApiResponse(out.PlanSectionConflictSerializer, "Konflikt / conflict"),
            **error_responses(400, 403, 404),
        },
    )
    def partial_update(
        self, request: AuthenticatedRequest, transition_pk: str, key: str
    ) -> Response:
        return self.update(request, transition_pk, key)

    @extend_schema(
        summary="Afsnittets versioner / The section's versions",
        parameters=[TRANSITION_PARAMETER, KEY_PARAMETER, *READ_PARAMETERS],
        responses={200: out.PlanSectionVersionSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"])
    def versions(self, request: AuthenticatedRequest, transition_pk: str, key: str) -> Response:
        section = self.get_object()
        versions = (
            section.versions.filter(is_stale=False).select_related("author").order_by("number")
        )
        self.log_object(section, object_type="plan_section_versions")
        return Response(out.PlanSectionVersionSerializer(versions, many=True).data)
