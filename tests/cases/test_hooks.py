"""cases.hooks: the apps above cases register on it in their ready(), in INSTALLED_APPS order
(the order cases read the episodes and the handover in before the hooks existed)."""

from __future__ import annotations

from cases import hooks, lifecycle


def _modules(registry: hooks.Registry) -> list[str]:
    return [item.__module__ for item in registry]


def test_the_episodes_register_before_the_handover():
    assert _modules(hooks.case_holders) == [
        "treatment_options.case_access",
        "transitions.selectors.case_access",
    ]
    assert _modules(hooks.my_cases_filters) == [
        "treatment_options.case_access",
        "transitions.selectors.case_access",
    ]
    # The episodes, then the contacts (treatment_options), then the handover's rows.
    assert _modules(hooks.timeline_sources) == [
        "treatment_options.timeline",
        "treatment_options.timeline",
        "transitions.selectors.timeline",
    ]


def test_the_case_page_shows_the_handover_and_contacts_panels_the_report_buttons_and_rights():
    assert [panel.template_name for panel in hooks.case_page_panels] == [
        "treatment_options/_discharge_panel.html",
        "transitions/_case_panel.html",
        "transitions/_contact_panel.html",
        "transitions/_checkin_panel.html",
        "notifications/_follow_up_panel.html",
        "reports/_case_report_panel.html",
        "rights/_case_panel.html",
    ]


def test_the_follow_up_provider_holds_the_case_after_the_course():
    assert _modules(hooks.after_course_holders) == ["notifications.access"]


def test_every_guard_of_the_lifecycle_is_checked_by_someone():
    registered = {guard.guard for guard in hooks.move_guards}
    assert registered | {lifecycle.GUARD_HAS_DECISION} == lifecycle.GUARDS


def test_registering_twice_counts_once():
    registry: hooks.Registry[str] = hooks.Registry("test")
    registry.register("a")
    registry.register("a")
    assert list(registry) == ["a"]


def test_notifications_answers_a_broken_glass():
    assert hooks.glass_broken.has_listeners()
