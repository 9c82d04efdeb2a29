"""What higher apps add to accounts (docs/architecture.md, "How a lower app lets a higher app
react")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Values that higher apps read with the request's user row instead of a query of their own
# (issue 17): attribute name -> a function giving the expression, with the user's pk as
# OuterRef("pk"). accounts.backends reads them with the session's user; notifications adds the
# unread count for the header.
USER_ROW_ANNOTATIONS: dict[str, Callable[[], Any]] = {}


def user_row_annotation_register(name: str, expression: Callable[[], Any]) -> None:
    """Read `expression()` with the session's user row, as the user's attribute `name`."""
    USER_ROW_ANNOTATIONS[name] = expression
