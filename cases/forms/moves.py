"""A move through the case's lifecycle."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import text_limits
from ..models import CourseEndReason, CourseEndStatus
from .fields import DATE_WIDGET
from .text import LimitedCharField


class CaseMoveForm(forms.Form):
    action = forms.CharField(max_length=40)
    note = LimitedCharField(
        limit=text_limits.MOVE_NOTE,
        label=_("Bemærkning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Closing only: the course's own end date and reason (DESIGN §3), not the day of the click.
    course_ended_on = forms.DateField(
        label=_("Forløbets slutdato"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Ved afslutning. Tom: det sidste behandlingsforløbs slutdato."),
    )
    course_end_reason = forms.ChoiceField(
        label=_("Forløbets afslutningsårsag"),
        required=False,
        choices=[("", _("Vælg ved afslutning")), *CourseEndReason.choices],
    )
    # The register's end status: the citizen's use when the course ends.
    course_end_status = forms.ChoiceField(
        label=_("Borgerens forbrug ved afslutningen"),
        required=False,
        choices=[("", _("Vælg ved afslutning")), *CourseEndStatus.choices],
    )
