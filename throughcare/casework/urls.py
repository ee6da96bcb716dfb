from django.urls import path

from . import views
from .advice import views as advice
from .concerns import views as concerns

app_name = "casework"

urlpatterns = [
    path("people/<uuid:person_id>/activity/", views.activity, name="activity"),
    path(
        "people/<uuid:person_id>/activity/notes/<int:note_id>/sensitive/",
        views.mark_sensitive,
        name="mark-sensitive",
    ),
    path(
        "people/<uuid:person_id>/activity/notes/<int:note_id>/not-sensitive/",
        views.unmark_sensitive,
        name="unmark-sensitive",
    ),
    path("people/<uuid:person_id>/concerns/", concerns.concerns, name="concerns"),
    path("people/<uuid:person_id>/concerns/new/", concerns.concern_create, name="concern-create"),
    path("people/<uuid:person_id>/concerns/<int:concern_id>/", concerns.concern, name="concern"),
    path(
        "people/<uuid:person_id>/concerns/<int:concern_id>/acknowledge/",
        concerns.acknowledge,
        name="concern-acknowledge",
    ),
    path(
        "people/<uuid:person_id>/concerns/<int:concern_id>/actions/new/",
        concerns.action_create,
        name="concern-action",
    ),
    path(
        "people/<uuid:person_id>/concerns/<int:concern_id>/resolve/",
        concerns.resolve,
        name="concern-resolve",
    ),
    path("people/<uuid:person_id>/advice/new/", advice.advice_create, name="advice-create"),
    path("people/<uuid:person_id>/advice/<int:advice_id>/", advice.advice, name="advice"),
]
