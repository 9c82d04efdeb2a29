"""Following a keyset list's "Forrige" and "Næste" links (cases.paging), as a user does."""

from __future__ import annotations

import html
import re


def page_link(content: str, rel: str) -> str | None:
    """The href of the pagination link with rel="next" or rel="prev", or None."""
    match = re.search(rf'<a href="([^"]+)"[^>]*\brel="{rel}"', content)
    return html.unescape(match.group(1)) if match else None
