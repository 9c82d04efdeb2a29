"""The course in the API's input: its lifecycle moves (closing records the course's own end
date, reason and end status) and the enrolment content the registers ask for (docs/registers.md
§4.2), part of the needs assessment (`PUT /api/v1/cases/{id}/assessment/`; blank: not asked)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases.lifecycle import ACTIONS
from cases.models import (
    CourseEndReason,
    CourseEndStatus,
    HousingSituation,
    RouteOfUse,
    Substance,
    SubstitutionMedicine,
)

from .fields import StrictSerializer, text_field, version_field


def _choice(choices: list[tuple[str, Any]], help_text: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, help_text=help_text
    )


class EnrolmentInput(StrictSerializer):
    primary_substance = _choice(
        Substance.choices,
        "Primært rusmiddel (et af sagens) / primary substance (one of the case's)",
    )
    route_of_use = _choice(RouteOfUse.choices, "Indtagelsesmåde / route of use")
    housing_situation = _choice(HousingSituation.choices, "Boligsituation / housing")
    substitution_medicine = _choice(
        SubstitutionMedicine.choices,
        "Substitutionsmedicin (ikke ved alkohol) / substitution medicine (not for alcohol)",
    )


ENROLMENT_FIELDS = tuple(EnrolmentInput().fields)


class CaseMoveInput(StrictSerializer):
    action = serializers.ChoiceField(
        choices=[(a, a) for a in ACTIONS],
        help_text="Handling fra livscyklustabellen / action from the lifecycle table",
    )
    note = text_field(help_text="Note, fx afslutningsårsag / note, e.g. why the case is closed")
    version = version_field("Sagens version / the case's version", required=False)
    course_ended_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=(
            "Ved afslutning: forløbets slutdato (ikke i fremtiden, ikke før sidste forløbs "
            "slutdato; tom: sidste forløbs slutdato) / when closing: the course's end date"
        ),
    )
    course_end_reason = serializers.ChoiceField(
        choices=CourseEndReason.choices,
        required=False,
        allow_blank=True,
        help_text="Ved afslutning: forløbets afslutningsårsag / the course's end reason",
    )
    course_end_status = serializers.ChoiceField(
        choices=CourseEndStatus.choices,
        required=False,
        allow_blank=True,
        help_text="Ved afslutning: forbrug ved afslutningen / when closing: use at the end",
    )
