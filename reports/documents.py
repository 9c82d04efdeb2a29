"""The report documents: contexts for the print templates, the PDFs and the CSV files.

Reads only (through reports.selectors) and rendering; the writes that go with a document (a
disclosure, a report job) are in reports.services, the access log entry in the views.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from cases.cpr import mask_cpr
from cases.models import Case, Consent, InformationKind, LegalBasis

from . import selectors
from .charts import BarChart, ChartItem, bar_chart, nice_max
from .csv_export import csv_bytes
from .external_fields import fields_shown, fields_withheld
from .external_meetings import meetings_in_report
from .formatting import da_month, da_number, da_short_month
from .pdf import render_pdf
from .selectors import DeliveryRow, GuaranteeCounts, ManagerReport, Period

ALL_KINDS = tuple(InformationKind.values)


def _issuer(user: User, fallback: Unit | None) -> dict[str, Any]:
    now = timezone.localtime()
    return {
        "issuing_unit": getattr(user, "unit", None) or fallback,
        "issued_by": user.get_full_name() or user.get_username(),
        "issued_at": now,
        "issued_on": now.date(),
    }


# --- case report ------------------------------------------------------------------------------


def case_report_kinds(consent: Consent | None) -> tuple[str, ...]:
    """The information kinds a report may contain: all for internal use; for an external party
    exactly those its consent covers."""
    if consent is None:
        return ALL_KINDS
    return tuple(kind for kind in ALL_KINDS if consent.covers(kind))


def case_report_context(
    *, case: Case, user: User, today: date, consent: Consent | None = None, full_cpr: bool = False
) -> dict[str, Any]:
    kinds = case_report_kinds(consent)
    data = selectors.case_report_data(case=case, kinds=kinds, today=today)
    citizen = data.citizen
    if citizen is None or citizen.is_anonymous or not citizen.cpr:
        cpr = ""
    else:
        cpr = citizen.cpr if full_cpr else mask_cpr(citizen.cpr)
    return {
        "data": data,
        "case": case,
        "kinds": kinds,
        "consent": consent,
        "is_external": consent is not None,
        "omitted_kinds": [kind for kind in ALL_KINDS if kind not in kinds],
        "shown": fields_shown(kinds),
        "withheld": fields_withheld(kinds),
        "meetings": (None if data.meetings is None else meetings_in_report(data.meetings, consent)),
        "cpr": cpr,
        "full_cpr": full_cpr and bool(cpr),
        "document_title": (
            _("Statusrapport til ekstern part") if consent else _("Statusrapport for sag")
        ),
        **_issuer(user, case.team),
    }


def case_report_pdf(
    *, case: Case, user: User, today: date, consent: Consent | None = None, full_cpr: bool = False
) -> bytes:
    """The case status report as PDF; for an external party only what `consent` covers.
    Always Danish (reports.pdf): the context's texts too, whatever the requester's language."""
    with translation.override("da"):
        context = case_report_context(
            case=case, user=user, today=today, consent=consent, full_cpr=full_cpr
        )
    return render_pdf("reports/print/case_report.html", context)


def case_report_filename(case: Case, consent: Consent | None) -> str:
    # No names or CPR in file names: they end up in download folders and e-mail attachments.
    suffix = "-ekstern" if consent else ""
    return f"statusrapport-{case.number}{suffix}.pdf"


# --- manager report ---------------------------------------------------------------------------


def _month_items(values: Sequence[tuple[date, float | None]]) -> list[ChartItem]:
    """Chart labels for months: "nov", with the year under the first month and every January."""
    items = []
    for index, (month, value) in enumerate(values):
        year = str(month.year) if index == 0 or month.month == 1 else ""
        items.append(ChartItem(label=da_short_month(month), value=value, sublabel=year))
    return items


def _percent_label(value: float) -> str:
    return f"{da_number(value)}\u00a0%"


def manager_report_charts(report: ManagerReport) -> dict[str, Any]:
    guarantee_chart = bar_chart(
        _month_items([(month, counts.share_met) for month, counts in report.guarantee.by_month]),
        title=_("Andel iværksat inden for fristen, pr. måned"),
        value_format=_percent_label,
        max_value=100,
    )
    meeting_chart = bar_chart(
        _month_items([(m.month, m.share_meeting_before) for m in report.transitions.by_month]),
        title=_("Andel med statusmøde før udskrivning, pr. måned"),
        value_format=_percent_label,
        max_value=100,
        width=235,
        height=150,
    )
    contact_chart = bar_chart(
        _month_items([(m.month, m.share_contact_within) for m in report.transitions.by_month]),
        title=_("Andel med ambulant kontakt inden 7 dage, pr. måned"),
        value_format=_percent_label,
        max_value=100,
        width=235,
        height=150,
    )
    themes = report.themes
    theme_max = max((max(row[3], default=0) for row in themes.by_month), default=0)
    theme_charts: list[tuple[str, BarChart]] = []
    for index, (_code, label) in enumerate(themes.themes):
        theme_charts.append(
            (
                label,
                bar_chart(
                    _month_items([(row[0], row[3][index]) for row in themes.by_month]),
                    title=_("Tjek-ind med temaet %(theme)s, pr. måned") % {"theme": label},
                    value_format=da_number,
                    # Counts: never an axis below 4, so that a single answer does not fill it.
                    max_value=max(nice_max(theme_max), 4.0),
                    width=235,
                    height=100,
                    tick_count=2,
                ),
            )
        )
    return {
        "guarantee_chart": guarantee_chart,
        "meeting_chart": meeting_chart,
        "contact_chart": contact_chart,
        "theme_charts": theme_charts,
    }


def manager_report_context(
    *, unit: Unit, period: Period, user: User, today: date
) -> dict[str, Any]:
    report = selectors.manager_report(unit=unit, period=period, today=today)
    return {
        "report": report,
        "legal_basis_labels": dict(LegalBasis.choices),
        "document_title": _("Lederrapport"),
        **manager_report_charts(report),
        "delivery_tables": [
            (_("Pr. ambulant enhed"), report.delivery.by_outpatient_unit),
            (_("Pr. team"), report.delivery.by_team),
        ],
        **_issuer(user, unit),
    }


def manager_report_pdf(*, unit: Unit, period: Period, user: User, today: date) -> bytes:
    with translation.override("da"):  # the context's texts are Danish as the PDF (reports.pdf)
        context = manager_report_context(unit=unit, period=period, user=user, today=today)
    return render_pdf("reports/print/manager_report.html", context)


def _counts_cells(counts: GuaranteeCounts) -> list[object]:
    return [
        counts.met,
        counts.breached,
        counts.share_met,
        counts.running,
        counts.waived,
        counts.not_covered,
    ]


def _manager_csv_rows(report: ManagerReport, user: User) -> Iterator[Sequence[object]]:
    guarantee_head = [
        _("Iværksat inden for fristen"),
        _("Overskredet"),
        _("Andel inden for fristen (%)"),
        _("Frist løber"),
        _("Fraveget (frit valg)"),
        _("Ikke omfattet"),
    ]
    yield [_("Lederrapport"), report.unit.name]
    yield [_("Periode"), report.period.start, report.period.end]
    yield [_("Opgjort pr."), report.as_of]
    yield [_("Udskrevet af"), user.get_full_name() or user.get_username(), timezone.localdate()]
    yield []
    yield [_("Overblik")]
    yield [_("Åbne sager ved periodens slut"), report.summary.open_at_end]
    yield [_("Heraf i behandling"), report.summary.in_treatment_at_end]
    yield [_("Nye sager i perioden"), report.summary.new_cases]
    yield [_("Afsluttede sager i perioden"), report.summary.closed_cases]
    yield [
        _("Kontaktforløb (Danmarks Statistiks metode)"),
        report.guarantee.courses.ds_courses,
        _(
            "En ny anmodning højst 10 dage efter, at det forrige forløb sluttede, tælles som "
            "samme kontaktforløb (kun i statistikken)."
        ),
    ]
    yield []
    yield [_("Behandlingsgaranti pr. måned (anmodninger efter anmodningsmåned)")]
    yield [_("Måned"), *guarantee_head]
    for month, counts in report.guarantee.by_month:
        yield [da_month(month), *_counts_cells(counts)]
    yield [_("I alt"), *_counts_cells(report.guarantee.total)]
    yield []
    yield [_("Behandlingsgaranti pr. lovgrundlag")]
    yield [_("Lovgrundlag"), *guarantee_head]
    for basis, counts in report.guarantee.by_legal_basis:
        yield [LegalBasis(basis).label, *_counts_cells(counts)]
    yield []
    yield [_("Overskridelser af behandlingsgarantien")]
    yield [
        _("Sagsnummer"),
        _("Lovgrundlag"),
        _("Henvendelse"),
        _("Frist"),
        _("Iværksat"),
        _("Dage over fristen"),
        _("Sagsbehandler"),
    ]
    for breach in report.guarantee.breaches:
        yield [
            breach.number,
            breach.legal_basis_label,
            breach.inquiry_date,
            breach.deadline,
            breach.started_on,
            breach.days_over,
            breach.caseworker,
        ]
    yield []
    yield [_("Sagsbelastning pr. sagsbehandler")]
    yield [
        _("Sagsbehandler"),
        _("Åbne sager ved periodens slut"),
        _("Nye sager i perioden"),
        _("Afsluttede sager i perioden"),
    ]
    for row in report.caseload:
        yield [row.caseworker, row.open_cases, row.new_cases, row.closed_cases]
    yield []
    t = report.transitions
    yield [_("Overgange fra døgn- til ambulant behandling (udskrevet i perioden)")]
    yield [_("Udskrevet"), t.discharged]
    yield [_("Statusmøde afholdt før udskrivning"), t.meeting_before, t.share_meeting_before]
    yield [_("Første ambulante kontakt inden 7 dage"), t.contact_within, t.share_contact_within]
    yield [_("Ingen ambulant kontakt registreret"), t.no_contact]
    yield [_("Median dage fra udskrivning til første kontakt"), t.median_gap_days]
    yield [
        _("Måned"),
        _("Udskrevet"),
        _("Statusmøde før udskrivning"),
        _("Andel (%)"),
        _("Kontakt inden 7 dage"),
        _("Andel (%)"),
    ]
    for m in t.by_month:
        yield [
            da_month(m.month),
            m.discharged,
            m.meeting_before,
            m.share_meeting_before,
            m.contact_within,
            m.share_contact_within,
        ]
    yield []
    themes = report.themes
    yield [_("Tjek-ind: temaer pr. måned (antal besvarelser, der nævner temaet)")]
    yield [_("Måned"), _("Besvarede"), _("Kræver opfølgning"), *[lbl for _c, lbl in themes.themes]]
    for month, answered, follow_up, theme_counts in themes.by_month:
        yield [da_month(month), answered, follow_up, *theme_counts]
    yield [_("I alt"), themes.answered, "", *themes.totals]
    yield []
    d = report.drop_outs
    yield [_("Afsluttede forløb efter afslutningsårsag")]
    yield [_("Afslutningsårsag"), _("Antal"), _("Frafald")]
    for reason in d.reasons:
        yield [reason.label, reason.count, reason.is_drop_out]
    yield [_("Afsluttede forløb i alt"), d.ended]
    yield [_("Heraf frafald"), d.drop_outs, d.share]
    yield []
    yield [_("Frafald pr. behandlingstype")]
    yield [_("Behandlingstype"), _("Afsluttede forløb"), _("Frafald"), _("Andel (%)")]
    for type_row in d.by_treatment_type:
        yield [type_row.label, type_row.ended, type_row.drop_outs, type_row.share]
    yield []
    yield [_("Genhenvendelser")]
    yield [_("Nye sager i perioden"), d.new_cases]
    yield [_("Heraf efter en tidligere afsluttet sag"), d.returns, d.share_returns]
    yield [_("Borgere, der vender tilbage"), d.returning_citizens]
    yield from _delivery_csv_rows(report)


def _delivery_csv_rows(report: ManagerReport) -> Iterator[Sequence[object]]:
    head = [
        _("Indsatser"),
        _("Aftalte kontakter"),
        _("Leverede (gennemførte) kontakter"),
        _("Leveret af aftalt (%)"),
        _("Udeblevet"),
        _("Aflyst af borgeren"),
        _("Aflyst af behandlingsstedet"),
    ]

    def cells(row: DeliveryRow) -> list[object]:
        return [
            row.commitments,
            float(row.agreed),
            row.delivered,
            row.share_delivered,
            row.missed,
            row.cancelled_by_citizen,
            row.cancelled_by_provider,
        ]

    for title, rows in (
        (
            _("Aftalt og leveret efterbehandling pr. ambulant enhed"),
            report.delivery.by_outpatient_unit,
        ),
        (_("Aftalt og leveret efterbehandling pr. team"), report.delivery.by_team),
    ):
        yield []
        yield [title]
        yield [_("Enhed"), *head]
        for row in rows:
            yield [row.label, *cells(row)]
        yield [_("I alt"), *cells(report.delivery.total)]


def manager_report_csv(*, unit: Unit, period: Period, user: User, today: date) -> bytes:
    """The manager report as CSV, one block per section; every breach listed."""
    with translation.override("da"):
        report = selectors.manager_report(unit=unit, period=period, today=today, breach_limit=None)
        return csv_bytes(_manager_csv_rows(report, user))


def manager_report_filename(unit: Unit, period: Period, file_format: str) -> str:
    return f"lederrapport-{unit.pk}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{file_format}"
