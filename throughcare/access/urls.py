from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("people/<uuid:person_id>/break-glass/", views.break_glass, name="break-glass"),
    path("reports/unexpected-access/", views.unexpected_access, name="unexpected-access"),
]
