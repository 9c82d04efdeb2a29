"""Browser journeys: Playwright (sync API) driving Debian's chromium, checked with axe.

Fixtures
    browser     session-wide headless chromium (/usr/bin/chromium, or $CHROMIUM_PATH).
    page        a fresh browser context per test (locale da-DK, Europe/Copenhagen) whose
                base URL is pytest-django's live_server, so ``page.goto("/accounts/login/")``
                works. A failing test leaves a screenshot in var/e2e/.
    axe_check   ``axe_check(page)`` runs axe-core on the current page and fails the test on any
                violation with impact "serious" or "critical", listing them readably. Options:
                ``axe_check(page, context="#main-content")`` checks part of the page,
                ``axe_check(page, disable=["color-contrast"])`` switches rules off (say why),
                ``axe_check(page, impacts=("moderate", "serious", "critical"))`` is stricter.
                Returns the axe result dict.

Database: every test here uses ``live_server`` (through ``page``), and pytest-django then runs
the test with ``transactional_db``: the server answers from another thread with its own
database connection, so test data must be committed, not hidden in a rolled-back transaction.
Create data with the factories in the test as usual; it is flushed after the test.

Requirements: ``npm ci && bash scripts/build_static.sh`` (the pages need static/vendor/),
Debian's chromium, and the Python packages playwright and axe-playwright-python (axe-core ships
inside the latter, so nothing is downloaded). Never run ``playwright install``. When something is
missing the tests are skipped, or fail when REQUIRE_SERVICES=1 (CI).

Every test under tests/e2e/ is marked ``e2e`` (``pytest -m e2e`` / ``-m "not e2e"``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an asyncio event loop in the test's thread. Django sees that loop
# and raises SynchronousOnlyOperation for any ORM call made from the test (factories, asserts on
# the database), although the calls are in fact synchronous and safe. This is the documented
# escape hatch for exactly that situation; it is set for the whole test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E_DIR = Path(__file__).resolve().parent
BASE_DIR = E2E_DIR.parent.parent
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VENDOR_CSS = BASE_DIR / "static" / "vendor" / "dkfds" / "css" / "dkfds.min.css"
SCREENSHOT_DIR = BASE_DIR / "var" / "e2e"
FAILING_IMPACTS = ("serious", "critical")


def _skip_or_fail(reason: str) -> None:
    """Skip when a browser prerequisite is missing; fail instead when CI sets REQUIRE_SERVICES=1."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Collection hooks see every item of the run, so mark only the ones in this folder.
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Keep each phase's report on the item so the page fixture can tell whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def two_factor_optional(settings: Any, require_two_factor: None) -> None:
    """The journeys log in through the login form with a password, as in the demo
    (REQUIRE_2FA=0); test_two_factor_journey.py turns two-factor on for itself."""
    settings.REQUIRE_2FA = False


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed (pip install -e '.[dev]')")
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError:
        _skip_or_fail("axe-playwright-python is not installed (pip install -e '.[dev]')")
    if not Path(CHROMIUM_PATH).exists():
        _skip_or_fail(f"no chromium at {CHROMIUM_PATH} (apt-get install chromium)")
    if not VENDOR_CSS.exists():
        _skip_or_fail("static/vendor/ is missing (npm ci && bash scripts/build_static.sh)")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    new_page = context.new_page()
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        new_page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
    context.close()


def _format_violations(violations: list[dict[str, Any]], url: str) -> str:
    lines = [f"axe found {len(violations)} serious/critical violation(s) on {url}:"]
    for violation in violations:
        lines.append("")
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n         ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


@pytest.fixture
def axe_check() -> Callable[..., dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(
        page: Any,
        *,
        context: str | list[Any] | dict[str, Any] | None = None,
        disable: Iterable[str] = (),
        impacts: Iterable[str] = FAILING_IMPACTS,
    ) -> dict[str, Any]:
        options: dict[str, Any] = {"resultTypes": ["violations"]}
        disabled = list(disable)
        if disabled:
            options["rules"] = {rule: {"enabled": False} for rule in disabled}
        results: dict[str, Any] = axe.run(page, context=context, options=options).response
        failing = [v for v in results["violations"] if v.get("impact") in set(impacts)]
        if failing:
            report = _format_violations(failing, page.url)
            print(report)
            pytest.fail(report, pytrace=False)
        return results

    return check
