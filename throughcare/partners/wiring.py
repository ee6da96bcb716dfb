"""What partners declares to the rest of the service, from `AppConfig.ready()`: a panel and a
column on release options (planning's `extensions`), "Referrals to us" on a partner worker's
landing page (the caseload's `landing`), and its part of the subject access export."""

from __future__ import annotations


def connect() -> None:
    from throughcare.caseload import landing
    from throughcare.core import subject_access
    from throughcare.planning import extensions

    from . import views
    from .subject_access import PART

    extensions.register(
        extensions.OptionPanel(
            key="referrals",
            position=10,
            template="partners/_option_panel.html",
            context=views.option_panel,
            column_title="Partner's answer",
            column=views.option_column,
        )
    )
    landing.register(
        landing.Panel(
            key="referrals",
            position=10,
            template="partners/_landing_panel.html",
            context=views.landing_panel,
        )
    )
    subject_access.register(PART)
