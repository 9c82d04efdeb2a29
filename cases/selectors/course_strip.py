"""The case page's course strip (issue 18): the dated facts of the course in words, laid out by
the pure cases.course_strip.

The requests and the episodes come from the rows the case page has already loaded (no query of
their own); the handover's facts come from the apps registered on `cases.hooks.course_facts`.
Dates in the words are in the one date style of the product (`date_format(…, "DATE_FORMAT")`,
config/formats).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .. import guarantee
from ..course_strip import CourseFact, Strip, layout
from ..hooks import course_facts
from ..models import Case
from ..page import CasePage
from .requests import RequestRow

# The lanes' names: plural in English ("Episodes"), where Danish "Forløb" is both.
LANE_LABELS: dict[str, Promise] = {
    "request": pgettext_lazy("course strip lane", "Anmodninger"),
    "episode": pgettext_lazy("course strip lane", "Forløb"),
    "handover": pgettext_lazy("course strip lane", "Overgang"),
    "checkin": pgettext_lazy("course strip lane", "Tjek-ind"),
}

# What each mark means, for the legend under the strip ("kind:status", cases.course_strip).
LEGEND_LABELS: dict[str, Promise] = {
    "request:running": gettext_lazy("Garantifrist løber"),
    "request:met": gettext_lazy("Garantifrist overholdt"),
    "request:breached": gettext_lazy("Garantifrist overskredet"),
    "request:waived": gettext_lazy("Garantifrist fraveget"),
    "request:not_covered": gettext_lazy("Ikke omfattet af garantien"),
    "decision:": gettext_lazy("Afgørelse"),
    "referral:": gettext_lazy("Henvisning"),
    "episode:residential": gettext_lazy("Døgnbehandling"),
    "episode:outpatient": gettext_lazy("Ambulant behandling"),
    "episode:other": gettext_lazy("Anden behandling"),
    "episode:waiting": gettext_lazy("Venter på start"),
    "discharge:done": gettext_lazy("Udskrivning"),
    "discharge:planned": gettext_lazy("Planlagt udskrivning"),
    "first_appointment:planned": gettext_lazy("Første ambulante aftale"),
    "first_appointment:attended": gettext_lazy("Første ambulante aftale, gennemført"),
    "first_appointment:missed": gettext_lazy("Første ambulante aftale, udeblevet"),
    "first_contact:": gettext_lazy("Første ambulante kontakt"),
    "checkin:due": gettext_lazy("Tjek-ind, planlagt"),
    "checkin:overdue": gettext_lazy("Tjek-ind, forfalden"),
    "checkin:answered": gettext_lazy("Tjek-ind, besvaret"),
}

# The strip's guarantee words; the same as the guarantee badge's (cases_tags.GUARANTEE_LABELS).
STATUS_TAGS: dict[str, Promise] = {
    guarantee.GuaranteeStatus.RUNNING: gettext_lazy("Løber"),
    guarantee.GuaranteeStatus.MET: gettext_lazy("Overholdt"),
    guarantee.GuaranteeStatus.BREACHED: gettext_lazy("Overskredet"),
    guarantee.GuaranteeStatus.WAIVED: gettext_lazy("Fraveget"),
    guarantee.GuaranteeStatus.NOT_COVERED: gettext_lazy("Ikke omfattet"),
}

# How the strip draws an episode, by its treatment type: residential filled, the outpatient kinds
# (outpatient, aftercare, anonymous outpatient treatment) outlined, day treatment and detox
# dashed ("other"). The keys are treatment_options.TreatmentType's values, read from the loaded
# offer, not imported: cases sits below treatment_options.
EPISODE_STYLES = {
    "residential": "residential",
    "outpatient": "outpatient",
    "aftercare": "outpatient",
    "anonymous": "outpatient",
}
# The short word in the bar; other types show their own name.
EPISODE_TAGS = {"residential": gettext_lazy("Døgn"), "outpatient": gettext_lazy("Ambulant")}


def day(value: date) -> str:
    """A date in the product's one date style, for the strip's words."""
    return date_format(value, "DATE_FORMAT")


def _request_facts(row: RequestRow) -> list[CourseFact]:
    request, result = row.request, row.result
    group = f"request-{request.pk}"
    what = {"kind": request.get_kind_display(), "basis": request.get_legal_basis_display()}
    facts: list[CourseFact] = []
    if result is None:  # bad stored data: the page shows the error; the strip the request
        label = _("Anmodning (%(kind)s, %(basis)s)") % what
        facts.append(CourseFact("request", "request", request.requested_on, label, group=group))
    else:
        status = str(STATUS_TAGS[result.status])
        if result.deadline is not None:
            label = _("Anmodning (%(kind)s, %(basis)s): frist %(deadline)s, %(status)s") % {
                **what,
                "deadline": day(result.deadline),
                "status": status.lower(),
            }
        else:
            label = _("Anmodning (%(kind)s, %(basis)s): %(status)s") % {
                **what,
                "status": status.lower(),
            }
        facts.append(
            CourseFact(
                "request",
                "request",
                request.requested_on,
                label,
                result.status.value,
                until=result.deadline,
                group=group,
                tag=status,
            )
        )
    if request.decision_on:
        label = _("Afgørelse (%(kind)s)") % {"kind": request.get_kind_display()}
        facts.append(CourseFact("request", "decision", request.decision_on, label, group=group))
    return facts


def _episode_facts(episode: Any) -> list[CourseFact]:
    offer = episode.offer
    group = f"episode-{episode.pk}"
    what = {
        "type": offer.get_treatment_type_display(),
        "offer": offer.name,
        "provider": offer.provider.name,
    }
    facts = [
        CourseFact(
            "episode",
            "referral",
            episode.referral_date,
            _("Henvist til %(offer)s (%(provider)s)") % what,
            group=group,
        )
    ]
    if episode.actual_start:
        kind = EPISODE_STYLES.get(offer.treatment_type, "other")
        tag = str(EPISODE_TAGS.get(offer.treatment_type, what["type"]))
        if episode.actual_end:
            label = _("%(type)s: %(offer)s (%(provider)s), sluttede %(end)s") % {
                **what,
                "end": day(episode.actual_end),
            }
        else:
            label = _("%(type)s: %(offer)s (%(provider)s), i gang") % what
        facts.append(
            CourseFact(
                "episode",
                "episode",
                episode.actual_start,
                label,
                kind,
                until=episode.actual_end,
                open_ended=episode.actual_end is None,
                group=group,
                tag=tag,
            )
        )
    elif episode.planned_start and episode.planned_start > episode.referral_date:
        label = _("Venter på start: %(offer)s (%(provider)s), planlagt start %(start)s") % {
            **what,
            "start": day(episode.planned_start),
        }
        facts.append(
            CourseFact(
                "episode",
                "episode",
                episode.referral_date,
                label,
                "waiting",
                until=episode.planned_start,
                group=group,
            )
        )
    return facts


def case_course_strip(page: CasePage) -> Strip:
    """The course strip of the case page, from its loaded requests and episodes and the facts
    of the registered apps (`cases.hooks.course_facts`, a fixed number of queries each)."""
    facts: list[CourseFact] = []
    for row in page.requests:
        facts += _request_facts(row)
    for episode in page.episodes:
        facts += _episode_facts(episode)
    for source in course_facts:
        facts += source(page)
    return layout(
        facts,
        today=page.today,
        lane_labels={key: str(label) for key, label in LANE_LABELS.items()},
        legend_labels={key: str(label) for key, label in LEGEND_LABELS.items()},
    )


def case_course(case: Case, *, today: date) -> Strip:
    """The course strip of a case on its own (the API): the rows the case page reads."""
    return case_course_strip(CasePage(case, None, today))
