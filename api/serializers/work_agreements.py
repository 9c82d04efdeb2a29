"""The work agreement of a transition (DESIGN §5.12) and whether it is shared now."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from transitions.models import WorkAgreement

from .output import OutputModelSerializer
from .refs import PersonSerializer, person


class WorkAgreementSerializer(OutputModelSerializer):
    updated_by = serializers.SerializerMethodField()
    consent = serializers.IntegerField(
        source="consent_id",
        allow_null=True,
        read_only=True,
        help_text="Samtykket aftalen senest er gemt under / the consent it was last saved under",
    )
    basis_problem = serializers.SerializerMethodField(
        help_text=(
            "Tom, når aftalen må gemmes og deles nu; ellers hvorfor ikke (intet skriftligt "
            "samtykke til arbejdsgiveren, der omfatter arbejdsaftalen) / empty when the "
            "agreement may be saved and shared now; otherwise why not"
        )
    )

    class Meta:
        model = WorkAgreement
        fields = [
            "version",
            "work_functions",
            "accommodations",
            "starts_on",
            "contact_name",
            "contact_phone",
            "contact_email",
            "notes",
            "consent",
            "updated_by",
            "updated_at",
            "basis_problem",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_updated_by(self, agreement: WorkAgreement) -> dict[str, Any] | None:
        return person(agreement.updated_by)

    def get_basis_problem(self, agreement: WorkAgreement) -> str:
        return str(self.context.get("basis_problem", ""))
