"""/api/v1/citizens/: read, register and correct citizens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import services as case_services
from cases.access_log import access_log_record
from cases.citizen_access import citizen_list_visible_to
from cases.models import AccessLog, Case, Citizen
from cases.paging import Ordering
from cases.purposes import Purpose
from reports.lookup_extract import lookup_extract_log
from reports.selectors.lookups import citizen_lookups
from reports.selectors.periods import Period

from .. import inputs
from .. import serializers as out
from ..base import CPR_PARAMETER, ApiViewSet
from ..http import AuthenticatedRequest
from ..pagination import ApiCursorPagination
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from ..serializers.lookups import LookupExtractSerializer, LookupQuerySerializer
from .parsing import validated_input

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CitizenLogAnnotations(TypedDict):
    """attach_log_cases()'s attributes: the newest visible case, where a citizen read is
    logged (None: no case), and its team (else the registering team)."""

    log_case_id: int | None
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

    pagination_class = ApiCursorPagination

    def get_queryset(self) -> QuerySet[Citizen]:
        # The list is read a page at a time by name (api.pagination): walked.
        return citizen_list_visible_to(
            self.request.user, perm=self.read_perm, ordered=self.action == "list"
        )

    def keyset_ordering(self) -> Ordering:
        return ("last_name", "first_name", "pk")

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.attach_log_cases(page)
        return page

    def get_object(self) -> LoggedCitizen:
        citizen = super().get_object()
        self.attach_log_cases([citizen])
        return cast("LoggedCitizen", citizen)

    def attach_log_cases(self, citizens: list[Any]) -> None:
        """Give each citizen of a page its newest visible case and that case's team: the
        access-log entry of a citizen read belongs to it, so the citizen's extract shows the
        look-up. A citizen without any case is the registering team's
        (cases.citizen_access.citizen_list_visible_to): logged under that team. One query for the
        page, instead of two correlated subqueries per citizen over every visible citizen."""
        newest: dict[int, tuple[int, int]] = {}
        rows = (
            # The page's citizens' cases, each probed (not the whole visible set joined).
            self.visible_cases(ordered=True)
            .filter(citizen_id__in=[c.pk for c in citizens])
            .order_by("citizen_id", "-inquiry_date", "-pk")
            .values_list("citizen_id", "pk", "team_id")
        )
        for citizen_id, case_id, team_id in rows:
            newest.setdefault(citizen_id, (case_id, team_id))
        for citizen in citizens:
            found = newest.get(citizen.pk)
            citizen.log_case_id = found[0] if found else None
            # Without a case: the registering team (always set then: citizen_list_visible_to).
            citizen.log_team_id = found[1] if found else citizen.registered_by_team_id

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
