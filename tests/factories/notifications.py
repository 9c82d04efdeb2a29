"""Factories of the notifications app: reminders and the legal follow-ups."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from notifications.models import FollowUp, FollowUpAttempt, Notification, Rule

from .accounts import UserFactory
from .base import ModelFactory
from .cases import CaseFactory


class NotificationFactory(ModelFactory[Notification]):
    """A reminder about a case (the subject is the case itself), not yet read or e-mailed."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    rule = Rule.GUARANTEE_DUE
    case = factory.SubFactory(CaseFactory)
    subject_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.case))
    subject_id = factory.SelfAttribute("case.pk")
    due_on = factory.LazyAttribute(lambda o: o.case.guarantee_deadline)
    threshold = factory.Sequence(lambda n: f"7d:test-{n}")
    message = "Behandlingsgarantien udløber om 7 dage."
    url = factory.LazyAttribute(lambda o: f"/sager/{o.case.pk}/")


class FollowUpFactory(ModelFactory[FollowUp]):
    """The one-month follow-up (BEK 1477/2019 § 4), held today for a course ended 35 days ago."""

    class Meta:
        model = FollowUp

    case = factory.SubFactory(CaseFactory)
    due_kind = FollowUp.DueKind.ONE_MONTH
    course_end_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=35))
    outcome = FollowUp.Outcome.HELD
    done_on = factory.LazyFunction(timezone.localdate)
    done_by = factory.SubFactory(UserFactory)


class FollowUpAttemptFactory(ModelFactory[FollowUpAttempt]):
    """A dated attempt to reach the citizen for a follow-up, made today."""

    class Meta:
        model = FollowUpAttempt

    follow_up = factory.SubFactory(FollowUpFactory, outcome="", done_on=None, done_by=None)
    attempted_on = factory.LazyFunction(timezone.localdate)
    attempted_by = factory.SubFactory(UserFactory)
    note = "Ringet op."
