"""What a practitioner types into each section of the interview: values a post of the
section's form accepts, for the tests (and the fuzz catalogue)."""

from __future__ import annotations

ANSWERS: dict[str, dict[str, str]] = {
    "opening": {
        "role_explained": "true",
        "who_sees_explained": "true",
        "communication": "Face to face, with time to read things through",
        "interpreter": "no",
        "support": "Large print, please",
    },
    "offending": {
        "view_of_offending": "I took things that were not mine because I needed money.",
        "why": "I was using and in debt.",
    },
    "circumstances": {
        "accommodation": "No fixed address on release; my sister may have a room.",
        "drugs_alcohol": "Clean for eight months in custody.",
    },
    "victims": {"attitude": "I feel bad for the shop staff who were scared."},
    "release-effect": {"on_victims": "They will worry I come back to the shop."},
    "release-plans": {
        "obstacles": "Old friends who still use.",
        "plans": "Stay with my sister and sign up for college.",
    },
    "supervision": {"attitude": "I will keep my appointments; I want to do it right."},
    "extreme-views": {"expressed": "no"},
    "behaviour": {"happened": "no"},
    "observations": {"observations": "Engaged well, calm, made eye contact throughout."},
}
