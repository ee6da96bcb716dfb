from django.urls import path

from . import views

app_name = "insight_equality"

urlpatterns = [
    path("team/equality/", views.equality, name="equality"),
    path("team/equality.csv", views.equality_csv, name="equality-csv"),
    path("team/fairness/", views.fairness, name="fairness"),
    path("team/fairness.csv", views.fairness_csv, name="fairness-csv"),
]
