"""Changes to accounts and organisations. Each validates, writes in one transaction and records
an event in the audit chain in it, naming who made the change (`by`: an administrator, or None
for the operator at the command line) and the account or organisation changed (record id).

The events of changes that widen access (a new account, a role that sees more, a move to
another organisation, an account enabled again, a new email address, which invitations then go
to; an organisation that becomes a prison or probation team) have their own record types, so
that the oversight report (`queries.widening_changes`) can show them to the senior probation
officers of the team concerned and to every administrator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core.errors import Invalid
from throughcare.notifications.email import send_after_commit

from ..models import Function, Organisation, Role, User
from ..signin import sessions
from . import invitations

ACCOUNT = "user account"
ACCOUNT_WIDENED = "user account, access widened"
ORGANISATION = "organisation"
ORGANISATION_WIDENED = "organisation, access widened"
SECOND_FACTOR = "user's second factor"
WIDENED = (ACCOUNT_WIDENED, ORGANISATION_WIDENED)

# How much of the case records each case role reaches: a role further up sees more.
_REACH = {Role.PARTNER: 1, Role.POM: 2, Role.COM: 2, Role.SPO: 3}
_ROLE_LABELS = dict(Role.choices)
EDITABLE = ("email", "full_name", "role", "organisation", "grade", "functions", "is_active")
STAFF_KINDS = (Organisation.Kind.PRISON, Organisation.Kind.PROBATION_TEAM)


def role_widens(old: str, new: str) -> bool:
    """Whether moving from one role to the other lets the account see or do more. Any move to
    or from administrator does: administrators manage accounts, and see no case records."""
    if old == new:
        return False
    if Role.ADMIN in (old, new):
        return True
    return _REACH[Role(new)] > _REACH[Role(old)]


def _label(role: str) -> str:
    return str(_ROLE_LABELS.get(role, role))


def _where(organisation: Organisation | None) -> str:
    return organisation.name if organisation else "no organisation"


def _function_problems(role: str, functions: list[str]) -> dict[str, str]:
    if any(function not in Function.values for function in functions):
        return {"functions": "Select functions from the list"}
    if functions and role not in (Role.POM, Role.COM, Role.SPO):
        return {"functions": "Only prison and probation staff have functions"}
    return {}


def check_account(
    *,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None,
    user: User | None = None,
    functions: Iterable[str] = (),
) -> dict[str, str]:
    """Every problem with these details, by field, in GOV.UK words."""
    problems: dict[str, str] = _function_problems(role, list(functions))
    email = email.strip()
    if not email:
        problems["email"] = "Enter an email address"
    else:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = (
                "Enter an email address in the correct format, like name@example.com"
            )
        else:
            taken = User.objects.filter(email__iexact=email)
            if user is not None and user.pk:
                taken = taken.exclude(pk=user.pk)
            if taken.exists():
                problems["email"] = "There is already an account with this email address"
    if not full_name.strip():
        problems["full_name"] = "Enter the full name"
    if role not in Role.values:
        problems["role"] = "Select a role"
    elif role != Role.ADMIN and organisation is None:
        problems["organisation"] = "Select the organisation this person works for"
    elif role == Role.PARTNER and organisation and organisation.kind != Organisation.Kind.PARTNER:
        problems["organisation"] = "A partner worker must belong to a partner organisation"
    elif (
        role in (Role.POM, Role.COM, Role.SPO)
        and organisation
        and organisation.kind not in STAFF_KINDS
    ):
        problems["organisation"] = "Prison and probation staff must belong to a prison or team"
    return problems


@transaction.atomic
def create_user(
    *,
    by: User | None,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None,
    invite: bool = True,
    functions: Iterable[str] = (),
    grade: str = "",
) -> User:
    """A new account, without a password: its owner sets one, and their authenticator app,
    through the invitation emailed to them (sent here unless the caller sends it)."""
    functions = list(functions)
    problems = check_account(
        email=email, full_name=full_name, role=role, organisation=organisation, functions=functions
    )
    if problems:
        raise Invalid(problems)
    user = User(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        role=role,
        organisation=organisation,
        functions=functions,
        grade=grade,
    )
    user.set_unusable_password()
    user.save()
    audit.record(
        user=by,
        operation=Operation.COLLECTION,
        record_type=ACCOUNT_WIDENED,
        record_id=user.pk,
        reason=f"New account: {_label(role)}, {_where(organisation)}",
        fields=["email", "full_name", "role", "organisation", "grade", "functions"],
    )
    if invite:
        invitations.send(user=user, by=by)
    return user


def _describe(field: str, old: Any, new: Any) -> tuple[str, bool]:
    """What the change says in the audit log, and whether it widens access."""
    if field == "role":
        return f"Role changed from {_label(old)} to {_label(new)}", role_widens(old, new)
    if field == "organisation":
        # Staff see their organisation's cases: another organisation's cases are new to them.
        return (
            f"Organisation changed from {_where(old)} to {_where(new)}",
            new is not None,
        )
    if field == "is_active":
        return ("Account enabled again", True) if new else ("Account disabled", False)
    if field == "email":
        return "Email address changed (sign-in and invitations go to the new one)", True
    if field == "grade":
        return f"Grade changed to {new or 'none'}", False
    if field == "functions":
        # Information requests to a function reach whoever has it: a new one widens access.
        added = set(new or ()) - set(old or ())
        return f"Functions changed to {', '.join(new) or 'none'}", bool(added)
    return "Name changed", False


@transaction.atomic
def update_user(*, by: User | None, user: User, changes: dict[str, Any]) -> list[str]:
    """Changes the account's details: one audit event for each thing changed. Disabling it
    ends its sessions at once (signin.sessions); a changed email address is told to the old
    one. Returns the fields that changed."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not an account detail: {', '.join(sorted(unknown))}")
    current = (
        User.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=user.pk)
    )
    new = {field: changes.get(field, getattr(current, field)) for field in EDITABLE}
    if isinstance(new["email"], str):
        new["email"] = new["email"].strip().lower()
    problems = check_account(
        email=new["email"],
        full_name=new["full_name"],
        role=new["role"],
        organisation=new["organisation"],
        user=current,
        functions=new["functions"] or (),
    )
    if problems:
        raise Invalid(problems)
    changed = [field for field in EDITABLE if new[field] != getattr(current, field)]
    if not changed:
        return []
    old = {field: getattr(current, field) for field in changed}
    for field in changed:
        setattr(current, field, new[field])
    current.save(update_fields=changed)
    for field in changed:
        reason, widens = _describe(field, old[field], new[field])
        audit.record(
            user=by,
            operation=Operation.ALTERATION,
            record_type=ACCOUNT_WIDENED if widens else ACCOUNT,
            record_id=current.pk,
            reason=reason,
            fields=[field],
        )
    if "email" in changed:
        send_after_commit(
            to=old["email"],
            subject="The email address of your Throughcare account was changed",
            template="access/email/email_changed.txt",
            context={"user": current, "old_email": old["email"], "by": by},
        )
    if "is_active" in changed and not current.is_active:
        invitations.withdraw(current)
    for field in changed:
        setattr(user, field, new[field])
    return changed


