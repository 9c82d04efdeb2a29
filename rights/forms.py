"""The forms of the "Aktindsigt og klager" page: registering and closing access requests and
complaints. Their rules are the services' (rights.services); a refusal is put on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.fields import DATE_WIDGET
from cases.forms.text import LimitedCharField
from cases.text_limits import limit

from .models import AccessRequest, Complaint
from .services import CLOSING_STATUSES


class AccessRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Lov"),
        choices=AccessRequest.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Svarfristen følger loven: 7 arbejdsdage efter offentlighedsloven § 36, "
            "1 måned efter databeskyttelsesforordningen art. 12, stk. 3."
        ),
    )
    received_on = forms.DateField(label=_("Modtaget"), widget=DATE_WIDGET)


class AccessRequestCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Udfald"),
        choices=[(s.value, s.label) for s in CLOSING_STATUSES],
        widget=forms.RadioSelect,
    )
    closed_on = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)


class ComplaintForm(forms.Form):
    received_on = forms.DateField(label=_("Modtaget"), widget=DATE_WIDGET)
    about = forms.ChoiceField(
        label=_("Klagen angår"), choices=Complaint.About.choices, widget=forms.RadioSelect
    )
    about_record = LimitedCharField(
        label=_("Hvilken registrering"),
        limit=limit("rights.Complaint.about_record"),
        required=False,
        help_text=_("Kun når klagen angår en anden registrering end afgørelsen."),
    )
    text = LimitedCharField(
        label=_("Klagen kort"),
        limit=limit("rights.Complaint.text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ComplaintStepForm(forms.Form):
    """Forwarding to Ankestyrelsen or the decision: what was done, and when."""

    step = forms.ChoiceField(
        label=_("Hvad er sket"),
        choices=[
            ("forward", _("Sendt til Ankestyrelsen")),
            ("decide", _("Afgjort")),
        ],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
