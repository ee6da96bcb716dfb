from django.urls import path

from . import export, views

app_name = "caseload"

urlpatterns = [
    path("", views.home, name="home"),
    path("caseload/", views.caseload, name="caseload"),
    path("search/", views.search, name="search"),
    path("people/new/", views.person_create, name="create"),
    path("attention/", views.attention, name="attention"),
    path("caseload.csv", export.export, {"file_format": "csv"}, name="export-csv"),
    path("caseload.json", export.export, {"file_format": "json"}, name="export-json"),
]
