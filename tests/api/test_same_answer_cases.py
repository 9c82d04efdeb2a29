"""One rule, one answer (DESIGN §1): the pages, the PDFs and the API ask the same function, so
they give the same answer with the same status and message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import AccessLog

pytestmark = pytest.mark.django_db


# --- the purpose written to the access log ----------------------------------------------------


def test_page_pdf_and_api_write_the_same_cleaned_purpose(client, client_for, caseworker, case):
    # A NUL byte (PostgreSQL cannot store it) and more than the column's 300 characters.
    purpose = "Opfølgning\x00" + "x" * 400
    client.force_login(caseworker)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}), {"formaal": purpose})
    pdf = client.get(
        reverse("reports:case_report", kwargs={"case_id": case.pk}), {"formaal": purpose}
    )
    api = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/", {"formaal": purpose})
    assert page.status_code == pdf.status_code == api.status_code == 200

    written = list(AccessLog.objects.order_by("pk").values_list("object_type", "purpose"))
    expected = ("Opfølgning" + "x" * 400)[:300]
    assert written == [("case", expected), ("case_report", expected), ("case", expected)]
