"""The base of every API view set: access, pagination, access logging, CPR masking."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cases.access import VIEW, case_list_visible_to
from cases.access_log import access_log_record
from cases.access_log.purposes import PICKABLE, PurposeDecision, ReadKind, purpose_for_case
from cases.models import AccessLog, Case

from .access_logging import api_reads_record
from .http import AuthenticatedRequest
from .permissions import ApiAccessMixin

CPR_CHOICES = ["full", "masked"]

PURPOSE_PARAMETER = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    enum=[p.value for p in PICKABLE],
    description=(
        "Formålet med opslaget. Bruges kun, hvor sammenhængen ikke afgør det "
        "(fx en leder, der åbner en sag uden for teamets daglige liste); mangler det dér, "
        "svarer API'et 400. Hvor sammenhængen afgør det (sagsbehandler på eget teams sag: "
        "case_work, behandler med forløb: treatment, ...), skrives sammenhængens formål. / "
        "The purpose of the look-up. Used only where the context does not "
        "decide it (e.g. a manager opening a case outside the team's daily list); missing "
        "there, the API answers 400. Where the context decides (a caseworker on a case of "
        "their own team: case_work, a therapist with an episode: treatment, ...), the "
        "context's purpose is written."
    ),
)
CPR_PARAMETER = OpenApiParameter(
    "cpr",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    enum=CPR_CHOICES,
    description=(
        "full: vis det fulde CPR-nummer i en enkelt sag eller borger, hvis brugeren må se "
        "borgeren (sagsbehandlere og ledere med adgang til en af borgerens sager); lister "
        "maskeres altid / full: show the full CPR number in the detail of one case or "
        "citizen where the user may see the citizen (caseworkers and managers with access to "
        "one of the citizen's cases); lists stay masked"
    ),
)


class CommonQueryInput(serializers.Serializer):
    """The query parameters shared by the view sets, checked on every request of every view
    set: a `cpr` other than full/masked is a 400 (not a masked number that the client
    believes full). `purpose` is checked by `ApiViewSet.chosen_purpose`."""

    cpr = serializers.ChoiceField(choices=CPR_CHOICES, required=False)


def positive_int_parameter(value: str, name: str) -> int:
    """A query parameter the schema documents as an integer of at least 1 (digits only, as
    OpenAPI writes an integer in a query string); anything else is a 400."""
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise ValidationError({name: [_("Angiv et helt tal på mindst 1.")]})
    return int(value)


class ApiPagination(PageNumberPagination):
    """Pages of at most 100 objects. `page` and `page_size` are integers of at least 1: any
    other value is a 400 (DRF would use the default page size for `page_size=null`); a page
    beyond the last is a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    # Bounded, so that a list writes at most this many access-log entries.
    max_page_size = 100
    # `page=last` is DRF's; the schema documents an integer.
    last_page_strings = ()

    def get_page_size(self, request: Any) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        return min(positive_int_parameter(value, self.page_size_query_param), self.max_page_size)

    def get_page_number(self, request: Any, paginator: Paginator) -> int:
        value = request.query_params.get(self.page_query_param)
        return 1 if value is None else positive_int_parameter(value, self.page_query_param)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Antal pr. side (højst {self.max_page_size}) / objects per page "
                    f"(at most {self.max_page_size})"
                )
        return parameters


