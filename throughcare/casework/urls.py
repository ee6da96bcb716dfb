from django.urls import path

from . import views
from .advice import views as advice
from .concerns import views as concerns
from .interview import views as interview
from .requests import record_views as request_record_views
from .requests import views as request_views

app_name = "casework"

INTERVIEW = "people/<uuid:person_id>/information/interviews/<int:interview_id>/"

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
    path(
        "people/<uuid:person_id>/advice/<int:advice_id>/withdraw/",
        advice.advice_withdraw,
        name="advice-withdraw",
    ),
    path("advice/<int:advice_id>/", advice.advice_to_me, name="advice-to-me"),
    path("people/<uuid:person_id>/information/", interview.information, name="information"),
    path(
        "people/<uuid:person_id>/information/interviews/new/",
        interview.start,
        name="interview-start",
    ),
    path(INTERVIEW, interview.task_list, name="interview"),
    path(f"{INTERVIEW}check/", interview.check, name="interview-check"),
    path(f"{INTERVIEW}summary/", interview.summary_page, name="interview-summary"),
    path(f"{INTERVIEW}summary.pdf", interview.copy, name="interview-copy"),
    path(f"{INTERVIEW}answers/<int:answer_id>/amend/", interview.amend, name="interview-amend"),
    path(f"{INTERVIEW}<slug:section>/", interview.section, name="interview-section"),
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
