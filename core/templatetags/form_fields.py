"""The hot loops of includes/form_field.html in Python: a widget's HTML attributes and a select's
options. As template includes they cost a template render per option (the access log's filter of
167 users took 60 ms at 100,000 cases); here they are one string join.

    {% load form_fields %}
    <input …{% widget_attrs w.attrs field %}>
    <select …>{% select_options field %}</select>
"""

from __future__ import annotations

from collections.abc import Mapping
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
    """The <option> elements of a select, option groups flattened, one a line."""
    keep_describedby = field.aria_describedby is None
    options = format_html_join(
        "\n",
        '<option value="{}"{}>{}</option>',
        (
            (
                option.data["value"],
                attributes_html(option.data["attrs"], keep_describedby=keep_describedby),
                option.data["label"],
            )
            for option in field.subwidgets
        ),
    )
    return format_html("{}\n", options) if options else options
