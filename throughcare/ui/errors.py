"""Where pages meet the services' errors (throughcare.core.errors), in one place:

- `Invalid` (and `Stale`, which a page showing the colleague's values handles first) goes onto
  the form the user filled in (`add_service_errors`, `check_form`), so the page shows it in the
  error summary and beside the field, with what the user typed kept;
- `Refused` is a PermissionDenied: Django answers it with the service's 403 page (403.html);
- `NotFound` is an Http404: the service's 404 page (`error_pages`), whatever DEBUG says.

Services never raise the built-in PermissionError: it would reach the user as a server error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A field already in error keeps the form's own message: one message a field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            if field in form.fields and field in form.errors:
                continue
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def check_form(
    form: forms.Form,
    check: Callable[[dict[str, Any]], object],
    on_error: Callable[[ValidationError], object] | None = None,
) -> bool:
    """Whether a posted form is right by the form's own checks and the service's together.

    `check` is the service's validation (it raises ValidationError); it runs on whatever the
    form could read even when some fields are wrong, so that one save shows every problem, as
    the GOV.UK pattern asks, rather than the service's only after the form's are put right.
    `on_error` sees the service's error first (for a page that shows more than the message).
    """
    valid = form.is_valid()
    try:
        check(form.cleaned_data)
    except ValidationError as invalid:
        if on_error is not None:
            on_error(invalid)
        add_service_errors(form, invalid)
        return False
    return valid
