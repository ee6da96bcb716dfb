from django.urls import path

from . import account_changes, views

app_name = "oversight"

urlpatterns = [
    path("people/<uuid:person_id>/who-has-seen/", views.who_has_seen, name="who-has-seen"),
    path("audit/users/", views.users, name="users"),
    path("audit/users/<int:user_id>/", views.user_activity, name="user-activity"),
    path("audit/export/", views.export, name="export"),
    path("reports/unexpected-access/", views.unexpected_access, name="unexpected-access"),
    path("reports/account-changes/", account_changes.account_changes, name="account-changes"),
]
