"""The interview as the record's long-form frame sees it (`record.longform.Draft`), and its
declaration, `INTERVIEW`. Loads through the queries, saves through the services."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from throughcare.access.policy import Access, Action
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.record.longform import (
    Amended,
    Fixed,
    Loaded,
    LongForm,
    Urls,
    status_of,
)
from throughcare.ui import answers

from .. import queries as casework_queries
from .. import services as casework
from . import queries, questions, services
from .models import Interview, InterviewAnswer, InterviewSection

if TYPE_CHECKING:
    from throughcare.access.models import User


class InterviewDraft:
    def __init__(self, access: Access, interview: Interview) -> None:
        self.access = access
        self.interview = interview

    @property
    def pk(self) -> int:
        return self.interview.pk

    @property
    def editable(self) -> bool:
        return not self.interview.closed

    @property
    def submitted(self) -> bool:
        return self.interview.submitted_at is not None

    @cached_property
    def _rows(self) -> dict[str, InterviewSection]:
        return {row.key: row for row in self.interview.sections.select_related("updated_by")}

    @cached_property
    def _answers(self) -> dict[str, dict[str, InterviewAnswer]]:
        found: dict[str, dict[str, InterviewAnswer]] = {}
        for answer in self.interview.answers.select_related("created_by"):
            found.setdefault(answer.section, {})[answer.field] = answer
        return found

    @cached_property
    def _amendments(self) -> dict[str, list[Any]]:
        ids = [a.pk for section in self._answers.values() for a in section.values()]
        return casework_queries.amendments(self.access, RecordType.INTERVIEW_ANSWER, ids)

    def _forget(self) -> None:
        for name in ("_rows", "_answers", "_amendments"):
            self.__dict__.pop(name, None)

    def values(self) -> dict[str, dict[str, Any]]:
        """Every stored answer, by section and question (for the summary)."""
        return {
            section: {field: a.value for field, a in given.items()}
            for section, given in self._answers.items()
        }

    def is_fixed(self, answer: InterviewAnswer) -> bool:
        if answers.is_blank(answer.value):
            return False
        return self.interview.closed or not casework.may_change_in_place(answer)

    def fixed_answer(self, key: str, answer: InterviewAnswer) -> Fixed:
        field = INTERVIEW.section(key).form.base_fields[answer.field]
        amend_url = None
        if self.access.can(Action.EDIT):
            amend_url = reverse(
                "casework:interview-amend",
                args=[self.access.person.pk, self.interview.pk, answer.pk],
            )
        return Fixed(
            field=answer.field,
            label=str(field.label),
            value=answers.shown(field, answer.value),
            author=answer.created_by.full_name if answer.created_by else "",
            written_on=timezone.localdate(answer.created_at),
            amendments=tuple(
                Amended(
                    a.text, a.reason, a.created_by.full_name if a.created_by else "", a.created_at
                )
                for a in self._amendments.get(str(answer.pk), [])
            ),
            amend_url=amend_url,
        )

    def loaded(self, key: str) -> Loaded:
        section = INTERVIEW.section(key)
        row = self._rows.get(key)
        given = self._answers.get(key, {})
        fields = section.form.base_fields
        return Loaded(
            values={
                name: answers.from_json(fields[name], a.value)
                for name, a in given.items()
                if name in fields
            },
            version=row.version if row else 0,
            status=status_of(saved=row is not None, complete=bool(row and row.complete)),
            fixed=tuple(
                self.fixed_answer(key, a)
                for name, a in given.items()
                if name in fields and self.is_fixed(a)
            ),
            saved_by=row.updated_by.full_name if row and row.updated_by else "",
            saved_at=row.updated_at if row else None,
        )

    def check(self, key: str, data: Mapping[str, Any]) -> None:
        services.check_section(INTERVIEW.section(key), data, clock.today())

    def save(
        self, user: User, key: str, data: Mapping[str, Any], *, version: int, complete: bool
    ) -> None:
        try:
            services.save_section(
                user=user,
                interview=self.interview,
                section=INTERVIEW.section(key),
                data=data,
                version=version,
                complete=complete,
            )
        finally:
            self._forget()

    def display(self, key: str) -> list[tuple[str, str]]:
        fields = INTERVIEW.section(key).form.base_fields
        given = self._answers.get(key, {})
        return [
            (str(field.label), answers.shown(field, given[name].value))
            for name, field in fields.items()
            if name in given and not answers.is_blank(given[name].value)
        ]

    def submit(self, user: User) -> None:
        services.submit(user=user, interview=self.interview, missing=INTERVIEW.missing(self))


def load(access: Access, interview_id: int) -> InterviewDraft:
    return InterviewDraft(access, queries.interview(access, interview_id))


def _context(access: Access, draft: Any) -> dict[str, Any]:
    return {"audience": queries.who_will_see(access.person), "interview": draft.interview}


INTERVIEW = LongForm(
    key="interview",
    title="Interview with the person",
    record_section="information",
    sections=questions.SECTIONS,
    load=load,
    urls=Urls(
        task_list="casework:interview",
        section="casework:interview-section",
        check="casework:interview-check",
        after_submit="casework:interview-summary",
        draft_kwarg="interview_id",
    ),
    submit_text="Go through the summary with them",
    intro_template="casework/interview/_intro.html",
    extra_context=_context,
)
