"""The upload form: the file, and whether to import the good rows when some are not."""

from __future__ import annotations

from typing import Any

from django import forms

from throughcare.ui.forms import BaseForm

MAX_BYTES = 50 * 1024 * 1024


class UploadForm(BaseForm):
    file = forms.FileField(
        label="File to import",
        help_text="CSV or JSON lines, up to 50 MB. The columns are listed below.",
        error_messages={"required": "Choose a file to import", "empty": "The file is empty"},
    )
    partial = forms.BooleanField(
        label="Import the good rows even if some rows have problems",
        help_text="The rows not imported can be downloaded with their problems afterwards.",
        required=False,
    )

    def clean_file(self) -> str:
        upload: Any = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be 50 MB or smaller")
        try:
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file must be UTF-8 text: save it as CSV UTF-8 or JSON lines"
            ) from None
        if "\x00" in text:
            raise forms.ValidationError(
                "The file must be text, not a spreadsheet or other binary file"
            )
        if not text.strip():
            raise forms.ValidationError("The file is empty")
        return text
