"""Administrators set the organisation's decision criteria (P30) and what each approved
premises does not accept, in Django's admin site."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from throughcare.people.choices import OGRS3_CATEGORY_CHOICES

from .models import DecisionCriterion, ProviderProfile


@admin.register(DecisionCriterion)
class DecisionCriterionAdmin(admin.ModelAdmin):
    list_display = ("title", "rule", "position", "active")
    list_editable = ("position", "active")


class ProviderProfileForm(forms.ModelForm):
    not_accepted = forms.MultipleChoiceField(
        label="Offence types not accepted",
        choices=OGRS3_CATEGORY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProviderProfile
        fields = ("organisation", "approved_premises", "not_accepted")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - for the type checker
        field.queryset = field.queryset.filter(kind="partner")  # type: ignore[union-attr]


@admin.register(ProviderProfile)
class ProviderProfileAdmin(admin.ModelAdmin):
    form = ProviderProfileForm
    list_display = ("organisation", "approved_premises")
