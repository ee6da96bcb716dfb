from django.urls import path

from . import views

app_name = "resettlement"
BASE = "people/<uuid:person_id>/plan/resettlement/"
GOAL = f"{BASE}goals/<int:goal_id>/"
STEP = f"{BASE}steps/<int:step_id>/"

urlpatterns = [
    path(BASE, views.plan, name="plan"),
    path(f"{BASE}goals/new/", views.goal_create, name="goal-create"),
    path(GOAL, views.goal_change, name="goal"),
    path(f"{GOAL}remove/", views.goal_remove, name="goal-remove"),
    path(f"{GOAL}steps/new/", views.step_create, name="step-create"),
    path(STEP, views.step_change, name="step"),
    path(f"{STEP}progress/", views.progress, name="progress"),
    path(f"{BASE}agreement/", views.agreement, name="agreement"),
    path(f"{BASE}submit/", views.submit, name="submit"),
]
