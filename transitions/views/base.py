"""What every handover view shares: the read permission its decorator asks for, the
write check (403), the page's URL, the base context, a service's ValidationError put on a
form, and the users who can own an action or take part in a meeting."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.urls import reverse

from accounts.http import AuthenticatedHttpRequest
from cases.access import has_case_perm
from cases.models import Case

from .. import selectors
from ..models import Transition

VIEW = "transitions.view_transition"


def require(request: AuthenticatedHttpRequest, perm: str, case: Case) -> None:
    if not has_case_perm(request.user, perm, case):
        raise PermissionDenied


def detail_url(case: Case, anchor: str = "") -> str:
    url = reverse("transitions:detail", kwargs={"case_id": case.pk})
    return f"{url}#{anchor}" if anchor else url


def apply_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors where the field exists."""
    if hasattr(error, "error_dict"):
        for name, errs in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errs)
    else:
        form.add_error(None, error)


def base(case: Case, transition: Transition | None, **extra: Any) -> dict[str, Any]:
    return {"case": case, "transition": transition, **extra}


def action_users(case: Case) -> Any:
    return selectors.users_with_case_access(case)
