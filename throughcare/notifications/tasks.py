"""The background task that sends an email (Django's tasks framework), so that no email is
sent inside a request: `email.send_after_commit` queues it once the change it tells of
commits, and the worker sends it."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task(queue_name="email")
def send_email(to: str, subject: str, body: str) -> None:
    """Sends one plain-text message, already rendered (it carries no case detail)."""
    send_mail(subject, body, None, [to], fail_silently=False)
