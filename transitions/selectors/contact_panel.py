"""The contacts panel on the case page (transitions/_contact_panel.html, DESIGN §5.10),
registered on `cases.hooks.case_page_panels` in TransitionsConfig.ready(): the latest contacts
and the form to record one, for a user who may record contacts in one of the case's episodes.
The form lives with the handover because a contact can deliver one of its commitments."""

from __future__ import annotations

from typing import Any

from cases.hooks import CasePagePanel
from cases.models import Case

from ..contact_forms import ContactForm
from .contacts import (
    contact_commitments_for,
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
    commitment_list = list(commitments)
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


def case_contact_panel(case: Case, user: Any) -> dict[str, Any]:
    form = contact_form_for(user, case)
    contacts = contacts_recent(case)
    return {"contact_form": form, "contacts": contacts, "show": bool(form or contacts)}


CONTACT_PANEL = CasePagePanel("transitions/_contact_panel.html", case_contact_panel)
