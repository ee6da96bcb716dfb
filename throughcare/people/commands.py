"""The typed inputs of the person's record services: one frozen dataclass a command, built by
its form (`from_cleaned`, from a form's cleaned_data), and later by the API schema and the
import row. The services check them (they raise Invalid) before they write."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any


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

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewVictim:
        return cls(
            name=_text(data, "name"),
            relationship=_text(data, "relationship"),
            safety_concerns=_text(data, "safety_concerns"),
        )


@dataclass(frozen=True)
class NewAlias:
    given_name: str = ""
    family_name: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewAlias:
        return cls(given_name=_text(data, "given_name"), family_name=_text(data, "family_name"))
