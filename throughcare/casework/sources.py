"""Where each gathered fact came from (`Sourced`), built once for every kind of entry.

Every entry that gathers information about a person (an interview answer, a colleague's reply
to an information request, a case note from a partner) records its source: the person
themselves, a named colleague and their role, a document, a partner organisation, the police,
children's services or the prison; and the date it was obtained. The assessment's sufficiency
check reads these: what is known, from whom, and how recently.

- `SourceKind`: the closed list of kinds of source;
- `Sourced`: the abstract model an entry inherits (itself a `CaseRecord`, so it carries the
  person's id);
- `Source`: the typed value a form, the API or an import builds, checked by `check(today)`
  and written onto an entry by `apply_to`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models

from throughcare.core.errors import Invalid
from throughcare.core.models import CaseRecord
from throughcare.rules import dates


class SourceKind(models.TextChoices):
    PERSON = "person", "The person"
    COLLEAGUE = "colleague", "A colleague"
    DOCUMENT = "document", "A document"
    PARTNER = "partner", "A partner organisation"
    POLICE = "police", "The police"
    CHILDRENS_SERVICES = "children's services", "Children's services"
    PRISON = "prison", "The prison"


# What `source_name` holds for each kind, as a form asks for it (None: nothing needed).
NAME_NEEDED: dict[str, str | None] = {
    SourceKind.PERSON: None,
    SourceKind.COLLEAGUE: "Enter the colleague's name",
    SourceKind.DOCUMENT: "Enter the document's title",
    SourceKind.PARTNER: "Enter the partner organisation's name",
    SourceKind.POLICE: None,
    SourceKind.CHILDRENS_SERVICES: None,
    SourceKind.PRISON: None,
}
TEXT_LIMIT = 200


@dataclass(frozen=True)
class Source:
    """A source as given: its kind, when the information was obtained, and for a colleague
    their name and role, for a document its title, for a partner the organisation."""

    kind: str
    obtained_on: date
    name: str = ""
    role: str = ""

    def check(self, today: date) -> None:
        """Every problem at once, by the field names of `Sourced`."""
        problems: dict[str, str] = {}
        if self.kind not in SourceKind.values:
            problems["source_kind"] = "Select where the information came from"
        else:
            needed = NAME_NEEDED[self.kind]
            if needed and not self.name.strip():
                problems["source_name"] = needed
            if self.kind == SourceKind.COLLEAGUE and not self.role.strip():
                problems["source_role"] = "Enter the colleague's role"
        for field, text in (("source_name", self.name), ("source_role", self.role)):
            if len(text) > TEXT_LIMIT and field not in problems:
                problems[field] = f"Enter {TEXT_LIMIT} characters or fewer"
        if self.obtained_on > today:
            problems["obtained_on"] = "The date it was obtained must be today or in the past"
        elif not dates.is_plausible(self.obtained_on, today):
            problems["obtained_on"] = "Enter a date within 100 years of today"
        if problems:
            raise Invalid(problems)

    def apply_to(self, entry: Sourced) -> None:
        entry.source_kind = self.kind
        entry.source_name = self.name.strip()
        entry.source_role = self.role.strip()
        entry.obtained_on = self.obtained_on


class Sourced(CaseRecord):
    """An entry of gathered information, with where it came from and when."""

    source_kind = models.CharField(
        "Where the information came from", max_length=30, choices=SourceKind.choices
    )
    source_name = models.CharField(
        "Name", max_length=TEXT_LIMIT, blank=True, help_text="The colleague, document or partner"
    )
    source_role = models.CharField("Their role", max_length=TEXT_LIMIT, blank=True)
    obtained_on = models.DateField("Date obtained")

    class Meta:
        abstract = True

    @property
    def source(self) -> Source:
        return Source(self.source_kind, self.obtained_on, self.source_name, self.source_role)

    @property
    def source_label(self) -> str:
        """The source as a page shows it: "A colleague: Sam Patel (key worker)"."""
        kind = SourceKind(self.source_kind).label
        detail = self.source_name
        if self.source_role:
            detail = f"{detail} ({self.source_role})" if detail else self.source_role
        return f"{kind}: {detail}" if detail else kind
