"""The subject access export is complete by construction: every model that carries a person is
claimed by an app's part of the export (included, withheld with a reason, or left out with a
reason), and the export is built from the parts in a stable order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils.html import escape

from throughcare.access.models import User
from throughcare.core import subject_access as parts
from throughcare.documents import queries
from throughcare.people.models import Person


def carries_a_person(model: type[models.Model]) -> bool:
    """The person's own table, and any table with a field of its own that points at a person
    (a foreign key, one-to-one or many-to-many to Person, or a bare `person_id` such as the
    audit log's)."""
    if model is Person:
        return True
    return any(
        (field.is_relation and field.related_model is Person)
        or getattr(field, "attname", None) == "person_id"
        for field in model._meta.get_fields()
        if not field.auto_created
    )


def label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def unclaimed(candidates: list[type[models.Model]]) -> list[str]:
    """The models that carry a person and that no part of the export claims."""
    claimed = parts.claimed_models()
    return sorted(
        label(model)
        for model in candidates
        if carries_a_person(model) and label(model) not in claimed
    )


def test_every_model_that_carries_a_person_is_claimed_by_a_part() -> None:
    assert unclaimed(list(apps.get_models())) == []


def test_the_parts_claim_only_models_that_exist_and_carry_a_person() -> None:
    for model_label in parts.claimed_models():
        assert carries_a_person(apps.get_model(model_label)), model_label


@isolate_apps("throughcare.documents")
def test_a_new_table_with_a_person_and_no_part_fails_the_check() -> None:
    class Referral(models.Model):
        person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
        partner = models.CharField(max_length=100)

        class Meta:
            app_label = "documents"

        def __str__(self) -> str:
            return self.partner

    class Leaflet(models.Model):  # no person: nothing to claim
        title = models.CharField(max_length=100)

        class Meta:
            app_label = "documents"

        def __str__(self) -> str:
            return self.title

    assert unclaimed([Referral, Leaflet, Person]) == ["documents.Referral"]


def test_the_export_keeps_its_sections_in_a_stable_order() -> None:
    assert queries.section_keys() == (
        "about",
        "identity",
        "identifiers",
        "protected_characteristics",
        "location",
        "key_dates",
        "allocation",
        "sentences",
        "interviews",
        "case_notes",
        "amendments",
        "information_replies",
        "information_requests",
        "notifications",
        "urgent_concerns",
        "advice",
        "signed_documents",
        "assessments",
        "assessment_third_party",
        "release_options",
        "barriers",
        "referrals",
        "victims",
        "planning_restrictions",
        "victim_liaison",
        "resettlement_plan",
        "risk_management_plan",
        "licence_conditions",
        "release",
        "plan_reviews",
        "setbacks",
        "escalations",
        "enforcement_recommendations",
        "limited_access",
        "sharing_agreements",
        "disclosures",
        "record",
    )


def test_every_section_shown_in_the_pdf_summary() -> None:
    """A section that holds anything beyond withheld items has its place in the PDF; withheld
    items are summarised for every section that lists them."""
    template = (
        Path(queries.__file__).parent / "templates" / "documents" / "subject_access_pdf.html"
    ).read_text()
    for section in parts.sections():
        if section.withheld is None or section.includes:
            assert f"data.{section.key}" in template, section.key


def test_two_apps_cannot_add_the_same_section() -> None:
    clash = parts.Part(app="another", sections=(parts.Section("victims", 5, lambda person: []),))
    with pytest.raises(parts.PartClashError):
        parts.register(clash)
    assert "another" not in {part.app for part in parts.parts()}


def test_a_part_claims_only_its_own_sections() -> None:
    wrong = parts.Part(
        app="another",
        sections=(parts.Section("referrals", 5, lambda person: []),),
        covers={"documents.Referral": "victims"},
    )
    with pytest.raises(parts.PartClashError):
        parts.register(wrong)


@pytest.mark.django_db
def test_the_subject_access_page_says_what_every_part_includes_and_withholds(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    body = (
        client_for(com).get(reverse("documents:subject-access", args=[person.pk])).content.decode()
    )
    for line in queries.what_is_included():
        assert f"<li>{escape(line)}</li>" in body
    for withheld in queries.what_is_withheld():
        assert f"<li>{escape(withheld.category)}. {escape(withheld.reason)}</li>" in body
    assert "<li>victim details. Third-party information" in body
