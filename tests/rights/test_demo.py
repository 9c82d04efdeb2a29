"""The demo has one open access request and one open complaint, each with its hold (issue 14)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rights.models import AccessRequest, Complaint, LegalHold

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_access_request_and_complaint_with_their_holds():
    call_command("seed_demo", "--force")
    request = AccessRequest.objects.get()
    complaint = Complaint.objects.get()
    assert request.is_open and request.hold is not None and request.hold.is_open
    assert complaint.status == "open" and complaint.hold is not None and complaint.hold.is_open
    assert LegalHold.objects.filter(lifted_at__isnull=True).count() == 2
