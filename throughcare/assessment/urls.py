from django.urls import path

from . import views

app_name = "assessment"
VERSION = "people/<uuid:person_id>/assessment/<int:version_id>/"
urlpatterns = [
    path("people/<uuid:person_id>/assessment/", views.overview, name="overview"),
    path("people/<uuid:person_id>/assessment/start/", views.start, name="start"),
    path(VERSION, views.version, name="version"),
    path(f"{VERSION}check/", views.check, name="check"),
    path(f"{VERSION}submitted/", views.submitted, name="submitted"),
    path(f"{VERSION}<slug:section>/", views.section, name="section"),
]
