from django.urls import path

from . import views

app_name = "riskplan"
BASE = "people/<uuid:person_id>/plan/risk/"
ACTION = f"{BASE}actions/<int:action_id>/"
CONDITIONS = f"{BASE}licence-conditions/"
CONDITION = f"{CONDITIONS}<int:condition_id>/"

urlpatterns = [
    path(BASE, views.plan, name="plan"),
    path(f"{BASE}key-information/", views.key_information, name="key-information"),
    path(f"{BASE}actions/new/", views.action_create, name="action-create"),
    path(ACTION, views.action_change, name="action"),
    path(f"{ACTION}remove/", views.action_remove, name="action-remove"),
    path(CONDITIONS, views.conditions, name="conditions"),
    path(f"{CONDITIONS}choose/", views.condition_choose, name="condition-choose"),
    path(f"{CONDITIONS}new/<slug:code>/", views.condition_create, name="condition-create"),
    path(CONDITION, views.condition_change, name="condition"),
    path(f"{CONDITION}remove/", views.condition_remove, name="condition-remove"),
    path(f"{BASE}check/", views.check, name="check"),
]
