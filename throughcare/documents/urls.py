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
        "people/<uuid:person_id>/documents/pre-release-report.pdf",
        views.pre_release_report_pdf,
        name="pre-release-report",
    ),
    path(
        "people/<uuid:person_id>/documents/risk-management-plan.pdf",
        views.risk_management_plan_pdf,
        name="risk-management-plan",
    ),
    path(
        "people/<uuid:person_id>/documents/your-plan.pdf",
        views.person_copy_pdf,
        name="your-plan",
    ),
    path(
        "people/<uuid:person_id>/documents/licence-conditions.pdf",
        views.licence_pdf,
        name="licence",
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
