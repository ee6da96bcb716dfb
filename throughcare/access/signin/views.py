"""The second-factor pages: entering the app's code, or a recovery code; and, for an account
with no app, the page that sends its owner to their invitation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_http_methods

from throughcare.access.forms import SignInForm
from throughcare.access.models import User
from throughcare.ui.forms import posted

from . import recovery, two_factor
from .forms import CodeForm, RecoveryCodeForm


def _signed_in(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - LoginRequiredMiddleware let only users in
    return user


APP = {
    "wrong": "The security code is not right. Enter the newest code",
    "again": "enter the newest code from your app",
}
RECOVERY = {
    "wrong": "The recovery code is not right, or it has been used already",
    "again": "enter one of your recovery codes",
}


@two_factor.two_factor_exempt
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """A signed-in user with no authenticator app: the app is set up only through the
    invitation emailed to them, so this page says so and shows no secret. A password alone
    must never show a secret that would later be accepted."""
    user = _signed_in(request)
    next_url = request.POST.get("next") or request.GET.get("next")
    if two_factor.is_verified(request):
        return redirect(two_factor.safe_next(request, next_url))
    if two_factor.app_device(user) is not None:
        return redirect(two_factor.step_url("access:two-factor", next_url))
    return render(request, "access/two_factor_set_up.html", {})


@two_factor.two_factor_exempt
@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    """Every sign-in: the code from the user's authenticator app."""
    user = _signed_in(request)
    next_url = request.POST.get("next") or request.GET.get("next")
    if two_factor.is_verified(request):
        return redirect(two_factor.safe_next(request, next_url))
    device = two_factor.app_device(user)
    if device is None:
        return redirect(two_factor.step_url("access:two-factor-set-up", next_url))
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        verified = two_factor.check_code(user, device, form, **APP)
        if verified is not None:
            two_factor.complete_sign_in(request, verified)
            return redirect(two_factor.safe_next(request, next_url))
    return render(
        request,
        "access/two_factor_code.html",
        {
            "form": form,
            "next": next_url or "",
            "has_recovery_codes": two_factor.recovery_device(user) is not None,
        },
    )


@two_factor.two_factor_exempt
@require_http_methods(["GET", "POST"])
def recovery_code(request: HttpRequest) -> HttpResponse:
    """Signing in with a recovery code, when the phone is not to hand. Each code works once;
    the owner is told by email each time one is used."""
    user = _signed_in(request)
    next_url = request.POST.get("next") or request.GET.get("next")
    if two_factor.is_verified(request):
        return redirect(two_factor.safe_next(request, next_url))
    if two_factor.app_device(user) is None:
        return redirect(two_factor.step_url("access:two-factor-set-up", next_url))
    device = two_factor.recovery_device(user)
    form = RecoveryCodeForm(posted(request))
    if device is None:
        form = RecoveryCodeForm()
    elif request.method == "POST" and form.is_valid():
        verified = two_factor.check_code(user, device, form, **RECOVERY)
        if verified is not None:
            two_factor.complete_sign_in(request, verified)
            recovery.code_used(user)
            return redirect(two_factor.safe_next(request, next_url))
    return render(
        request,
        "access/recovery_code.html",
        {
            "form": form,
            "next": next_url or "",
            "has_codes": device is not None,
            "back": two_factor.step_url("access:two-factor", next_url),
        },
    )


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
