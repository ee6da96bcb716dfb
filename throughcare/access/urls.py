from django.urls import path

from . import views
from .signin import views as signin_views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/two-factor/", signin_views.enter_code, name="two-factor"),
    path("sign-in/set-up-two-factor/", signin_views.set_up, name="two-factor-set-up"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("people/<uuid:person_id>/break-glass/", views.break_glass, name="break-glass"),
]
