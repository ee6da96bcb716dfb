from django.urls import path

from . import person_views, views
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
    path("people/<uuid:person_id>/access/", person_views.person_access, name="person"),
    path("people/<uuid:person_id>/access/share/", person_views.share, name="share"),
    path(
        "people/<uuid:person_id>/access/agreements/<int:agreement_id>/end/",
        person_views.end_agreement,
        name="end-agreement",
    ),
    path("people/<uuid:person_id>/access/<str:kind>/", person_views.limit, name="limit"),
    path("reports/unexpected-access/", views.unexpected_access, name="unexpected-access"),
    path("reports/account-changes/", account_views.account_changes, name="account-changes"),
]
