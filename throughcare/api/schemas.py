"""What the API reads and writes, as Pydantic schemas (Ninja publishes them in the OpenAPI
schema). The inputs become the same typed commands the pages and the import use
(`people.commands.NewPerson`, `NewSentence`, `PersonChanges`; `casework.services.NewCaseNote`);
the services check them as they check a form's."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from ninja import Schema
from pydantic import AfterValidator, Field

from throughcare.casework.models import CaseNote
from throughcare.people.choices import Disability, Ethnicity, Religion, SentenceType, Sex

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


def _plausible(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return value


def _one_line(value: str) -> str:
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValueError("must not contain control characters")
    return value.strip()


def _text(value: str) -> str:
    if any(unicodedata.category(char) == "Cc" and char not in "\n\r\t" for char in value):
        raise ValueError("must not contain control characters")
    return value


Day = Annotated[date, AfterValidator(_plausible)]


def line(max_length: int, min_length: int = 0) -> type[str]:
    return Annotated[  # type: ignore[return-value]
        str, Field(min_length=min_length, max_length=max_length), AfterValidator(_one_line)
    ]


Name = line(100, 1)
OptionalName = line(100)
PrisonNumber = line(10)
PncNumber = line(16)
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Years = Annotated[int, Field(ge=0, le=99)]


class Page(Schema):
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


class StaffOut(Schema):
    id: int
    name: str
    role: str
    organisation_id: int | None


class PersonSummaryOut(Schema):
    """A person in a list. Fields a partner's sharing agreement does not cover are null."""

    id: UUID
    crn: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    prison_number: str | None
    pnc_number: str | None
    release_date: date | None
    release_date_source: str | None
    pom: StaffOut | None
    com: StaffOut | None
    version: int


class PeoplePage(Page):
    items: list[PersonSummaryOut]


class ProtectedOut(Schema):
    gender_identity: str
    ethnicity: str
    nationality: str
    first_language: str
    interpreter_required: bool
    disability: str
    disability_details: str
    religion: str


class PersonOut(Schema):
    """One person's identity and identifiers. `protected_characteristics` is null unless the
    caller holds the case (the allocated staff, the team's senior probation officer)."""

    id: UUID
    crn: str
    given_name: str
    middle_names: str
    family_name: str
    preferred_name: str
    date_of_birth: date
    sex: str
    prison_number: str | None
    pnc_number: str | None
    prison_id: int | None
    release_date: date | None
    release_date_source: str
    eligibility_date: date | None
    version: int
    protected_characteristics: ProtectedOut | None


class _PersonFields(Schema):
    middle_names: line(200) = ""  # type: ignore[valid-type]
    preferred_name: OptionalName = ""  # type: ignore[valid-type]
    prison_number: PrisonNumber = ""  # type: ignore[valid-type]
    pnc_number: PncNumber = ""  # type: ignore[valid-type]
    prison_id: Id | None = None
    community_address: Annotated[str, Field(max_length=1000), AfterValidator(_text)] = ""
    gender_identity: OptionalName = ""  # type: ignore[valid-type]
    ethnicity: Ethnicity | None = None
    nationality: OptionalName = ""  # type: ignore[valid-type]
    first_language: OptionalName = ""  # type: ignore[valid-type]
    interpreter_required: bool = False
    disability: Disability | None = None
    disability_details: Annotated[str, Field(max_length=2000), AfterValidator(_text)] = ""
    religion: Religion | None = None


class PersonIn(_PersonFields):
    """A new person. Without `pom_id` or `com_id`, a prison or community offender manager
    adding them is allocated to them."""

    given_name: Name  # type: ignore[valid-type]
    family_name: Name  # type: ignore[valid-type]
    date_of_birth: Day
    sex: Sex
    pom_id: Id | None = None
    com_id: Id | None = None


class PersonPatch(_PersonFields):
    """The details to change; fields left out stay as they are."""

    given_name: Name | None = None  # type: ignore[valid-type]
    family_name: Name | None = None  # type: ignore[valid-type]
    date_of_birth: Day | None = None
    sex: Sex | None = None


class SentenceIn(Schema):
    sentence_type: SentenceType
    sentence_date: Day
    length_years: Years | None = None
    length_months: Annotated[int, Field(ge=0, le=11)] | None = None
    length_days: Annotated[int, Field(ge=0, le=365)] | None = None
    confirmed_release_date: Day | None = None
    actual_parole_date: Day | None = None
    sed: Day | None = None
    crd: Day | None = None
    ard: Day | None = None
    ped: Day | None = None
    hdced: Day | None = None
    hdcad: Day | None = None
    lsd: Day | None = None
    led: Day | None = None
    sled: Day | None = None
    tused: Day | None = None
    prrd: Day | None = None
    rotl: Day | None = None


class SentenceOut(Schema):
    id: int
    sentence_type: str
    sentence_date: date
    length_years: int
    length_months: int
    length_days: int
    is_current: bool
    key_dates: dict[str, date | None]
    version: int


class SentencesOut(Schema):
    items: list[SentenceOut]


class AllocationOut(Schema):
    pom: StaffOut | None
    com: StaffOut | None
    version: int = Field(description="The person's version (allocation is part of the record).")


class CaseNoteIn(Schema):
    note_type: CaseNote.Type
    occurred_on: Day
    text: Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_text)]
    sensitive: bool = False
    withheld_from_partners: bool = False


class CaseNoteOut(Schema):
    id: int
    note_type: str
    occurred_on: date
    text: str
    sensitive: bool
    withheld_from_partners: bool
    author: str
    created_at: datetime


class CaseNotesPage(Page):
    items: list[CaseNoteOut]
