"""URLs of the handover, mounted at "overgange/". Every URL is under a case (`case_id`)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "transitions"

urlpatterns = [
    path("<int:case_id>/", views.transition_detail, name="detail"),
    path("<int:case_id>/opret/", views.transition_create, name="create"),
    path("<int:case_id>/rediger/", views.transition_edit, name="edit"),
    path("<int:case_id>/annuller/", views.transition_cancel, name="cancel"),
    path("<int:case_id>/plan/<str:key>/", views.plan_section_edit, name="section_edit"),
    path("<int:case_id>/plan/<str:key>/vis/", views.plan_section_display, name="section_display"),
    path(
        "<int:case_id>/plan/<str:key>/afklar/<int:number>/",
        views.plan_stale_save_resolve,
        name="section_resolve_stale",
    ),
    path(
        "<int:case_id>/plan/<str:key>/historik/",
        views.plan_section_history,
        name="section_history",
    ),
    path("<int:case_id>/notater/ny/", views.note_create, name="note_create"),
    path("<int:case_id>/notater/<int:pk>/", views.note_detail, name="note_detail"),
    path(
        "<int:case_id>/notater/<int:pk>/kvitter/",
        views.note_acknowledge,
        name="note_acknowledge",
    ),
    path("<int:case_id>/moeder/nyt/", views.meeting_create, name="meeting_create"),
    path("<int:case_id>/moeder/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "<int:case_id>/moeder/<int:pk>/deltagere/",
        views.meeting_participant_add,
        name="meeting_participant_add",
    ),
    path(
        "<int:case_id>/moeder/<int:pk>/handlinger/",
        views.meeting_action_add,
        name="meeting_action_add",
    ),
    path(
        "<int:case_id>/moeder/<int:pk>/statusmoede.ics",
        views.meeting_calendar,
        name="meeting_ics",
    ),
    path("<int:case_id>/indsatser/ny/", views.commitment_create, name="commitment_create"),
    path("<int:case_id>/indsatser/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("<int:case_id>/kontakter/ny/", views.contact_create, name="contact_create"),
    path("<int:case_id>/tjek-ind/plan/", views.checkin_schedule, name="checkin_schedule"),
    path("<int:case_id>/tjek-ind/<int:pk>/", views.checkin_answer, name="checkin_answer"),
    path("<int:case_id>/handlinger/<int:pk>/udfoert/", views.action_item_done, name="action_done"),
    path("<int:case_id>/arbejdsaftale/", views.work_agreement_edit, name="work_agreement"),
    path("<int:case_id>/bekraeft/", views.transition_confirm, name="confirm"),
]
