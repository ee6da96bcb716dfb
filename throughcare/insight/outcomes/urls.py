from django.urls import path

from . import views

app_name = "insight_outcomes"

urlpatterns = [
    path("team/outcomes/", views.report, name="report"),
    path("team/outcomes.csv", views.csv, name="csv"),
]
