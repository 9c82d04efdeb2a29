"""The course at a glance (issue 18): the dated facts the case page draws as its strip."""

from __future__ import annotations

from rest_framework import serializers


class CourseFactSerializer(serializers.Serializer[object]):
    on = serializers.DateField(help_text="Dato / date")
    until = serializers.DateField(
        allow_null=True, help_text="Slutdato for et spænd (frist, forløbets slut) / end of a span"
    )
    open_ended = serializers.BooleanField(help_text="Spændet løber endnu / the span is still open")
    lane = serializers.ChoiceField(
        choices=["request", "episode", "handover", "checkin"], help_text="Spor / lane"
    )
    kind = serializers.ChoiceField(
        choices=[
            "request",
            "decision",
            "referral",
            "episode",
            "discharge",
            "first_appointment",
            "first_contact",
            "checkin",
        ],
        help_text="Slags / kind",
    )
    status = serializers.CharField(
        help_text=(
            "Anmodning: garantistatus; forløb: residential, outpatient (også efterbehandling og "
            "anonym), other eller waiting; udskrivning: done/planned; første aftale: planned/"
            "attended/missed; tjek-ind: due/overdue/answered / request: the guarantee status; "
            "episode: residential, outpatient (aftercare and anonymous too), other or waiting; "
            "discharge: done/planned; first appointment: planned/attended/missed; check-in: "
            "due/overdue/answered"
        )
    )
    text = serializers.CharField(source="label", help_text="Oplysningen i ord / the fact in words")
