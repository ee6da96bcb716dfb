from django.urls import path

from . import views

app_name = "record"

urlpatterns = [
    path("people/<uuid:person_id>/", views.overview, name="overview"),
    path("people/<uuid:person_id>/sentences/new/", views.sentence_create, name="sentence-create"),
    path("people/<uuid:person_id>/change/", views.person_change, name="change"),
    path("people/<uuid:person_id>/allocation/", views.reallocate, name="reallocate"),
    path("people/<uuid:person_id>/other-names/new/", views.alias_create, name="alias-create"),
    path("people/<uuid:person_id>/victims/new/", views.victim_create, name="victim-create"),
    path(
        "people/<uuid:person_id>/sentences/<int:sentence_id>/offences/new/",
        views.offence_create,
        name="offence-create",
    ),
]
