"""Every change to an account leaves an event in the audit chain: creating a user, changing
role, organisation (the team), email or name, disabling and enabling, resetting two-factor,
deleting; the admin site makes them through the same services. Changes that widen access are
shown in the oversight report to the team's senior probation officers and to administrators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.accounts import services as accounts
from throughcare.access.models import Invitation, Organisation, Role, User, UserSession
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain
from throughcare.core import clock
from throughcare.core.errors import Invalid

pytestmark = pytest.mark.django_db

REPORT = reverse("oversight:account-changes")


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMIN, None)


def _events(user: User) -> list[tuple[str, str, str, list[str]]]:
    """(record type, operation, reason, fields) of the events about an account, in order."""
    return [
        (e.record_type, e.operation, e.reason, list(e.fields))
        for e in AuditEvent.objects.filter(record_id=str(user.pk)).order_by("id")
    ]


def test_creating_an_account_is_audited_and_sends_an_invitation(
    admin: User, organisations: dict[str, Organisation], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        user = accounts.create_user(
            by=admin,
            email="new.spo@test.example",
            full_name="New Senior",
            role=Role.SPO,
            organisation=organisations["team"],
        )
    created, invited = AuditEvent.objects.filter(record_id=str(user.pk)).order_by("id")
    assert (created.user, created.operation, created.record_type) == (
        admin,
        Operation.COLLECTION,
        accounts.ACCOUNT_WIDENED,
    )
    assert created.reason == "New account: Senior probation officer, Testmoor probation team"
    assert invited.record_type == "user invitation" and invited.recipient == user.email
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert not user.has_usable_password()
    assert Invitation.objects.filter(user=user).count() == 1
    assert verify_chain()[1] is None


def test_an_account_with_wrong_details_is_refused_and_nothing_is_written(
    admin: User, organisations: dict[str, Organisation], com: User
) -> None:
    before = (User.objects.count(), AuditEvent.objects.count(), Invitation.objects.count())
    with pytest.raises(Invalid) as refused:
        accounts.create_user(
            by=admin,
            email=com.email.upper(),
            full_name=" ",
            role=Role.PARTNER,
            organisation=organisations["team"],
        )
    assert refused.value.fields == {
        "email": ["There is already an account with this email address"],
        "full_name": ["Enter the full name"],
        "organisation": ["A partner worker must belong to a partner organisation"],
    }
    after = (User.objects.count(), AuditEvent.objects.count(), Invitation.objects.count())
    assert after == before


@pytest.mark.parametrize(
    ("field", "old", "new", "reason", "widens"),
    [
        (
            "role",
            Role.COM,
            Role.SPO,
            "Role changed from Community offender manager to Senior probation officer",
            True,
        ),
        (
            "role",
            Role.SPO,
            Role.COM,
            "Role changed from Senior probation officer to Community offender manager",
            False,
        ),
        (
            "role",
            Role.COM,
            Role.POM,
            "Role changed from Community offender manager to Prison offender manager",
            False,
        ),
        (
            "role",
            Role.COM,
            Role.ADMIN,
            "Role changed from Community offender manager to Administrator",
            True,
        ),
        (
            "organisation",
            "team",
            "other_team",
            "Organisation changed from Testmoor probation team to Elsewhere probation team",
            True,
        ),
        ("is_active", True, False, "Account disabled", False),
        ("full_name", "Old Name", "New Name", "Name changed", False),
    ],
)
def test_each_change_to_an_account_is_audited_and_says_whether_it_widens_access(
    make_user: Callable[..., User],
    admin: User,
    organisations: dict[str, Organisation],
    field: str,
    old: Any,
    new: Any,
    reason: str,
    widens: bool,
) -> None:
    user = make_user(Role.COM, "team")
    setattr(user, field, organisations[old] if field == "organisation" else old)
    user.save()
    if field == "organisation":
        new = organisations[new]
    assert accounts.update_user(by=admin, user=user, changes={field: new}) == [field]
    user.refresh_from_db()
    assert getattr(user, field) == new
    (event,) = AuditEvent.objects.filter(record_id=str(user.pk))
    assert (event.user, event.operation, event.reason, event.fields) == (
        admin,
        Operation.ALTERATION,
        reason,
        [field],
    )
    assert event.record_type == (accounts.ACCOUNT_WIDENED if widens else accounts.ACCOUNT)
    # Saving the same again changes and records nothing.
    assert accounts.update_user(by=admin, user=user, changes={field: new}) == []
    assert AuditEvent.objects.filter(record_id=str(user.pk)).count() == 1


def test_disabling_ends_sessions_and_invitations_and_enabling_again_widens_access(
    make_user: Callable[..., User], admin: User
) -> None:
    user = make_user(Role.COM, "team")
    UserSession.objects.create(user=user, session_key="s1", signed_in_at=clock.now())
    accounts.reset_two_factor(by=admin, user=user)  # an invitation is open
    accounts.update_user(by=admin, user=user, changes={"is_active": False})
    assert not UserSession.objects.filter(user=user).exists()
    assert not Invitation.objects.filter(user=user, withdrawn_at=None).exists()
    accounts.update_user(by=admin, user=user, changes={"is_active": True})
    assert _events(user)[-1] == (
        accounts.ACCOUNT_WIDENED,
        Operation.ALTERATION,
        "Account enabled again",
        ["is_active"],
    )


def test_a_new_email_address_is_told_to_the_old_one(
    make_user: Callable[..., User], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    user = make_user(Role.COM, "team")
    old = user.email
    with django_capture_on_commit_callbacks(execute=True):
        accounts.update_user(by=admin, user=user, changes={"email": "Taken.Over@Test.Example"})
    user.refresh_from_db()
    assert user.email == "taken.over@test.example"
    (told,) = mail.outbox
    assert told.to == [old] and "taken.over@test.example" in told.body
    assert _events(user)[-1][0] == accounts.ACCOUNT_WIDENED


def test_resetting_two_factor_is_audited_told_and_sends_a_new_invitation(
    make_user: Callable[..., User],
    admin: User,
    client_for: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = make_user(Role.COM, "team")
    client = client_for(user)  # an authenticator app, and a session verified with it
    StaticDevice.objects.create(user=user, name="Recovery codes")
    with django_capture_on_commit_callbacks(execute=True):
        accounts.reset_two_factor(by=admin, user=user)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get(reverse("caseload:caseload")).status_code == 302  # signed out
    assert [m.subject for m in mail.outbox] == [
        "Your Throughcare authenticator app was removed",
        "Set up your Throughcare account",
    ]
    reset, invited = _events(user)
    assert reset[:2] == (accounts.SECOND_FACTOR, Operation.ERASURE)
    assert reset[3] == ["authenticator app", "recovery codes"]
    assert invited[0] == "user invitation"


def test_deleting_an_account_is_audited(make_user: Callable[..., User], admin: User) -> None:
    user = make_user(Role.COM, "team")
    pk, email = user.pk, user.email
    accounts.delete_user(by=admin, user=user)
    assert not User.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(record_id=str(pk))
    assert event.operation == Operation.ERASURE
    assert event.reason == f"Account deleted: {email}, Community offender manager"


def test_an_organisation_that_becomes_a_probation_team_widens_access(
    admin: User, organisations: dict[str, Organisation]
) -> None:
    partner = organisations["partner"]
    partner.kind = Organisation.Kind.PROBATION_TEAM
    accounts.save_organisation(by=admin, organisation=partner, fields=["kind"])
    event = AuditEvent.objects.get(record_id=str(partner.pk))
    assert event.record_type == accounts.ORGANISATION_WIDENED
    assert event.reason == "Changed from a partner organisation to a probation team"


# The admin site uses the services ------------------------------------------------------------


def test_the_admin_site_creates_an_account_through_the_service(
    admin: User,
    client_for: Callable[[User], Client],
    organisations: dict[str, Organisation],
    django_capture_on_commit_callbacks: Any,
) -> None:
    site = client_for(admin)
    add = reverse("admin:access_user_add")
    page = site.get(add).content.decode()
    assert 'name="password1"' not in page  # no password to set here: the owner sets it
    with django_capture_on_commit_callbacks(execute=True):
        response = site.post(
            add,
            {
                "email": "made.in.admin@test.example",
                "full_name": "Made In Admin",
                "role": Role.SPO,
                "organisation": organisations["team"].pk,
                "_save": "Save",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="made.in.admin@test.example")
    assert not user.has_usable_password()
    assert _events(user)[0][:3] == (
        accounts.ACCOUNT_WIDENED,
        Operation.COLLECTION,
        "New account: Senior probation officer, Testmoor probation team",
    )
    assert mail.outbox[-1].to == [user.email]
    # The service's checks show on the form; nothing is written.
    before = AuditEvent.objects.count()
    refused = site.post(
        add,
        {
            "email": "partner.in.team@test.example",
            "full_name": "Wrong Place",
            "role": Role.PARTNER,
            "organisation": organisations["team"].pk,
        },
    )
    assert "A partner worker must belong to a partner organisation" in refused.content.decode()
    assert not User.objects.filter(email="partner.in.team@test.example").exists()
    assert AuditEvent.objects.count() == before


def test_the_admin_site_changes_disables_resets_and_deletes_through_the_services(
    admin: User,
    make_user: Callable[..., User],
    client_for: Callable[[User], Client],
    organisations: dict[str, Organisation],
) -> None:
    site = client_for(admin)
    user = make_user(Role.COM, "team")
    change = reverse("admin:access_user_change", args=[user.pk])
    response = site.post(
        change,
        {
            "email": user.email,
            "full_name": user.full_name,
            "role": Role.SPO,
            "organisation": organisations["other_team"].pk,
            "is_active": "",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    reasons = [reason for _, _, reason, _ in _events(user)]
    assert reasons == [
        "Role changed from Community offender manager to Senior probation officer",
        "Organisation changed from Testmoor probation team to Elsewhere probation team",
        "Account disabled",
    ]
    site.post(
        reverse("admin:access_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [user.pk]},
    )
    assert _events(user)[-2][0] == accounts.SECOND_FACTOR
    # No password is ever set by an administrator, and devices are not in the admin site.
    password_page = reverse("admin:auth_user_password_change", args=[user.pk])
    assert site.get(password_page).status_code == 404
    assert site.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert site.get("/admin/otp_static/staticdevice/").status_code == 404
    # Deleting (an account with no case history).
    mistake = make_user(Role.COM, "team")
    site.post(reverse("admin:access_user_delete", args=[mistake.pk]), {"post": "yes"})
    assert not User.objects.filter(pk=mistake.pk).exists()
    assert AuditEvent.objects.filter(
        record_id=str(mistake.pk), operation=Operation.ERASURE
    ).exists()
    assert verify_chain()[1] is None


def test_the_admin_site_audits_organisation_changes(
    admin: User, client_for: Callable[[User], Client]
) -> None:
    site = client_for(admin)
    site.post(
        reverse("admin:access_organisation_add"),
        {"name": "HMP Newgate", "kind": Organisation.Kind.PRISON, "code": "NGI", "_save": "Save"},
    )
    organisation = Organisation.objects.get(name="HMP Newgate")
    site.post(
        reverse("admin:access_organisation_change", args=[organisation.pk]),
        {"name": "HMP Newgate", "kind": Organisation.Kind.PRISON, "code": "NWG", "_save": "Save"},
    )
    assert [
        (e.operation, e.reason, e.fields)
        for e in AuditEvent.objects.filter(record_type=accounts.ORGANISATION).order_by("id")
    ] == [
        (Operation.COLLECTION, "New organisation: HMP Newgate", ["code", "kind", "name"]),
        (Operation.ALTERATION, "Organisation changed: HMP Newgate", ["code"]),
    ]


# The oversight report ------------------------------------------------------------------------


def test_the_teams_spo_sees_a_new_spo_and_a_widening_role_change_in_their_team(
    admin: User,
    make_user: Callable[..., User],
    client_for: Callable[[User], Client],
    organisations: dict[str, Organisation],
) -> None:
    spo = make_user(Role.SPO, "team")
    other_spo = make_user(Role.SPO, "other_team")
    # The administrator makes an SPO account in the team (perhaps for themselves)...
    made = accounts.create_user(
        by=admin,
        email="shadow.spo@test.example",
        full_name="Shadow Senior",
        role=Role.SPO,
        organisation=organisations["team"],
    )
    # ...and gives a COM in the team the SPO's role; a narrowing change is not listed.
    colleague = make_user(Role.COM, "team")
    accounts.update_user(by=admin, user=colleague, changes={"role": Role.SPO})
    demoted = make_user(Role.SPO, "team")
    accounts.update_user(by=admin, user=demoted, changes={"role": Role.COM})

    html = client_for(spo).get(REPORT).content.decode()
    assert "Shadow Senior" in html and "shadow.spo@test.example" in html
    assert "New account: Senior probation officer, Testmoor probation team" in html
    assert "Role changed from Community offender manager to Senior probation officer" in html
    assert "Role changed from Senior probation officer to Community offender manager" not in html
    assert f"{admin.email} (Administrator)" in html
    # Another team's SPO sees none of it; an administrator sees all of it.
    assert "Shadow Senior" not in client_for(other_spo).get(REPORT).content.decode()
    assert "Shadow Senior" in client_for(make_user(Role.ADMIN, None)).get(REPORT).content.decode()
    assert made.pk and "See changes to accounts that widened access" in (
        client_for(spo).get(reverse("oversight:users")).content.decode()
    )


@pytest.mark.parametrize("role", [Role.POM, Role.COM, Role.PARTNER])
def test_other_roles_may_not_see_the_account_changes(
    role: str, make_user: Callable[..., User], client_for: Callable[[User], Client]
) -> None:
    where: dict[str, str] = {Role.POM: "prison", Role.PARTNER: "partner"}
    organisation = where.get(role, "team")
    assert client_for(make_user(role, organisation)).get(REPORT).status_code == 403


# The command line ----------------------------------------------------------------------------


def test_invite_user_creates_an_account_for_the_first_administrator(
    capsys: pytest.CaptureFixture[str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "invite_user",
            "first.admin@test.example",
            name="First Admin",
            role="admin",
            print_link=True,
        )
    user = User.objects.get(email="first.admin@test.example")
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("http://testserver/invitation/")
    assert printed in mail.outbox[-1].body
    created, invited = AuditEvent.objects.filter(record_id=str(user.pk)).order_by("id")
    assert created.user is None and created.record_type == accounts.ACCOUNT_WIDENED
    assert invited.reason == (
        "Invitation emailed, and its link given to the operator at the command line"
    )
    assert Client().get(printed.removeprefix("http://testserver")).status_code == 302


def test_invite_user_does_not_replace_a_working_app_without_reset(
    make_user: Callable[..., User], client_for: Callable[[User], Client]
) -> None:
    user = make_user(Role.COM, "team")
    client_for(user)  # an authenticator app
    with pytest.raises(CommandError, match="add --reset"):
        call_command("invite_user", user.email)
    call_command("invite_user", user.email, reset=True)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert [t for t, *_ in _events(user)] == [accounts.SECOND_FACTOR, "user invitation"]
