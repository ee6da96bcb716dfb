from django.urls import path

from . import views

app_name = "release"

urlpatterns = [
    path("people/<uuid:person_id>/plan/release/readiness/", views.readiness, name="readiness"),
    path("people/<uuid:person_id>/plan/release/day-of-release/", views.checklist, name="checklist"),
    path("people/<uuid:person_id>/plan/release/handover/", views.handover, name="handover"),
    path("people/<uuid:person_id>/plan/release/handover/accept/", views.accept, name="accept"),
    path("people/<uuid:person_id>/plan/release/record/", views.record_release, name="record"),
    path("people/<uuid:person_id>/release/outcomes/", views.outcomes, name="outcomes"),
]
