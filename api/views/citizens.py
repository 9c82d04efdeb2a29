"""/api/v1/citizens/: read, register and correct citizens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.db.models import BigIntegerField, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import services as case_services
from cases.access import citizen_list_visible_to
from cases.access_log import access_log_record
from cases.models import AccessLog, Case, Citizen
from cases.purposes import Purpose
from reports.lookup_extract import lookup_extract_log
from reports.selectors.lookups import citizen_lookups
from reports.selectors.periods import Period

from .. import inputs
from .. import serializers as out
from ..base import CPR_PARAMETER, ApiViewSet
from ..http import AuthenticatedRequest
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from ..serializers.lookups import LookupExtractSerializer, LookupQuerySerializer
from .parsing import validated_input

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CitizenLogAnnotations(TypedDict):
    """get_queryset()'s annotations: the newest visible case, where a citizen read is logged."""

    log_case_id: int
    log_team_id: int


# A type only (lazy: WithAnnotations is imported for the type checker alone).
type LoggedCitizen = WithAnnotations[Citizen, CitizenLogAnnotations]


@extend_schema_view(
    list=extend_schema(
        summary="Borgere / Citizens",
        description=(
            "Borgere med mindst én sag, brugeren må se, og borgere uden sag, som brugerens team "
            "har oprettet. CPR maskeret, medmindre ?cpr=full. / Citizens with at least one "
            "case the user may see, and citizens without any case that the user's team "
            "registered. CPR masked unless ?cpr=full."
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

    def get_queryset(self) -> QuerySet[LoggedCitizen]:
        visible = self.visible_cases().filter(citizen_id=OuterRef("pk"))
        newest = visible.order_by("-inquiry_date", "-pk")
        # The newest visible case: the access-log entry of a citizen read belongs to it, so
        # the citizen's extract shows the look-up. A citizen without any case is the
        # registering team's (cases.access.citizen_list_visible_to): logged under that team.
        return citizen_list_visible_to(self.request.user, perm=self.read_perm).annotate(
            log_case_id=Subquery(newest.values("pk")[:1]),
            log_team_id=Coalesce(
                Subquery(newest.values("team_id")[:1]),
                F("registered_by_team_id"),
                output_field=BigIntegerField(),
            ),
        )

    def case_of(self, obj: LoggedCitizen) -> Case:
        return Case(pk=obj.log_case_id, team_id=obj.log_team_id)

    def log_object(
        self, obj: Any, *, object_type: str | None = None, case: Case | None = None
    ) -> None:
        if case is None and obj.log_case_id is None:
            # A citizen without any case, read by the registering team: logged under the
            # team, with no case (nor break the glass: there is no case to break into).
            access_log_record(
                user=self.request.user,
                object_type=object_type or self.log_type,
                object_id=obj.pk,
                unit_id=obj.log_team_id,
                action=AccessLog.Action.API,
                # The registering team's own citizen: case work (cases/purposes.py).
                purpose=Purpose.CASE_WORK,
            )
            return
        super().log_object(obj, object_type=object_type, case=case)

    @extend_schema(
        summary="Opret borger / Create a citizen",
        request=inputs.CitizenInput,
        responses={201: out.CitizenSerializer, **error_responses(400, 403)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = validated_input(inputs.CitizenInput, request)
        citizen = case_services.citizen_create(actor=request.user, **data)
        # No case yet, so no access-log entry (nothing about the citizen was looked up).
        return Response(self.serialize(citizen), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ret borger / Update a citizen",
        request=inputs.CitizenInput,
        responses={200: out.CitizenSerializer, **ERRORS},
    )
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        citizen = self.get_object()
        data = validated_input(inputs.CitizenInput, request, partial=True)
        if "cpr" in data and data["cpr"] is None:
            data["cpr"] = ""
        # The service answers with the row without get_queryset()'s annotations; it gets them
        # here, so that the read is logged on the same case.
        updated = cast(
            "LoggedCitizen",
            case_services.citizen_update(actor=request.user, citizen=citizen, **data),
        )
        updated.log_case_id, updated.log_team_id = citizen.log_case_id, citizen.log_team_id
        return self.respond(updated)

    @extend_schema(
        summary="Opslag i borgerens oplysninger / Look-ups of the citizen's data",
        description=(
            "Borgerens indsigt (DESIGN §10): hvornår, af hvilken enhed og til hvilket formål "
            "borgerens oplysninger er slået op i perioden, i alle borgerens sager; aldrig af "
            "hvem. Selve udtrækket skrives i adgangsloggen med formålet citizen_request. / "
            "The citizen's look-up extract: when, by which unit and for what purpose the "
            "citizen's data was looked up in the period, across all their cases; never by "
            "whom. Making it is logged with the purpose citizen_request."
        ),
        parameters=[LookupQuerySerializer],
        responses={200: LookupExtractSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def lookups(self, request: AuthenticatedRequest, pk: str) -> Response:
        citizen = self.get_object()
        query = LookupQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = Period(query.validated_data["start"], query.validated_data["end"])
        lookup_extract_log(user=request.user, citizen=citizen)
        data = {
            "citizen": citizen.pk,
            "start": period.start,
            "end": period.end,
            "lookups": [vars(row) for row in citizen_lookups(citizen=citizen, period=period)],
        }
        return Response(LookupExtractSerializer(data).data)
