from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("people/<uuid:person_id>/documents/", views.index, name="index"),
    path(
        "people/<uuid:person_id>/documents/subject-access/",
        views.subject_access,
        name="subject-access",
    ),
    path(
        "people/<uuid:person_id>/documents/subject-access.json",
        views.subject_access_json,
        name="subject-access-json",
    ),
    path(
        "people/<uuid:person_id>/documents/subject-access.pdf",
        views.subject_access_pdf,
        name="subject-access-pdf",
    ),
]
