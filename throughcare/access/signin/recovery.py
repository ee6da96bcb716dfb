"""Recovery codes used at sign-in: each use is audited and told to the owner by email."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticToken

from throughcare.access.models import User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core import clock
from throughcare.notifications.email import send_after_commit, when

from . import two_factor


@transaction.atomic
def code_used(user: User) -> None:
    left = StaticToken.objects.filter(
        device__user=user, device__name=two_factor.RECOVERY_DEVICE_NAME
    ).count()
    audit.record(
        user=user,
        operation=Operation.ALTERATION,
        record_type="user's second factor",
        record_id=user.pk,
        reason=f"Signed in with a recovery code; {left} left",
        fields=["recovery codes"],
    )
    send_after_commit(
        to=user.email,
        subject="A recovery code was used to sign in to your Throughcare account",
        template="access/email/recovery_code_used.txt",
        context={"user": user, "used": when(clock.now()), "left": left},
    )
