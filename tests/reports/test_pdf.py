"""reports.pdf: WeasyPrint with a URL fetcher that reads only local static files; tagged A4 PDFs."""

from __future__ import annotations

import io
from datetime import date
from unittest import mock

import pytest
from django.utils import translation
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from weasyprint import HTML

from reports import documents
from reports.charts import ChartItem, bar_chart, nice_max
from reports.formatting import NO_VALUE, da_date, da_number, da_percent
from reports.pdf import BASE_URL, RefusedURLError, StaticFilesOnlyFetcher, static_path_for
from tests.clock import REPORT_DAY


def test_fetcher_serves_the_projects_static_files():
    response = StaticFilesOnlyFetcher().fetch("file:///static/reports/print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.com/fonts.css",
        "http://127.0.0.1:8000/static/reports/print.css",
        "ftp://example.com/x.png",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/etc/passwd",
        "file://evil.example.com/static/reports/print.css",
        "file:///static/",
    ],
)
def test_fetcher_refuses_everything_else(url):
    assert static_path_for(url) is None
    with pytest.raises((RefusedURLError, ValueError)):
        StaticFilesOnlyFetcher().fetch(url)


def test_document_with_outside_references_renders_without_touching_the_network():
    html = (
        '<html lang="da"><head><title>x</title>'
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<link rel="stylesheet" href="/static/reports/print.css"></head>'
        '<body><p>Hej</p><img src="http://127.0.0.1:9/pixel.png" alt="x"></body></html>'
    )
    with (
        mock.patch("socket.create_connection", side_effect=AssertionError("network")) as net,
        mock.patch("urllib.request.OpenerDirector.open", side_effect=AssertionError("urllib")),
    ):
        content = HTML(
            string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher()
        ).write_pdf()
    assert content.startswith(b"%PDF")
    net.assert_not_called()
    # The local stylesheet was applied: its @page rule numbers the pages.
    assert "Side 1 af 1" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_pdf_is_tagged_a4_with_danish_language(full_case, caseworker):
    reader = PdfReader(
        io.BytesIO(documents.case_report_pdf(case=full_case, user=caseworker, today=REPORT_DAY))
    )
    root = reader.root_object
    assert "/StructTreeRoot" in root  # tagged for screen readers
    mark_info = root["/MarkInfo"]
    assert isinstance(mark_info, DictionaryObject)
    assert mark_info["/Marked"]
    assert str(root["/Lang"]).lower().startswith("da")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title is not None
    assert metadata.title.startswith("Statusrapport for sag")
    pages = len(reader.pages)
    assert f"Side {pages} af {pages}" in reader.pages[-1].extract_text()


def test_danish_formats():
    with translation.override("da"):
        assert da_date(date(2026, 11, 23)) == "23.11.2026"
    with translation.override("en"):  # the documents stay Danish in every UI language
        assert da_date(date(2026, 11, 23)) == "23.11.2026"
    assert da_number(10000) == "10.000"
    assert da_number(3.5, 1) == "3,5"
    assert da_percent(87.5) == "87,5\u00a0%"
    assert da_percent(None) == NO_VALUE


def test_bar_chart_scales_to_the_axis_and_marks_missing_values():
    chart = bar_chart(
        [ChartItem("jan", 50.0), ChartItem("feb", None), ChartItem("mar", 100.0)],
        title="Andel",
        value_format=lambda v: f"{v:.0f} %",
        max_value=100,
    )
    full, missing, half = chart.bars[2], chart.bars[1], chart.bars[0]
    assert full.height == pytest.approx(2 * half.height)
    assert full.y == pytest.approx(chart.top)
    assert missing.height == 0 and missing.value_label == NO_VALUE
    assert f"feb: {NO_VALUE}" in chart.description


@pytest.mark.parametrize(("value", "expected"), [(0, 1), (3, 5), (7, 10), (12, 20), (240, 250)])
def test_axis_maximum_is_a_round_number(value, expected):
    assert nice_max(value) == expected


def test_a_pdf_made_for_an_english_user_is_the_danish_document(full_case, caseworker):
    """The texts the documents build before rendering (title, plan section names) are Danish
    too, not only the template's (issue 18: "Case status report" in a Danish report)."""
    with translation.override("en"):
        content = documents.case_report_pdf(case=full_case, user=caseworker, today=REPORT_DAY)
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.metadata.title.startswith("Statusrapport for sag")
    assert "Statusrapport for sag · Sag" in text
    assert "Case status report" not in text
    with translation.override("da"):
        danish = documents.case_report_pdf(case=full_case, user=caseworker, today=REPORT_DAY)
    assert "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(danish)).pages) == text
