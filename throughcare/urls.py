"""Throughcare's URLs. Person pages use the record's opaque id, never a name or an identifier."""

from django.contrib import admin
from django.urls import include, path

from throughcare.api.api import urls as api_urls

admin.site.site_header = "Throughcare administration"
admin.site.site_title = "Throughcare administration"

urlpatterns = [
    path("", include("throughcare.access.urls")),
    path("", include("throughcare.caseload.urls")),
    path("", include("throughcare.record.urls")),
    path("", include("throughcare.casework.urls")),
    path("", include("throughcare.assessment.urls")),
    path("", include("throughcare.planning.urls")),
    path("", include("throughcare.planning.resettlement.urls")),
    path("", include("throughcare.planning.riskplan.urls")),
    path("", include("throughcare.planning.release.urls")),
    path("", include("throughcare.planning.running.urls")),
    path("", include("throughcare.insight.equality.urls")),
    path("", include("throughcare.insight.outcomes.urls")),
    path("", include("throughcare.partners.urls")),
    path("", include("throughcare.records.urls")),
    path("", include("throughcare.sharing.urls")),
    path("", include("throughcare.oversight.urls")),
    path("", include("throughcare.insight.team.urls")),
    path("", include("throughcare.documents.urls")),
    path("api/v1/", api_urls()),
    path("", include("throughcare.imports.urls")),
    path("admin/", admin.site.urls),
]
