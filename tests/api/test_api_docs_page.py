"""The API documentation page carries its accessibility layer as static files (issue 18): the
page's language, a stylesheet with AA contrast and a script that labels Swagger UI's controls;
no inline script or style (the browser journey runs axe on it: tests/e2e)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders


def test_docs_page_has_lang_and_loads_the_accessibility_layer(client, caseworker):
    client.force_login(caseworker)
    html = client.get("/api/docs/").content.decode()
    assert '<html lang="da">' in html
    assert "/static/api/docs.css" in html
    assert "/static/api/docs-a11y.js" in html
    assert all(" src=" in tag for tag in re.findall(r"<script\b[^>]*>", html))
    assert "style=" not in html


def test_swagger_ui_is_started_without_syntax_colouring(client, caseworker):
    client.force_login(caseworker)
    script = client.get("/api/docs/", {"script": ""}).content.decode()
    settings_json = re.search(r"const swaggerSettings = (\{.*?\});", script, re.S)
    assert settings_json
    assert json.loads(settings_json.group(1))["syntaxHighlight"] is False


def test_the_accessibility_files_exist():
    css = Path(str(finders.find("api/docs.css"))).read_text(encoding="utf-8")
    js = Path(str(finders.find("api/docs-a11y.js"))).read_text(encoding="utf-8")
    assert ".swagger-ui .parameter__in" in css
    assert "aria-label" in js and "tabindex" in js
