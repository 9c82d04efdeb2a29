"""The API: /api/v1/... (DRF), the OpenAPI 3 schema at /api/schema/ and its documentation
page at /api/docs/ (signed-in users only; assets from drf-spectacular-sidecar, no CDN)."""

from __future__ import annotations

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views
from .docs import ApiDocsView, ApiSchemaView
from .views.registers import RegisterCheckView, RegisterExtractView
from .views.retention import RetentionHoldView, RetentionPreviewView

app_name = "api"

router = SimpleRouter()
router.register("citizens", views.CitizenViewSet, basename="citizen")
router.register("cases", views.CaseViewSet, basename="case")
router.register("caseload-moves", views.CaseloadMoveViewSet, basename="caseload-move")
router.register("episodes", views.EpisodeViewSet, basename="episode")
router.register("requests", views.TreatmentRequestViewSet, basename="treatment-request")
router.register("contacts", views.ContactViewSet, basename="contact")
router.register("transitions", views.TransitionViewSet, basename="transition")
router.register(
    r"transitions/(?P<transition_pk>[0-9]+)/plan-sections",
    views.PlanSectionViewSet,
    basename="plan-section",
)
router.register("status-notes", views.StatusNoteViewSet, basename="status-note")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("action-items", views.ActionItemViewSet, basename="action-item")
router.register("checkins", views.CheckInViewSet, basename="checkin")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("deputyships", views.DeputyshipViewSet, basename="deputyship")
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("file-exports", views.FileExportViewSet, basename="file-export")

urlpatterns = [
    path("v1/", include(router.urls)),
    path(
        "v1/units/<int:unit_id>/register-extract/",
        RegisterExtractView.as_view(),
        name="register-extract",
    ),
    path(
        "v1/units/<int:unit_id>/register-check/",
        RegisterCheckView.as_view(),
        name="register-check",
    ),
    path("v1/retention/preview/", RetentionPreviewView.as_view(), name="retention-preview"),
    path("v1/retention/holds/", RetentionHoldView.as_view(), name="retention-holds"),
    path("schema/", ApiSchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
]
