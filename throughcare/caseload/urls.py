from django.urls import path

from . import views

app_name = "caseload"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("search/", views.search, name="search"),
    path("people/new/", views.person_create, name="create"),
    path("attention/", views.attention, name="attention"),
]
