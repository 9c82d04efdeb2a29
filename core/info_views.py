"""Public information pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.policies import public


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement Danish public bodies must publish (webtilgængelighedsloven)."""
    return render(request, "core/accessibility.html")
