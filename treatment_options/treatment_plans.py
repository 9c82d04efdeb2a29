"""The provider's treatment plan (SEL § 101, stk. 8): made at the start of an episode and
revised in versions. Every version is kept, with who and when; two versions are compared part by
part (cases.versions). The plan builds on the case's holistic needs assessment (BEK 1477/2019
§ 1), which the page shows next to it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from cases.access import may_change_episode
from cases.event_messages import EventCode
from cases.models import CaseEvent
from cases.services import Errors, case_event_record, lock_case

from .models import Episode, TreatmentPlan, TreatmentPlanVersion

TREATMENT_PLAN_PARTS = (
    ("goals", gettext_lazy("Mål")),
    ("activities", gettext_lazy("Aktiviteter og faser")),
    ("progress_follow_up", gettext_lazy("Sådan følges fremskridt")),
    ("assessment_link", gettext_lazy("Sammenhæng med den helhedsorienterede afdækning")),
)
PART_NAMES = tuple(name for name, _label in TREATMENT_PLAN_PARTS)


@transaction.atomic
def treatment_plan_save(
    *,
    actor: User,
    episode: Episode,
    based_on: int,
    made_on: date,
    goals: str = "",
    activities: str = "",
    progress_follow_up: str = "",
    assessment_link: str = "",
) -> TreatmentPlan:
    """Save a new version of the episode's treatment plan (the first version makes the plan).
    `based_on` is the version number the form was opened on (0: no plan yet); a newer version
    saved in the meantime is a conflict, so nobody overwrites another's revision unseen."""
    case = lock_case(episode.case_id)
    episode = Episode.objects.select_related("offer__provider").get(pk=episode.pk)
    episode.case = case
    if not may_change_episode(actor, episode):
        raise PermissionDenied(_("Du har ikke adgang til at ændre forløbet."))
    plan = TreatmentPlan.objects.select_for_update().filter(episode=episode).first()
    texts = {
        "goals": (goals or "").strip(),
        "activities": (activities or "").strip(),
        "progress_follow_up": (progress_follow_up or "").strip(),
        "assessment_link": (assessment_link or "").strip(),
    }
    errors = Errors()
    current = plan.version if plan else 0
    if based_on != current:
        errors.add(
            "based_on",
            _(
                "Behandlingsplanen er ændret af en anden (version %(n)s), siden du åbnede den. "
                "Se den nye version, og gem igen."
            )
            % {"n": current},
            code="stale",
        )
    if made_on is None:
        errors.add("made_on", _("Angiv datoen for behandlingsplanen."), code="required")
    elif made_on > timezone.localdate():
        errors.add(
            "made_on", _("Datoen for behandlingsplanen kan ikke ligge i fremtiden."), "future"
        )
    elif made_on < episode.referral_date:
        errors.add(
            "made_on",
            _("Datoen for behandlingsplanen kan ikke ligge før henvisningsdatoen."),
            code="before_referral",
        )
    if not texts["goals"]:
        errors.add("goals", _("Angiv behandlingens mål."), code="required")
    if not texts["activities"]:
        errors.add("activities", _("Angiv aktiviteter og faser."), code="required")
    errors.raise_if_any()

    if plan is None:
        plan = TreatmentPlan(episode=episode, made_on=made_on, version=0)
    plan.version += 1
    plan.full_clean(exclude=["episode"])
    plan.save()
    version = TreatmentPlanVersion(
        plan=plan, number=plan.version, made_on=made_on, author=actor, **texts
    )
    version.full_clean()
    version.save()
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CASE_UPDATED,
        actor=actor,
        description=_("Behandlingsplan for %(offer)s, version %(n)s (%(date)s).")
        % {"offer": str(episode.offer), "n": plan.version, "date": made_on.isoformat()},
        code=EventCode.TREATMENT_PLAN_SAVED,
        values={"offer": str(episode.offer), "n": plan.version, "date": made_on.isoformat()},
        data={"episode": episode.pk, "treatment_plan": plan.pk, "version": plan.version},
    )
    return plan
