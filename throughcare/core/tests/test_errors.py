"""The error family maps onto what Django already answers, so pages keep working."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from throughcare.core.errors import Invalid, NotFound, Refused, Stale


def test_invalid_names_each_field_at_fault() -> None:
    error = Invalid({"date_of_birth": "Date of birth must be in the past", "pnc_number": ["Bad"]})
    assert isinstance(error, ValidationError)
    assert error.fields == {
        "date_of_birth": ["Date of birth must be in the past"],
        "pnc_number": ["Bad"],
    }


def test_invalid_without_a_field_is_about_the_whole_form() -> None:
    assert Invalid("Nothing to save").fields == {"__all__": ["Nothing to save"]}


def test_refused_and_not_found_are_djangos_403_and_404() -> None:
    assert isinstance(Refused(), PermissionDenied)
    assert Refused("Only the SPO can do that").reason == "Only the SPO can do that"
    assert isinstance(NotFound(), Http404)


def test_stale_says_what_changed() -> None:
    error = Stale("Someone else changed this record", changed=["nationality"], current="x")
    assert error.changed == {"nationality"} and error.current == "x"
    assert isinstance(error, ValidationError)
