"""Deleting the load data, and everything that refers to it, without touching other data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.test.utils import override_settings

from accounts.models import Unit, User
from cases.models import AccessLog, AccessLogHead, Case, Citizen
from treatment_options.models import Offer, Provider

from .constants import BATCH_SIZE, UNIT_PREFIX, USERNAME_PREFIX, Log


def reset(*, log: Log = lambda _message: None) -> dict[str, int]:
    """Delete everything `generate` made (and what refers to it); demo data stays untouched."""
    counts: dict[str, int] = {}
    try:
        with override_settings(DEBUG=False), transaction.atomic():
            _reset(counts, log)
    except IntegrityError as exc:
        raise ValueError(
            "Andre data refererer til load-data (f.eks. en demosag tildelt en load-bruger); "
            f"intet er slettet. ({exc})"
        ) from None
    return {k: v for k, v in counts.items() if v}


def _reset(counts: dict[str, int], log: Log) -> None:
    units = Unit.objects.filter(name__startswith=UNIT_PREFIX)
    users = User.objects.filter(username__startswith=USERNAME_PREFIX)
    citizen_ids = list(
        Citizen.objects.filter(cases__team__in=units).values_list("pk", flat=True).distinct()
    )
    # The access log refers to its readers: the generated entries and reads by load users
    # go with them. When they are the chain's tail (nothing else was logged after the first
    # of them), the head is moved back to the entry before, and the chain verifies as before;
    # otherwise the verifier reports the gap (this is a benchmark database).
    logged = AccessLog.objects.filter(user__in=users)
    first = logged.order_by("pk").values_list("pk", "previous_hash").first()
    if first is not None:
        tail = not AccessLog.objects.filter(pk__gt=first[0]).exclude(user__in=users).exists()
        counts["cases.AccessLog"] = logged._raw_delete(logged.db) or 0
        if tail:
            AccessLogHead.objects.filter(pk=1).update(last_hash=first[1])
        else:
            log(
                f"Advarsel: {counts['cases.AccessLog']} adgangslog-poster fra load-brugere "
                "slettet midt i kæden; verify_access_log melder hullet."
            )
    _purge(Case.objects.filter(team__in=units), counts)
    for start in range(0, len(citizen_ids), BATCH_SIZE):
        _purge(Citizen.objects.filter(pk__in=citizen_ids[start : start + BATCH_SIZE]), counts)
    providers = Provider.objects.filter(name__startswith=UNIT_PREFIX)
    _purge(Offer.objects.filter(provider__in=providers), counts)
    _purge(providers, counts)
    _purge(users, counts)
    group_ids = list(units.values_list("group_id", flat=True))
    _purge(units, counts)
    _purge(Group.objects.filter(pk__in=group_ids), counts)


def _purge(qs: QuerySet[Any], counts: dict[str, int], path: tuple[type, ...] = ()) -> None:
    """Delete the rows of `qs` and, first, every row that refers to them (CASCADE), following
    the relations of all installed apps, so that models added later are covered too.

    Django's own delete() cannot be used: it collects every row into memory, and it refuses
    to delete a case whose transition points at its episode (PROTECT), although both go."""
    model = qs.model
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        child = rel.related_model
        fk = rel.field
        children = child._base_manager.filter(**{f"{fk.name}__in": qs})
        on_delete = rel.on_delete
        if on_delete is models.SET_NULL:
            children.update(**{fk.name: None})
        elif on_delete is models.CASCADE and child not in path:
            _purge(children, counts, (*path, model))
        # PROTECT: the referring rows are load data deleted along another path (a transition
        # goes with its case, not with its episode), or they are not, and then the deferred
        # foreign-key check at commit refuses the whole reset: demo data is never deleted.
    deleted = qs._raw_delete(qs.db) or 0  # None when the filter cannot match anything
    counts[model._meta.label] = counts.get(model._meta.label, 0) + deleted
