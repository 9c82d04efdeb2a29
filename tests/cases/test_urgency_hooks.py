"""No service can change a clock and leave the stored urgency behind (issue 17): every
function in the apps that writes a clock field (a request's date, basis, deadline, start or
free choice, or the case's copies of them) or makes a request calls
cases.services.requests.refresh_urgency, directly or through a function that does. The class
itself (Case.urgency) is computed by the database from the case row, so a move cannot miss it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "cases", "treatment_options", "transitions", "notifications", "reports", "api"]
CLOCK_FIELDS = {
    "treatment_started_on",
    "free_choice",
    "free_choice_on",
    "guarantee_deadline",
    "requested_on",
    "regional_dual_diagnosis",
    "legal_basis",
}
REFRESH = {"refresh_urgency", "case_clocks_refresh"}
# Functions that only build rows for another function to save and refresh, with the reason.
BUILDERS = {
    # The unsaved first request of a new case; request_create_first saves and refreshes it,
    # the bulk loaders (bench/, core demo) set the stored clock with case_clock_fields.
    "first_request_for",
    # Sets the stored clock itself (the bulk loaders' refresh for a one-request case).
    "case_clock_fields",
}


def _functions() -> dict[str, list[ast.FunctionDef]]:
    found: dict[str, list[ast.FunctionDef]] = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef):
                    key = f"{path.relative_to(ROOT)}:{node.name}"
                    found.setdefault(key, []).append(node)
    return found


def _writes_a_clock(function: ast.FunctionDef) -> bool:
    for node in ast.walk(function):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            elements = target.elts if isinstance(target, ast.Tuple) else [target]
            if any(isinstance(t, ast.Attribute) and t.attr in CLOCK_FIELDS for t in elements):
                return True
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            called = node.func.id if isinstance(node.func, ast.Name) else name
            if name == "update" and any(k.arg in CLOCK_FIELDS for k in node.keywords):
                return True
            if called == "TreatmentRequest":
                return True
            if called == "Case" and any(k.arg in CLOCK_FIELDS for k in node.keywords):
                return True
            if name in ("create", "bulk_create") and "TreatmentRequest" in ast.unparse(node.func):
                return True
    return False


def _calls(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
    return names


def _missing(functions: dict[str, list[ast.FunctionDef]]) -> tuple[list[str], set[str]]:
    calls = {key: set().union(*(_calls(f) for f in defs)) for key, defs in functions.items()}
    refreshers = set(REFRESH)
    while True:
        more = {key.split(":")[1] for key, names in calls.items() if names & refreshers}
        if more <= refreshers:
            break
        refreshers |= more
    writers = {key for key, defs in functions.items() if any(_writes_a_clock(f) for f in defs)}
    missing = sorted(
        key
        for key in writers
        if key.split(":")[1] not in refreshers | BUILDERS
        # Model methods compute, never write (no side effects in models, STYLE §2).
        and "/models" not in key
    )
    return missing, writers


def test_every_function_that_writes_a_clock_refreshes_the_urgency():
    missing, writers = _missing(_functions())
    assert missing == []
    # The check sees the services it must: the ones that change clocks today.
    assert {
        "cases/services/intake.py:case_open",
        "cases/services/requests.py:request_open",
        "cases/services/intake.py:case_update",
        "treatment_options/services.py:episode_refer",
        "treatment_options/services.py:episode_start",
    } <= writers


SOURCE = """
def request_move(request, day):
    request.requested_on = day
    request.save()

def start_all(qs, day):
    qs.update(treatment_started_on=day)

def helper(case):
    refresh_urgency(case)

def request_fixed(request, day):
    request.free_choice, request.free_choice_on = True, day
    request.save()
    helper(request.case)
"""


def test_the_check_finds_a_clock_written_without_a_refresh():
    tree = ast.parse(SOURCE)
    functions = {
        f"x/services.py:{node.name}": [node]
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }
    missing, writers = _missing(functions)
    assert missing == ["x/services.py:request_move", "x/services.py:start_all"]
    assert "x/services.py:request_fixed" in writers