class ApiViewSet(ApiAccessMixin, viewsets.GenericViewSet):
    """A view set over case data.

    - `get_queryset` is built on `visible_cases()` (cases.access.case_list_visible_to), so an
      object on a case the user may not see is not found: 404, filtered in the database.
    - Every response with case data is written to the access log (see api/access_logging.py):
      one entry per object retrieved, one per distinct case on a list page.
    """

    # IsAuthenticated keeps anonymous requests out before a handler runs (api.http).
    request: AuthenticatedRequest
    parser_classes = [JSONParser]
    # JSON only: the browsable documentation is /api/docs/ (Swagger UI); DRF's HTML renderer
    # would be a second, untested way to show (and post) case data.
    renderer_classes = [JSONRenderer]
    pagination_class: type[BasePagination] | None = ApiPagination
    lookup_value_regex = "[0-9]+"
    # The role permission needed to read this kind of object (with a read grant on the case).
    read_perm: str = VIEW
    # object_type in the access log.
    log_type: str = "case"

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        # Authentication and permissions first: an anonymous request is a 401 whatever it asks.
        super().initial(request, *args, **kwargs)
        params = request.query_params
        query = CommonQueryInput(data={name: params[name] for name in ("cpr",) if name in params})
        query.is_valid(raise_exception=True)
        # A wrong ?purpose= is refused before anything is read or written.
        self.chosen_purpose()

    def visible_cases(
        self, perm: str | None = None, *, ordered: bool = False, few: bool = False
    ) -> QuerySet[Case]:
        """`ordered=True` for a list read a page at a time in an indexed order (the cursor
        lists): a user who sees many cases then gets a probe of the grants per row, so the
        page walks the order's index; `few=True` for a case read by its id (a probe of its
        grants, not the user's whole set). cases.access.case_list_visible_to; same rows."""
        return case_list_visible_to(
            self.request.user, perm=perm or self.read_perm, ordered=ordered, few=few
        )

    def case_of(self, obj: Any) -> Case:
        return obj.case

    # --- CPR ----------------------------------------------------------------------------------

    def wants_full_cpr(self) -> bool:
        return self.request.query_params.get("cpr") == "full"

    # --- serialising and logging -------------------------------------------------------------

    def chosen_purpose(self) -> str | None:
        """?purpose=, one of the purposes a user may pick; 400 for any other value."""
        value = self.request.query_params.get("purpose")
        if value is None or value == "":
            return None
        if value not in PICKABLE:
            raise ValidationError(
                {"purpose": [_("Ukendt formål. Brug et af: %s.") % ", ".join(PICKABLE)]}
            )
        return value

    def purpose_of(self, case: Case) -> PurposeDecision:
        """The purpose of reading `case` (cases.access_log.purposes, as on the pages); 400
        where neither the context nor ?purpose= gives one."""
        kind = ReadKind.PAGE if self.request.method == "GET" else ReadKind.WRITE
        decision = purpose_for_case(
            self.request.user, case, kind=kind, chosen=self.chosen_purpose()
        )
        if decision.purpose is None:
            raise ValidationError(
                {
                    "purpose": [
                        _(
                            "Angiv formålet med opslaget (?purpose=): sammenhængen afgør "
                            "det ikke for denne sag."
                        )
                    ]
                }
            )
        return decision

    def serialize(self, objs: Any, *, many: bool = False, serializer_class: Any = None) -> Any:
        context = dict(self.get_serializer_context())
        # DESIGN §1: a full CPR number only in the detail of one object, never in a list; the
        # serializer asks cases.citizen_access.citizen_cpr_visible_to whether this user may see it.
        context["full_cpr"] = not many and self.wants_full_cpr()
        cls = serializer_class or self.get_serializer_class()
        return cls(objs, many=many, context=context).data

    def log_object(
        self, obj: Any, *, object_type: str | None = None, case: Case | None = None
    ) -> None:
        case = case if case is not None else self.case_of(obj)
        decision = self.purpose_of(case)
        access_log_record(
            user=self.request.user,
            case=case,
            object_type=object_type or self.log_type,
            object_id=obj.pk,
            action=AccessLog.Action.API,
            purpose=str(decision.purpose),
            purpose_chosen=decision.chosen,
            break_glass=decision.break_glass,
        )

    def log_list(self, objs: Iterable[Any], *, object_type: str | None = None) -> None:
        cases: dict[int, Any] = {}
        for obj in objs:
            case = self.case_of(obj)
            cases.setdefault(case.pk, case)
        api_reads_record(
            user=self.request.user,
            object_type=f"{object_type or self.log_type}_list",
            entries=[(case, case.pk) for case in cases.values()],
            # A list or a search result: logged as shown, never asked (DESIGN §10).
            purpose=AccessLog.Purpose.LIST,
        )

    def respond(
        self,
        obj: Any,
        *,
        status_code: int = status.HTTP_200_OK,
        serializer_class: Any = None,
        object_type: str | None = None,
    ) -> Response:
        """Serialise one object and log the read (a write's answer shows case data too)."""
        data = self.serialize(obj, serializer_class=serializer_class)
        self.log_object(obj, object_type=object_type)
        return Response(data, status=status_code)

    # --- the two reads ------------------------------------------------------------------------

    def list(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        assert page is not None  # every list is paginated
        data = self.serialize(page, many=True)
        self.log_list(page)
        return self.get_paginated_response(data)

    def retrieve(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object())
