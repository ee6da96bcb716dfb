from django.urls import path

from . import views

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
]
