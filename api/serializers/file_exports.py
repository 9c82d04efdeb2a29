"""Access to the file (forvaltningsloven § 9; GDPR art. 15 and 20): the export, its fields for
review and the decisions on them."""

from __future__ import annotations

from rest_framework import serializers

from rights.models import FileExport, FileExportDecision


class FileExportCreateInput(serializers.Serializer):
    citizen = serializers.IntegerField(min_value=1, help_text="Borgerens id / the citizen's id")


class FileExportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    citizen = serializers.IntegerField(source="citizen_id")
    status = serializers.ChoiceField(choices=FileExport.Status.choices)
    created_at = serializers.DateTimeField()
    released_at = serializers.DateTimeField(allow_null=True)
    pending = serializers.IntegerField(
        allow_null=True,
        help_text=(
            "Felter, der mangler en afgørelse (null når udleveret) / fields still to be "
            "decided (null once released)"
        ),
    )


class FieldKeyInput(serializers.Serializer):
    model = serializers.CharField(max_length=100, help_text="fx / e.g. transitions.Participant")
    record_id = serializers.IntegerField(min_value=1)
    field = serializers.CharField(max_length=100)


class DecisionInput(FieldKeyInput):
    decision = serializers.ChoiceField(choices=FileExportDecision.Decision.choices)


class DecisionsInput(serializers.Serializer):
    decisions = DecisionInput(many=True, allow_empty=False)


class ReviewFieldSerializer(serializers.Serializer):
    model = serializers.CharField()
    record_id = serializers.IntegerField()
    field = serializers.CharField()
    section = serializers.CharField(help_text="Afsnittet i udtrækket / the export's section")
    title = serializers.CharField(help_text="Feltets navn / the field's name")
    case_number = serializers.CharField(allow_blank=True)
    value = serializers.CharField(help_text="Værdien, som borgeren vil se / the value as shown")
    decision = serializers.ChoiceField(
        choices=FileExportDecision.Decision.choices,
        allow_blank=True,
        help_text="Tom: mangler afgørelse / empty: not decided yet",
    )
