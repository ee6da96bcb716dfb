from django.urls import path

from . import views
from .accounts import views as account_views
from .signin import views as signin_views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/two-factor/", signin_views.enter_code, name="two-factor"),
    path("sign-in/set-up-two-factor/", signin_views.set_up, name="two-factor-set-up"),
    path("sign-in/recovery-code/", signin_views.recovery_code, name="recovery-code"),
    path("invitation/password/", account_views.choose_password, name="invitation-password"),
    path("invitation/authenticator-app/", account_views.set_up_app, name="invitation-app"),
    path("invitation/<str:token>/", account_views.open_invitation, name="invitation"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("people/<uuid:person_id>/break-glass/", views.break_glass, name="break-glass"),
]
