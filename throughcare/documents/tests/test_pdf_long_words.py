"""A long unbroken word in the subject access PDF wraps onto the next line rather than running
off the edge of the page, where it would be cut off."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db

LONG_WORD = "Start" + "".join(f"{n:03d}" for n in range(198)) + "End"  # 602 characters


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "subject-access.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(  # noqa: S603 - a fixed program on a file this test wrote
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return result.stdout


def test_a_600_character_word_is_all_in_the_pdf(
    client_for: Callable[[User], Client], com: User, person: Person, tmp_path: Path
) -> None:
    casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": clock.today(), "text": LONG_WORD}
        ),
    )
    response = client_for(com).get(reverse("documents:subject-access-pdf", args=[person.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    # The lines of text, without the footer of each page (a long word may cross a page).
    lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and "subject access request" not in line
    ]
    start = next(i for i, line in enumerate(lines) if line.startswith("Start000"))
    end = next((i for i, line in enumerate(lines) if "End" in line and i >= start), None)
    assert end is not None, "the end of the word is cut off"
    assert "".join(lines[start : end + 1]).startswith(LONG_WORD)
    assert end > start  # wrapped onto more than one line
