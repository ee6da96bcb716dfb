from django.urls import path

from . import views

app_name = "insight_team"

urlpatterns = [
    path("team/", views.view, name="view"),
]
