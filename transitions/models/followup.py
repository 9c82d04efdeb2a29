"""The handover's follow-up rows: check-ins ("what are you most unsure of right now?") and
their schedule, and the action items of meetings, notes and check-ins (DESIGN §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import StatusMeeting, StatusNote, Transition


def checkin_label_for_weeks(weeks: int, *, after_discharge: bool = True) -> str:
    """ "2 uger efter udskrivning" (or, on an outpatient-only course, "efter ambulant start"),
    in the active language."""
    if after_discharge:
        return ngettext(
            "%(weeks)s uge efter udskrivning", "%(weeks)s uger efter udskrivning", weeks
        ) % {"weeks": weeks}
    return ngettext(
        "%(weeks)s uge efter ambulant start", "%(weeks)s uger efter ambulant start", weeks
    ) % {"weeks": weeks}


class CheckInSchedule(models.Model):
    """The course's check-in schedule (DESIGN §5.5, §5.10), in weeks: after the discharge from a
    residential stay, or, for an outpatient-only course, after the start of outpatient
    treatment. It belongs to the case, not to a transition, so a course without a residential
    stay has one too. A case without a row has the default (`checkin_plan`)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="checkin_schedule"
    )
    weeks = models.JSONField(_("uger"), default=list, blank=True)
    # Bumped by every change: the caseworker's notification is one per change.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan for tjek-ind")
        verbose_name_plural = _("planer for tjek-ind")

    def __str__(self) -> str:
        return ", ".join(str(w) for w in self.weeks or [])


class CheckIn(models.Model):
    """ "Hvad er du mest usikker på?" — asked at the final conversation and during aftercare."""

    class Theme(models.TextChoices):
        NETWORK = "network", _("Ensomhed/netværk")
        HOUSING = "housing", _("Bolig")
        WORK = "work", _("Arbejde")
        RELAPSE = "relapse", _("Tilbagefald")
        FINANCES = "finances", _("Økonomi")
        HEALTH = "health", _("Helbred")
        RELATIONSHIPS = "relationships", _("Relationer")
        OTHER = "other", _("Andet")

    class Kind(models.TextChoices):
        FINAL = "final", _("Afsluttende samtale")
        AFTERCARE = "aftercare", _("Efterbehandling")

    # The course the check-in belongs to (DESIGN §5.10: outpatient-only courses have them too).
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="checkins")
    # The residential stay whose discharge the check-in is counted from; None when it is
    # counted from the start of outpatient treatment (an outpatient-only course).
    transition = models.ForeignKey(
        Transition, on_delete=models.CASCADE, null=True, blank=True, related_name="checkins"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AFTERCARE)
    # The schedule offset this check-in was made for (None for the final conversation and for
    # extra check-ins); lets a schedule change move or drop the unanswered ones. Counted from
    # the discharge, or from the start of outpatient treatment when `transition` is None.
    weeks_after_discharge = models.PositiveSmallIntegerField(null=True, blank=True)
    label = models.CharField(_("tidspunkt"), max_length=100)
    due_on = models.DateField(_("planlagt"))
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answer = models.TextField(_("svar"), blank=True)
    themes = models.JSONField(_("temaer"), default=list, blank=True)
    needs_follow_up = models.BooleanField(_("kræver opfølgning"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "answered_at"])]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        """The label in the reader's language. `label` is stored in the language of whoever
        made the check-in; the final conversation and the scheduled check-ins are named again
        from their kind and offset, and only an extra check-in shows the label it was given."""
        if self.kind == self.Kind.FINAL:
            return str(self.Kind.FINAL.label)
        if self.weeks_after_discharge is not None:
            # Scheduled from a discharge when it hangs on a handover; otherwise counted from
            # the start of outpatient treatment (an outpatient-only course).
            return checkin_label_for_weeks(
                self.weeks_after_discharge, after_discharge=self.transition_id is not None
            )
        return self.label

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(self.Theme.choices)
        return [str(labels[t]) for t in self.themes or [] if t in labels]


# The outreach after a missed first appointment (DESIGN §5.9), as the sweep writes it.
OUTREACH_TEXT = _("Opsøg borgeren: første ambulante aftale blev ikke holdt")


class ActionItem(models.Model):
    """Something someone must do by a date: from a meeting, a note, a check-in, or an outreach
    after a missed first appointment. It belongs to the course (`case`); `transition` is the
    handover it came from, None for a check-in's follow-up on an outpatient-only course."""

    class Kind(models.TextChoices):
        ACTION = "action", _("Handling")
        OUTREACH = "outreach", _("Opsøgende kontakt")
        FOLLOW_UP = "follow_up", _("Opfølgning på tjek-ind")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="action_items")
    transition = models.ForeignKey(
        Transition, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    meeting = models.ForeignKey(
        StatusMeeting, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    note = models.ForeignKey(
        StatusNote, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ACTION)
    text = models.CharField(_("handling"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    owner_text = models.CharField(_("ansvarlig (ekstern)"), max_length=200, blank=True)
    due_on = models.DateField(_("frist"))
    done_at = models.DateTimeField(_("udført"), null=True, blank=True)
    # None: made by the reminder sweep (the outreach after a missed first appointment, §5.9).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def display_text(self) -> str:
        """The text in the reader's language: the outreach the sweep makes after a missed first
        appointment has its standard text (stored in Danish, the site's language, when it was
        made); every other item is what a person wrote."""
        if self.kind == self.Kind.OUTREACH and self.created_by_id is None:
            return str(OUTREACH_TEXT)
        return self.text
