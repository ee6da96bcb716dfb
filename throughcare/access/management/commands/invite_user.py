"""Creates an account and emails its owner an invitation, or sends a new invitation to an
existing account: for the first administrator, and for operators without the admin site. Every
step is recorded in the audit chain, as made by the operator at the command line."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp import devices_for_user

from throughcare.access.accounts import invitations
from throughcare.access.accounts import services as accounts
from throughcare.access.models import Organisation, Role, User


class Command(BaseCommand):
    help = "Invite someone to set up their Throughcare account (creating it if need be)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", help="full name, for a new account")
        parser.add_argument("--role", choices=Role.values, help="role, for a new account")
        parser.add_argument("--organisation", help="organisation name, for a new account")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="remove the account's authenticator app and recovery codes first (a lost phone)",
        )
        parser.add_argument(
            "--print-link",
            action="store_true",
            help="also print the invitation link here, for when email cannot reach the owner "
            "(the first administrator, before email is set up). Give it to them yourself.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = self._create(email, options)
        elif options["reset"]:
            accounts.reset_two_factor(by=None, user=user, invite=False)
        elif any(devices_for_user(user, confirmed=None)):
            raise CommandError(
                f"{email} already has an authenticator app or recovery codes: add --reset to "
                "remove them and send a new invitation."
            )
        reason = "Invitation emailed"
        if options["print_link"]:
            reason += ", and its link given to the operator at the command line"
        token = invitations.send(user=user, by=None, reason=reason)
        if options["print_link"]:
            self.stdout.write(invitations.link(token))
        self.stderr.write(f"Invitation sent to {email}.")

    def _create(self, email: str, options: dict[str, Any]) -> User:
        if not options["name"] or not options["role"]:
            raise CommandError("For a new account give --name and --role.")
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(name=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"There is no organisation called {options['organisation']}.")
        try:
            return accounts.create_user(
                by=None,
                email=email,
                full_name=options["name"],
                role=options["role"],
                organisation=organisation,
                invite=False,
            )
        except ValidationError as problems:
            raise CommandError(" ".join(problems.messages)) from None
