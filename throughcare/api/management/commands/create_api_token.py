"""Creates an API token for a service account and prints it once: only its hash is kept, so
it cannot be shown again (revoke it and create another if it is lost). Audited as made by the
operator at the command line."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from throughcare.access.models import User
from throughcare.api import services
from throughcare.api.models import Scope
from throughcare.core import clock


class Command(BaseCommand):
    help = "Create an API token acting as a service account; the token is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the system or script that will use it")
        parser.add_argument("--user", required=True, help="the service account's email address")
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            required=True,
            help="what it may do (repeat for several)",
        )
        parser.add_argument(
            "--days", type=int, default=90, help="days until it expires (default 90)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"].strip()).first()
        if user is None:
            raise CommandError(f"There is no account with the email address {options['user']}.")
        if not 1 <= options["days"] <= 366:
            raise CommandError("--days must be between 1 and 366.")
        try:
            token, value = services.create_api_token(
                by=None,
                details=services.NewApiToken(
                    name=options["name"],
                    user=user,
                    scopes=services.scopes_named(options["scope"]),
                    expires_at=clock.now() + timedelta(days=options["days"]),
                ),
            )
        except ValidationError as problems:
            raise CommandError(" ".join(problems.messages)) from None
        self.stdout.write(value)
        self.stderr.write(
            f"Token {token.name!r} for {user.email}, expires {token.expires_at:%d %B %Y}. "
            "It is shown only this once: keep it in the system's secret store."
        )
