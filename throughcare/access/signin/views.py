"""The second-factor pages: setting up an authenticator app, and entering its code."""

from __future__ import annotations

import math

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_http_methods
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.forms import SignInForm
from throughcare.access.models import User
from throughcare.ui.forms import posted

from . import two_factor
from .forms import CodeForm


def _signed_in(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - LoginRequiredMiddleware let only users in
    return user


def _check_code(user: User, device: TOTPDevice, form: CodeForm) -> TOTPDevice | None:
    """The device if the code is right; otherwise an error on the form. Each wrong code makes
    the next attempt wait (django-otp's throttling: 1, 2, 4, 8... seconds), and a code sent
    during the wait is not tried at all."""
    allowed, details = device.verify_is_allowed()
    if not allowed and details and details.get("locked_until"):
        wait = (details["locked_until"] - timezone.now()).total_seconds()
        seconds = max(1, math.ceil(wait))
        form.add_error(
            "code",
            f"You have entered a wrong code too many times. Wait {seconds} "
            f"second{'s' if seconds != 1 else ''} and enter the newest code from your app",
        )
        return None
    with transaction.atomic():
        verified = verify_token(user, device.persistent_id, form.cleaned_data["code"])
    if verified is None:
        form.add_error("code", "The security code is not right. Enter the newest code")
    return verified


@two_factor.two_factor_exempt
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """First sign-in: scan the QR code (or type the key) into an authenticator app, then
    enter a code from it to show it works."""
    user = _signed_in(request)
    next_url = request.POST.get("next") or request.GET.get("next")
    if two_factor.is_verified(request):
        return redirect(two_factor.safe_next(request, next_url))
    if two_factor.app_device(user) is not None:
        # Someone with only the password must not be able to add a second app.
        return redirect(two_factor.step_url("access:two-factor", next_url))
    device = two_factor.pending_app_device(user)
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        verified = _check_code(user, device, form)
        if verified is not None:
            two_factor.confirm(verified)
            two_factor.complete_sign_in(request, verified)
            return redirect(two_factor.safe_next(request, next_url))
    return render(
        request,
        "access/two_factor_set_up.html",
        {
            "form": form,
            "next": next_url or "",
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
        },
    )


@two_factor.two_factor_exempt
@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    """Every sign-in after the first: the code from the user's authenticator app."""
    user = _signed_in(request)
    next_url = request.POST.get("next") or request.GET.get("next")
    if two_factor.is_verified(request):
        return redirect(two_factor.safe_next(request, next_url))
    device = two_factor.app_device(user)
    if device is None:
        return redirect(two_factor.step_url("access:two-factor-set-up", next_url))
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        verified = _check_code(user, device, form)
        if verified is not None:
            two_factor.complete_sign_in(request, verified)
            return redirect(two_factor.safe_next(request, next_url))
    return render(request, "access/two_factor_code.html", {"form": form, "next": next_url or ""})


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A post refused by the CSRF check (settings.CSRF_FAILURE_VIEW). Signing in rotates the
    token, so a sign-in page left open while someone signed in (or out) in another tab of the
    same browser is refused: the sign-in page is shown again, ready to use, saying who is
    signed in here now and that signing in will sign them out (the sign-in view does that).
    Any other page gets Django's own refusal."""
    if request.path_info != reverse("access:sign-in"):
        return django_csrf_failure(request, reason)
    email = str(request.POST.get("username", ""))[:254]
    form = SignInForm(request, data={"username": email, "password": ""})
    user = request.user
    if user.is_authenticated:
        assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
        name = user.full_name or user.email
        form.add_error(
            None,
            f"{name} is already signed in on this browser, in another tab or window. To sign "
            f"in as yourself, enter your password again and {name} will be signed out",
        )
    else:
        form.add_error(None, "This page had expired. Enter your password again")
    next_url = str(request.POST.get("next", ""))
    if two_factor.safe_next(request, next_url) != next_url:
        next_url = ""
    return render(request, "access/sign_in.html", {"form": form, "next": next_url}, status=403)
