from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("people/<uuid:person_id>/access/", views.person_access, name="person"),
    path("people/<uuid:person_id>/access/share/", views.share, name="share"),
    path(
        "people/<uuid:person_id>/access/agreements/<int:agreement_id>/end/",
        views.end_agreement,
        name="end-agreement",
    ),
    path("people/<uuid:person_id>/access/<str:kind>/", views.limit, name="limit"),
]
