"""`{% long_text value %}`: a free text, shortened when it is long, with "Vis hele teksten".

One helper for every page that shows a free text (the case page, the transition, the timeline,
notes, meetings, check-ins, plans), so that a 20,000-character note does not make a page
thousands of pixels tall. No JavaScript: the whole text is in the page inside a closed
`<details>`, its `<summary>` is the control (keyboard and screen readers know it as a button
that expands), and the CSP-safe stylesheet hides the preview once it is open.

    {% load long_texts %}
    <dd class="topic-text">{% long_text case.inquiry_note %}</dd>
    <div class="plan-text">{% long_text section.text linebreaks=True %}</div>

The container keeps its own class (`topic-text` keeps the line breaks); the tag writes no
whitespace of its own between elements, as a `white-space: pre-line` container would show it.
Put it in a block element (`div`, `dd`, `td`), not in a `p` or `span`: the long form is a
`div`.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cases import text_limits
from cases.forms.text import LimitedCharField
from cases.text_limits import LIMITS, PREVIEW_CHARS, PREVIEW_LINES, preview

register = template.Library()


@register.simple_tag
def long_text(
    value: object,
    linebreaks: bool = False,
    chars: int = PREVIEW_CHARS,
    lines: int = PREVIEW_LINES,
) -> SafeString:
    """The text escaped (as paragraphs with linebreaks=True); when it is long, its beginning and
    a closed `<details>` with the whole text."""
    text = "" if value is None else str(value)

    def render(part: str) -> SafeString:
        return linebreaks_filter(part, autoescape=True) if linebreaks else conditional_escape(part)

    head = preview(text, max_chars=chars, max_lines=lines)
    if not head:
        return render(text)
    return format_html(
        '<div class="long-text">'
        '<div class="long-text-preview">{}<span aria-hidden="true">…</span></div>'
        '<details class="details long-text-details">'
        '<summary class="details-summary long-text-summary">'
        '<span class="long-text-show">{}</span><span class="long-text-hide">{}</span>'
        "</summary>"
        '<div class="long-text-whole{}">{}</div>'
        "</details></div>",
        head,
        _("Vis hele teksten"),
        _("Vis mindre"),
        " long-text-paragraphs" if linebreaks else "",
        render(text),
    )


@register.simple_tag
def limit_text(name: str) -> str:
    """The hint for a hand-written text control: "Højst 2.000 tegn." for a key of
    cases.text_limits.LIMITS ("cases.Case.inquiry_note") or one of its named limits
    ("MOVE_NOTE")."""
    limit = LIMITS[name] if name in LIMITS else getattr(text_limits, name)
    return LimitedCharField(limit=limit).limit_text
