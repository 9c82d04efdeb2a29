from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.i18n import set_language as django_set_language

from .access import authenticated, public

# The language switch must work on the login page too.
set_language = public(django_set_language)


@authenticated
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")
