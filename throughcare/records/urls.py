from django.urls import path, register_converter

from . import views
from .converters import KindConverter

app_name = "records"

register_converter(KindConverter, "document_kind")

VERSIONS = "people/<uuid:person_id>/<document_kind:document_kind>/versions/"

urlpatterns = [
    path(VERSIONS, views.versions, name="versions"),
    path(f"{VERSIONS}compare/", views.compare, name="compare"),
    path(f"{VERSIONS}<int:number>/", views.version, name="version"),
    path(f"{VERSIONS}<int:number>/review/", views.review, name="review"),
]
