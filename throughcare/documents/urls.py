from django.urls import path

from . import export, views

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
    path(
        "people/<uuid:person_id>/documents/record.csv",
        export.record_export,
        {"file_format": "csv"},
        name="record-export-csv",
    ),
    path(
        "people/<uuid:person_id>/documents/record.json",
        export.record_export,
        {"file_format": "json"},
        name="record-export-json",
    ),
]
