"""API tokens for systems that call the API (DESIGN §8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A token tied to one user and thus to that user's access.

    Only a SHA-256 hash of the key is stored: the plain key is shown once when the token is
    made and cannot be read back. The key starts with `prefix`, which finds the row without
    scanning every hash; the hash comparison decides.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("navn"), max_length=100, help_text=_("Hvilket system bruger nøglen?"))
    prefix = models.CharField(_("nøglepræfiks"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False, verbose_name=_("nøglens hash"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senest brugt"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="apitoken_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
