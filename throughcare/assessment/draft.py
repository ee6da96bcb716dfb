"""The assessment as a long form of the record's frame: its declaration (`ASSESSMENT`) and
the draft (`AssessmentDraft`), a version of the signed document (`records.longform`) that also
carries what its forms and pages read from the rest of the record: the record's OGRS3 inputs
(`facts`), the gathered entries evidence can rest on (`entries`), the OGRS3 band (`band`)."""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from throughcare.core import clock
from throughcare.core.errors import Invalid
from throughcare.record.longform import FormSection, LongForm, Urls
from throughcare.records.longform import VersionDraft

from . import queries, services, sources_check
from .sections import SECTIONS
from .sections.headline import headline

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.access.policy import Access
    from throughcare.records.models import Version


# The forms that need the record take it from the draft (`FormSection.kwargs`).
_KWARGS = {
    "ogrs3": lambda draft: {"facts": draft.facts},
    "likelihood": lambda draft: {"band": draft.band},
    "needs": lambda draft: {"entries": draft.entries},
}
FORM_SECTIONS: tuple[FormSection, ...] = tuple(
    replace(section, kwargs=_KWARGS[section.key]) if section.key in _KWARGS else section
    for section in SECTIONS
)


class AssessmentDraft(VersionDraft):
    def __init__(self, access: Access, version: Version) -> None:
        super().__init__(version, FORM_SECTIONS)
        self.access = access

    @cached_property
    def facts(self) -> Any:
        return queries.record_facts(self.version.person)

    @cached_property
    def entries(self) -> list[tuple[str, str]]:
        return queries.gathered_entries(self.version.person)

    @cached_property
    def headline(self) -> Any:
        return headline(self.version.content, self.facts, clock.today())

    @property
    def band(self) -> str | None:
        result = self.headline.ogrs3
        return result.band if result else None

    def submit(self, user: User) -> None:
        self.require_complete()
        services.submit(user, self.version)


class ReadOnly(AssessmentDraft):
    """A version read for its rows, with no user: the record's facts and gathered entries are
    the person's (the page that shows the rows has already checked the reader's access)."""

    def __init__(self, version: Version) -> None:
        VersionDraft.__init__(self, version, FORM_SECTIONS)


def load(access: Access, version_id: int) -> AssessmentDraft:
    return AssessmentDraft(access, queries.version(access, version_id))


def _context(access: Access, draft: Any) -> dict[str, Any]:
    found = sources_check.findings(access.person, draft.version)
    return {
        "version": draft.version,
        "facts": draft.facts,
        "headline": draft.headline,
        "findings": sources_check.with_requests(access.person, found),
        "advice_requests": queries.advice(access),
    }


ASSESSMENT = LongForm(
    key="assessment",
    title="Assessment of risk",
    record_section="assessment",
    sections=FORM_SECTIONS,
    load=load,
    urls=Urls(
        task_list="assessment:version",
        section="assessment:section",
        check="assessment:check",
        after_submit="assessment:submitted",
        draft_kwarg="version_id",
    ),
    submit_text="Submit the assessment",
    intro_template="assessment/_intro.html",
    extra_context=_context,
)


def fill(user: User, draft: AssessmentDraft, key: str, posted: dict[str, Any]) -> None:
    """Answers a section as its page would, from the values a browser would post: checked by
    the section's form, then saved through the service (for the demo and the tests; the page
    does the same through the frame)."""
    section = draft._section(key)
    form = section.form(posted, **section.form_kwargs(draft))
    if not form.is_valid():
        raise Invalid({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    draft.check(key, form.cleaned_data)
    draft.save(user, key, form.cleaned_data, version=draft.loaded(key).version, complete=True)
    draft.version.refresh_from_db()
