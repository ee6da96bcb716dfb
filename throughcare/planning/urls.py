from django.urls import path

from . import views

app_name = "planning"
BASE = "people/<uuid:person_id>/options/"
OPTION = f"{BASE}<int:option_id>/"

urlpatterns = [
    path("people/<uuid:person_id>/plan/", views.plan, name="plan"),
    path(BASE, views.options, name="options"),
    path(f"{BASE}new/", views.option_create, name="option-create"),
    path(f"{BASE}compare/<slug:option_kind>/", views.compare, name="compare"),
    path(OPTION, views.option, name="option"),
    path(f"{OPTION}evaluate/", views.option_evaluate, name="option-evaluate"),
    path(f"{OPTION}choose/", views.option_choose, name="option-choose"),
    path(f"{OPTION}reject/", views.option_reject, name="option-reject"),
    path(f"{OPTION}agree/", views.option_agree, name="option-agree"),
    path(f"{OPTION}advice/", views.option_advice, name="option-advice"),
    path(f"{BASE}barriers/new/", views.barrier_create, name="barrier-create"),
    path(f"{BASE}barriers/<int:barrier_id>/", views.barrier, name="barrier"),
    path(f"{BASE}restrictions/new/", views.restriction_create, name="restriction-create"),
    path(f"{BASE}victim-liaison/new/", views.consultation_create, name="consultation-create"),
]
