"""/api/v1/transitions/{id}/work-agreement/: the transition's work agreement (DESIGN §5.12),
read and saved under the same rules as the page: saved only under a valid written consent of
the employer that covers the work agreement (400 otherwise), at the version the client read
(409 on a stale one)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from transitions import services as handover
from transitions.models import Transition, WorkAgreement
from transitions.selectors.work import (
    BASIS_MESSAGES,
    work_agreement_consent,
    work_agreement_get,
)

from .. import serializers as out
from ..http import AuthenticatedRequest
from ..inputs_work import WorkAgreementInput
from ..permissions import require_case_perm
from ..schema import ERRORS, READ_PARAMETERS
from .handover import HandoverViewSet
from .parsing import validated_input


class WorkAgreementActions(HandoverViewSet):
    """The work agreement as an action of the transitions' view set."""

    def _work_agreement_answer(self, transition: Transition) -> Response:
        # Not saved yet: version 0 and empty fields, which a client saves with version 0.
        agreement = work_agreement_get(transition) or WorkAgreement(transition=transition)
        _consent, problem = work_agreement_consent(transition.case, timezone.localdate())
        data = out.WorkAgreementSerializer(
            agreement, context={"basis_problem": BASIS_MESSAGES[problem] if problem else ""}
        ).data
        self.log_object(transition, object_type="work_agreement", case=transition.case)
        return Response(data)

    @extend_schema(
        methods=["GET"],
        summary="Arbejdsaftale / Work agreement",
        parameters=READ_PARAMETERS,
        responses={200: out.WorkAgreementSerializer, **ERRORS},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Gem arbejdsaftale / Save the work agreement",
        description=(
            "Kræver et gyldigt skriftligt samtykke til arbejdsgiveren, der omfatter "
            "arbejdsaftalen (ellers 400), og den version aftalen bygger på (en forældet giver "
            "409). / Needs a valid written consent of the employer that covers the work "
            "agreement (400 otherwise) and the version it is based on (a stale one gets 409)."
        ),
        request=WorkAgreementInput,
        responses={200: out.WorkAgreementSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "put"], url_path="work-agreement")
    def work_agreement(self, request: AuthenticatedRequest, pk: str) -> Response:
        transition = self.get_object()
        if request.method == "PUT":
            require_case_perm(request.user, "transitions.change_transition", transition.case)
            data = validated_input(WorkAgreementInput, request)
            handover.work_agreement_save(
                transition=transition,
                actor=request.user,
                based_on_version=data["version"],
                work_functions=data["work_functions"],
                accommodations=data.get("accommodations", ""),
                starts_on=data.get("starts_on"),
                contact_name=data["contact_name"],
                contact_phone=data.get("contact_phone", ""),
                contact_email=data.get("contact_email", ""),
                notes=data.get("notes", ""),
            )
        return self._work_agreement_answer(transition)
