from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .roles import Role


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
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, editable=False, related_name="unit", null=True
    )

    class Meta:
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role(self) -> Role | None:
        """The user's role, from their groups (cached per instance)."""
        if not hasattr(self, "_role_cache"):
            names = {g.name for g in self.groups.all()}
            self._role_cache = next((r for r in Role if r.value in names), None)
        return self._role_cache

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles
