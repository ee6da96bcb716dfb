from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.upload, name="upload"),
    path("imports/<uuid:job_id>/", views.job, name="job"),
    path("imports/<uuid:job_id>/rows-not-imported/", views.rejected, name="rejected"),
]
