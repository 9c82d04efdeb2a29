"""The contacts panel on the case page (transitions/_contact_panel.html, DESIGN §5.10),
registered on `cases.hooks.case_page_panels` in TransitionsConfig.ready(): the latest contacts
and the form to record one, for a user who may record contacts in one of the case's episodes.
The form lives with the handover because a contact can deliver one of its commitments."""

from __future__ import annotations

from typing import Any

from cases.access import episodes_changeable_by
from cases.hooks import CasePagePanel
from cases.models import Case
from cases.page import CasePage

from ..contact_forms import ContactForm
from .case_page import page_commitments
from .contacts import (
    contact_commitments_for,
    contact_episode_order,
    contact_episodes_among,
    contact_episodes_for,
    contacts_recent,
    default_contact_episode,
)

FORM_PREFIX = "contact"


def contact_form_for(user: Any, case: Case, data: Any = None) -> ContactForm | None:
    """The form for a user who may record contacts in one of the case's episodes, else None."""
    if user is None or not case.is_open:
        return None
    episodes = contact_episodes_for(user, case)
    episode_list = list(episodes)
    if not episode_list:
        return None
    commitments = contact_commitments_for(case)
    if data is not None:
        return ContactForm(data, episodes=episodes, commitments=commitments, prefix=FORM_PREFIX)
    return _unbound(episodes, episode_list, commitments, list(commitments))


def contact_form_on_page(page: CasePage) -> ContactForm | None:
    """`contact_form_for` (unbound) from the episodes the case page has read."""
    user, case = page.user, page.case
    if user is None or not case.is_open:
        return None
    started = [e for e in page.episodes if e.actual_start is not None]
    allowed = episodes_changeable_by(user, case, started)
    episode_list = sorted((e for e in started if e.pk in allowed), key=contact_episode_order)
    if not episode_list:
        return None
    return _unbound(
        contact_episodes_among(allowed),
        episode_list,
        contact_commitments_for(case),
        page_commitments(page),
    )


def _unbound(
    episodes: Any, episode_list: list[Any], commitments: Any, commitment_list: list[Any]
) -> ContactForm:
    initial = ContactForm.initial_for(
        episode=default_contact_episode(episode_list),
        commitment=commitment_list[0] if len(commitment_list) == 1 else None,
    )
    return ContactForm(
        initial=initial,
        episodes=episodes,
        commitments=commitments,
        loaded=(episode_list, commitment_list),
        prefix=FORM_PREFIX,
    )


def case_contact_panel(page: CasePage) -> dict[str, Any]:
    form = contact_form_on_page(page)
    contacts = contacts_recent(page.case)
    return {"contact_form": form, "contacts": contacts, "show": bool(form or contacts)}


CONTACT_PANEL = CasePagePanel("transitions/_contact_panel.html", case_contact_panel)
