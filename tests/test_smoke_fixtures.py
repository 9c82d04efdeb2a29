from __future__ import annotations

from cases.access import CHANGE, VIEW, case_list_visible_to, has_case_perm


def test_assigned_caseworker_and_team_manager_see_the_case(case, caseworker, manager):
    assert has_case_perm(caseworker, CHANGE, case)
    assert has_case_perm(manager, VIEW, case)


def test_manager_cannot_change_a_case_they_only_read(case, manager):
    assert not has_case_perm(manager, CHANGE, case)


def test_unrelated_users_do_not_see_the_case(
    case, other_team_caseworker, other_unit_manager, residential_therapist, admin_user
):
    for user in (other_team_caseworker, other_unit_manager, residential_therapist, admin_user):
        assert not has_case_perm(user, VIEW, case)
        assert case not in case_list_visible_to(user)


def test_institution_with_open_episode_works_on_the_handover_not_the_case_core(
    residential_case, residential_therapist
):
    assert has_case_perm(residential_therapist, VIEW, residential_case)
    assert has_case_perm(residential_therapist, "transitions.change_plansection", residential_case)
    assert not has_case_perm(residential_therapist, CHANGE, residential_case)
