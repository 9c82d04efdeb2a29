"""Cursor pagination for the long API lists (DESIGN §9): cases, citizens and transitions.

DRF's CursorPagination gives the shape (`next`, `previous`, `results`, an opaque `cursor`
parameter, no `count`); the pages themselves come from cases.paging, the keyset pages of the
case list page, because DRF's cursor keeps only the first ordering field and skips ties by an
OFFSET, which for the urgency order (three classes) would be an OFFSET again. Each view set says
its total ordering (`keyset_ordering()`, ending in the primary key)."""

from __future__ import annotations

from typing import Any, Protocol

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import replace_query_param

from cases.paging import InvalidCursor, KeysetPage, Ordering, keyset_page

from .base import positive_int_parameter

# The cursor says which way it reads: after the row it names, or before it.
AFTER, BEFORE = "n", "p"


class KeysetView(Protocol):
    def keyset_ordering(self) -> Ordering: ...


class ApiCursorPagination(CursorPagination):
    """Pages of at most 100 objects, reached by `next` and `previous` links. `page_size` is
    an integer of at least 1 (anything else a 400); a cursor the API did not make is a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    # Bounded, so that a list writes at most this many access-log entries.
    max_page_size = 100
    cursor_query_param = "cursor"
    # The schema's and DRF's default; the view set's keyset_ordering() decides.
    ordering = "-pk"
    keyset: KeysetPage | None = None

    def get_page_size(self, request: Any) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        return min(positive_int_parameter(value, self.page_size_query_param), self.max_page_size)

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any]:
        self.request = request
        self.base_url = request.build_absolute_uri()
        size = self.get_page_size(request)
        token = request.query_params.get(self.cursor_query_param) or ""
        after = token[1:] if token.startswith(AFTER) else None
        before = token[1:] if token.startswith(BEFORE) else None
        if token and not (after or before):
            raise NotFound(_("Ugyldig cursor."))
        view_: KeysetView = view
        try:
            self.keyset = keyset_page(
                queryset,
                view_.keyset_ordering(),
                after=after,
                before=before,
                size=size,
                count=False,
                strict=True,
            )
        except InvalidCursor as exc:
            raise NotFound(_("Ugyldig cursor.")) from exc
        return self.keyset.object_list

    def _link(self, cursor: str) -> str:
        return replace_query_param(self.base_url or "", self.cursor_query_param, cursor)

    def get_next_link(self) -> str | None:
        if self.keyset is None or not self.keyset.has_next:
            return None
        return self._link(AFTER + self.keyset.next_cursor)

    def get_previous_link(self) -> str | None:
        if self.keyset is None or not self.keyset.has_previous:
            return None
        return self._link(BEFORE + self.keyset.previous_cursor)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    f"Antal pr. side (højst {self.max_page_size}) / objects per page "
                    f"(at most {self.max_page_size})"
                )
            elif parameter["name"] == self.cursor_query_param:
                parameter["description"] = (
                    "Siden efter eller før en anden side: brug linkene `next` og `previous` / "
                    "the page after or before another page: follow the `next` and "
                    "`previous` links"
                )
        return parameters
