"""Signing in and out; break-glass access."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods

from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core.errors import Invalid
from throughcare.people.models import Person
from throughcare.ui.errors import add_service_errors
from throughcare.ui.forms import BaseForm, posted

from . import policy, services
from .forms import SignInForm
from .signin import two_factor


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    """The password step. The session is not verified until the second factor is done, so
    the password sends the user on to that step (access.signin)."""

    template_name = "access/sign_in.html"
    authentication_form = SignInForm

    @property
    def redirect_authenticated_user(self) -> bool:  # type: ignore[override]
        """Opening the page while signed in goes on to the caseload; posting it does not."""
        return self.request.method != "POST"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Someone is signed in in this browser and an email address and password are posted
        (perhaps someone else's): that session ends first, so whether or not the details are
        right, the first person is never left signed in."""
        if request.user.is_authenticated:
            logout(request)
        return super().post(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return two_factor.next_step_url(self.request, super().get_success_url())


class SignOutView(auth_views.LogoutView):
    pass


class BreakGlassForm(BaseForm):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        help_text="Your reason is kept with the record and shown to the senior probation "
        "officer responsible for this person",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Enter why you need to open this record",
            "max_length": "Your reason must be 2,000 characters or fewer",
        },
    )


@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    user = policy.signed_in_user(request)
    person = Person.objects.select_related("pom", "com").filter(pk=person_id).first()
    if person is None or not policy.findable_people(user).filter(pk=person.pk).exists():
        raise Http404("No such person")
    if not request.session.session_key:
        request.session.cycle_key()
    session_key = request.session.session_key or ""
    if policy.relation(user, person, session_key) != policy.Relation.OTHER_STAFF:
        return redirect("record:overview", person_id=person.pk)
    form = BreakGlassForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass(
                user=user,
                person=person,
                session_key=session_key,
                reason=form.cleaned_data["reason"],
            )
        except Invalid as invalid:
            add_service_errors(form, invalid)
        else:
            return redirect("record:overview", person_id=person.pk)
    # The question names the person (name and CRN): that is a consultation too.
    audit.record(
        user=user,
        operation=Operation.CONSULTATION,
        record_type="break-glass question",
        record_id=person.pk,
        person_id=person.pk,
    )
    return render(
        request,
        "access/break_glass.html",
        {"form": form, "crn": person.crn, "name": person.full_name, "person_id": person.pk},
    )
