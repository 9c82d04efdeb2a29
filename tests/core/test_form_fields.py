"""includes/form_field.html's selects and widget attributes, rendered by
core/templatetags/form_fields.py: the same options, selection and attributes as Django's own
widget HTML, escaped, with the ids and aria attributes the include writes itself left to it."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.test.html import parse_html

from core.templatetags.form_fields import attributes_html


class ChoiceForm(forms.Form):
    who = forms.ChoiceField(
        label="Bruger",
        choices=[
            ("", "---------"),
            ("1", "Anne <Andersen>"),
            ("Team", [("2", "Bo & Co"), ("3", "Carl")]),
        ],
    )
    purposes = forms.MultipleChoiceField(
        label="Formål", required=False, choices=[("a", "Sagsbehandling"), ("b", "Behandling")]
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.TextInput(
            attrs={"data-limit": "200", "autofocus": True, "spellcheck": False, "title": None}
        ),
    )
    own = forms.CharField(
        label="Egen",
        required=False,
        widget=forms.TextInput(attrs={"aria-describedby": "elsewhere"}),
    )


def render(field: forms.BoundField) -> str:
    return render_to_string("includes/form_field.html", {"field": field})


def opening(html: str, tag: str) -> str:
    """The opening tag of the first <tag> in html."""
    return html[html.index(f"<{tag}") :].split(">")[0]


def options(html: str) -> list[tuple[str, str, bool]]:
    select = parse_html(html)
    found = []

    def walk(element) -> None:
        for child in getattr(element, "children", []):
            if getattr(child, "name", None) == "option":
                attributes = dict(child.attributes)
                found.append(
                    (attributes["value"], str(child.children[0]), "selected" in attributes)
                )
            walk(child)

    walk(select)
    return found


def test_a_select_has_every_option_of_djangos_widget_flattened_with_the_bound_value_selected() -> (
    None
):
    field = ChoiceForm(data={"who": "2"})["who"]
    ours = options(render(field))
    assert ours == [
        ("", "---------", False),
        ("1", "Anne <Andersen>", False),
        ("2", "Bo & Co", True),
        ("3", "Carl", False),
    ]
    assert [value for value, _, _ in ours] == [value for value, _, _ in options(str(field))]


def test_an_option_label_is_escaped() -> None:
    html = render(ChoiceForm()["who"])
    assert "Anne &lt;Andersen&gt;" in html
    assert "Bo &amp; Co" in html
    assert "<Andersen>" not in html


def test_a_required_select_is_required_and_a_multiple_one_keeps_every_selected_option() -> None:
    assert " required" in opening(render(ChoiceForm()["who"]), "select")
    assert " required" not in opening(render(ChoiceForm()["purposes"]), "select")
    purposes = render(ChoiceForm(data={"purposes": ["a", "b"]})["purposes"])
    assert " multiple" in purposes
    assert [selected for _, _, selected in options(purposes)] == [True, True]


def test_widget_attributes_keep_values_and_booleans_and_leave_out_false_none_id_and_class() -> None:
    html = render(ChoiceForm()["note"])
    control = opening(html, "input")
    assert ' data-limit="200"' in control
    assert " autofocus" in control
    assert "spellcheck" not in control
    assert "title" not in control
    assert control.count(" id=") == 1
    assert control.count(" class=") == 1


def test_the_include_writes_aria_describedby_unless_the_widget_declares_its_own() -> None:
    note = render(ChoiceForm(data={"who": ""})["who"])
    assert 'aria-describedby="id_who_error"' in note
    own = render(ChoiceForm()["own"])
    assert own.count("aria-describedby") == 1
    assert 'aria-describedby="elsewhere"' in own


def test_attributes_html_escapes_values() -> None:
    assert attributes_html({"title": 'a "b" <c>'}, keep_describedby=False) == (
        ' title="a &quot;b&quot; &lt;c&gt;"'
    )
    assert attributes_html({"aria-describedby": "x"}, keep_describedby=False) == ""
    assert attributes_html({"aria-describedby": "x"}, keep_describedby=True) == (
        ' aria-describedby="x"'
    )


def test_a_model_select_and_a_yes_no_select_show_their_choices_and_selection(caseworker) -> None:
    from accounts.models import User

    class ModelForm(forms.Form):
        user = forms.ModelChoiceField(queryset=User.objects.order_by("pk"))
        known = forms.NullBooleanField(label="Kendt")

    bound = ModelForm(data={"user": str(caseworker.pk), "known": "true"})
    # The same options and selection as Django's own widget HTML.
    ours = options(render(bound["user"]))
    assert ours == options(str(bound["user"]))
    assert ours[-1] == (str(caseworker.pk), str(caseworker), True)
    known = options(render(bound["known"]))
    assert known == options(str(bound["known"]))
    assert [value for value, _, selected in known if selected] == ["true"]
