"""The page each notification links to, reversed once per sweep."""

from __future__ import annotations

import functools

from django.urls import NoReverseMatch, reverse

# Sentinel ids: the URL of each subject kind is reversed once per sweep with these and then
# filled in by string formatting, since reverse() per row dominated the sweep's time.
_CASE_SENTINEL, _PK_SENTINEL = 987654321, 987654322


@functools.cache
def url_template(kind: str) -> str:
    """A format string ("/sager/{case_id}/") for the page of a subject kind. Tries the URL
    names in order (other apps may still be adding their pages); the case page, mounted at
    /sager/<case_id>/, is the fallback for everything."""
    candidates: dict[str, list[tuple[str, tuple[str, ...]]]] = {
        "case": [("cases:detail", ("case_id",))],
        "transition": [
            ("transitions:detail", ("case_id",)),
            ("transitions:detail", ("case_id", "pk")),
        ],
    }
    sentinels = {"case_id": _CASE_SENTINEL, "pk": _PK_SENTINEL}
    for name, kwargs in candidates[kind]:
        try:
            url = reverse(name, kwargs={k: sentinels[k] for k in kwargs})
        except NoReverseMatch:
            continue
        url = url.replace("{", "{{").replace("}", "}}")
        return url.replace(str(_CASE_SENTINEL), "{case_id}").replace(str(_PK_SENTINEL), "{pk}")
    return "/sager/{case_id}/" if kind == "case" else url_template("case")


def case_url(case_id: int) -> str:
    """The case page."""
    return url_template("case").format(case_id=case_id)


def transition_url(case_id: int, transition_id: int) -> str:
    """The handover page of a case (the case page while there is none)."""
    return url_template("transition").format(case_id=case_id, pk=transition_id)
