"""The invitation pages (open the link, create a password, set up the app, see the recovery
codes), and the report of account changes that widened access."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from throughcare.access.signin import backends, two_factor
from throughcare.access.signin.forms import CodeForm
from throughcare.access.signin.views import APP
from throughcare.ui.forms import posted

from . import invitations
from .forms import NewPasswordForm

# The invitation's pages are for someone not signed in yet.
_BACKEND = backends.PATH


def _public(view: Any) -> Any:
    return login_not_required(two_factor.two_factor_exempt(view))


def _not_valid(request: HttpRequest) -> HttpResponse:
    return render(request, "access/invitation_not_valid.html", {}, status=404)


def _signed_in(request: HttpRequest) -> HttpResponse:
    """Someone is signed in in this browser: an account is set up signed out, so that nobody
    sets up one account while signed in as another. Signing out (a POST) comes back here."""
    user = request.user
    return render(
        request,
        "access/invitation_signed_in.html",
        {
            "name": getattr(user, "full_name", "") or getattr(user, "email", ""),
            "back": request.path,
        },
    )


@_public
@require_GET
def open_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the email. A good link is tied to a new session in this browser, and the
    next pages' addresses do not hold the token. Opening it changes nothing else: the link
    works until the account is set up, so an email scanner that opens it uses nothing up."""
    invitation = invitations.find(token)
    if invitation is None:
        return _not_valid(request)
    if request.user.is_authenticated:
        return _signed_in(request)
    request.session.cycle_key()
    invitations.start(request.session, invitation)
    return redirect("access:invitation-password")


@_public
@require_http_methods(["GET", "POST"])
def choose_password(request: HttpRequest) -> HttpResponse:
    invitation = invitations.in_session(request.session)
    if invitation is None:
        return _not_valid(request)
    if request.user.is_authenticated:
        return _signed_in(request)
    form = NewPasswordForm(invitation.user, posted(request))
    if request.method == "POST" and form.is_valid():
        invitations.set_password(request.session, invitation, form.cleaned_data["password1"])
        return redirect("access:invitation-app")
    return render(
        request, "access/invitation_password.html", {"form": form, "email": invitation.user.email}
    )


@_public
@require_http_methods(["GET", "POST"])
def set_up_app(request: HttpRequest) -> HttpResponse:
    """The QR code and key of a secret made for this session alone, and the code that proves
    the app has it. A right code completes the invitation and signs the owner in."""
    invitation = invitations.in_session(request.session)
    if invitation is None:
        return _not_valid(request)
    if request.user.is_authenticated:
        return _signed_in(request)
    if not invitations.password_set(request.session):
        return redirect("access:invitation-password")
    user = invitation.user
    device = invitations.pending_device(request.session, invitation)
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        verified = two_factor.check_code(user, device, form, **APP)
        if verified is not None:
            try:
                codes = invitations.complete(invitation.pk, device)
            except invitations.InvitationNotUsable:
                return _not_valid(request)
            invitations.finish(request.session)
            login(request, user, backend=_BACKEND)
            device.refresh_from_db()
            two_factor.complete_sign_in(request, device)
            return render(
                request,
                "access/recovery_codes.html",
                {"codes": codes, "next": two_factor.safe_next(request, None)},
            )
    return render(
        request,
        "access/invitation_app.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
        },
    )
