"""Citizens, with their CPR number masked unless the user may see it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases.citizen_access import citizen_cpr_visible_to
from cases.cpr import mask_cpr
from cases.models import Citizen

from .output import OutputModelSerializer


class CprMixin:
    """CPR masked (DDMMYY-XXXX) unless the view asks for the full number (`full_cpr` in the
    context: the detail of one object with ?cpr=full) and the user may see it
    (cases.citizen_access.citizen_cpr_visible_to, the rule the citizen's page and the PDFs
    follow)."""

    context: dict[str, Any]

    def cpr_for(self, citizen: Citizen) -> str | None:
        if citizen.cpr is None:
            return None
        request = self.context.get("request")
        if (
            self.context.get("full_cpr")
            and request is not None
            and citizen_cpr_visible_to(request.user, citizen)
        ):
            return citizen.cpr
        return mask_cpr(citizen.cpr)


class CitizenSummarySerializer(CprMixin, OutputModelSerializer):
    """The citizen as shown on a case."""

    display_name = serializers.CharField(
        read_only=True, help_text="Navn, eller alias ved anonym behandling / name or alias"
    )
    cpr = serializers.SerializerMethodField(
        help_text=(
            "CPR-nummer, maskeret (DDMMÅÅ-XXXX) medmindre ?cpr=full og brugeren må se det / "
            "CPR number, masked unless ?cpr=full and the user may see it"
        )
    )

    class Meta:
        model = Citizen
        fields = ["id", "display_name", "is_anonymous", "cpr", "birth_date"]

    def get_cpr(self, citizen: Citizen) -> str | None:
        return self.cpr_for(citizen)


class CitizenSerializer(CitizenSummarySerializer):
    class Meta:
        model = Citizen
        fields = [
            "id",
            "display_name",
            "first_name",
            "last_name",
            "is_anonymous",
            "alias",
            "cpr",
            "birth_date",
            "address",
            "postal_code",
            "city",
            "phone",
            "email",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
