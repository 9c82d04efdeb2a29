"""Who may make, review and release a citizen's access-to-file export.

The look-up extract's rule first (cases.selectors.citizen_get_for_rights_request: a caseworker or
manager who sees one of the citizen's cases; 403 for other roles, 404 for a citizen out of
sight). The export holds every case of the citizen, so it also needs a user who sees every one of
them: otherwise the review screen would show another team's case to someone who has no business
seeing it (403, `CasesOutOfSight`). A case held by another team is reached the product's way,
by breaking the glass with a reason, which is logged and reviewed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.access import case_list_visible_to
from cases.models import Case, Citizen
from cases.selectors import citizen_get_for_rights_request
from rights.models import FileExport

CASES_OUT_OF_SIGHT = _(
    "Borgeren har sager, som du ikke har adgang til, og aktindsigten skal omfatte dem alle. "
    "Bed en medarbejder med adgang til alle borgerens sager om at udarbejde den, eller bryd "
    "glasset på de øvrige sager med begrundelsen borgerens anmodning om aktindsigt."
)


class CasesOutOfSight(PermissionDenied):
    """The user sees some of the citizen's cases, not all."""


def file_export_citizen_get(user: User, citizen_id: object) -> Citizen:
    """The citizen whose file the user may export: the look-up extract's rule, and every one of
    the citizen's cases within the user's sight."""
    citizen = citizen_get_for_rights_request(user, citizen_id)
    out_of_sight = Case.objects.filter(citizen=citizen).exclude(
        pk__in=case_list_visible_to(user, few=True).filter(citizen=citizen).values("pk")
    )
    if out_of_sight.exists():
        raise CasesOutOfSight(CASES_OUT_OF_SIGHT)
    return citizen


def file_export_get_for_user(user: User, export_id: object) -> FileExport:
    try:
        pk = int(str(export_id))
    except ValueError:
        raise Http404 from None
    export = FileExport.objects.select_related("citizen").filter(pk=pk).first()
    if export is None:
        raise Http404
    file_export_citizen_get(user, export.citizen_id)
    return export
