"""The structure rules that import-linter cannot express (docs/architecture.md).

Run by `make lint`; exits 1 and names each offence:
- a tracked module outside migrations and tests/ over 500 lines (split it by topic);
- an import of another app's private name (`from cases.selectors import _mine_q`): what another
  app needs becomes public with a good name;
- an import inside a function, except in `AppConfig.ready()` and where a heavy library is loaded
  late on purpose, said on the import's line or the line above it (`# late import: <why>`).

`python scripts/check_structure.py [ROOT]` checks ROOT (default: the repository).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

MAX_LINES = 500
LATE_IMPORT_MARK = "# late import:"
# Top-level packages of the project; an import between two different ones is cross-app.
PROJECT_PACKAGES = frozenset(
    {
        "accounts",
        "api",
        "bench",
        "cases",
        "config",
        "core",
        "notifications",
        "reports",
        "rights",
        "transitions",
        "treatment_options",
    }
)


def tracked_python_files(root: Path) -> list[Path]:
    """The .py files git tracks (outside a checkout: every .py file), minus tests and migrations."""
    try:
        listed = subprocess.run(
            # git from PATH, as make lint finds it.
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],  # noqa: S607
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        paths = [root / name for name in listed]
    except (OSError, subprocess.CalledProcessError):
        paths = sorted(root.rglob("*.py"))
    return [
        path
        for path in paths
        if path.is_file()
        and "migrations" not in path.relative_to(root).parts
        and path.relative_to(root).parts[0] not in {"tests", ".venv", "node_modules"}
    ]


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _imported_modules(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, list[str]]]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, []
    elif node.level == 0 and node.module:
        yield node.module, [alias.name for alias in node.names]


def _function_imports(tree: ast.AST) -> Iterator[tuple[ast.stmt, str, bool]]:
    """(import node, enclosing function name, enclosing function is AppConfig.ready)."""
    for cls_or_fn in ast.walk(tree):
        if not isinstance(cls_or_fn, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(cls_or_fn, ast.ClassDef):
            continue
        for child in ast.walk(cls_or_fn):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, cls_or_fn.name, cls_or_fn.name == "ready"


def check_file(path: Path, root: Path) -> list[str]:
    relative = path.relative_to(root)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    problems: list[str] = []
    if len(lines) > MAX_LINES:
        problems.append(f"{relative}: {len(lines)} lines (at most {MAX_LINES}; split it by topic)")
    tree = ast.parse(text, filename=str(relative))
    own_package = relative.parts[0]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for module, names in _imported_modules(node):
            parts = module.split(".")
            if parts[0] not in PROJECT_PACKAGES or parts[0] == own_package:
                continue
            private = [part for part in parts[1:] if _is_private(part)]
            private += [name for name in names if _is_private(name)]
            if private:
                problems.append(
                    f"{relative}:{node.lineno}: imports private {', '.join(private)} from "
                    f"{module} (make it public with a good name)"
                )
    seen: set[int] = set()
    for node, function, in_ready in _function_imports(tree):
        if id(node) in seen:
            continue
        seen.add(id(node))
        said = lines[max(node.lineno - 2, 0) : node.lineno]
        if in_ready or any(LATE_IMPORT_MARK in line for line in said):
            continue
        problems.append(
            f"{relative}:{node.lineno}: import inside {function}() (move it to the top of the "
            f"module, or say why it is loaded late with '{LATE_IMPORT_MARK} …')"
        )
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1]).resolve() if len(argv) > 1 else Path(__file__).resolve().parent.parent
    problems = [
        problem for path in tracked_python_files(root) for problem in check_file(path, root)
    ]
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_structure: {len(problems)} problem(s).")
        return 1
    print("check_structure: modules are small, private names stay home, imports are at the top.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
