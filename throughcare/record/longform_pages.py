"""The frame's pages for a long form (`throughcare.record.longform`): the task list, one page a
section, and check your answers. The owning app's views declare their gate (`person_page`)
and call these with the access the gate gave them; the pages load the draft through the
declaration, save through the draft (the owning service) and never touch the database.

A section is saved with the version it was loaded at: a save from a stale copy is refused,
with what the user typed kept in the form and what the other person saved shown above it.
"Save and continue" checks the required answers and goes on to the next section (or to check
your answers after the last); "Save and come back later" keeps what is typed, complete or not,
and goes back to the task list. Nothing needs JavaScript.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from throughcare.access import policy
from throughcare.core.errors import Invalid, Stale
from throughcare.ui.errors import add_service_errors, check_form
from throughcare.ui.forms import posted

from . import presenters
from .longform import Draft, FormSection, LongForm, Status

LATER = "later"  # the name of the "Save and come back later" button
STALE_MESSAGE = (
    "Someone else saved this section after you opened it. Your answers are still in the form: "
    "check them against what they saved, then save again"
)


def _urls(longform: LongForm, access: policy.Access, draft: Draft) -> dict[str, Any]:
    kwargs = {"person_id": access.person.pk, longform.urls.draft_kwarg: draft.pk}

    def section_url(key: str) -> str:
        return reverse(longform.urls.section, kwargs={**kwargs, "section": key})

    return {
        "task_list": reverse(longform.urls.task_list, kwargs=kwargs),
        "check": reverse(longform.urls.check, kwargs=kwargs),
        "after_submit": reverse(longform.urls.after_submit, kwargs=kwargs),
        "section": section_url,
    }


def may_write(access: policy.Access, draft: Draft) -> bool:
    return draft.editable and access.can(policy.Action.EDIT)


def task_list_params(longform: LongForm, access: policy.Access, draft: Draft) -> dict[str, Any]:
    """The task list component's parameters: each section, its status and its page."""
    urls = _urls(longform, access, draft)
    statuses = longform.statuses(draft)
    items = []
    for section in longform.sections:
        status = statuses[section.key]
        item: dict[str, Any] = {
            "title": {"text": section.title},
            "href": urls["section"](section.key),
            "status": (
                {"tag": {"text": status.text, "classes": status.tag_classes}}
                if status.tag_classes
                else {"text": status.text}
            ),
        }
        hint = section.hint if section.required else f"{section.hint} Optional.".strip()
        if hint:
            item["hint"] = {"text": hint}
        items.append(item)
    return {"items": items, "idPrefix": longform.key}


def _context(
    longform: LongForm, access: policy.Access, draft: Draft, **extra: Any
) -> dict[str, Any]:
    return presenters.person_page(
        access,
        longform.record_section,
        longform=longform,
        draft=draft,
        urls=_urls(longform, access, draft),
        may_write=may_write(access, draft),
        **longform.extra_context(access, draft),
        **extra,
    )


def task_list(
    request: HttpRequest, access: policy.Access, longform: LongForm, draft_id: int
) -> HttpResponse:
    draft = longform.load(access, draft_id)
    statuses = longform.statuses(draft)
    done = sum(status == Status.COMPLETED for status in statuses.values())
    return render(
        request,
        "record/longform_task_list.html",
        _context(
            longform,
            access,
            draft,
            task_list=task_list_params(longform, access, draft),
            completed=done,
            missing=longform.missing(draft),
        ),
    )


def _section_form(section: FormSection, request: HttpRequest, draft: Draft) -> forms.Form:
    loaded = draft.loaded(section.key)
    form = section.form(
        posted(request),
        initial={**loaded.values, "version": loaded.version},
        **section.form_kwargs(draft),
    )
    for fixed in loaded.fixed:
        form.fields.pop(fixed.field, None)
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2**31,
        error_messages={
            "invalid": "The page was out of date: open the section again",
            "min_value": "The page was out of date: open the section again",
            "max_value": "The page was out of date: open the section again",
            "required": "The page was out of date: open the section again",
        },
    )
    return form


