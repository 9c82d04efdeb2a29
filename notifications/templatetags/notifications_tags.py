"""The inbox row of a notification, for the inbox page and its htmx row fragment."""

from __future__ import annotations

from django import template
from django.utils import timezone

from notifications.inbox import InboxRow, inbox_row
from notifications.models import Notification

register = template.Library()


@register.simple_tag
def notification_row(notification: Notification) -> InboxRow:
    """`{% notification_row notification as row %}`: case, what, when and the action."""
    return inbox_row(notification, today=timezone.localdate())
