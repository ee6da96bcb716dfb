"""Revokes an API token at once, found by its public prefix (the part after `tc_`)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from throughcare.api import queries, services


class Command(BaseCommand):
    help = "Revoke an API token, given its prefix (tc_<prefix>_...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        prefix = options["prefix"].removeprefix(services.TOKEN_START).split("_")[0]
        token = queries.token_by_prefix(prefix)
        if token is None:
            raise CommandError("There is no token with that prefix.")
        services.revoke_api_token(by=None, token=token)
        self.stderr.write(f"Token {token.name!r} revoked.")
