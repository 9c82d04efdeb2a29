"""The access log's rows: who read what, when and why, in a hash chain. `cases.models`
re-exports them, so `from cases.models import AccessLog` stays the way in. The writing,
chaining and checking are in cases/access_log/."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import purposes

# The object types of entries about a citizen rather than one of their cases (the citizen's
# page, a look-up extract, an access-to-file export): the look-up extract finds them through
# the partial index below, so its condition and the extract's filter are this one tuple.
CITIZEN_OBJECT_TYPES = ("citizen", "citizen_lookup_extract", "citizen_file_export")
# The purposes that are rare in the log (break the glass, the citizen's own request, a register
# extract): the managers' page filters by them through a partial index.
RARE_PURPOSES = (
    purposes.Purpose.BREAK_GLASS.value,
    purposes.Purpose.CITIZEN_REQUEST.value,
    purposes.Purpose.REGISTER.value,
)


class AccessLog(models.Model):
    """Who read what, when and why. Each entry carries an HMAC over its fields and the one
    before it, keyed by a secret outside the database (cases/access_log/chain.py), so that
    `verify_access_log` detects a deleted, altered or recomputed entry."""

    class Action(models.TextChoices):
        VIEW = "view", _("Visning")
        EXPORT = "export", _("Udskrift/eksport")
        API = "api", _("API")
        BREAK_GLASS = "break_glass", _("Nødadgang")

    class Purpose(models.TextChoices):
        """DESIGN §10; the values and the table that sets them are in cases/purposes.py.
        Entries written before the purposes existed keep the free text (mostly empty) they
        were chained with: `purpose_label` names them "not recorded"."""

        CASE_WORK = purposes.Purpose.CASE_WORK.value, _("Sagsbehandling")
        TREATMENT = purposes.Purpose.TREATMENT.value, _("Behandling")
        OVERSIGHT = purposes.Purpose.OVERSIGHT.value, _("Ledelsestilsyn")
        EXPORT = purposes.Purpose.EXPORT.value, _("Rapport eller eksport")
        BREAK_GLASS = purposes.Purpose.BREAK_GLASS.value, _("Nødadgang")
        CITIZEN_REQUEST = purposes.Purpose.CITIZEN_REQUEST.value, _("Borgerens egen anmodning")
        REGISTER = purposes.Purpose.REGISTER.value, _("Indberetning til registre")
        LIST = purposes.Purpose.LIST.value, _("Oversigt og søgning")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        # Served by the (user, created_at, id) index below, which leads with it.
        db_index=False,
        related_name="+",
        verbose_name=_("bruger"),
    )
    # Plain ids, not foreign keys: the log outlives what it points to.
    case_id_logged = models.BigIntegerField(null=True, verbose_name=_("sag (id)"))
    # The unit the read is about (the case's team; a unit report's unit).
    unit_id_logged = models.BigIntegerField(null=True, db_index=True, verbose_name=_("enhed (id)"))
    # The reader's own unit when they read: the citizen's look-up extract names the unit that
    # looked, never the person (DESIGN §10). Empty on entries from before migration 0005.
    reader_unit_id_logged = models.BigIntegerField(
        null=True, blank=True, verbose_name=_("læserens enhed (id)")
    )
    object_type = models.CharField(max_length=50, verbose_name=_("objekttype"))
    object_id = models.CharField(max_length=50, blank=True, verbose_name=_("objekt (id)"))
    action = models.CharField(max_length=20, choices=Action.choices, verbose_name=_("handling"))
    # One of Purpose; max_length and blank stay for the entries from before the purposes (their
    # free text is chained and cannot change). The writer accepts only a Purpose.
    purpose = models.CharField(
        max_length=300, blank=True, choices=Purpose.choices, verbose_name=_("formål")
    )
    # Free text that goes with the purpose: the reason given for break the glass.
    note = models.CharField(max_length=300, blank=True, default="", verbose_name=_("note"))
    # The user picked the purpose because the context did not decide it (a case outside their
    # own relationships): the managers' access log counts these per user and day.
    purpose_chosen = models.BooleanField(default=False, verbose_name=_("formål valgt af brugeren"))
    break_glass = models.BooleanField(default=False, verbose_name=_("nødadgang"))
    created_at = models.DateTimeField(verbose_name=_("tidspunkt"))
    previous_hash = models.CharField(max_length=64, verbose_name=_("forrige hash"))
    entry_hash = models.CharField(max_length=64, unique=True, verbose_name=_("postens hash"))
    # The id of the key that chained the entry (cases/access_log/keys.py); empty on the entries
    # written before the keyed chain, which keep their plain SHA-256 (the legacy rule).
    key_id = models.CharField(max_length=16, blank=True, default="", verbose_name=_("nøgle-id"))

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["pk"]
        # At national scale the log has tens of millions of rows (docs/operations.md, "The
        # access log's indexes"): every read of it walks one of these in the order it shows,
        # newest first (or the extract's oldest first), and stops after a page.
        indexes = [
            # The managers' access log, unfiltered or by period.
            models.Index(fields=["created_at", "id"], name="accesslog_created_idx"),
            # Filtered by user; and the foreign key's own look-ups.
            models.Index(fields=["user", "created_at", "id"], name="accesslog_user_created_idx"),
            # Filtered by case; the look-up extract (the citizen's cases in a period).
            models.Index(
                fields=["case_id_logged", "created_at", "id"], name="accesslog_case_created_idx"
            ),
            # The look-up extract's entries about the citizen themself (a few per citizen).
            models.Index(
                fields=["object_id", "created_at"],
                condition=Q(object_type__in=CITIZEN_OBJECT_TYPES),
                name="accesslog_citizen_idx",
            ),
            # Filtered by one of the rare purposes (a few entries in 10 million): without it
            # the page would walk the whole log to find none. The common ones are found by
            # walking (created_at, id) newest first.
            models.Index(
                fields=["purpose", "created_at", "id"],
                condition=Q(purpose__in=RARE_PURPOSES),
                name="accesslog_rare_purpose_idx",
            ),
            # "Many cases outside their own in a day": the reads with a chosen purpose or
            # through break the glass, per user and day (a small share of the log).
            models.Index(
                fields=["user", "created_at"],
                condition=Q(purpose_chosen=True) | Q(break_glass=True),
                name="accesslog_outside_own_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}"

    @property
    def purpose_label(self) -> str:
        return purpose_label(self.purpose)


def purpose_label(value: str) -> str:
    """The Danish name of a stored purpose; entries from before the purposes say so."""
    if value in AccessLog.Purpose.values:
        return str(AccessLog.Purpose(value).label)
    return str(_("Ikke registreret (før formål blev krævet)"))


class AccessLogHead(models.Model):
    """A single row holding the newest hash. Writers lock it (select_for_update) so that two
    concurrent reads never chain onto the same predecessor."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.last_hash


class AccessLogCheckpoint(models.Model):
    """Where the access log was pruned (docs/retention.md §3 row 3): every entry up to and
    including `last_id` is deleted, `count` entries in all, the last of them with `last_hash`.
    Signed with the chain's key (`mac`, made by `cases.access_log.pruning`), so the first entry
    kept still links to something `verify_access_log` can trust, and a forged checkpoint (one
    that would hide entries deleted by someone without the key) does not verify."""

    last_id = models.BigIntegerField(unique=True, verbose_name=_("sidste slettede post"))
    last_hash = models.CharField(max_length=64, verbose_name=_("den sidste slettede posts hash"))
    count = models.PositiveBigIntegerField(verbose_name=_("slettede poster i alt"))
    created_at = models.DateTimeField(verbose_name=_("tidspunkt"))
    key_id = models.CharField(max_length=16, verbose_name=_("nøgle-id"))
    mac = models.CharField(max_length=64, verbose_name=_("signatur"))

    class Meta:
        verbose_name = _("kontrolpunkt i adgangsloggen")
        verbose_name_plural = _("kontrolpunkter i adgangsloggen")
        ordering = ["-last_id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ≤ {self.last_id}"
