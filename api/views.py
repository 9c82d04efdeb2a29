"""The API's view sets (DESIGN §8). Thin: parse with a strict input serializer, check access
(404 for what the user may not see, 403 for a write a read-only role may not make), call one
service, answer with the output serializer. Reads are written to the access log (api/base.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Unit, User
from cases import services as case_services
from cases.access import CHANGE, VIEW, has_case_perm
from cases.models import Case, CaseEvent, Citizen, Consent
from notifications import services as notification_services
from notifications.models import Notification
from transitions import services as handover
from transitions.models import (
    ActionItem,
    CheckIn,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionKey,
    StatusMeeting,
    StatusNote,
    Transition,
)
from treatment_options import services as episode_services
from treatment_options.models import Episode, Offer

from . import filters, inputs
from . import serializers as out
from .base import CPR_PARAMETER, PURPOSE_PARAMETER, ApiViewSet
from .filters import MAX_ID
from .permissions import require_case_perm, require_perm
from .schema import ERRORS, error_responses

VIEW_TRANSITION = "transitions.view_transition"
READ_PARAMETERS = [PURPOSE_PARAMETER]


def _not_found_field(field: str) -> ValidationError:
    # The same answer for an id that does not exist and one the user may not see.
    return ValidationError({field: [_("Findes ikke, eller du har ikke adgang.")]})


def _pick(queryset: QuerySet[Any], pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise _not_found_field(field)
    return obj


def _input(serializer_class: type[serializers.Serializer], request: Request, **kw: Any) -> Any:
    serializer = serializer_class(data=request.data, **kw)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- citizens ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Borgere / Citizens",
        description=(
            "Borgere med mindst én sag, brugeren må se. CPR maskeret, medmindre ?cpr=full. / "
            "Citizens with at least one case the user may see. CPR masked unless ?cpr=full."
        ),
        parameters=[*READ_PARAMETERS, CPR_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Borger / Citizen",
        parameters=[*READ_PARAMETERS, CPR_PARAMETER],
        responses={200: out.CitizenSerializer, **ERRORS},
    ),
)
class CitizenViewSet(ApiViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = Citizen.objects.none()
    serializer_class = out.CitizenSerializer
    read_perm = "cases.view_citizen"
    log_type = "citizen"

    def get_queryset(self) -> QuerySet[Citizen]:
        visible = self.visible_cases().filter(citizen_id=OuterRef("pk"))
        newest = visible.order_by("-inquiry_date", "-pk")
        # The newest visible case: the access-log entry of a citizen read belongs to it, so
        # the citizen's extract shows the look-up.
        return Citizen.objects.filter(Exists(visible)).annotate(
            log_case_id=Subquery(newest.values("pk")[:1]),
            log_team_id=Subquery(newest.values("team_id")[:1]),
        )

    def case_of(self, obj: Citizen) -> Any:
        return Case(pk=obj.log_case_id, team_id=obj.log_team_id)

    def citizen_ids_of(self, objs: list[Any]) -> set[int]:
        return {c.pk for c in objs}

    @extend_schema(
        summary="Opret borger / Create a citizen",
        request=inputs.CitizenInput,
        responses={201: out.CitizenSerializer, **error_responses(400, 403)},
    )
    def create(self, request: Request) -> Response:
        data = _input(inputs.CitizenInput, request)
        citizen = case_services.citizen_create(actor=request.user, **data)
        # No case yet, so no access-log entry (nothing about the citizen was looked up).
        return Response(self.serialize(citizen), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ret borger / Update a citizen",
        request=inputs.CitizenInput,
        responses={200: out.CitizenSerializer, **ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        citizen = self.get_object()
        data = _input(inputs.CitizenInput, request, partial=True)
        if "cpr" in data and data["cpr"] is None:
            data["cpr"] = ""
        updated = case_services.citizen_update(actor=request.user, citizen=citizen, **data)
        updated.log_case_id, updated.log_team_id = citizen.log_case_id, citizen.log_team_id
        return self.respond(updated)


# --- cases ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Sager / Cases",
        description=(
            "Sager brugeren må se, med behandlingsgaranti (frist, status, begrundelse). "
            "Filtre: status, lovgrundlag, garantistatus, sagsbehandler, team, henvendelsesdato. "
            "/ Cases the user may see, with their treatment guarantee. Filters: status, legal "
            "basis, guarantee status, caseworker, team, inquiry date range."
        ),
        parameters=[*READ_PARAMETERS, CPR_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Sag / Case",
        parameters=[*READ_PARAMETERS, CPR_PARAMETER],
        responses={200: out.CaseSerializer, **ERRORS},
    ),
)
class CaseViewSet(ApiViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = Case.objects.none()
    filterset_class = filters.CaseFilter
    log_type = "case"

    def get_queryset(self) -> QuerySet[Case]:
        return self.visible_cases().select_related("citizen", "team", "caseworker")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return out.CaseListSerializer if self.action == "list" else out.CaseSerializer

    def case_of(self, obj: Case) -> Case:
        return obj

    def citizen_ids_of(self, objs: list[Any]) -> set[int]:
        return {c.citizen_id for c in objs if isinstance(c, Case)}

    @extend_schema(
        summary="Opret sag / Open a case",
        description=(
            "Åbner en sag efter en henvendelse; garantien regnes fra henvendelsesdatoen. / "
            "Opens a case after an inquiry; the guarantee runs from the inquiry date."
        ),
        request=inputs.CaseCreateInput,
        responses={201: out.CaseSerializer, **error_responses(400, 403, 409)},
    )
    def create(self, request: Request) -> Response:
        require_perm(request.user, "cases.add_case")
        data = _input(inputs.CaseCreateInput, request)
        user = request.user
        # A citizen the user can see through a case, or one without any case yet (just
        # registered). Other citizens are "not found": their existence is not revealed.
        visible = self.visible_cases(VIEW).filter(citizen_id=OuterRef("pk"))
        any_case = Case.objects.filter(citizen_id=OuterRef("pk"))
        citizens = Citizen.objects.filter(Exists(visible) | ~Exists(any_case))
        citizen = _pick(citizens, data["citizen"], "citizen")
        teams = Unit.objects.filter(kind=Unit.Kind.MUNICIPAL_TEAM)
        if "team" in data:
            team = _pick(teams, data["team"], "team")
        else:
            team = teams.filter(pk=user.unit_id).first()
            if team is None:
                raise ValidationError({"team": [_("Angiv et kommunalt team.")]})
        if "caseworker" in data:
            caseworker = _pick(
                User.objects.filter(is_active=True), data["caseworker"], "caseworker"
            )
        else:
            caseworker = user if user.unit_id == team.pk and user.has_perm(CHANGE) else None
        case = case_services.case_open(
            actor=user,
            citizen=citizen,
            legal_basis=data["legal_basis"],
            inquiry_date=data["inquiry_date"],
            team=team,
            caseworker=caseworker,
            substances=data.get("substances", ()),
            inquiry_note=data.get("inquiry_note", ""),
            regional_dual_diagnosis=data.get("regional_dual_diagnosis", False),
        )
        case = self.get_queryset().filter(pk=case.pk).first() or case
        return self.respond(case, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ret sagens grundoplysninger / Correct a case's basic data",
        description=(
            "Kræver `version`; en forældet version giver 409, og intet ændres. / Requires "
            "`version`; a stale version gets 409 and nothing is changed."
        ),
        request=inputs.CaseUpdateInput,
        responses={200: out.CaseSerializer, **ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = dict(_input(inputs.CaseUpdateInput, request))
        version = data.pop("version")
        updated = case_services.case_update(
            actor=request.user, case=case, expected_version=version, **data
        )
        return self._answer(updated)

    def _answer(self, case: Case, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().filter(pk=case.pk).first()
        if fresh is None:  # the change took the user's access away (e.g. reassigned)
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self.respond(fresh, status_code=status_code)

    @extend_schema(
        summary="Livscyklus-handling / Lifecycle action",
        description=(
            "Flytter sagen efter livscyklustabellen (cases.lifecycle). En handling, tabellen "
            "ikke tillader fra sagens status, giver 409. / Moves the case by the lifecycle "
            "table; an action the table does not allow from the case's status gets 409."
        ),
        request=inputs.CaseTransitionInput,
        responses={200: out.CaseSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = _input(inputs.CaseTransitionInput, request)
        moved = case_services.case_move(
            actor=request.user,
            case=case,
            action=data["action"],
            note=data.get("note", ""),
            expected_version=data.get("version"),
        )
        return self._answer(moved)

    @extend_schema(
        summary="Helhedsorienteret afdækning / Needs assessment",
        request=inputs.AssessmentInput,
        responses={200: out.CaseSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["put"])
    def assessment(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = dict(_input(inputs.AssessmentInput, request))
        updated = case_services.case_assessment_save(
            actor=request.user,
            case=case,
            expected_version=data.pop("version"),
            substance_use=data.get("substance_use", ""),
            social=data.get("social", ""),
            health=data.get("health", ""),
            work=data.get("work", ""),
            housing=data.get("housing", ""),
            other=data.get("other", ""),
            completed_on=data.get("completed_on"),
            doctor_consultation_on=data.get("doctor_consultation_on"),
            action_plan_offered_on=data.get("action_plan_offered_on"),
            action_plan_accepted=data.get("action_plan_accepted"),
        )
        return self._answer(updated)

    @extend_schema(
        summary="Afgørelse / Decision",
        request=inputs.DecisionInput,
        responses={200: out.CaseSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["put"])
    def decision(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = dict(_input(inputs.DecisionInput, request))
        updated = case_services.case_decision_save(
            actor=request.user, case=case, expected_version=data.pop("version"), **data
        )
        return self._answer(updated)

    @extend_schema(
        summary="Sagens hændelser / The case's events",
        description="Sagens tidslinje, ældste først. / The case's timeline, oldest first.",
        parameters=READ_PARAMETERS,
        responses={200: out.CaseEventSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def events(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        events = (
            CaseEvent.objects.filter(case=case)
            .select_related("actor")
            .order_by("occurred_at", "pk")
        )
        page = self.paginate_queryset(events)
        assert page is not None
        data = out.CaseEventSerializer(page, many=True).data
        self.log_object(case, object_type="case_events")
        return self.get_paginated_response(data)


# --- episodes ---------------------------------------------------------------------------------


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
            .select_related("case", "offer__provider")
            .order_by("referral_date", "pk")
        )

    @extend_schema(
        summary="Henvis til tilbud / Refer to an offer",
        request=inputs.EpisodeReferInput,
        responses={201: out.EpisodeSerializer, **error_responses(400, 403, 409)},
    )
    def create(self, request: Request) -> Response:
        data = _input(inputs.EpisodeReferInput, request)
        case = _pick(self.visible_cases(), data["case"], "case")
        require_case_perm(request.user, "treatment_options.add_episode", case)
        offer = _pick(Offer.objects.select_related("provider"), data["offer"], "offer")
        episode = episode_services.episode_refer(
            actor=request.user,
            case=case,
            offer=offer,
            referral_date=data["referral_date"],
            planned_start=data.get("planned_start"),
            free_choice=data.get("free_choice", False),
        )
        return self._answer(episode, status.HTTP_201_CREATED)

    def _require_episode_writer(self, episode: Episode) -> None:
        """403 at once for a role that may only read (a manager); the service then decides
        between the case's caseworkers and the provider's own staff."""
        user = self.request.user
        if not (
            has_case_perm(user, CHANGE, episode.case)
            or has_case_perm(user, "treatment_options.change_episode", episode.case)
        ):
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
    def start(self, request: Request, pk: str) -> Response:
        episode = self.get_object()
        self._require_episode_writer(episode)
        data = _input(inputs.EpisodeStartInput, request)
        # The service decides who may (the case's caseworkers or the provider's staff) and
        # answers PermissionDenied (403) otherwise.
        started = episode_services.episode_start(actor=request.user, episode=episode, **data)
        return self._answer(started)

    @extend_schema(
        summary="Afslut forløb / End the episode",
        request=inputs.EpisodeEndInput,
        responses={200: out.EpisodeSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str) -> Response:
        episode = self.get_object()
        self._require_episode_writer(episode)
        data = _input(inputs.EpisodeEndInput, request)
        ended = episode_services.episode_end(actor=request.user, episode=episode, **data)
        return self._answer(ended)


# --- transitions and plan sections ------------------------------------------------------------


class HandoverViewSet(ApiViewSet):
    """Objects of the handover: readable with transitions.view_transition and a read grant on
    the case (the caseworker's team, the institutions, the named therapists, managers)."""

    read_perm = VIEW_TRANSITION

    def case_of(self, obj: Any) -> Case:
        return obj.transition.case  # type: ignore[no-any-return]

    def visible_transitions(self) -> QuerySet[Transition]:
        return Transition.objects.filter(case__in=self.visible_cases())

    def _answer(self, obj: Any, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().filter(pk=obj.pk).first()
        if fresh is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self.respond(fresh, status_code=status_code)


@extend_schema_view(
    list=extend_schema(summary="Overgange / Transitions", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Overgang / Transition",
        parameters=READ_PARAMETERS,
        responses={200: out.TransitionSerializer, **ERRORS},
    ),
)
class TransitionViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = Transition.objects.none()
    serializer_class = out.TransitionSerializer
    filterset_class = filters.TransitionFilter
    log_type = "transition"

    def get_queryset(self) -> QuerySet[Transition]:
        return (
            self.visible_transitions()
            .select_related("case", "residential_therapist", "outpatient_therapist")
            .order_by("-created_at", "-pk")
        )

    def case_of(self, obj: Transition) -> Case:
        return obj.case

    @extend_schema(
        summary="Ret overgang / Update a transition",
        description=(
            "Ambulant behandler, ambulant forløb, planlagt udskrivning og første ambulante "
            "aftale. / Outpatient therapist, outpatient episode, planned discharge and first "
            "outpatient appointment."
        ),
        request=inputs.TransitionUpdateInput,
        responses={200: out.TransitionSerializer, 204: None, **ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        transition = self.get_object()
        require_case_perm(request.user, "transitions.change_transition", transition.case)
        data = _input(inputs.TransitionUpdateInput, request)
        therapist = transition.outpatient_therapist
        if "outpatient_therapist" in data:
            therapist = _pick(
                User.objects.filter(is_active=True),
                data["outpatient_therapist"],
                "outpatient_therapist",
            )
        episode = transition.outpatient_episode
        if "outpatient_episode" in data:
            episode = _pick(
                Episode.objects.filter(case=transition.case),
                data["outpatient_episode"],
                "outpatient_episode",
            )
        changes = handover.TransitionChanges(
            outpatient_therapist=therapist,
            outpatient_episode=episode,
            planned_discharge_on=data.get("planned_discharge_on", transition.planned_discharge_on),
            first_appointment_at=data.get("first_appointment_at", transition.first_appointment_at),
            first_appointment_place=data.get(
                "first_appointment_place", transition.first_appointment_place
            ),
            first_appointment_with=data.get(
                "first_appointment_with", transition.first_appointment_with
            ),
        )
        updated = handover.transition_update(
            transition=transition, actor=request.user, changes=changes
        )
        return self._answer(updated)

    @extend_schema(
        summary="Modtageren bekræfter / The receiver confirms",
        description=(
            "Den udpegede ambulante behandler skriver med egne ord borgerens situation, de "
            "aftalte handlinger og hvad der gøres, hvis det går galt. / The named outpatient "
            "therapist writes back the situation, actions and contingency in their own words."
        ),
        request=inputs.TransitionConfirmInput,
        responses={200: out.TransitionSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        transition = self.get_object()
        require_case_perm(request.user, "transitions.confirm_transition", transition.case)
        data = _input(inputs.TransitionConfirmInput, request)
        confirmed = handover.transition_confirm(
            transition=transition,
            actor=request.user,
            situation=data["situation"],
            actions=data["actions"],
            contingency=data["contingency"],
        )
        return self._answer(confirmed)


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
    def list(self, request: Request, transition_pk: str) -> Response:
        transition = self.transition()
        sections = list(self.get_queryset().order_by("pk"))
        self.log_object(transition, object_type="plan", case=transition.case)
        return Response(out.PlanSectionSerializer(sections, many=True).data)

    @extend_schema(
        summary="Et afsnit / One section",
        parameters=[TRANSITION_PARAMETER, KEY_PARAMETER, *READ_PARAMETERS],
        responses={200: out.PlanSectionSerializer, **ERRORS},
    )
    def retrieve(self, request: Request, transition_pk: str, key: str) -> Response:
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
    def update(self, request: Request, transition_pk: str, key: str) -> Response:
        section = self.get_object()
        require_case_perm(request.user, "transitions.change_plansection", section.transition.case)
        data = _input(inputs.PlanSectionInput, request)
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
    def partial_update(self, request: Request, transition_pk: str, key: str) -> Response:
        return self.update(request, transition_pk, key)

    @extend_schema(
        summary="Afsnittets versioner / The section's versions",
        parameters=[TRANSITION_PARAMETER, KEY_PARAMETER, *READ_PARAMETERS],
        responses={200: out.PlanSectionVersionSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, transition_pk: str, key: str) -> Response:
        section = self.get_object()
        versions = (
            section.versions.filter(is_stale=False).select_related("author").order_by("number")
        )
        self.log_object(section, object_type="plan_section_versions")
        return Response(out.PlanSectionVersionSerializer(versions, many=True).data)


# --- status notes -----------------------------------------------------------------------------


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
            "risici, plan B og (rusmidler) overdosisrisiko. / The before-discharge note is "
            "structured: severity, summary, actions, risks, contingency, overdose risk."
        ),
        request=inputs.StatusNoteInput,
        responses={201: out.StatusNoteSerializer, **error_responses(400, 403)},
    )
    def create(self, request: Request) -> Response:
        data = dict(_input(inputs.StatusNoteInput, request))
        transition = _pick(
            self.visible_transitions().select_related("case"), data.pop("transition"), "transition"
        )
        require_case_perm(request.user, "transitions.add_statusnote", transition.case)
        owners = User.objects.filter(is_active=True)
        actions = [
            handover.PlannedAction(
                text=item["text"],
                due_on=item["due_on"],
                owner=_pick(owners, item.get("owner"), "actions"),
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
    def acknowledge(self, request: Request, pk: str) -> Response:
        note = self.get_object()
        require_case_perm(request.user, VIEW_TRANSITION, note.transition.case)
        handover.status_note_acknowledge(note=note, user=request.user)
        return self._answer(note)


# --- meetings and action items ----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Statusmøder / Status meetings",
        description="Med deltagere og handlinger. / With participants and action items.",
        parameters=READ_PARAMETERS,
    ),
    retrieve=extend_schema(
        summary="Statusmøde / Status meeting",
        parameters=READ_PARAMETERS,
        responses={200: out.MeetingSerializer, **ERRORS},
    ),
)
class MeetingViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = StatusMeeting.objects.none()
    serializer_class = out.MeetingSerializer
    filterset_class = filters.MeetingFilter
    log_type = "meeting"

    def get_queryset(self) -> QuerySet[StatusMeeting]:
        return (
            StatusMeeting.objects.filter(transition__in=self.visible_transitions())
            .select_related("transition__case")
            .prefetch_related(
                Prefetch("participants", queryset=Participant.objects.select_related("user")),
                Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
            )
            .order_by("starts_at", "pk")
        )

    @extend_schema(
        summary="Planlæg statusmøde / Plan a status meeting",
        request=inputs.MeetingCreateInput,
        responses={201: out.MeetingSerializer, **error_responses(400, 403)},
    )
    def create(self, request: Request) -> Response:
        data = dict(_input(inputs.MeetingCreateInput, request))
        transition = _pick(
            self.visible_transitions().select_related("case"), data.pop("transition"), "transition"
        )
        require_case_perm(request.user, "transitions.add_statusmeeting", transition.case)
        meeting = handover.meeting_create(transition=transition, actor=request.user, **data)
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Dagsorden, referat, beslutninger / Agenda, minutes, decisions",
        request=inputs.MeetingUpdateInput,
        responses={200: out.MeetingSerializer, **ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        meeting = self.get_object()
        require_case_perm(request.user, "transitions.change_statusmeeting", meeting.transition.case)
        data = _input(inputs.MeetingUpdateInput, request)
        updated = handover.meeting_update(
            meeting=meeting,
            actor=request.user,
            agenda=data.get("agenda", meeting.agenda),
            minutes=data.get("minutes", meeting.minutes),
            decisions=data.get("decisions", meeting.decisions),
            held=data.get("held", meeting.held),
        )
        return self._answer(updated)

    @extend_schema(
        summary="Tilføj deltager / Add a participant",
        description=(
            "Intern (user) eller ekstern (party_kind): en ekstern deltager kræver et gyldigt "
            "samtykke, der dækker parten og statusmøder, eller for Kriminalforsorgen, politi og "
            "psykiatri samarbejdet efter Retsplejeloven § 115. / Internal (user) or external "
            "(party_kind): an external participant needs a valid consent covering the party "
            "and meetings, or the KSP/PSP cooperation of Retsplejeloven § 115."
        ),
        request=inputs.ParticipantInput,
        responses={201: out.MeetingSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def participants(self, request: Request, pk: str) -> Response:
        meeting = self.get_object()
        case = meeting.transition.case
        require_case_perm(request.user, "transitions.change_statusmeeting", case)
        data = _input(inputs.ParticipantInput, request)
        if "user" in data:
            user = _pick(User.objects.filter(is_active=True), data["user"], "user")
            handover.meeting_participant_add_internal(
                meeting=meeting, actor=request.user, user=user
            )
        else:
            consent = _pick(Consent.objects.filter(case=case), data.get("consent"), "consent")
            handover.meeting_participant_add_external(
                meeting=meeting,
                actor=request.user,
                name=data.get("name", ""),
                organisation=data.get("organisation", ""),
                party_kind=data["party_kind"],
                consent=consent,
                use_rpl115=data.get("use_rpl115", False),
                basis_note=data.get("basis_note", ""),
            )
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tilføj handling / Add an action item",
        request=inputs.ActionItemInput,
        responses={201: out.MeetingSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="action-items")
    def action_items(self, request: Request, pk: str) -> Response:
        meeting = self.get_object()
        require_case_perm(request.user, "transitions.add_actionitem", meeting.transition.case)
        data = _input(inputs.ActionItemInput, request)
        owner = _pick(User.objects.filter(is_active=True), data.get("owner"), "owner")
        handover.action_item_create(
            transition=meeting.transition,
            actor=request.user,
            text=data["text"],
            due_on=data["due_on"],
            owner=owner,
            owner_text=data.get("owner_text", ""),
            meeting=meeting,
        )
        return self._answer(meeting, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Handlinger / Action items", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Handling / Action item",
        parameters=READ_PARAMETERS,
        responses={200: out.ActionItemSerializer, **ERRORS},
    ),
)
class ActionItemViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = ActionItem.objects.none()
    serializer_class = out.ActionItemSerializer
    filterset_class = filters.ActionItemFilter
    log_type = "action_item"

    def get_queryset(self) -> QuerySet[ActionItem]:
        return (
            ActionItem.objects.filter(transition__in=self.visible_transitions())
            .select_related("transition__case", "owner")
            .order_by("due_on", "pk")
        )

    @extend_schema(
        summary="Markér udført / Mark done",
        request=None,
        responses={200: out.ActionItemSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def done(self, request: Request, pk: str) -> Response:
        item = self.get_object()
        require_case_perm(request.user, "transitions.change_actionitem", item.transition.case)
        handover.action_item_mark_done(item=item, actor=request.user)
        return self._answer(item)


# --- check-ins --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Tjek-ind / Check-ins",
        description='»Hvad er du mest usikker på?« / "What are you most unsure about?"',
        parameters=READ_PARAMETERS,
    ),
    retrieve=extend_schema(
        summary="Tjek-ind / Check-in",
        parameters=READ_PARAMETERS,
        responses={200: out.CheckInSerializer, **ERRORS},
    ),
)
class CheckInViewSet(HandoverViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = CheckIn.objects.none()
    serializer_class = out.CheckInSerializer
    filterset_class = filters.CheckInFilter
    log_type = "checkin"

    def get_queryset(self) -> QuerySet[CheckIn]:
        return (
            CheckIn.objects.filter(transition__in=self.visible_transitions())
            .select_related("transition__case")
            .order_by("due_on", "pk")
        )

    @extend_schema(
        summary="Registrér svar / Record the answer",
        request=inputs.CheckInAnswerInput,
        responses={200: out.CheckInSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        checkin = self.get_object()
        require_case_perm(request.user, "transitions.change_checkin", checkin.transition.case)
        data = _input(inputs.CheckInAnswerInput, request)
        answered = handover.checkin_answer(
            checkin=checkin,
            actor=request.user,
            answer=data["answer"],
            themes=data.get("themes", []),
            needs_follow_up=data.get("needs_follow_up", False),
        )
        return self._answer(answered)


# --- notifications ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Mine påmindelser / My notifications",
        description="Kun den indloggede brugers egne. / The signed-in user's own only.",
    ),
    retrieve=extend_schema(
        summary="Påmindelse / Notification", responses={200: out.NotificationSerializer, **ERRORS}
    ),
)
class NotificationViewSet(ApiViewSet):
    """The user's own notifications. They carry no personal data (the kind of deadline and a
    link), so reading them is not a read of case data and is not access-logged."""

    queryset = Notification.objects.none()

    serializer_class = out.NotificationSerializer
    filterset_class = filters.NotificationFilter

    def get_queryset(self) -> QuerySet[Notification]:
        return Notification.objects.filter(recipient=self.request.user).order_by(
            "-created_at", "-pk"
        )

    def log_object(self, obj: Any, **kwargs: Any) -> None:
        return None

    def log_list(self, objs: Any, *, object_type: str | None = None) -> None:
        return None

    @extend_schema(
        summary="Markér læst / Mark read",
        request=None,
        responses={200: out.NotificationSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str) -> Response:
        notification = notification_services.notification_mark_read(
            user=request.user, notification_id=self.get_object().pk
        )
        return Response(self.serialize(notification))

    @extend_schema(
        summary="Markér alle læst / Mark all read",
        request=None,
        responses={200: out.MarkedReadSerializer, **error_responses(403)},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        count = notification_services.notification_mark_all_read(user=request.user)
        return Response({"marked": count})
