"""The typed inputs of the person's record services: one frozen dataclass a command, built by
its form (`from_cleaned`, from a form's cleaned_data), and later by the API schema and the
import row. The services check them (they raise Invalid) before they write."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from throughcare.access.models import Organisation

    from .staff import Staff


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged.UNCHANGED
"""A field of PersonChanges the change does not touch (not the same as a field emptied)."""
Unchanged = Literal[_Unchanged.UNCHANGED]


@dataclass(frozen=True)
class NewPerson:
    """Every field of the Add a person form. `pom` and `com` left empty allocate the POM or COM
    adding the person (an SPO must choose someone)."""

    given_name: str
    family_name: str
    date_of_birth: date
    sex: str
    middle_names: str = ""
    preferred_name: str = ""
    prison_number: str = ""
    pnc_number: str = ""
    prison: Organisation | None = None
    community_address: str = ""
    pom: Staff | None = None
    com: Staff | None = None
    ethnicity: str = ""
    gender_identity: str = ""
    nationality: str = ""
    first_language: str = ""
    interpreter_required: bool = False
    disability: str = ""
    disability_details: str = ""
    religion: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewPerson:
        # The class's own field names (`__dataclass_fields__`): `fields()` builds a tuple of them
        # on every call, and a bulk import makes one of these a row.
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})

    def as_data(self) -> dict[str, Any]:
        """Every field, by name (the values themselves: no copies of the records named)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class PersonChanges:
    """The person's details a change sets (the fields of the Change details page). A field left
    UNCHANGED is neither written nor audited: a change that does not carry the identifiers
    keeps them, where an empty value given clears the field."""

    given_name: str | Unchanged = UNCHANGED
    middle_names: str | Unchanged = UNCHANGED
    family_name: str | Unchanged = UNCHANGED
    preferred_name: str | Unchanged = UNCHANGED
    date_of_birth: date | Unchanged = UNCHANGED
    sex: str | Unchanged = UNCHANGED
    gender_identity: str | Unchanged = UNCHANGED
    ethnicity: str | Unchanged = UNCHANGED
    nationality: str | Unchanged = UNCHANGED
    first_language: str | Unchanged = UNCHANGED
    interpreter_required: bool | Unchanged = UNCHANGED
    disability: str | Unchanged = UNCHANGED
    disability_details: str | Unchanged = UNCHANGED
    religion: str | Unchanged = UNCHANGED
    prison_number: str | Unchanged = UNCHANGED
    pnc_number: str | Unchanged = UNCHANGED
    prison: Organisation | None | Unchanged = UNCHANGED
    community_address: str | Unchanged = UNCHANGED

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> PersonChanges:
        """The fields the form read (every one of them, as a page posts the whole form)."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})

    def given(self) -> dict[str, Any]:
        """The fields this change sets, by name."""
        return {
            f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not UNCHANGED
        }


def _text(data: Mapping[str, Any], field: str) -> str:
    return str(data.get(field) or "")


@dataclass(frozen=True)
class NewSentence:
    sentence_type: str
    sentence_date: date
    length_years: int | None = None
    length_months: int | None = None
    length_days: int | None = None
    confirmed_release_date: date | None = None
    actual_parole_date: date | None = None
    sed: date | None = None
    crd: date | None = None
    ard: date | None = None
    ped: date | None = None
    hdced: date | None = None
    hdcad: date | None = None
    lsd: date | None = None
    led: date | None = None
    sled: date | None = None
    tused: date | None = None
    prrd: date | None = None
    rotl: date | None = None

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewSentence:
        names = cls.__dataclass_fields__
        return cls(**{name: data[name] for name in names if data.get(name) is not None})

    def as_data(self) -> dict[str, Any]:
        """The fields given (none left empty), for the checks and the audit event."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True)
class NewOffence:
    description: str
    conviction_date: date
    ogrs3_category: str = ""
    is_main: bool = False

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewOffence:
        return cls(
            description=data["description"],
            conviction_date=data["conviction_date"],
            ogrs3_category=_text(data, "ogrs3_category"),
            is_main=bool(data.get("is_main")),
        )

    def as_data(self) -> dict[str, Any]:
        """The fields given (none left empty), for the checks and the audit event."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True)
class NewVictim:
    name: str
    relationship: str
    safety_concerns: str = ""
    postcode: str = ""
    keep_clear: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewVictim:
        return cls(
            name=_text(data, "name"),
            relationship=_text(data, "relationship"),
            safety_concerns=_text(data, "safety_concerns"),
            postcode=_text(data, "postcode"),
            keep_clear=_text(data, "keep_clear"),
        )


@dataclass(frozen=True)
class NewAlias:
    given_name: str = ""
    family_name: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewAlias:
        return cls(given_name=_text(data, "given_name"), family_name=_text(data, "family_name"))
