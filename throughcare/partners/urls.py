from django.urls import path

from . import views

app_name = "partners"
BASE = "people/<uuid:person_id>/options/"

urlpatterns = [
    path(f"{BASE}<int:option_id>/alert/", views.referral_create, name="referral-create"),
    path(f"{BASE}referrals/<int:referral_id>/", views.referral, name="referral"),
    path(
        f"{BASE}referrals/<int:referral_id>/withdraw/",
        views.referral_withdraw,
        name="referral-withdraw",
    ),
    path("referrals/<int:referral_id>/", views.referral_to_us, name="referral-to-us"),
]
