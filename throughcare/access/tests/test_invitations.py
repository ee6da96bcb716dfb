"""Two-factor enrolment that a stolen password cannot capture: a new account gets a one-time
invitation by email, through which its owner sets the password and the authenticator app and is
given recovery codes. The invitation works once and expires; a password alone never reaches a
secret that will later be accepted."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.accounts import invitations
from throughcare.access.accounts import services as accounts
from throughcare.access.models import Invitation, Organisation, Role, User
from throughcare.audit.models import AuditEvent
from throughcare.audit.verify import verify_chain
from throughcare.core import clock

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-new-owner-password"
SIGN_IN = reverse("access:sign-in")
CODE = reverse("access:two-factor")
SET_UP = reverse("access:two-factor-set-up")
RECOVERY = reverse("access:recovery-code")
PASSWORD_PAGE = reverse("access:invitation-password")
APP_PAGE = reverse("access:invitation-app")
CASELOAD = reverse("caseload:caseload")
HOME = reverse("caseload:home")


def totp(secret: bytes, steps_ahead: int = 0) -> str:
    generator = TOTP(secret)
    generator.time = time.time() + steps_ahead * 30
    return f"{generator.token():06d}"


def secret_on(html: str) -> bytes:
    found = re.search(r'data-testid="two-factor-secret">([A-Z2-7 ]+)<', html)
    assert found is not None, "no secret on the page"
    typed = found.group(1).replace(" ", "")
    return b32decode(typed + "=" * (-len(typed) % 8))


def link_in(message: Any) -> str:
    found = re.search(r"http://testserver(/invitation/[^/\s]+/)", message.body)
    assert found is not None, message.body
    return found.group(1)


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMIN, None)


@pytest.fixture
def new_account(
    admin: User,
    organisations: dict[str, Organisation],
    django_capture_on_commit_callbacks: Any,
) -> tuple[User, str]:
    """A new account made by an administrator, and the invitation link emailed to its owner."""
    with django_capture_on_commit_callbacks(execute=True):
        user = accounts.create_user(
            by=admin,
            email="Robin.Owner@Test.Example",
            full_name="Robin Owner",
            role=Role.COM,
            organisation=organisations["team"],
        )
    (message,) = [m for m in mail.outbox if m.to == ["robin.owner@test.example"]]
    assert message.subject == "Set up your Throughcare account"
    return user, link_in(message)


def set_password(client: Client, link: str) -> None:
    assert client.get(link)["Location"] == PASSWORD_PAGE
    response = client.post(PASSWORD_PAGE, {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == APP_PAGE


def enrol(client: Client, link: str, capture: Any) -> list[tuple[str, str]]:
    """The owner's whole set-up; returns the recovery codes shown."""
    set_password(client, link)
    secret = secret_on(client.get(APP_PAGE).content.decode())
    with capture(execute=True):
        response = client.post(APP_PAGE, {"code": totp(secret)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your account is set up" in html
    return re.findall(r"<code>([a-z2-7]{4}) ([a-z2-7]{4})</code>", html)


def test_the_owner_sets_password_and_app_through_the_invitation_and_is_signed_in(
    new_account: tuple[User, str], django_capture_on_commit_callbacks: Any
) -> None:
    user, link = new_account
    assert not user.has_usable_password()  # nobody knows a password until the owner sets one
    client = Client()
    # The token leaves the address bar at once.
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == PASSWORD_PAGE
    page = client.get(PASSWORD_PAGE).content.decode()
    assert "Create a password" in page and "robin.owner@test.example" in page
    assert client.get(APP_PAGE)["Location"] == PASSWORD_PAGE  # the password comes first
    set_password(client, link)

    html = client.get(APP_PAGE).content.decode()
    assert re.search(r"<svg[^>]*role=\"img\"[^>]*aria-label=\"QR code", html)
    assert "style=" not in html and "<style" not in html
    secret = secret_on(html)
    assert secret_on(client.get(APP_PAGE).content.decode()) == secret  # a reload keeps it
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APP_PAGE, {"code": totp(secret)})
    codes = re.findall(r"<code>([a-z2-7]{4}) ([a-z2-7]{4})</code>", response.content.decode())
    assert len(codes) == 10

    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.bin_key == secret
    assert client.get(CASELOAD).status_code == 200  # signed in, both factors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert Invitation.objects.get(user=user).used_at == clock.now()
    (told,) = mail.outbox
    assert told.to == [user.email]
    assert told.subject == "An authenticator app was added to your Throughcare account"
    kinds = list(
        AuditEvent.objects.filter(record_id=str(user.pk)).values_list("record_type", "reason")
    )
    assert ("user account", "Password set through an invitation") in kinds
    assert (
        "user's second factor",
        "Authenticator app set up through an invitation, with new recovery codes",
    ) in kinds
    assert verify_chain()[1] is None


def test_an_invitation_works_once(
    new_account: tuple[User, str], django_capture_on_commit_callbacks: Any
) -> None:
    _, link = new_account
    other = Client()
    assert other.get(link)["Location"] == PASSWORD_PAGE  # opened, not finished, elsewhere
    enrol(Client(), link, django_capture_on_commit_callbacks)
    again = Client()
    response = again.get(link)
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()
    # The browser that opened it before it was used cannot carry on either.
    for page in (PASSWORD_PAGE, APP_PAGE):
        assert other.get(page).status_code == 404
    assert (
        other.post(PASSWORD_PAGE, {"password1": "x" * 20, "password2": "x" * 20}).status_code == 404
    )


def test_an_invitation_expires(new_account: tuple[User, str]) -> None:
    user, link = new_account
    clock.advance(timedelta(days=3) - timedelta(minutes=1))
    assert Client().get(link)["Location"] == PASSWORD_PAGE
    started = Client()
    set_password(started, link)
    clock.advance(timedelta(minutes=2))
    response = Client().get(link)
    assert response.status_code == 404
    assert started.get(APP_PAGE).status_code == 404  # half-way through when it expired
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_made_up_link_does_not_work() -> None:
    response = Client().get(reverse("access:invitation", args=["made-up-token"]))
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()


def test_a_new_invitation_withdraws_the_one_before(
    new_account: tuple[User, str], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    user, first = new_account
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accounts.reset_two_factor(by=admin, user=user)
    second = link_in(mail.outbox[-1])
    assert Client().get(first).status_code == 404
    assert Client().get(second)["Location"] == PASSWORD_PAGE


def test_a_disabled_account_cannot_use_its_invitation(
    new_account: tuple[User, str], admin: User
) -> None:
    user, link = new_account
    accounts.update_user(by=admin, user=user, changes={"is_active": False})
    assert Client().get(link).status_code == 404


def test_a_password_alone_never_reaches_a_secret_that_will_be_accepted(
    make_user: Callable[..., User], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    """Someone who has the password of an account whose app was reset (or never set up)."""
    user = make_user(Role.COM, "team")  # password "correct-horse-battery", no app
    with django_capture_on_commit_callbacks(execute=True):
        accounts.reset_two_factor(by=admin, user=user)
    link = link_in(mail.outbox[-1])

    thief = Client()
    thief.post(SIGN_IN, {"username": user.email, "password": "correct-horse-battery"})
    seen = [thief.get(url) for url in (SET_UP, CODE, RECOVERY, PASSWORD_PAGE, APP_PAGE)]
    for response in seen:
        if response.status_code == 200:
            assert "two-factor-secret" not in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()  # no secret was even made

    # The owner opens their link and sees a secret; the thief, with the password, still sees
    # none, and cannot take over the owner's half-finished set-up.
    owner = Client()
    set_password(owner, link)
    secret = secret_on(owner.get(APP_PAGE).content.decode())
    for url in (SET_UP, PASSWORD_PAGE, APP_PAGE):
        assert "two-factor-secret" not in thief.get(url).content.decode()
    assert thief.post(APP_PAGE, {"code": totp(secret)}).status_code == 404

    # Each session that opens the link gets its own secret, accepted there only; finishing
    # removes the others.
    later = Client()
    set_password(later, link)
    final = secret_on(later.get(APP_PAGE).content.decode())
    assert final != secret
    refused = owner.post(APP_PAGE, {"code": totp(final)})
    assert "The security code is not right" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert later.post(APP_PAGE, {"code": totp(final)}).status_code == 200
    (device,) = TOTPDevice.objects.filter(user=user)
    assert device.confirmed and device.bin_key == final
    assert owner.post(APP_PAGE, {"code": totp(secret)}).status_code == 404
    # The owner's new password has ended the thief's password-only session.
    assert thief.get(CASELOAD)["Location"].startswith(SIGN_IN)


def test_a_wrong_code_at_set_up_leaves_the_app_unconfirmed(new_account: tuple[User, str]) -> None:
    user, link = new_account
    client = Client()
    set_password(client, link)
    secret = secret_on(client.get(APP_PAGE).content.decode())
    wrong = next(
        c for c in ("000000", "111111", "222222") if c not in {totp(secret, s) for s in (-1, 0, 1)}
    )
    html = client.post(APP_PAGE, {"code": wrong}).content.decode()
    assert "The security code is not right" in html
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert Invitation.objects.get(user=user).used_at is None
    assert client.get(CASELOAD)["Location"].startswith(SIGN_IN)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("", "", "Enter a password"),
        ("short", "short", "Password must be 12 characters or more"),
        ("password1234", "password1234", "Choose a password that is not commonly used"),
        ("a-long-new-owner-password", "a-long-new-owner-passwort", "The passwords do not match"),
        ("robin.owner@test.example", "robin.owner@test.example", "Password must not be like"),
    ],
)
def test_the_password_page_says_what_is_wrong(
    new_account: tuple[User, str], first: str, second: str, message: str
) -> None:
    user, link = new_account
    client = Client()
    client.get(link)
    response = client.post(PASSWORD_PAGE, {"password1": first, "password2": second})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and message in html
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not AuditEvent.objects.filter(reason="Password set through an invitation").exists()


def test_opening_an_invitation_while_signed_in_asks_to_sign_out_first(
    new_account: tuple[User, str], client_for: Callable[[User], Client], admin: User
) -> None:
    """Nothing changes on opening the link (a GET): the person signed in is asked to sign out,
    and signing out (a POST) comes back to the link."""
    _, link = new_account
    browser = client_for(admin)
    page = browser.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{admin.full_name} is signed in on this browser" in html
    assert browser.get(reverse("admin:index")).status_code == 200  # still signed in
    response = browser.post(reverse("access:sign-out"), {"next": link})
    assert response["Location"] == link
    assert browser.get(link)["Location"] == PASSWORD_PAGE


# Recovery codes -----------------------------------------------------------------------------


def test_a_recovery_code_signs_in_once_and_the_owner_is_told(
    new_account: tuple[User, str], django_capture_on_commit_callbacks: Any
) -> None:
    user, link = new_account
    codes = enrol(Client(), link, django_capture_on_commit_callbacks)
    code = " ".join(codes[0])  # as shown: "abcd 2345"
    client = Client()
    client.post(SIGN_IN, {"username": user.email, "password": PASSWORD})
    assert "use a recovery code" in client.get(CODE).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RECOVERY, {"code": code.upper()})
    assert response["Location"] == HOME
    assert client.get(CASELOAD).status_code == 200
    (told,) = mail.outbox
    assert (
        "A recovery code was used" in told.subject and "You have 9 recovery codes left" in told.body
    )
    assert AuditEvent.objects.filter(reason="Signed in with a recovery code; 9 left").exists()
    assert StaticToken.objects.filter(device__user=user).count() == 9
    again = Client()
    again.post(SIGN_IN, {"username": user.email, "password": PASSWORD})
    html = again.post(RECOVERY, {"code": code}).content.decode()
    assert "The recovery code is not right, or it has been used already" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a recovery code"),
        ("abc", "Enter the recovery code as it is written, 8 letters and numbers"),
        ("123456", "Enter the recovery code as it is written, 8 letters and numbers"),
    ],
)
def test_the_recovery_code_form_says_what_is_wrong(
    new_account: tuple[User, str], django_capture_on_commit_callbacks: Any, typed: str, message: str
) -> None:
    user, link = new_account
    enrol(Client(), link, django_capture_on_commit_callbacks)
    client = Client()
    client.post(SIGN_IN, {"username": user.email, "password": PASSWORD})
    html = client.post(RECOVERY, {"code": typed}).content.decode()
    assert "There is a problem" in html and message in html
    assert StaticToken.objects.filter(device__user=user).count() == 10


def test_recovery_codes_are_django_otp_static_tokens_replaced_at_each_set_up(
    new_account: tuple[User, str], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    user, link = new_account
    first = enrol(Client(), link, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        accounts.reset_two_factor(by=admin, user=user)
    assert not StaticToken.objects.filter(device__user=user).exists()
    second = enrol(Client(), link_in(mail.outbox[-1]), django_capture_on_commit_callbacks)
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == {a + b for a, b in second} and not stored & {a + b for a, b in first}
    assert invitations.RECOVERY_DEVICE_NAME == "Recovery codes"
