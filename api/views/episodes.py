"""/api/v1/episodes/: referral to an offer, the actual start and the end."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cases.access import may_change_episode
from cases.models import TreatmentRequest
from treatment_options import services as episode_services
from treatment_options.models import Episode, Offer, TreatmentPlan, TreatmentPlanVersion
from treatment_options.treatment_plans import PART_NAMES, treatment_plan_save

from .. import filters, inputs
from .. import serializers as out
from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .parsing import pick, validated_input


@extend_schema_view(
    list=extend_schema(summary="Forløb / Episodes", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Forløb / Episode",
        parameters=READ_PARAMETERS,
        responses={200: out.EpisodeSerializer, **ERRORS},
    ),
)
class EpisodeViewSet(ApiViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = Episode.objects.none()
    serializer_class = out.EpisodeSerializer
    filterset_class = filters.EpisodeFilter
    log_type = "episode"

    def get_queryset(self) -> QuerySet[Episode]:
        return (
            Episode.objects.filter(case__in=self.visible_cases())
            .select_related("case", "offer__provider", "treatment_plan")
            .order_by("referral_date", "pk")
        )

    @extend_schema(
        summary="Henvis til tilbud / Refer to an offer",
        request=inputs.EpisodeReferInput,
        responses={201: out.EpisodeSerializer, **error_responses(400, 403, 409)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = validated_input(inputs.EpisodeReferInput, request)
        case = pick(self.visible_cases(), data["case"], "case")
        require_case_perm(request.user, "treatment_options.add_episode", case)
        offer = pick(Offer.objects.select_related("provider"), data["offer"], "offer")
        treatment_request = (
            pick(TreatmentRequest.objects.filter(case=case), data["request"], "request")
            if data.get("request")
            else None
        )
        episode = episode_services.episode_refer(
            actor=request.user,
            case=case,
            offer=offer,
            referral_date=data["referral_date"],
            planned_start=data.get("planned_start"),
            free_choice=data.get("free_choice", False),
            free_choice_on=data.get("free_choice_on"),
            request=treatment_request,
        )
        return self._answer(episode, status.HTTP_201_CREATED)

    def _require_episode_writer(self, episode: Episode) -> None:
        """403 before the input is looked at, for anybody the pages refuse too (a manager, the
        staff of another provider): cases.access.may_change_episode, which the service asks
        again."""
        if not may_change_episode(self.request.user, episode):
            raise PermissionDenied

    def _answer(self, episode: Episode, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().filter(pk=episode.pk).first()
        if fresh is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self.respond(fresh, status_code=status_code)

    @extend_schema(
        summary="Registrér faktisk start / Record the actual start",
        description=(
            "Første start stopper behandlingsgarantien. / The first start stops the guarantee."
        ),
        request=inputs.EpisodeStartInput,
        responses={200: out.EpisodeSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def start(self, request: AuthenticatedRequest, pk: str) -> Response:
        episode = self.get_object()
        self._require_episode_writer(episode)
        data = validated_input(inputs.EpisodeStartInput, request)
        started = episode_services.episode_start(actor=request.user, episode=episode, **data)
        return self._answer(started)

    @extend_schema(
        summary="Afslut forløb / End the episode",
        request=inputs.EpisodeEndInput,
        responses={200: out.EpisodeSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: AuthenticatedRequest, pk: str) -> Response:
        episode = self.get_object()
        self._require_episode_writer(episode)
        data = validated_input(inputs.EpisodeEndInput, request)
        ended = episode_services.episode_end(actor=request.user, episode=episode, **data)
        return self._answer(ended)

    @extend_schema(
        methods=["GET"],
        summary="Behandlingsplan / Treatment plan",
        parameters=READ_PARAMETERS,
        responses={200: out.TreatmentPlanSerializer, **ERRORS},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Gem ny version af behandlingsplanen / Save a new version of the treatment plan",
        description=(
            "SEL § 101, stk. 8: mål, aktiviteter og faser, opfølgning, sammenhæng med "
            "afdækningen. Hver gemning er en ny version; based_on er den version, klienten har "
            "læst (en nyere er en 400). / SEL § 101 (8): goals, activities and phases, "
            "follow-up, link to the needs assessment. Every save is a new version; based_on is "
            "the version the client read (a newer one is a 400)."
        ),
        request=inputs.TreatmentPlanInput,
        responses={200: out.TreatmentPlanSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "put"], url_path="treatment-plan")
    def treatment_plan(self, request: AuthenticatedRequest, pk: str) -> Response:
        episode = self.get_object()
        if request.method == "PUT":
            self._require_episode_writer(episode)
            latest = (
                TreatmentPlanVersion.objects.filter(plan__episode=episode)
                .order_by("-number")
                .first()
            )
            stored = {name: getattr(latest, name) for name in PART_NAMES} if latest else {}
            data = validated_input(inputs.TreatmentPlanInput, request, stored=stored)
            treatment_plan_save(actor=request.user, episode=episode, **data)
        plan = (
            TreatmentPlan.objects.filter(episode=episode)
            .prefetch_related("versions__author")
            .first()
        )
        self.log_object(episode, object_type="treatment_plan")
        if plan is None:
            return Response({"made_on": None, "version": 0, "versions": []})
        return Response(out.TreatmentPlanSerializer(plan).data)
