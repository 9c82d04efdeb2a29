"""Saving an edit form based on a version of the case (optimistic concurrency)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from .. import services
from ..forms import STALE_VERSION_MESSAGE, apply_validation_error
from ..models import Case


def versioned_post(
    request: HttpRequest,
    form_class: type,
    case: Case,
    save: Any,
    form_kwargs: dict[str, Any] | None = None,
) -> tuple[Any, bool, bool]:
    """Validate and save a versioned edit form. Returns (form, saved, conflict).

    On a stale version the user's input is kept: the form is bound again to what they typed,
    with the case's current version (so a second save goes through once they have compared) and
    an error that says somebody else changed the case.
    """
    form_kwargs = form_kwargs or {}
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        return form, False, False
    try:
        save(**form.service_kwargs())
    except services.ConcurrentEditError:
        fresh = Case.objects.get(pk=case.pk)
        data = request.POST.copy()
        data["version"] = str(fresh.version)
        form = form_class(data, **form_kwargs)
        form.is_valid()
        form.add_error(None, STALE_VERSION_MESSAGE)
        return form, False, True
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return form, False, False
    return form, True, False
