from django.urls import path

from . import views

app_name = "running"
BASE = "people/<uuid:person_id>/plan/running/"

urlpatterns = [
    path(f"{BASE}reviews/", views.reviews, name="reviews"),
    path(f"{BASE}reviews/new/", views.review_create, name="review-create"),
    path(
        f"{BASE}reviews/<int:review_id>/complete/",
        views.review_complete,
        name="review-complete",
    ),
    path(f"{BASE}setbacks/", views.setbacks, name="setbacks"),
    path(f"{BASE}setbacks/new/", views.setback_create, name="setback-create"),
    path(f"{BASE}escalations/", views.escalations, name="escalations"),
    path(f"{BASE}escalations/new/", views.escalation_create, name="escalation-create"),
    path(
        f"{BASE}escalations/<int:escalation_id>/respond/",
        views.escalation_respond,
        name="escalation-respond",
    ),
    path(f"{BASE}recommendations/", views.recommendations, name="recommendations"),
    path(f"{BASE}recommendations/new/", views.recommendation_create, name="recommendation-create"),
]