def section_page(
    request: HttpRequest, access: policy.Access, longform: LongForm, draft_id: int, key: str
) -> HttpResponse:
    """One section: read only for those who may only read it (and for answers that can no
    longer be changed in place); else its form, saved through the owning service."""
    draft = longform.load(access, draft_id)
    section = longform.section(key)
    form = _section_form(section, request, draft)
    later = LATER in request.POST
    if later:
        for field in form.fields.values():
            field.required = False
    stale = None
    if request.method == "POST" and may_write(access, draft):
        response, stale = _save(request, access, longform, draft, section, form, later=later)
        if response is not None:
            return response
    return render(
        request,
        "record/longform_section.html",
        _context(
            longform,
            access,
            draft,
            form_section=section,
            loaded=draft.loaded(section.key),
            form=form,
            stale=stale,
            later_name=LATER,
        ),
    )


def _save(
    request: HttpRequest,
    access: policy.Access,
    longform: LongForm,
    draft: Draft,
    section: FormSection,
    form: forms.Form,
    *,
    later: bool,
) -> tuple[HttpResponse | None, Any]:
    """Saves a posted section; the response to send on, or None and (after a stale save) the
    section as the other person saved it."""

    def answers(data: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in data.items() if name != "version"}

    if not check_form(form, lambda data: draft.check(section.key, answers(data))):
        return None, None
    data = answers(form.cleaned_data)
    try:
        draft.save(
            policy.signed_in_user(request),
            section.key,
            data,
            version=form.cleaned_data["version"],
            complete=not later,
        )
    except Stale:
        current = draft.loaded(section.key)
        fresh = request.POST.copy()
        fresh["version"] = str(current.version)
        form.data = fresh
        form.add_error(None, STALE_MESSAGE)
        return None, {"rows": draft.display(section.key), "by": current.saved_by}
    except Invalid as invalid:
        add_service_errors(form, invalid)
        return None, None
    urls = _urls(longform, access, draft)
    if later:
        messages.success(request, f"{section.title}: saved. You can come back to it later")
        return redirect(urls["task_list"]), None
    following = longform.next_after(section.key)
    if following is None:
        return redirect(urls["check"]), None
    return redirect(urls["section"](following.key)), None


def check_answers(
    request: HttpRequest, access: policy.Access, longform: LongForm, draft_id: int
) -> HttpResponse:
    """Check your answers: every section's answers with a link to change them, and the button
    that submits, once every required section is complete."""
    draft = longform.load(access, draft_id)
    urls = _urls(longform, access, draft)
    errors: list[dict[str, str]] = []
    if request.method == "POST" and may_write(access, draft):
        try:
            draft.submit(policy.signed_in_user(request))
        except Invalid as invalid:
            errors = [{"text": m} for ms in invalid.fields.values() for m in ms]
        else:
            messages.success(request, f"{longform.title}: submitted")
            return redirect(urls["after_submit"])
    statuses = longform.statuses(draft)
    cards = []
    for section in longform.sections:
        rows = [
            {"key": {"text": question}, "value": {"text": answer}}
            for question, answer in draft.display(section.key)
        ]
        card: dict[str, Any] = {"title": {"text": section.title}}
        if may_write(access, draft):
            card["actions"] = {
                "items": [
                    {
                        "href": urls["section"](section.key),
                        "text": "Change",
                        "visuallyHiddenText": section.title,
                    }
                ]
            }
        if not rows:
            rows = [{"key": {"text": "Answers"}, "value": {"text": statuses[section.key].text}}]
        cards.append({"rows": rows, "card": card})
    return render(
        request,
        "record/longform_check.html",
        _context(
            longform,
            access,
            draft,
            cards=cards,
            missing=longform.missing(draft),
            submit_errors=errors,
        ),
        status=200,
    )
