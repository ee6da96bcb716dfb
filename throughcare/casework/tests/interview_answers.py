"""What a practitioner types into each section of the interview: values a post of the
section's form accepts (the demo's), for the tests."""

from throughcare.demo.interviews import ANSWERS

__all__ = ["ANSWERS"]
