from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .permission_cache import user_permission_rows_load
from .roles import Role


class FollowUpBy(models.TextChoices):
    """Who follows up after a course (BEK 1477/2019 § 4), a setting of the municipal team."""

    CASEWORKER = "caseworker", _("Sagsbehandleren")
    PROVIDER_THERAPIST = "provider_therapist", _("Behandleren på behandlingsstedet")


class Unit(models.Model):
    """A municipal team or a treatment institution. Each unit has its own group, so that
    "the team's cases" is one object-permission grant per case, not one per member."""

    class Kind(models.TextChoices):
        MUNICIPAL_TEAM = "municipal_team", _("Kommunalt team")
        RESIDENTIAL = "residential", _("Døgninstitution")
        OUTPATIENT = "outpatient", _("Ambulant enhed")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    email = models.EmailField(_("fælles e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    # The municipality a team reports for (the register's "Myndighed"): the three-digit
    # kommunekode, e.g. 101 for København. Only municipal teams report.
    municipality_code = models.CharField(
        _("kommunekode"),
        max_length=3,
        blank=True,
        # A database default too: a row written by code that predates the column (a rolling
        # deploy, a migration test at an older state) still gets a value.
        db_default="",
        validators=[RegexValidator(r"^[0-9]{3}$", _("Kommunekoden er tre cifre, fx 101."))],
        help_text=_("Tre cifre (fx 101 for København). Bruges i registerudtrækkene."),
    )
    # BEK 1477/2019 § 4: who holds the 1- and 6-month follow-up after a social drug treatment
    # course, as the municipal team chooses; and how many dated attempts to reach the citizen
    # come before the follow-up may be recorded as "not reached".
    follow_up_by = models.CharField(
        _("opfølgning efter forløb ved"),
        max_length=20,
        choices=FollowUpBy.choices,
        default=FollowUpBy.CASEWORKER,
        db_default=FollowUpBy.CASEWORKER,
        help_text=_(
            "Hvem der holder opfølgningen 1 og 6 måneder efter et forløb. Ved behandleren går "
            "påmindelsen til behandlerne på det sidste behandlingssted (til sagsbehandleren, når "
            "der ingen er); sagsbehandleren får altid besked, når opfølgningen er overskredet."
        ),
    )
    follow_up_attempts = models.PositiveSmallIntegerField(
        _("forsøg før ikke truffet"),
        default=3,
        db_default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Antal daterede forsøg på at kontakte borgeren, før opfølgningen kan "
            "registreres som ikke truffet."
        ),
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        editable=False,
        related_name="unit",
        null=True,
        verbose_name=_("gruppe"),
    )

    class Meta:
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


USERNAME_TAKEN = _(
    "Der findes allerede en bruger med dette brugernavn. Store og små bogstaver regnes for ens."
)


class User(AbstractUser):
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    title = models.CharField(_("stilling"), max_length=100, blank=True)
    wants_email_notifications = models.BooleanField(_("modtag påmindelser på e-mail"), default=True)
    # Part of the session hash (as the password is): a new salt ends every session of the
    # user at its next request, whatever the session engine (accounts.sessions).
    session_salt = models.CharField(
        max_length=32, blank=True, default="", editable=False, verbose_name=_("sessionssalt")
    )

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
            ),
            # `jonas` and `JONAS` are one person at the login and the lock-out (issue 11), so
            # they can never be two accounts.
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_unique_ci",
                violation_error_message=USERNAME_TAKEN,
            ),
        ]

    # Set by accounts.permission_cache: the groups as (id, name) and the permission names.
    _group_rows_cache: list[tuple[int, str]]
    _perm_cache: set[str]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role(self) -> Role | None:
        """The user's role, from their groups (cached per instance)."""
        if not hasattr(self, "_role_cache"):
            names = self.group_names()
            self._role_cache = next((r for r in Role if r.value in names), None)
        return self._role_cache

    def group_rows(self) -> list[tuple[int, str]]:
        """The user's groups as (id, name), read once per instance for the role, the visibility
        filter and is_caseworker_of alike: from the cache on a warm request, with the
        permissions (accounts.permission_cache)."""
        if not hasattr(self, "_group_rows_cache"):
            if self.pk is None:
                return []
            user_permission_rows_load(self)
        return self._group_rows_cache

    def group_names(self) -> set[str]:
        return {name for _pk, name in self.group_rows()}

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def _session_hash(self, secret: str | bytes | None = None) -> str:
        # Django's own hash of the password, with the session salt added: with an empty salt
        # it is exactly Django's value, so sessions made before the salt existed stay valid.
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            self.password + self.session_salt,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)


class UserEvent(models.Model):
    """What was done to a user's login (append-only): sessions ended, two-factor set up or
    reset. Shown on the user's page in the admin."""

    class Kind(models.TextChoices):
        SESSIONS_ENDED = "sessions_ended", _("Alle sessioner afsluttet")
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Tofaktor-login oprettet")
        RECOVERY_CODES_MADE = "recovery_codes_made", _("Nye gendannelseskoder lavet")
        TWO_FACTOR_RESET = "two_factor_reset", _("Tofaktor-login nulstillet")

    user = models.ForeignKey(
        User, verbose_name=_("bruger"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("hændelse"), max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        User,
        verbose_name=_("udført af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("brugerhændelse")
        verbose_name_plural = _("brugerhændelser")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user}"


class Deputyship(models.Model):
    """A user who is away names a deputy for a period (DESIGN §5.10, "no day without an
    owner"): while it lasts, their reminders, outreach tasks and notes awaiting acknowledgement
    go to the deputy too. Both days are included."""

    user = models.ForeignKey(
        User, verbose_name=_("fraværende"), on_delete=models.CASCADE, related_name="deputyships"
    )
    deputy = models.ForeignKey(
        User, verbose_name=_("stedfortræder"), on_delete=models.CASCADE, related_name="deputising"
    )
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til og med"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("stedfortræder")
        verbose_name_plural = _("stedfortrædere")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="deputyship_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(user=models.F("deputy")), name="deputyship_not_self"
            ),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self) -> str:
        starts, ends = (
            date_format(self.starts_on, "DATE_FORMAT"),
            date_format(self.ends_on, "DATE_FORMAT"),
        )
        return f"{self.user} → {self.deputy} ({starts} - {ends})"
