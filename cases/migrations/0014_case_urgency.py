"""The stored urgency of a case (issue 17, DESIGN §9): the date-independent class as a column
the database computes from the row (filled by PostgreSQL's ALTER TABLE itself, one pass), the
index of the urgency order, and the open clock's deadline recomputed for every existing case
in set-based UPDATEs over batches of primary keys (one statement per 50,000 cases)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

BATCH = 50_000


def _open_clock_q(today):
    # Mirrors cases.selectors.guarantee_status.open_clock_q and TreatmentRequest.is_open_clock:
    # covered, nothing started, no free choice in time (SEL § 101, stk. 5-6).
    covered = ~(
        Q(legal_basis="SEL101A")
        | Q(regional_dual_diagnosis=True)
        | Q(guarantee_deadline__isnull=True)
    )
    in_time = Q(free_choice=True) & (
        Q(free_choice_on__isnull=True)
        | (
            Q(free_choice_on__lte=models.F("guarantee_deadline"))
            & (Q(free_choice_on__lte=today) | Q(free_choice_on__lte=models.F("requested_on")))
        )
    )
    return covered & Q(treatment_started_on__isnull=True) & ~in_time


def fill_open_clocks(apps, schema_editor):
    """Each case's most urgent open clock (earliest deadline first, then the oldest request),
    else its latest request, as cases.services.requests.refresh_urgency stores it."""
    Case = apps.get_model("cases", "Case")
    TreatmentRequest = apps.get_model("cases", "TreatmentRequest")
    today = timezone.localdate()
    requests = TreatmentRequest.objects.filter(case_id=OuterRef("pk"))
    most_urgent = requests.filter(_open_clock_q(today)).order_by("guarantee_deadline", "pk")
    latest = requests.order_by("-requested_on", "-pk")
    bounds = Case.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return
    start = bounds["low"]
    while start <= bounds["high"]:
        # A case without any request has no clock (NULL, NULL), as refresh_urgency stores it.
        Case.objects.filter(pk__gte=start, pk__lt=start + BATCH).update(
            guarantee_deadline=Subquery(most_urgent.values("guarantee_deadline")[:1]),
            clock_request_id=models.functions.Coalesce(
                Subquery(most_urgent.values("pk")[:1]), Subquery(latest.values("pk")[:1])
            ),
        )
        start += BATCH


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_unit_follow_up"),
        ("cases", "0013_merge_has_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="urgency",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(status="closed", then=models.Value(2)),
                    models.When(guarantee_deadline__isnull=False, then=models.Value(0)),
                    default=models.Value(1),
                ),
                output_field=models.PositiveSmallIntegerField(),
                verbose_name="hastegrad",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                models.F("urgency"),
                models.OrderBy(models.F("guarantee_deadline")),
                models.OrderBy(models.F("inquiry_date"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="case_urgency_order",
            ),
        ),
        # Last: the UPDATEs leave deferred foreign-key checks pending (clock_request), and
        # PostgreSQL refuses DDL on the table after them in the same transaction.
        migrations.RunPython(fill_open_clocks, migrations.RunPython.noop, elidable=True),
    ]
