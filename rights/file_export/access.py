"""Who may make, review and release a citizen's access-to-file export: the same rule as the
look-up extract (cases.selectors.citizen_get_for_rights_request: a caseworker or manager who
sees one of the citizen's cases; 403 for other roles, 404 for a citizen out of sight)."""

from __future__ import annotations

from django.http import Http404

from accounts.models import User
from cases.selectors import citizen_get_for_rights_request
from rights.models import FileExport


def file_export_get_for_user(user: User, export_id: object) -> FileExport:
    try:
        pk = int(str(export_id))
    except ValueError:
        raise Http404 from None
    export = FileExport.objects.select_related("citizen").filter(pk=pk).first()
    if export is None:
        raise Http404
    citizen_get_for_rights_request(user, export.citizen_id)
    return export
