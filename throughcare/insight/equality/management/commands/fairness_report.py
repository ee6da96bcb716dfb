"""Writes the team fairness report (the OGRS3 score against proven reoffending within two years,
for everyone and by each characteristic) as JSON and, optionally, a self-contained HTML page,
for an analyst (docs/instruments.md, "The score's fairness on the service's own outcomes").

The figures are those of a senior probation officer's team fairness page, read through that
officer's access (`policy.team_people`): name the officer with --user, or the probation team
with --team (its one senior probation officer; with several, name one with --user as well).
Small groups are suppressed exactly as on the page. Every run is recorded in the audit log as a
disclosure of the team's figures to the file written, by the operator at the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string

from throughcare.access import policy
from throughcare.access.models import Organisation, Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.insight import cohort
from throughcare.insight.equality import fairness, presenters
from throughcare.insight.validation import write_json
from throughcare.insight.validation_html import STYLE


def _officer(email: str | None, code: str | None) -> User:
    team = None
    if code:
        team = Organisation.objects.filter(
            code__iexact=code.strip(), kind=Organisation.Kind.PROBATION_TEAM
        ).first()
        if team is None:
            raise CommandError(f"There is no probation team with the code {code}.")
    if email:
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active account with the email address {email}.")
        if team is not None and user.organisation_id != team.pk:
            raise CommandError(f"{user.email} is not in the team {team.code} ({team.name}).")
    else:
        assert team is not None  # noqa: S101 - one of the two is required
        officers = list(
            User.objects.filter(organisation=team, role=Role.SPO, is_active=True).order_by("email")
        )
        if not officers:
            raise CommandError(f"The team {team.code} has no active senior probation officer.")
        if len(officers) > 1:
            names = ", ".join(officer.email for officer in officers)
            raise CommandError(
                f"The team {team.code} has {len(officers)} senior probation officers ({names}): "
                "name one with --user."
            )
        user = officers[0]
    if not policy.may(user, policy.UserAction.TEAM_FIGURES):
        raise CommandError(
            f"{user.email} may not see a team's figures: only a senior probation officer may."
        )
    return user


class Command(BaseCommand):
    help = (
        "Write the team fairness report (the OGRS3 two-year score against a new proven offence "
        "within two years of release: AUC with DeLong's 95%% interval, error rates with "
        "Medium or above as flagged, calibration; for everyone and by sex, ethnicity, age, "
        "disability and religion) as JSON, and optionally HTML. The figures are those of a "
        "senior probation officer's fairness page, through their access: name them with "
        "--user, or their probation team with --team. Groups of fewer than 30 are suppressed "
        "as on the page. Each run is recorded in the audit log as a disclosure."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--user",
            metavar="EMAIL",
            help="the senior probation officer whose team's figures to report",
        )
        parser.add_argument(
            "--team",
            metavar="ORGANISATION_CODE",
            help="the probation team's code (e.g. TPT): its senior probation officer's figures",
        )
        parser.add_argument(
            "--json", required=True, type=Path, metavar="FILE", help="where to write the JSON"
        )
        parser.add_argument(
            "--html", type=Path, metavar="FILE", help="where to write a self-contained HTML page"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["user"] and not options["team"]:
            raise CommandError("Name the senior probation officer (--user) or the team (--team).")
        officer = _officer(options["user"], options["team"])
        today = clock.today()
        found = fairness.report(cohort.members(officer, today))
        team = officer.organisation
        team_words = f"{team.name} ({team.code})" if team else ""
        written = [options["json"]] + ([options["html"]] if options["html"] else [])
        audit.record(
            user=None,
            operation=Operation.DISCLOSURE,
            record_type=RecordType.INSIGHT_EXPORT,
            record_id="fairness",
            recipient="command line: " + ", ".join(path.name for path in written)[:150],
            reason=f"Fairness report of the team figures of {officer.email} ({team_words}), "
            "written by manage.py fairness_report",
        )
        report = {
            "generated_on": today.isoformat(),
            "team": team_words,
            "senior_probation_officer": officer.email,
            **fairness.as_json(found),
        }
        try:
            for path in written:
                path.parent.mkdir(parents=True, exist_ok=True)
            write_json(report, options["json"])
            if options["html"]:
                page = render_to_string(
                    "insight_equality/fairness_file.html",
                    {
                        **presenters.fairness_context(found),
                        "team": team_words,
                        "spo": officer.full_name,
                        "today": today.strftime("%-d %B %Y"),
                        "style": STYLE,
                    },
                )
                options["html"].write_text(page, encoding="utf-8")
        except OSError as problem:
            raise CommandError(f"Cannot write the report: {problem}") from None
        everyone = found.everyone.figures
        self.stdout.write(
            self.style.SUCCESS(
                f"Fairness report for {team_words or officer.email}: "
                + (
                    f"{everyone['n']:,} people with a score and a known outcome, "
                    f"written to {', '.join(str(p) for p in written)}."
                    if everyone is not None
                    else "fewer than 30 people with a score and a known outcome, too few to "
                    f"judge; written to {', '.join(str(p) for p in written)}."
                )
            )
        )
