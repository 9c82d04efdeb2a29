"""The README and docs/ are enough on their own: they point at nothing outside the repository,
mention how to pick the port, and state the Python version the project requires (issue 18)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "api" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(doc: Path) -> None:
    for target in LINK.findall(doc.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue  # http(s), mailto: a public address, not a file
        resolved = (doc.parent / target).resolve()
        assert resolved.is_relative_to(ROOT), f"{doc.name} links outside the repository: {target}"
        assert resolved.exists(), f"{doc.name} links to a missing file: {target}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_doc_refers_to_the_design_file_outside_the_repository(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    assert "DESIGN" not in text
    assert "../shared" not in text


def test_readme_says_how_to_pick_the_port_and_links_the_domain() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run PORT=8123" in readme
    assert "`HOST`" in readme and "`PORT`" in readme
    assert "](docs/domain.md)" in readme
    domain = (ROOT / "docs" / "domain.md").read_text(encoding="utf-8")
    for topic in ("## Roles", "lifecycle", "guarantee", "## The handover", "Serviceloven § 101"):
        assert topic in domain


def test_readme_states_the_python_version_of_pyproject_and_the_image() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    required = pyproject["project"]["requires-python"].removeprefix(">=")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = set(re.findall(r"Python (3\.\d+)", readme))
    assert stated == {required}
    assert f"FROM python:{required}-" in (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert pyproject["tool"]["mypy"]["python_version"] == required
