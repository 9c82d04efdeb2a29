"""A citizen with a closed case holding every kind of record, each free text a marker
(issue 14, acceptance 3), and the raw scan of every text column of every model."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from cases.access_log import access_log_record
from cases.models import Case, Citizen
from rights.models import HoldKind, LegalHold
from rights.retention.case_files import DELETED, KEPT, emptied_texts
from tests import factories

NAME = ("Ingeborg", "Zyxwuvbjerg")
CPR = "311270-9876"
MARKER_PREFIX = "ZQ"


def every_kind_of_record(
    *, team, caseworker, residential_offer, outpatient_offer, closed_on: date
) -> Case:
    """A closed case with one row of every kind of record of the case file."""
    citizen = factories.CitizenFactory(
        first_name=NAME[0], last_name=NAME[1], cpr=CPR, birth_date=date(1970, 12, 31)
    )
    case = factories.CaseFactory(
        citizen=citizen,
        team=team,
        caseworker=caseworker,
        inquiry_date=closed_on - timedelta(days=120),
        treatment_started_on=closed_on - timedelta(days=100),
        guarantee_deadline=closed_on - timedelta(days=106),
        closed_on=closed_on,
        status="closed",
    )
    factories.TreatmentRequestFactory(case=case)
    factories.CaseEventFactory(case=case)
    consent = factories.ConsentFactory(case=case)
    factories.DisclosureFactory(case=case, consent=consent)
    factories.ConcernNotificationFactory(case=case, made_by=caseworker)
    factories.TreatmentConsentFactory(case=case)
    factories.TemporaryCaseAccessFactory(case=case)
    factories.ActionPlanVersionFactory(plan=factories.ActionPlanFactory(case=case))
    factories.CaseUserObjectPermissionFactory(content_object=case)
    factories.CaseGroupObjectPermissionFactory(content_object=case)
    episode = factories.EpisodeFactory(
        case=case,
        offer=residential_offer,
        referral_date=case.inquiry_date,
        actual_start=closed_on - timedelta(days=100),
        actual_end=closed_on - timedelta(days=30),
        end_reason="completed",
    )
    outpatient = factories.EpisodeFactory(
        case=case,
        offer=outpatient_offer,
        referral_date=case.inquiry_date,
        actual_start=closed_on - timedelta(days=28),
        actual_end=closed_on,
        end_reason="completed",
    )
    factories.TreatmentPlanVersionFactory(plan=factories.TreatmentPlanFactory(episode=episode))
    transition = factories.TransitionFactory(
        case=case, residential_episode=episode, outpatient_episode=outpatient
    )
    factories.PlanSectionVersionFactory(section=factories.PlanSectionFactory(transition=transition))
    commitment = factories.AftercareCommitmentFactory(transition=transition)
    factories.CommitmentChangeFactory(commitment=commitment)
    factories.CommitmentDeliveryFactory(commitment=commitment)
    factories.NoteAcknowledgementFactory(note=factories.StatusNoteFactory(transition=transition))
    factories.ParticipantFactory(meeting=factories.StatusMeetingFactory(transition=transition))
    factories.CheckInScheduleFactory(case=case)
    factories.CheckInFactory(transition=transition)
    factories.ActionItemFactory(transition=transition)
    factories.WorkAgreementFactory(transition=transition)
    factories.FollowUpAttemptFactory(follow_up=factories.FollowUpFactory(case=case))
    factories.NotificationFactory(case=case)
    factories.AccessRequestFactory(case=case, status="answered", closed_on=closed_on)
    factories.ComplaintFactory(case=case, status="decided", decided_on=closed_on)
    factories.RectificationFactory(citizen=citizen, case=case)
    # A correction of the citizen's own data keeps the old name: it must go with the citizen.
    factories.RectificationFactory(citizen=citizen, old_value=f"{NAME[1]}x", new_value=NAME[1])
    LegalHold.objects.create(
        citizen=citizen,
        case=case,
        kind=HoldKind.MANAGER,
        reason="Tilbageholdt en tid",
        lifted_at=timezone.now(),
        lift_reason="Ophævet igen",
    )
    access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    factories.ReportJobFactory(filename=f"{NAME[1]}.pdf", content=f"{NAME[1]} {CPR}".encode())
    return case


def case_paths() -> list[tuple[type[models.Model], tuple[str, ...]]]:
    return [(apps.get_model(label), paths) for label, paths in (*DELETED, *KEPT)]


def rows_of(model: type[models.Model], paths: tuple[str, ...], case: Case) -> Any:
    q = models.Q()
    for path in paths:
        q |= models.Q(**{path: case.pk})
    return model._default_manager.filter(q)


def place_markers(case: Case) -> list[str]:
    """Write a marker in every free text of every row of the case and of the citizen; return
    the markers. Every kind of record must have a row."""
    markers: list[str] = []
    targets: list[tuple[type[models.Model], tuple[str, ...]]] = [
        *case_paths(),
        (Citizen, ("cases",)),
    ]
    for model, paths in targets:
        rows = rows_of(model, paths, case)
        assert rows.exists(), f"no {model._meta.label} row for the case"
        for field_name, empty in emptied_texts(model).items():
            if model is Citizen and field_name in ("first_name", "last_name", "cpr"):
                continue
            marker = f"{MARKER_PREFIX}{len(markers):02d}"
            markers.append(marker)
            rows.update(**{field_name: [marker] if isinstance(empty, list | dict) else marker})
    return markers


TEXT_TYPES = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "URLField"}


def scan(needles: list[str]) -> list[str]:
    """Every column (table.column) of every model that holds one of the needles, by raw SQL."""
    patterns = [f"%{needle}%" for needle in needles]
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if field.get_internal_type() not in TEXT_TYPES:
                    continue
                column = connection.ops.quote_name(str(field.column))
                cursor.execute(
                    f"SELECT count(*) FROM {connection.ops.quote_name(table)} "
                    f"WHERE {column}::text ILIKE ANY(%s)",
                    [patterns],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{field.column}")
    return found
