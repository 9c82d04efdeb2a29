"""/api/v1/units/{unit_id}/register-extract/ and /register-check/: the register extracts and
the check list (DESIGN §7, docs/registers.md), for a client under the same rules as the reports
page: the role permission "reports.view_reports" (403 without it) and the manager's own unit
(404 for any other). Every call is written to the access log with the purpose "register"."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Unit
from cases.models import AccessLog
from reports import register_extracts, services
from reports.forms import RegisterExtractForm, RegisterMonthForm
from reports.register_codes import Register

from ..http import AuthenticatedRequest
from ..permissions import ApiAccessMixin, require_perm
from ..schema import ERRORS

REPORTS_PERM = "reports.view_reports"

MONTH = OpenApiParameter(
    "month",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=True,
    pattern=r"^[0-9]{4}-[0-9]{2}$",
    description="Måned (ÅÅÅÅ-MM), de seneste 24 / month (YYYY-MM), the last 24",
)
REGISTER = OpenApiParameter(
    "register",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=True,
    enum=[r.value for r in Register],
    description="Registret / the register",
)


class CheckRowSerializer(serializers.Serializer):
    register = serializers.ChoiceField(choices=[(r.value, r.value) for r in Register])
    case = serializers.IntegerField(source="case_id")
    case_number = serializers.CharField()
    offer = serializers.CharField(source="offer_name")
    problems = serializers.ListField(child=serializers.CharField())


class RegisterCheckSerializer(serializers.Serializer):
    month = serializers.CharField()
    rows = CheckRowSerializer(many=True)


def _own_unit(request: AuthenticatedRequest, unit_id: int) -> Unit:
    require_perm(request.user, REPORTS_PERM)
    if request.user.unit_id != unit_id:
        raise Http404
    return get_object_or_404(Unit, pk=unit_id)


def _valid(form: RegisterMonthForm) -> RegisterMonthForm:
    if not form.is_valid():
        errors = {
            "month" if name == "maaned" else name: [str(message) for message in messages]
            for name, messages in form.errors.items()
        }
        raise ValidationError(errors)
    return form


class RegisterExtractView(ApiAccessMixin, APIView):
    @extend_schema(
        summary="Registerudtræk (CSV) / Register extract (CSV)",
        parameters=[REGISTER, MONTH],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Registrets feltnavne og koder"
            ),
            **ERRORS,
        },
    )
    def get(self, request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
        unit = _own_unit(request, unit_id)
        form = _valid(
            RegisterExtractForm(
                {
                    "register": request.query_params.get("register", ""),
                    "maaned": request.query_params.get("month", ""),
                }
            )
        )
        assert isinstance(form, RegisterExtractForm)
        period, register = form.period, form.chosen_register
        content = services.register_extract_read(
            user=request.user,
            unit=unit,
            period=period,
            register=register,
            action=AccessLog.Action.API,
        )
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        filename = register_extracts.register_extract_filename(unit, period, register)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class RegisterCheckView(ApiAccessMixin, APIView):
    @extend_schema(
        summary="Registertjekliste / Register check list",
        description=(
            "Månedens forløb, der ikke kan indberettes endnu, med problemkoder "
            "(reports.register_checks.Problem) / the month's rows that cannot be reported yet, "
            "with problem codes."
        ),
        parameters=[MONTH],
        responses={200: RegisterCheckSerializer, **ERRORS},
    )
    def get(self, request: AuthenticatedRequest, unit_id: int) -> Response:
        unit = _own_unit(request, unit_id)
        form = _valid(RegisterMonthForm({"maaned": request.query_params.get("month", "")}))
        period = form.period
        rows = services.register_check_read(
            user=request.user, unit=unit, period=period, action=AccessLog.Action.API
        )
        data = {
            "month": f"{period.start:%Y-%m}",
            "rows": [
                {
                    "register": row.register.value,
                    "case_id": row.case_id,
                    "case_number": row.case_number,
                    "offer_name": row.offer_name,
                    "problems": [problem.value for problem in row.problems],
                }
                for row in rows
            ],
        }
        return Response(RegisterCheckSerializer(data).data)
