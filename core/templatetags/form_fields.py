"""The hot loops of includes/form_field.html in Python: a widget's HTML attributes and a select's
options. As template includes they cost a template render per option (the access log's filter of
167 users took 60 ms at 100,000 cases); here they are one string join.

    {% load form_fields %}
    <input …{% widget_attrs w.attrs field %}>
    <select …>{% select_options field %}</select>
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

# includes/form_field.html writes these itself.
OWN_ATTRIBUTES = frozenset({"class", "id"})


def attributes_html(attrs: Mapping[str, Any], *, keep_describedby: bool) -> SafeString:
    """A widget's attributes as Django's django/forms/widgets/attrs.html renders them, without
    id and class, and without aria-describedby unless the widget declared its own
    (keep_describedby: then BoundField.aria_describedby is None)."""
    parts = []
    for name, value in attrs.items():
        if name in OWN_ATTRIBUTES or value is False or value is None:
            continue
        if name == "aria-describedby" and not keep_describedby:
            continue
        if value is True:
            parts.append(format_html(" {}", name))
        else:
            parts.append(format_html(' {}="{}"', name, value))
    return format_html_join("", "{}", ((part,) for part in parts))


@register.simple_tag
def widget_attrs(attrs: Mapping[str, Any], field: BoundField) -> SafeString:
    """The attributes of a control rendered by includes/form_field.html."""
    return attributes_html(attrs, keep_describedby=field.aria_describedby is None)


@register.simple_tag
def select_options(field: BoundField) -> SafeString:
    """The <option> elements of a select, option groups flattened, one a line: the choices and
    the selection as Django's ChoiceWidget.optgroups makes them (a value is selected when its
    text is in the widget's formatted value; a single select selects the first such), read from
    the field's choices directly (BoundField.subwidgets builds a dict of attributes per option,
    and none of our selects gives an option attributes of its own)."""
    widget = field.field.widget
    value = widget.format_value(field.value())
    multiple = widget.allow_multiple_selected
    has_selected = False
    rows = []
    # A ChoiceField hands its choices to its select (ChoiceField._set_choices).
    for option_value, label in _flat_choices(getattr(widget, "choices", ())):
        text = "" if option_value is None else str(option_value)
        selected = (multiple or not has_selected) and text in value
        has_selected = has_selected or selected
        rows.append((text, " selected" if selected else "", label))
    options = format_html_join("\n", '<option value="{}"{}>{}</option>', rows)
    return format_html("{}\n", options) if rows else options


def _flat_choices(choices: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    for option_value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield option_value, label
