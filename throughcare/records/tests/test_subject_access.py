"""The records part of the subject access export: each document's versions and comments."""

from __future__ import annotations

import pytest

from throughcare.access.models import User
from throughcare.documents import queries
from throughcare.records import services
from throughcare.records.models import Version
from throughcare.records.subject_access import PART

pytestmark = pytest.mark.django_db


def test_the_export_lists_each_version_and_the_comments(
    submitted: Version, com: User, spo: User
) -> None:
    services.return_for_changes(spo, submitted, "Add the source of the level")
    (section,) = PART.sections
    assert section.build(submitted.person) == [
        {
            "document": "Sample record",
            "versions": [
                {
                    "number": 1,
                    "state": "Returned with comments",
                    "written_by": com.full_name,
                    "submitted_at": Version.objects.get().submitted_at,
                    "countersigned_by": "",
                    "countersigned_at": None,
                    "locked_at": None,
                    "comments": [
                        {
                            "what": "Returned with comments",
                            "by": spo.full_name,
                            "at": submitted.comments.get().created_at,
                            "text": "Add the source of the level",
                        }
                    ],
                }
            ],
        }
    ]
    assert "signed_documents" in queries.section_keys()
