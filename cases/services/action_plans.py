"""The action plan (handleplan, SEL § 141): offered to adults with serious social problems,
with purpose, actions, expected duration and follow-up, saved in versions (every version kept,
who and when); the parts handed to the provider are recorded as a disclosure.

Not offered under Barnets lov § 33 (a child's plan follows Barnets lov) nor for anonymous
treatment under SEL § 101 a (DESIGN §3.1): the page does not show it, and this refuses it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import CHANGE
from ..event_messages import EventCode
from ..models import (
    ActionPlan,
    ActionPlanVersion,
    Case,
    CaseEvent,
    Disclosure,
    DisclosureBasis,
    LegalBasis,
)
from ..models.records import ACTION_PLAN_PARTS
from .checks import Errors, local_today, require_open, require_perm
from .events import case_event_record
from .locking import lock_case

NOT_OFFERED_BASES = frozenset({LegalBasis.BL33, LegalBasis.SEL101A})

PART_NAMES = tuple(name for name, _label in ACTION_PLAN_PARTS)


def action_plan_is_offered(case: Case) -> bool:
    """SEL § 141 applies to the case's legal basis (not Barnets lov § 33, not § 101 a)."""
    return case.legal_basis not in NOT_OFFERED_BASES


def _refuse_if_not_offered(case: Case) -> None:
    if not action_plan_is_offered(case):
        raise ValidationError(
            _(
                "Handleplan efter serviceloven § 141 tilbydes ikke på denne sag (%(basis)s). "
                "Børn og unge under barnets lov § 33 får deres plan efter barnets lov, og "
                "anonym behandling (SEL § 101 a) har ingen handleplan."
            )
            % {"basis": case.get_legal_basis_display()},
            code="not_offered",
        )


def action_plan_latest(plan: ActionPlan | None) -> ActionPlanVersion | None:
    if plan is None or plan.pk is None:
        return None
    return plan.versions.order_by("-number").select_related("author").first()


@transaction.atomic
def action_plan_save(
    *,
    actor: User,
    case: Case,
    based_on: int,
    offered_on: date | None = None,
    accepted: bool | None = None,
    purpose: str = "",
    actions: str = "",
    expected_duration: str = "",
    follow_up: str = "",
) -> ActionPlan:
    """Save the offer and, when the content changed, a new version of the plan. `based_on` is
    the version number the form was opened on: a newer version saved in the meantime is a
    conflict (nothing is lost: the user sees the newer version and saves again)."""
    require_perm(actor, CHANGE, case)
    case = lock_case(case)
    require_open(case)
    _refuse_if_not_offered(case)
    plan, _created = ActionPlan.objects.select_for_update().get_or_create(case=case)
    errors = Errors()
    texts = {
        "purpose": (purpose or "").strip(),
        "actions": (actions or "").strip(),
        "expected_duration": (expected_duration or "").strip(),
        "follow_up": (follow_up or "").strip(),
    }
    if based_on != plan.version:
        errors.add(
            "based_on",
            _(
                "Handleplanen er ændret af en anden (version %(n)s), siden du åbnede den. "
                "Se den nye version, og gem igen."
            )
            % {"n": plan.version},
            code="stale",
        )
    if offered_on is not None and offered_on > local_today():
        errors.add("offered_on", _("Datoen kan ikke ligge i fremtiden."), code="future")
    elif offered_on is not None and offered_on < case.inquiry_date:
        errors.add(
            "offered_on", _("Datoen kan ikke ligge før henvendelsesdatoen."), "before_inquiry"
        )
    if accepted is not None and offered_on is None:
        errors.add("accepted", _("Angiv hvornår handleplanen blev tilbudt."), code="required")
    if any(texts.values()) and not texts["purpose"]:
        errors.add("purpose", _("Angiv handleplanens formål."), code="required")
    if any(texts.values()) and accepted is False:
        errors.add(
            "accepted",
            _("Borgeren har afslået handleplanen; den kan ikke have indhold."),
            "refused",
        )
    errors.raise_if_any()

    latest = action_plan_latest(plan)
    current = {name: getattr(latest, name) for name in PART_NAMES} if latest else None
    changed_content = any(texts.values()) and texts != current
    plan.offered_on, plan.accepted = offered_on, accepted
    if changed_content:
        plan.version += 1
        version = ActionPlanVersion(plan=plan, number=plan.version, author=actor, **texts)
        version.full_clean()
        version.save()
    plan.full_clean()
    plan.save()
    description = _("Handleplan (SEL § 141) gemt.")
    code, values = EventCode.ACTION_PLAN_SAVED, {}
    if changed_content:
        description = _("Handleplan (SEL § 141) gemt som version %(n)s.") % {"n": plan.version}
        code, values = EventCode.ACTION_PLAN_VERSION_SAVED, {"n": plan.version}
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CASE_UPDATED,
        actor=actor,
        description=description,
        code=code,
        values=values,
        data={"action_plan": plan.pk, "version": plan.version},
    )
    return plan


@transaction.atomic
def action_plan_hand_over(
    *, actor: User, case: Case, parts: Iterable[str], recipient: str
) -> Disclosure:
    """Record which parts of the newest version were handed to the provider, as a disclosure
    (basis: the action plan, SEL § 141)."""
    require_perm(actor, "cases.add_disclosure", case)
    case = lock_case(case)
    _refuse_if_not_offered(case)
    plan = ActionPlan.objects.filter(case=case).first()
    latest = action_plan_latest(plan)
    errors = Errors()
    chosen = [name for name in PART_NAMES if name in set(parts or ())]
    recipient = (recipient or "").strip()
    if latest is None:
        errors.add("parts", _("Handleplanen har endnu intet indhold."), code="empty")
    elif not chosen or set(parts or ()) - set(PART_NAMES):
        errors.add("parts", _("Vælg hvilke dele af handleplanen der er givet."), "required")
    if not recipient:
        errors.add("recipient", _("Angiv hvem delene er givet til."), code="required")
    errors.raise_if_any()
    assert latest is not None
    labels = dict(ACTION_PLAN_PARTS)
    described = ", ".join(str(labels[name]) for name in chosen)
    disclosure = Disclosure(
        case=case,
        basis=DisclosureBasis.SEL141,
        information_kinds=[],
        recipient=recipient[:200],
        description=_("Handleplan version %(n)s: %(parts)s")
        % {"n": latest.number, "parts": described},
        disclosed_by=actor,
    )
    disclosure.full_clean()
    disclosure.save()
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.DISCLOSURE,
        actor=actor,
        description=_("Dele af handleplanen givet til %(recipient)s: %(parts)s.")
        % {"recipient": recipient, "parts": described},
        code=EventCode.ACTION_PLAN_HANDED_OVER,
        values={"recipient": recipient, "parts": chosen},
        data={"disclosure": disclosure.pk, "action_plan_version": latest.number, "parts": chosen},
    )
    return disclosure
