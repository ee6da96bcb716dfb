from django.urls import path

from . import views
from .requests import record_views as request_record_views
from .requests import views as request_views

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
    path(
        "people/<uuid:person_id>/requests/", request_record_views.person_requests, name="requests"
    ),
    path(
        "people/<uuid:person_id>/requests/new/",
        request_record_views.request_new,
        name="request-new",
    ),
    path(
        "people/<uuid:person_id>/requests/<int:request_id>/withdraw/",
        request_record_views.request_withdraw,
        name="request-withdraw",
    ),
    path("requests/", request_views.requests_to_me, name="requests-to-me"),
    path("requests/sent/", request_views.requests_sent, name="requests-sent"),
    path("requests/<int:request_id>/", request_views.request_answer, name="request"),
]
