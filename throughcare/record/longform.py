"""Long forms, one section a page: the declaration an app makes, and what its service gives
the frame back.

A long form (the interview with the person, later the assessment and the plan) is declared
once as a `LongForm`: its ordered sections (`FormSection`: key, title, form class, required or
not) and how to load a draft through the owning app (`load`, which starts from the access
policy). The draft (`Draft`) is the owning app's: it hands each section's saved values and
version to the frame, and saves a section through the app's service, which validates it,
refuses a stale save (`throughcare.core.errors.Stale`), writes and audits it in one
transaction. The frame's pages (`throughcare.record.longform_pages`) do the rest: the task
list, a page a section, check your answers, and going on to the next section.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from django import forms

from throughcare.core.errors import NotFound

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.access.policy import Access


class Status(enum.Enum):
    """A section's state on the task list, with its GOV.UK tag colour (None: plain text, as
    the task list pattern shows a completed section)."""

    NOT_STARTED = ("Not started", "govuk-tag--blue")
    IN_PROGRESS = ("In progress", "govuk-tag--light-blue")
    COMPLETED = ("Completed", None)

    @property
    def text(self) -> str:
        return self.value[0]

    @property
    def tag_classes(self) -> str | None:
        return self.value[1]


def status_of(*, saved: bool, complete: bool) -> Status:
    """Never saved: not started; saved to come back to: in progress; saved and complete."""
    if not saved:
        return Status.NOT_STARTED
    return Status.COMPLETED if complete else Status.IN_PROGRESS


@dataclass(frozen=True)
class FormSection:
    """One section of a long form: its key (in the URL), title (the page heading and the task
    list), the form that collects it, whether the form may be submitted without it, an
    optional hint under its title on the task list, a template to show above its questions,
    and the keyword arguments its form's constructor takes from the draft (`kwargs`: for a
    form whose choices come from the record)."""

    key: str
    title: str
    form: type[forms.Form]
    required: bool = True
    hint: str = ""
    intro: str | None = None  # a template shown above the section's questions
    kwargs: Callable[[Draft], dict[str, Any]] | None = None

    def form_kwargs(self, draft: Draft) -> dict[str, Any]:
        """The keyword arguments for the form's constructor (none unless `kwargs` says)."""
        return self.kwargs(draft) if self.kwargs is not None else {}


@dataclass(frozen=True)
class Amended:
    """An amendment shown beside the answer it amends."""

    text: str
    reason: str
    author: str
    at: datetime


@dataclass(frozen=True)
class Fixed:
    """A saved answer that can no longer be changed in place (written on an earlier day, or the
    draft is closed): shown read only, with its amendments and where to add one."""

    field: str
    label: str
    value: str
    author: str
    written_on: date
    amendments: tuple[Amended, ...] = ()
    amend_url: str | None = None


@dataclass(frozen=True)
class Loaded:
    """A section as the draft holds it now: the form's values, the version they are at (0:
    never saved), its status and the answers it shows read only."""

    values: Mapping[str, Any]
    version: int
    status: Status
    fixed: tuple[Fixed, ...] = ()
    saved_by: str = ""
    saved_at: datetime | None = None


class Draft(Protocol):
    """A long form being filled in, loaded through the owning app for one user and person."""

    @property
    def pk(self) -> int: ...

    @property
    def editable(self) -> bool:
        """Whether any section may still be saved (False: every page is read only)."""
        ...

    @property
    def submitted(self) -> bool: ...

    def loaded(self, key: str) -> Loaded: ...

    def check(self, key: str, data: Mapping[str, Any]) -> None:
        """The service's validation of a section's values (raises Invalid), for one save to
        show every problem."""

    def save(
        self, user: User, key: str, data: Mapping[str, Any], *, version: int, complete: bool
    ) -> None:
        """Saves the section through the service: Stale if `version` is not the section's
        version now, Invalid if the values are wrong."""

    def display(self, key: str) -> list[tuple[str, str]]:
        """The section's saved answers as (question, answer) rows, for check your answers."""
        ...

    def submit(self, user: User) -> None:
        """Submits the draft through the service (Invalid if a required section is not
        complete)."""


@dataclass(frozen=True)
class Urls:
    """The owning app's URL names for the frame's pages, each taking the person's id and the
    draft's id (`draft_kwarg`); the section page also the section's key (`section`)."""

    task_list: str
    section: str
    check: str
    after_submit: str
    draft_kwarg: str


@dataclass(frozen=True)
class LongForm:
    """A long form's declaration."""

    key: str
    title: str
    record_section: str  # the section of the person's record its pages belong to
    sections: tuple[FormSection, ...]
    load: Callable[[Access, int], Draft]  # NotFound for a draft the user may not see
    urls: Urls
    submit_text: str = "Submit"
    intro_template: str | None = None  # shown above the task list (the owning app's)
    extra_context: Callable[[Access, Draft], dict[str, Any]] = field(
        default=lambda access, draft: {}
    )

    def section(self, key: str) -> FormSection:
        for section in self.sections:
            if section.key == key:
                return section
        raise NotFound("No such section")

    def next_after(self, key: str) -> FormSection | None:
        keys = [section.key for section in self.sections]
        index = keys.index(key)
        return self.sections[index + 1] if index + 1 < len(keys) else None

    def statuses(self, draft: Draft) -> dict[str, Status]:
        return {section.key: draft.loaded(section.key).status for section in self.sections}

    def missing(self, draft: Draft) -> list[FormSection]:
        """The required sections not yet completed: the draft cannot be submitted until none."""
        statuses = self.statuses(draft)
        return [s for s in self.sections if s.required and statuses[s.key] != Status.COMPLETED]
