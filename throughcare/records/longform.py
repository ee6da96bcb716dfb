"""A version of a signed document as the record's long-form frame sees it
(`throughcare.record.longform.Draft`): each section's answers loaded from the version's JSON
content, saved through `records.services.save_section` (stale saves refused), submitted
through `records.services.submit`. Also `rows`, a kind's answers as `Row`s built from the same
sections, for the version, compare and review pages.

The owning app declares its `LongForm` with a `load` that returns
`VersionDraft(version, SECTIONS, check)`, where `check(key, data)` is its own validation of a
section's values (raising Invalid), and `countersignature` (if the kind may need one) says
why a version needs countersigning when it is submitted from check your answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms

from throughcare.core.errors import Invalid
from throughcare.record.longform import Draft, FormSection, Loaded, status_of
from throughcare.ui import answers

from . import services
from .diff import Row
from .models import Version

if TYPE_CHECKING:
    from throughcare.access.models import User


def _fields(section: FormSection, draft: Draft | None) -> Mapping[str, forms.Field]:
    """The section's questions; a form whose choices come from the record is built for the
    draft (`FormSection.kwargs`), so that its answers show by their labels."""
    if section.kwargs is None or draft is None:
        # Built, not read from the class: a form may add questions in its constructor.
        return section.form().fields
    return section.form(**section.form_kwargs(draft)).fields


def section_rows(
    section: FormSection, values: Mapping[str, Any], draft: Draft | None = None
) -> list[Row]:
    """A section's stored answers as rows, in the order of its questions; an answer to a
    question the form no longer asks is shown as stored, after them."""
    fields = _fields(section, draft)
    found = [
        Row(section.key, name, str(field.label or name), answers.shown(field, values[name]))
        for name, field in fields.items()
        if name in values and not answers.is_blank(values[name])
    ]
    found += [
        Row(section.key, name, name.replace("_", " ").capitalize(), str(value))
        for name, value in values.items()
        if name not in fields and not answers.is_blank(value)
    ]
    return found


def rows(sections: Sequence[FormSection], version: Version) -> list[Row]:
    """Every answer of a version, section by section (for a kind's `rows`)."""
    draft = VersionDraft(version, tuple(sections))
    return [
        row
        for section in sections
        for row in section_rows(section, version.content.get(section.key, {}), draft)
    ]


class VersionDraft:
    """One version of a document, as a long form's draft."""

    def __init__(
        self,
        version: Version,
        sections: tuple[FormSection, ...],
        check: Callable[[str, Mapping[str, Any]], None] | None = None,
        *,
        countersignature: Callable[[User, Version], str] | None = None,
    ) -> None:
        self.version = version
        self.sections = {section.key: section for section in sections}
        self._check = check
        self._countersignature = countersignature

    @property
    def pk(self) -> int:
        return self.version.pk

    @property
    def editable(self) -> bool:
        return self.version.editable

    @property
    def submitted(self) -> bool:
        return self.version.submitted_at is not None

    def _section(self, key: str) -> FormSection:
        try:
            return self.sections[key]
        except KeyError:
            raise Invalid({"__all__": "There is no such section"}) from None

    def loaded(self, key: str) -> Loaded:
        section = self._section(key)
        fields = _fields(section, self)
        stored = self.version.content.get(key, {})
        meta = self.version.sections.get(key)
        saved_at = meta.get("saved_at") if meta else None
        return Loaded(
            values={
                name: answers.from_json(fields[name], value)
                for name, value in stored.items()
                if name in fields
            },
            version=int(meta.get("version", 0)) if meta else 0,
            status=status_of(saved=meta is not None, complete=bool(meta and meta.get("complete"))),
            saved_by=str(meta.get("saved_by", "")) if meta else "",
            saved_at=datetime.fromisoformat(saved_at) if saved_at else None,
        )

    def check(self, key: str, data: Mapping[str, Any]) -> None:
        section = self._section(key)
        fields = _fields(section, self)
        unknown = [name for name in data if name not in fields]
        if unknown:
            raise Invalid(dict.fromkeys(unknown, "There is no such question"))
        if self._check is not None:
            self._check(key, data)

    def save(
        self, user: User, key: str, data: Mapping[str, Any], *, version: int, complete: bool
    ) -> None:
        self.check(key, data)
        services.save_section(
            user,
            self.version,
            key,
            {name: answers.to_json(value) for name, value in data.items()},
            expected=version,
            complete=complete,
        )

    def display(self, key: str) -> list[tuple[str, str]]:
        section = self._section(key)
        values = self.version.content.get(key, {})
        return [(row.label, row.shown) for row in section_rows(section, values, self)]

    def require_complete(self) -> None:
        """Invalid, naming each one, while a required section is not complete."""
        missing = [
            section
            for section in self.sections.values()
            if section.required
            and not (self.version.sections.get(section.key) or {}).get("complete")
        ]
        if missing:
            raise Invalid(
                {section.key: f"Complete the section: {section.title}" for section in missing}
            )

    def submit(self, user: User) -> None:
        """Submits from check your answers: Invalid while a required section is not complete;
        the kind's `countersignature` rule says whether it then waits for a countersignature."""
        self.require_complete()
        reason = self._countersignature(user, self.version) if self._countersignature else ""
        services.submit(user, self.version, countersignature_reason=reason)
