"""Prints the demo sign-in accounts (only those that exist in this database)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from throughcare.access.models import User
from throughcare.demo import builder as demo


class Command(BaseCommand):
    help = "List the demo accounts and their password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--address",
            default="http://127.0.0.1:8000",
            help="the address the demo is served on (make run passes its HOST and PORT)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        emails = [email for email, _, _ in demo.USERS]
        users = {
            u.email: u for u in User.objects.filter(email__in=emails).select_related("organisation")
        }
        if not users:
            self.stdout.write("No demo accounts here. Run `manage.py seed_demo` first.")
            return
        self.stdout.write(f"\nThroughcare demo: {options['address']}")
        self.stdout.write(f"Every demo account's password: {demo.DEMO_PASSWORD}\n")
        for email in emails:
            if email in users:
                user = users[email]
                where = user.organisation.name if user.organisation else "no organisation"
                does = "".join(f", {label.lower()}" for label in user.function_labels)
                self.stdout.write(f"  {email:40} {user.get_role_display()}, {where}{does}")
        self.stdout.write("")
