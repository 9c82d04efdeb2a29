from __future__ import annotations

from django.urls import path

from . import views
from .purpose_prompt import purpose_choose

app_name = "cases"

# No personal data in any URL: cases and citizens are addressed by database id only.
urlpatterns = [
    path("", views.case_list, name="list"),
    path("antal/", views.case_list_count, name="list_count"),
    path("noedadgang/", views.break_glass, name="break_glass"),
    path(
        "noedadgang/mangler-gennemgang/",
        views.break_glass_unreviewed,
        name="break_glass_unreviewed",
    ),
    path(
        "noedadgang/<int:access_id>/gennemgang/",
        views.break_glass_review,
        name="break_glass_review",
    ),
    path("formaal/", purpose_choose, name="purpose_choose"),
    path("adgangslog/", views.access_log, name="access_log"),
    path("flyt-sager/", views.caseload_move, name="caseload_move"),
    path("borger/ny/", views.citizen_create, name="citizen_create"),
    path("borger/<int:citizen_id>/", views.citizen_detail, name="citizen_detail"),
    path("borger/<int:citizen_id>/berigtig/", views.citizen_rectify, name="citizen_rectify"),
    path("borger/<int:citizen_id>/ny-sag/", views.case_create, name="case_create"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/tidslinje/", views.case_timeline, name="timeline"),
    path("<int:case_id>/skift/", views.case_move, name="move"),
    path("<int:case_id>/afdaekning/", views.case_assessment, name="assessment"),
    path("<int:case_id>/afgoerelse/", views.case_decision, name="decision"),
    path("<int:case_id>/omfordel/", views.case_reassign, name="reassign"),
    path("<int:case_id>/anmodninger/ny/", views.request_create, name="request_create"),
    path(
        "<int:case_id>/anmodninger/<int:pk>/laegesamtale/",
        views.request_consultation,
        name="request_consultation",
    ),
    path("<int:case_id>/samtykker/nyt/", views.consent_create, name="consent_create"),
    path("<int:case_id>/handleplan/", views.action_plan, name="action_plan"),
    path(
        "<int:case_id>/handleplan/givet-videre/",
        views.action_plan_hand_over,
        name="action_plan_hand_over",
    ),
    path(
        "<int:case_id>/underretning/ny/",
        views.concern_notification_create,
        name="concern_notification_create",
    ),
    path(
        "<int:case_id>/samtykke-til-behandling/nyt/",
        views.treatment_consent_create,
        name="treatment_consent_create",
    ),
    path(
        "<int:case_id>/samtykker/<int:pk>/tilbagetraek/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
