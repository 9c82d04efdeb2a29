"""Input of the work agreement (DESIGN §5.12), in a module of its own (api/inputs.py is full).
Strict and bounded like the rest of the API's input; the service checks the consent."""

from __future__ import annotations

from rest_framework import serializers

from .fields import StrictSerializer, text_field
from .inputs import version_field


class WorkAgreementInput(StrictSerializer):
    version = version_field(
        "Den version aftalen bygger på (0 for den første); er den gemt af en anden siden, "
        "svares 409, og intet ændres / the version the agreement is based on (0 for the first); "
        "a stale one gets 409 and nothing is changed"
    )
    work_functions = text_field(
        required=True, help_text="Arbejdsfunktioner / what the citizen does at work"
    )
    accommodations = text_field(help_text="Skånebehov / accommodations needed")
    starts_on = serializers.DateField(
        required=False, allow_null=True, help_text="Tilbage på arbejde / back at work"
    )
    contact_name = text_field(
        200, required=True, help_text="Kontaktperson hos arbejdsgiveren / contact at the employer"
    )
    contact_phone = text_field(40, help_text="Kontaktpersonens telefon / the contact's phone")
    contact_email = serializers.EmailField(
        max_length=254, required=False, allow_blank=True, help_text="Kontaktpersonens e-mail"
    )
    notes = text_field(help_text="Bemærkninger / notes")
