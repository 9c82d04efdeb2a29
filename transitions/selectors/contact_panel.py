"""The contacts panel on the case page (transitions/_contact_panel.html, DESIGN §5.10),
registered on `cases.hooks.case_page_panels` in TransitionsConfig.ready(): the latest contacts
and the form to record one, for a user who may record contacts in one of the case's episodes.
The form lives with the handover because a contact can deliver one of its commitments."""

from __future__ import annotations

from typing import Any

from cases.hooks import CasePagePanel
from cases.models import Case
from treatment_options.models import Episode

from ..contact_forms import ContactForm
from ..models import AftercareCommitment
from .contacts import (
    contact_commitments_for,
    contact_episodes_for,
    contacts_recent,
    default_contact_episode,
)

FORM_PREFIX = "contact"


def contact_form_for(
    user: Any,
    case: Case,
    data: Any = None,
    *,
    loaded: tuple[list[Episode], list[AftercareCommitment]] | None = None,
) -> ContactForm | None:
    """The form for a user who may record contacts in one of the case's episodes, else None.
    `loaded`: the case's started episodes (with `EPISODE_RELATED`) and the commitments of
    `contact_commitments_for`, when the page has read them already (no query then)."""
    if user is None or not case.is_open:
        return None
    episodes, episode_list = contact_episodes_for(user, case, loaded[0] if loaded else None)
    if not episode_list:
        return None
    commitments = contact_commitments_for(case)
    if data is not None:
        return ContactForm(data, episodes=episodes, commitments=commitments, prefix=FORM_PREFIX)
    commitment_list = list(loaded[1] if loaded else commitments)
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
