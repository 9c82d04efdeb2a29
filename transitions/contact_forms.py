"""The small form that records a contact with the citizen (DESIGN §5.10), on the case page and
the transition page: kind, date and time (now by default), planned or not, outcome, and the
commitment it delivers."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from treatment_options.models import Contact, Episode

from .models import AftercareCommitment


class EpisodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.offer)


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.description)


class ContactForm(forms.Form):
    episode = EpisodeChoiceField(label=_("Forløb"), queryset=Episode.objects.none())
    kind = forms.ChoiceField(label=_("Kontaktform"), choices=Contact.Kind.choices)
    date = forms.DateField(
        label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Klokkeslæt"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    is_planned = forms.BooleanField(label=_("Kontakten var planlagt"), required=False, initial=True)
    outcome = forms.ChoiceField(
        label=_("Udfald"), choices=Contact.Outcome.choices, widget=forms.RadioSelect
    )
    commitment = CommitmentChoiceField(
        label=_("Leverer indsatsen"),
        queryset=AftercareCommitment.objects.none(),
        required=False,
        empty_label=_("Ingen bestemt indsats"),
        help_text=_("Kun gennemførte kontakter tæller som leveret."),
    )

    def __init__(
        self,
        *args: Any,
        episodes: Any,
        commitments: Any,
        loaded: tuple[list[Any], list[Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        """`loaded`: the rows of `episodes` and `commitments` the caller has read already; the
        unbound form's choices are then built from them instead of a query per field."""
        super().__init__(*args, **kwargs)
        fields = (("episode", episodes), ("commitment", commitments))
        for (name, queryset), rows in zip(fields, loaded or (None, None), strict=True):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = queryset
            if rows is not None:
                choice = field.iterator(field).choice
                empty = [] if field.empty_label is None else [("", field.empty_label)]
                field.choices = [*empty, *(choice(row) for row in rows)]

    @staticmethod
    def initial_for(
        *, episode: Episode | None, commitment: AftercareCommitment | None
    ) -> dict[str, Any]:
        now = timezone.localtime()
        return {
            "episode": episode.pk if episode else None,
            "date": now.date(),
            "time": now.time().replace(second=0, microsecond=0),
            "is_planned": True,
            "kind": Contact.Kind.SESSION,
            "commitment": commitment.pk if commitment else None,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        day, time = data.get("date"), data.get("time")
        data["at"] = timezone.make_aware(dt.datetime.combine(day, time)) if day and time else None
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "episode": data["episode"],
            "at": data["at"],
            "kind": data["kind"],
            "outcome": data["outcome"],
            "is_planned": data["is_planned"],
            "commitment": data.get("commitment"),
        }
