"""Turn a Django template and a context into PDF bytes with WeasyPrint.

The documents contain personal data, so rendering must never reach the network: a template (or
a bit of user text that somehow ended up as markup) pointing at an outside address would both
hang the worker on a network timeout and tell the outside server that, and when, a citizen's
report was printed. `StaticFilesOnlyFetcher` therefore serves only the project's own static
files, read from disk through the staticfiles finders, and refuses every other URL (http,
https, ftp, data, other file paths). WeasyPrint treats a refused resource like a missing one: a
warning, and the document renders without it.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The base URL relative references are resolved against. `{% static %}` gives "/static/...",
# which becomes file:///static/...; that prefix is the only thing the fetcher accepts.
BASE_URL = "file:///"


class RefusedURLError(ValueError):
    """A resource outside the project's static files was asked for."""


class StaticFilesOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads only the project's static files from disk."""

    def __init__(self) -> None:
        # No protocol but file:// is even considered; everything else is refused below too.
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = static_path_for(url)
        if path is None:
            # Log only the scheme: a refused URL could itself carry personal data.
            logger.warning("PDF rendering refused a non-static resource (%s)", urlsplit(url).scheme)
            raise RefusedURLError("only the project's static files may be fetched")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def static_path_for(url: str) -> Path | None:
    """The file on disk for a file:///static/... URL of a static file, or None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    relative = path.removeprefix(prefix)
    # The finders refuse "..", absolute paths and anything outside the static directories.
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found and not isinstance(found, list):
        return Path(found)
    # In production `{% static %}` gives the collected, hashed name (ManifestStaticFilesStorage):
    # read it from STATIC_ROOT, and only from there.
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render `template_name` with `context` to PDF bytes (A4 and page furniture come from the
    template's CSS).

    Rendered in Danish whatever the caller's language (a Celery worker has none): the
    documents go to Danish authorities and citizens. The PDF is tagged (PDF/UA-1) so that screen
    readers can read it; WeasyPrint calls its support experimental, so the tags follow the HTML
    structure rather than claiming full conformance.
    """
    with translation.override("da"):
        html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")
