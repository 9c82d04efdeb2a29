"""Following a keyset list's "Forrige" and "Næste" links (cases.paging), as a user does."""

from __future__ import annotations

import html
import re


def page_link(content: str, rel: str) -> str | None:
    """The href of the pagination link with rel="next" or rel="prev", or None."""
    match = re.search(rf'<a href="([^"]+)"[^>]*\brel="{rel}"', content)
    return html.unescape(match.group(1)) if match else None


def results_summary(content: str) -> str:
    """The case list's summary paragraph ("Viser 1-25 ..."), whitespace folded."""
    start = content.index('<p class="results-summary"')
    return " ".join(content[start : content.index("</p>", start)].split())


def counted_summary(client, content: str) -> str:
    """The summary the user ends up reading: a list longer than a page is shown first without
    its total and loads the summary with the total from the URL in the paragraph (hx-get)."""
    summary = results_summary(content)
    match = re.search(r'hx-get="([^"]+)"', summary)
    if match is None:
        return summary
    response = client.get(html.unescape(match.group(1)), headers={"HX-Request": "true"})
    assert response.status_code == 200
    return results_summary(response.content.decode())
