"""The countersigner's form: comments, needed to return a version, optional to countersign."""

from __future__ import annotations

from django import forms

from throughcare.ui.fields import CHARACTER_COUNT
from throughcare.ui.forms import BaseForm

from .services import TEXT_LIMIT

COUNTERSIGN = "countersign"
RETURN = "return"


class ReviewForm(BaseForm):
    comments = forms.CharField(
        label="Comments",
        help_text="Needed to return it: what needs to change, and why.",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6, CHARACTER_COUNT: TEXT_LIMIT}),
        error_messages={"max_length": "Comments must be 20,000 characters or fewer"},
    )
