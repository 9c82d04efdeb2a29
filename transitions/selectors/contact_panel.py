"""The contacts panel on the case page (transitions/_contact_panel.html, DESIGN §5.10),
registered on `cases.hooks.case_page_panels` in TransitionsConfig.ready(): the latest contacts
and the form to record one, for a user who may record contacts in one of the case's episodes.
The form lives with the handover because a contact can deliver one of its commitments."""

from __future__ import annotations

from typing import Any

from cases.hooks import CasePagePanel
from cases.models import Case
from cases.page import CasePage
from treatment_options.models import Episode

from ..contact_forms import ContactForm
from ..models import AftercareCommitment
from .case_page import page_commitments
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
    return _unbound(episodes, episode_list, commitments, list(loaded[1] if loaded else commitments))


def contact_form_on_page(page: CasePage) -> ContactForm | None:
    """`contact_form_for` (unbound) from the episodes the case page has read."""
    user, case = page.user, page.case
    if user is None or not case.is_open:
        return None
    started = [e for e in page.episodes if e.actual_start is not None]
    episodes, episode_list = contact_episodes_for(user, case, started)
    if not episode_list:
        return None
    return _unbound(
        episodes,
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
