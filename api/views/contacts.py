"""/api/v1/contacts/: contacts with the citizen within an episode and the commitment each
delivers (DESIGN §5.10). Who may record or correct one is who may change the episode
(cases.access.may_change_episode), as on the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cases.access import may_change_episode
from cases.models import Case
from transitions.selectors.contacts import contact_commitments_for
from transitions.services import contacts as contact_services
from treatment_options.models import Contact, Episode

from .. import filters, inputs
from .. import serializers as out
from ..base import ApiViewSet
from ..http import AuthenticatedRequest
from ..schema import ERRORS, READ_PARAMETERS, error_responses
from .parsing import pick, validated_input


@extend_schema_view(
    list=extend_schema(summary="Kontakter / Contacts", parameters=READ_PARAMETERS),
    retrieve=extend_schema(
        summary="Kontakt / Contact",
        parameters=READ_PARAMETERS,
        responses={200: out.ContactSerializer, **ERRORS},
    ),
)
class ContactViewSet(ApiViewSet):
    # For the schema generator only; get_queryset() decides what a request sees.
    queryset = Contact.objects.none()
    serializer_class = out.ContactSerializer
    filterset_class = filters.ContactFilter
    log_type = "contact"

    def get_queryset(self) -> QuerySet[Contact]:
        return (
            Contact.objects.filter(episode__case__in=self.visible_cases())
            .select_related("episode__case", "delivery")
            .order_by("-at", "-pk")
        )

    def case_of(self, obj: Any) -> Case:
        return obj.episode.case

    def _require_writer(self, episode: Episode) -> None:
        # 403 before the input is looked at further, as on the pages (a manager, the staff of
        # another provider); the service asks again.
        if not may_change_episode(self.request.user, episode):
            raise PermissionDenied

    def _commitment(self, episode: Episode, pk: int | None) -> Any:
        return pick(contact_commitments_for(episode.case), pk, "commitment")

    def _answer(self, contact: Contact, status_code: int = status.HTTP_200_OK) -> Response:
        return self.respond(self.get_queryset().get(pk=contact.pk), status_code=status_code)

    @extend_schema(
        summary="Registrér kontakt / Record a contact",
        description=(
            "En gennemført eller udeblevet kontakt kan ikke ligge i fremtiden. Kun gennemførte "
            "kontakter tæller som leveret. / An attended or missed contact cannot be in the "
            "future. Only attended contacts count as delivered."
        ),
        request=inputs.ContactCreateInput,
        responses={201: out.ContactSerializer, **error_responses(400, 403)},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = dict(validated_input(inputs.ContactCreateInput, request))
        episodes = Episode.objects.filter(case__in=self.visible_cases()).select_related(
            "case", "offer__provider"
        )
        episode = pick(episodes, data.pop("episode"), "episode")
        self._require_writer(episode)
        commitment = self._commitment(episode, data.pop("commitment", None))
        contact = contact_services.contact_record_for_commitment(
            actor=request.user, episode=episode, commitment=commitment, **data
        )
        return self._answer(contact, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ret kontakt / Correct a contact",
        request=inputs.ContactUpdateInput,
        responses={200: out.ContactSerializer, **ERRORS},
    )
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        contact = self.get_object()
        episode = Episode.objects.select_related("case", "offer__provider").get(
            pk=contact.episode_id
        )
        self._require_writer(episode)
        data = validated_input(inputs.ContactUpdateInput, request)
        delivery = getattr(contact, "delivery", None)
        if "commitment" in data:
            commitment = self._commitment(episode, data["commitment"])
        else:
            commitment = delivery.commitment if delivery is not None else None
        updated = contact_services.contact_update_for_commitment(
            actor=request.user,
            contact=contact,
            at=data.get("at", contact.at),
            kind=data.get("kind", contact.kind),
            outcome=data.get("outcome", contact.outcome),
            is_planned=data.get("is_planned", contact.is_planned),
            commitment=commitment,
        )
        return self._answer(updated)
