"""The five roles of DESIGN §1, as Django groups, and the model permissions each role has.

Role-wide permissions say what a role may do at all (create a citizen, make a report). Whether
a user may touch one particular case is a per-object grant made in `cases.access`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "Sagsbehandler", _("Sagsbehandler")
    RESIDENTIAL_THERAPIST = "Døgnbehandler", _("Døgnbehandler")
    OUTPATIENT_THERAPIST = "Ambulant behandler", _("Ambulant behandler")
    MANAGER = "Leder", _("Leder")
    ADMINISTRATOR = "Administrator", _("Administrator")


def role_label(group_name: str) -> str:
    """A role group's name in the reader's language (the group is named by the Danish value);
    another group keeps its own name."""
    try:
        return str(Role(group_name).label)
    except ValueError:
        return group_name


THERAPIST_ROLES = (Role.RESIDENTIAL_THERAPIST, Role.OUTPATIENT_THERAPIST)

# "app_label.codename" per role. Apps add to this as they grow; sync_role_permissions() makes
# the groups match it after every migrate, and ignores codenames whose app is not installed.
_HANDOVER_WORK = [
    "transitions.view_transition",
    "transitions.change_transition",
    "transitions.change_plansection",
    "transitions.add_statusnote",
    "transitions.add_statusmeeting",
    "transitions.change_statusmeeting",
    "transitions.add_checkin",
    "transitions.change_checkin",
    "transitions.add_actionitem",
    "transitions.change_actionitem",
]
_TREATMENT_WORK = [
    "cases.view_case",
    "treatment_options.view_offer",
    "treatment_options.view_provider",
    *_HANDOVER_WORK,
    "cases.add_disclosure",
    # The legal follow-up after the course, when the municipal team has the provider hold it.
    "notifications.add_followup",
]
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CASEWORKER: [
        "cases.add_citizen",
        "cases.change_citizen",
        "cases.view_citizen",
        "cases.add_case",
        "cases.change_case",
        "cases.view_case",
        "cases.add_consent",
        "cases.add_disclosure",
        "cases.break_glass",
        "treatment_options.view_offer",
        "treatment_options.view_provider",
        "treatment_options.add_episode",
        "transitions.add_transition",
        *_HANDOVER_WORK,
        "notifications.add_followup",
    ],
    Role.RESIDENTIAL_THERAPIST: [*_TREATMENT_WORK, "treatment_options.change_episode"],
    Role.OUTPATIENT_THERAPIST: [
        *_TREATMENT_WORK,
        "treatment_options.change_episode",
        "transitions.add_aftercarecommitment",
        "transitions.change_aftercarecommitment",
        "transitions.confirm_transition",
    ],
    Role.MANAGER: [
        "cases.view_case",
        "cases.view_citizen",
        "cases.reassign_case",
        "cases.break_glass",
        "cases.view_accesslog",
        "treatment_options.view_offer",
        "treatment_options.view_provider",
        "transitions.view_transition",
        "reports.view_reports",
    ],
    Role.ADMINISTRATOR: [
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_unit",
        "accounts.change_unit",
        "accounts.view_unit",
        # The log of a user's login events (sessions ended, two-factor reset) on the user's page.
        "accounts.view_userevent",
        "treatment_options.add_provider",
        "treatment_options.change_provider",
        "treatment_options.view_provider",
        "treatment_options.add_offer",
        "treatment_options.change_offer",
        "treatment_options.view_offer",
        # API tokens (DESIGN §8): made and revoked by an administrator in the admin.
        "api.add_apitoken",
        "api.change_apitoken",
        "api.view_apitoken",
    ],
}


def sync_role_permissions(**_: Any) -> None:
    """Make each role group hold exactly the permissions ROLE_PERMISSIONS lists."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = Permission.objects.none()
        for name in names:
            app_label, codename = name.split(".", 1)
            wanted |= Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.set(wanted)
