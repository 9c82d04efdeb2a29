"""The structure rules of docs/architecture.md fail when broken: one import up the app order
makes import-linter fail, and `scripts/check_structure.py` names a long module, a private
cross-app import and an import inside a function."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

sys.path.insert(0, str(ROOT / "scripts"))
import check_structure  # noqa: E402


def _copy_project(target: Path) -> None:
    """The project's Python packages and its import-linter configuration, without anything else."""
    for package in sorted(check_structure.PROJECT_PACKAGES):
        shutil.copytree(
            ROOT / package,
            target / package,
            ignore=shutil.ignore_patterns("*.html", "*.css", "*.js", "*.png", "__pycache__"),
        )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_an_import_up_the_app_order_breaks_the_layers_contract(tmp_path: Path) -> None:
    _copy_project(tmp_path)
    models = tmp_path / "cases" / "models" / "__init__.py"
    models.write_text(models.read_text(encoding="utf-8") + "\nimport api.urls  # up the order\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout
    assert "Apps only look down BROKEN" in result.stdout
    assert "cases is not allowed to import api" in result.stdout


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_django_in_a_pure_rule_module_breaks_its_contract(tmp_path: Path) -> None:
    _copy_project(tmp_path)
    guarantee = tmp_path / "cases" / "guarantee.py"
    guarantee.write_text(guarantee.read_text(encoding="utf-8") + "\nimport django.db\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout
    assert "The pure rule modules hold no framework BROKEN" in result.stdout


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_check_structure_passes_a_clean_tree(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "cases/models.py": "from accounts.models import User\n",
            "cases/apps.py": "class A:\n    def ready(self):\n        from cases import hooks\n",
            "reports/pdf.py": "def pdf():\n    import weasyprint  # late import: heavy library\n",
            "cases/migrations/0001_initial.py": "x = 1\n" * 600,
            "tests/test_long.py": "x = 1\n" * 600,
        },
    )

    assert check_structure.main(["check_structure", str(root)]) == 0


def test_check_structure_names_each_offence(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = _tree(
        tmp_path,
        {
            "cases/services.py": "x = 1\n" * 501,
            "treatment_options/services.py": "from cases.services import _lock_case\n",
            "transitions/views.py": "def view():\n    from cases import access\n",
        },
    )

    assert check_structure.main(["check_structure", str(root)]) == 1

    out = capsys.readouterr().out
    assert "cases/services.py: 501 lines" in out
    assert "treatment_options/services.py:1: imports private _lock_case" in out
    assert "transitions/views.py:2: import inside view()" in out