@transaction.atomic
def delete_user(*, by: User | None, user: User) -> None:
    """Deletes an account that holds no case history (the admin site refuses the others)."""
    audit.record(
        user=by,
        operation=Operation.ERASURE,
        record_type=ACCOUNT,
        record_id=user.pk,
        reason=f"Account deleted: {user.email}, {_label(user.role)}",
    )
    sessions.end_sessions(user)
    user.delete()


@transaction.atomic
def reset_two_factor(*, by: User | None, user: User, invite: bool = True) -> None:
    """For a lost phone: removes the account's authenticator app and recovery codes, signs it
    out everywhere, tells its owner, and sends a new invitation through which they set up a new
    app (and a new password)."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    audit.record(
        user=by,
        operation=Operation.ERASURE,
        record_type=SECOND_FACTOR,
        record_id=user.pk,
        reason=(
            "Authenticator app and recovery codes removed"
            if removed
            else "Second factor reset (there was no authenticator app to remove)"
        ),
        fields=["authenticator app", "recovery codes"],
    )
    sessions.end_sessions(user)
    if removed:
        send_after_commit(
            to=user.email,
            subject="Your Throughcare authenticator app was removed",
            template="access/email/device_removed.txt",
            context={"user": user, "by": by},
        )
    if invite:
        invitations.send(user=user, by=by)


# Organisations -----------------------------------------------------------------------------


def check_organisation(
    *, name: str, kind: str, organisation: Organisation | None = None
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Enter the name of the organisation"
    else:
        taken = Organisation.objects.filter(name__iexact=name.strip())
        if organisation is not None and organisation.pk:
            taken = taken.exclude(pk=organisation.pk)
        if taken.exists():
            problems["name"] = "There is already an organisation with this name"
    if kind not in Organisation.Kind.values:
        problems["kind"] = "Select the kind of organisation"
    return problems


@transaction.atomic
def save_organisation(
    *, by: User | None, organisation: Organisation, fields: Iterable[str] = ()
) -> Organisation:
    """Creates the organisation, or saves the changes to the fields named. A partner
    organisation that becomes a prison or probation team lets its users see that
    organisation's cases: that widens access."""
    problems = check_organisation(
        name=organisation.name, kind=organisation.kind, organisation=organisation
    )
    if problems:
        raise Invalid(problems)
    if organisation.pk is None:
        organisation.save()
        audit.record(
            user=by,
            operation=Operation.COLLECTION,
            record_type=ORGANISATION,
            record_id=organisation.pk,
            reason=f"New organisation: {organisation.name}",
            fields=["name", "kind", "code"],
        )
        return organisation
    before = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = [f for f in fields if getattr(before, f) != getattr(organisation, f)]
    if not changed:
        return organisation
    organisation.save(update_fields=changed)
    widens = (
        "kind" in changed
        and before.kind == Organisation.Kind.PARTNER
        and organisation.kind in STAFF_KINDS
    )
    audit.record(
        user=by,
        operation=Operation.ALTERATION,
        record_type=ORGANISATION_WIDENED if widens else ORGANISATION,
        record_id=organisation.pk,
        reason=(
            f"Changed from a partner organisation to a {organisation.get_kind_display().lower()}"
            if widens
            else f"Organisation changed: {organisation.name}"
        ),
        fields=changed,
    )
    return organisation


@transaction.atomic
def delete_organisation(*, by: User | None, organisation: Organisation) -> None:
    audit.record(
        user=by,
        operation=Operation.ERASURE,
        record_type=ORGANISATION,
        record_id=organisation.pk,
        reason=f"Organisation deleted: {organisation.name}",
    )
    organisation.delete()
