"""/api/v1/cases/: cases, their lifecycle moves, assessment, decision and events."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Unit, User
from cases import services as case_services
from cases.access import CHANGE, case_default_caseworker, case_default_team
from cases.models import Case, CaseEvent
from cases.paging import Ordering
from cases.selectors import case_list_ordering, citizens_for_new_case
from cases.selectors.course_strip import case_course

from .. import filters, inputs
from .. import serializers as out
from ..base import CPR_PARAMETER, ApiPagination, ApiViewSet
from ..http import AuthenticatedRequest
from ..inputs.cases import ENROLMENT_FIELDS
from ..pagination import ApiCursorPagination
from ..permissions import require_case_perm, require_perm
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .case_follow_ups import CaseFollowUpsMixin
from .case_records import CaseRecordsMixin
from .case_rights import CaseRightsMixin
from .checkins import CheckInScheduleMixin
from .parsing import pick, validated_input

# The answer headers of POST /cases/{id}/transition/, the old path of /move/ (RFC 9745 and
# RFC 8288). It stays for one release so that clients can change at their own pace.
# RFC 9745 § 2.1: the value is the moment of deprecation as a structured-field date
# (2026-12-01T00:00:00Z, the release that renamed the move).
DEPRECATED_SINCE = "@1796083200"
DEPRECATED_PATH_HEADERS = [
    OpenApiParameter(
        "Deprecation",
        str,
        OpenApiParameter.HEADER,
        enum=[DEPRECATED_SINCE],
        response=True,
        description="Stien er forældet / the path is deprecated",
    ),
    OpenApiParameter(
        "Link",
        str,
        OpenApiParameter.HEADER,
        response=True,
        description=(
            'Afløseren: </api/v1/cases/{id}/move/>; rel="successor-version" / the successor'
        ),
    ),
]


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
class CaseViewSet(
    CaseRecordsMixin, CheckInScheduleMixin, CaseFollowUpsMixin, CaseRightsMixin, ApiViewSet
):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = Case.objects.none()
    filterset_class = filters.CaseFilter
    pagination_class = ApiCursorPagination
    log_type = "case"

    def keyset_ordering(self) -> Ordering:
        # The `ordering` filter's choice (checked by the filter set), else the newest first.
        return case_list_ordering(self.request.query_params.get("ordering", "newest"))

    def get_queryset(self) -> QuerySet[Case]:
        # The clock request is the guarantee the list shows; the detail lists every request.
        # The list is read a page at a time in an indexed order (api.pagination): walked; a
        # case read by its id probes that case's grants.
        return (
            self.visible_cases(ordered=self.action == "list", few=bool(self.detail))
            .select_related("citizen", "team", "caseworker", "clock_request")
            .prefetch_related("requests")
        )

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return out.CaseListSerializer if self.action == "list" else out.CaseSerializer

    def case_of(self, obj: Case) -> Case:
        return obj

    @extend_schema(
        summary="Opret sag / Open a case",
        description=(
            "Åbner en sag efter en henvendelse; garantien regnes fra henvendelsesdatoen. / "
            "Opens a case after an inquiry; the guarantee runs from the inquiry date."
        ),
        request=inputs.CaseCreateInput,
        responses={201: out.CaseSerializer, **error_responses(400, 403, 409)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        require_perm(request.user, "cases.add_case")
        data = validated_input(inputs.CaseCreateInput, request)
        user = request.user
        # The citizens the pages may open a case for; others are "not found": their existence
        # is not revealed.
        citizen = pick(citizens_for_new_case(user), data["citizen"], "citizen")
        if "team" in data:
            team = pick(Unit.objects.filter(kind=Unit.Kind.MUNICIPAL_TEAM), data["team"], "team")
        else:
            team = case_default_team(user)
            if team is None:
                raise ValidationError({"team": [_("Angiv et kommunalt team.")]})
        if "caseworker" in data:
            caseworker = pick(User.objects.filter(is_active=True), data["caseworker"], "caseworker")
        else:
            caseworker = case_default_caseworker(user, team)
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
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = dict(
            validated_input(
                inputs.CaseUpdateInput, request, stored={"inquiry_note": case.inquiry_note}
            )
        )
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
        summary="Flyt sagen / Move the case",
        description=(
            "Flytter sagen efter livscyklustabellen (cases.lifecycle). En handling, tabellen "
            "ikke tillader fra sagens status, giver 409. / Moves the case by the lifecycle "
            "table; an action the table does not allow from the case's status gets 409."
        ),
        request=inputs.CaseMoveInput,
        responses={200: out.CaseSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = validated_input(inputs.CaseMoveInput, request)
        moved = case_services.case_move(
            actor=request.user,
            case=case,
            action=data["action"],
            note=data.get("note", ""),
            expected_version=data.get("version"),
            course_ended_on=data.get("course_ended_on"),
            course_end_reason=data.get("course_end_reason", ""),
            course_end_status=data.get("course_end_status", ""),
        )
        return self._answer(moved)

    @extend_schema(
        summary=(
            "Flyt sagen (forældet sti, brug /move/) / Move the case (deprecated path, use /move/)"
        ),
        description=(
            "Den gamle sti til POST /api/v1/cases/{id}/move/, med samme virkning og svar. Den "
            "svarer i én udgivelse mere med `Deprecation: @1796083200` (RFC 9745: forældet siden "
            "1.12.2026) og et `Link` til /move/. / The old path of POST /api/v1/cases/{id}/move/, "
            "with the same effect and answers. It answers for one more release with "
            "`Deprecation: @1796083200` (deprecated since 2026-12-01) and a `Link` to /move/."
        ),
        deprecated=True,
        parameters=DEPRECATED_PATH_HEADERS,
        request=inputs.CaseMoveInput,
        responses={200: out.CaseSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="transition", url_name="transition")
    def move_at_old_path(self, request: AuthenticatedRequest, pk: str) -> Response:
        return self.move(request, pk)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action == "move_at_old_path":
            # On every answer of the old path, errors too: a client learns of the deprecation
            # from whatever it gets back.
            successor = reverse("api:case-move", kwargs={"pk": self.kwargs["pk"]})
            response["Deprecation"] = DEPRECATED_SINCE
            response["Link"] = f'<{successor}>; rel="successor-version"'
        return response

    @extend_schema(
        summary="Helhedsorienteret afdækning / Needs assessment",
        request=inputs.AssessmentInput,
        responses={200: out.CaseSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["put"])
    def assessment(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = dict(
            validated_input(
                inputs.AssessmentInput,
                request,
                stored={
                    "substance_use": case.assessment_substance_use,
                    "social": case.assessment_social,
                    "health": case.assessment_health,
                    "work": case.assessment_work,
                    "housing": case.assessment_housing,
                    "other": case.assessment_other,
                    "children_ages": case.children_ages,
                },
            )
        )
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
            children_in_home=data.get("children_in_home"),
            children_ages=data.get("children_ages", ""),
            **{name: data.get(name, "") for name in ENROLMENT_FIELDS},
            # Left out, the stored answer stays.
            **({"has_job": data["has_job"]} if "has_job" in data else {}),
        )
        return self._answer(updated)

    @extend_schema(
        summary="Afgørelse / Decision",
        request=inputs.DecisionInput,
        responses={200: out.CaseSerializer, 204: None, **ERRORS},
    )
    @action(detail=True, methods=["put"])
    def decision(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        require_case_perm(request.user, CHANGE, case)
        data = dict(
            validated_input(
                inputs.DecisionInput, request, stored={"decision_text": case.decision_text}
            )
        )
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
    # The timeline keeps page numbers (short lists, oldest first).
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=ApiPagination)
    def events(self, request: AuthenticatedRequest, pk: str) -> Response:
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

    @extend_schema(
        summary="Forløbet i overblik / The course at a glance",
        description=(
            "Sagens daterede oplysninger, som sagens side tegner dem: hver anmodnings frist, "
            "afgørelsen, forløbene, udskrivningen, første ambulante aftale og kontakt og "
            "tjek-ind, ældste først. / The case's dated facts as the case page draws them, "
            "oldest first."
        ),
        parameters=READ_PARAMETERS,
        responses={200: out.CourseFactSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def course(self, request: AuthenticatedRequest, pk: str) -> Response:
        case = self.get_object()
        strip = case_course(case, today=timezone.localdate())
        data = out.CourseFactSerializer(strip.facts, many=True).data
        self.log_object(case, object_type="case_course")
        return Response(data)
