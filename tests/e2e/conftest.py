"""Browser journeys: Playwright (sync API) driving Debian's chromium, checked with axe.

Fixtures
    browser     session-wide headless chromium (/usr/bin/chromium, or $CHROMIUM_PATH).
    page        a fresh browser context per test (locale da-DK, Europe/Copenhagen) whose
                base URL is pytest-django's live_server, so ``page.goto("/accounts/login/")``
                works. A failing test leaves a screenshot in var/e2e/.
    new_context ``new_context()`` opens another browser context (a second user) with the same
                settings and the same CSP watch as ``page``; it is closed after the test.
    axe_check   ``axe_check(page)`` runs axe-core on the current page and fails the test on any
                violation with impact "serious" or "critical", listing them readably. Options:
                ``axe_check(page, context="#main-content")`` checks part of the page,
                ``axe_check(page, disable=["color-contrast"])`` switches rules off (say why),
                ``axe_check(page, impacts=("moderate", "serious", "critical"))`` is stricter.
                Returns the axe result dict.

Content-Security-Policy: every context is watched. A test fails on any CSP violation (the
``securitypolicyviolation`` event in any frame, or the browser's "Content Security Policy" console
message) and on any page (a document answer that is not a redirect) sent without a
Content-Security-Policy header. ``axe_check`` checks that too, so the failure points at the step.

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


class CspWatch:
    """Collects, for one browser context, every CSP violation and every page without a CSP."""

    def __init__(self, context: Any) -> None:
        self.problems: list[str] = []
        context.add_init_script(CSP_LISTENER)
        context.expose_binding(CSP_BINDING, self._on_violation)
        context.on("console", self._on_console)
        context.on("response", self._on_response)

    def _on_violation(self, source: Any, violation: dict[str, Any]) -> None:
        v = violation
        self.problems.append(
            f"CSP violation on {v['page']}: {v['directive']} blocked {v['blocked']!r} "
            f"({v['source']}:{v['line']}) {v['sample']!r}"
        )

    def _on_console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def _on_response(self, response: Any) -> None:
        if response.request.resource_type != "document" or 300 <= response.status < 400:
            return
        if "content-security-policy" not in response.headers:
            self.problems.append(f"no Content-Security-Policy header on {response.url}")

    def check(self) -> None:
        if self.problems:
            problems, self.problems = self.problems, []
            pytest.fail("\n".join(problems), pytrace=False)


# Runs in every frame before the page's own scripts; the binding is outside the page, so the
# page's CSP cannot block the report.
CSP_BINDING = "__overgangReportCspViolation"
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.REPORT({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
});
""".replace("REPORT", CSP_BINDING)
_CSP_WATCHES: dict[int, CspWatch] = {}


def _watched_context(browser: Any, base_url: str) -> Any:
    context = browser.new_context(
        base_url=base_url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    _CSP_WATCHES[id(context)] = CspWatch(context)
    return context


def _close_watched(context: Any) -> None:
    watch = _CSP_WATCHES.pop(id(context))
    context.close()
    watch.check()


@pytest.fixture
def new_context(browser: Any, live_server: Any) -> Iterator[Callable[[], Any]]:
    opened: list[Any] = []

    def open_context() -> Any:
        opened.append(_watched_context(browser, live_server.url))
        return opened[-1]

    yield open_context
    for context in opened:
        _close_watched(context)


@pytest.fixture
def page(browser: Any, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = _watched_context(browser, live_server.url)
    new_page = context.new_page()
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        new_page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
    _close_watched(context)


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
        watch = _CSP_WATCHES.get(id(page.context))
        if watch is not None:
            watch.check()
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


@pytest.fixture(autouse=True)
def every_access_log_entry_has_a_purpose(transactional_db: Any) -> Iterator[None]:
    """DESIGN §10: no entry written by a browser journey has an empty, default or unknown
    purpose. Checked after every journey, before its data is flushed."""
    yield
    from cases.models import AccessLog  # late import: the app registry is ready only now

    bad = list(
        AccessLog.objects.exclude(purpose__in=AccessLog.Purpose.values).values_list(
            "pk", "object_type", "purpose"
        )
    )
    assert not bad, f"access-log entries without a listed purpose: {bad}"
