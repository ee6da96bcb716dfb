"""The intro templates above the sections render from `headline`, `facts` and `findings`.
(Read from their files, so that they render whether or not the app's templates are loaded.)"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from django.template import engines

from throughcare.assessment.rules.rosh import CELLS
from throughcare.assessment.rules.sufficiency import Finding, Held, Need, Status
from throughcare.assessment.sections import SECTIONS
from throughcare.assessment.sections.harm import cell_field
from throughcare.assessment.sections.headline import Headline, headline

from .helpers import FACTS

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TODAY = date(2026, 11, 24)
OGRS3 = {
    "previous_sanctions": 4,
    "first_sanction_date": "2008-01-20",
    "history_source": "Police National Computer record",
    "history_date": "2026-10-01",
}


def render(key: str, **context: Any) -> str:
    intro = next(s.intro for s in SECTIONS if s.key == key)
    assert intro is not None
    source = (TEMPLATES / intro).read_text(encoding="utf-8")
    return engines["django"].from_string(source).render(context)


def text(html: str) -> str:
    return " ".join(html.split())


def test_ogrs3_shows_the_record_inputs_with_sources_and_the_sum() -> None:
    found = headline({"ogrs3": OGRS3}, FACTS, TODAY)
    assert found.ogrs3 is not None
    html = text(render("ogrs3", headline=found, facts=FACTS))
    assert 'Date of birth</th> <td class="govuk-table__cell">5 June 1990</td>' in html
    assert "From the person&#x27;s record (main offence)" in html
    assert "Burglary of a dwelling: Burglary (domestic)" in html
    for term in found.ogrs3.terms:
        assert term.label in html
        assert f"{term.value:.4f}" in html
    assert f"{found.ogrs3.total:.4f}" in html
    assert f"{found.ogrs3.one_year_percent}%" in html
    assert f"{found.ogrs3.two_year_percent}%" in html
    assert f'<dd class="govuk-summary-list__value">{found.ogrs3.band}</dd>' in html


def test_ogrs3_before_the_counts_are_saved_says_what_is_missing() -> None:
    uncategorised = dataclasses.replace(FACTS, offence_category=None)
    html = text(render("ogrs3", headline=headline({}, uncategorised, TODAY), facts=uncategorised))
    assert "Not placed in an OGRS3 category" in html
    assert "OGRS3 is not calculated yet" in html
    assert "record its category on the person&#x27;s record" in html
    assert "How the score is reached" not in html


def test_likelihood_shows_the_band() -> None:
    html = text(render("likelihood", headline=headline({"ogrs3": OGRS3}, FACTS, TODAY)))
    assert "within two years" in html
    assert "no band" in text(render("likelihood", headline=headline({}, FACTS, TODAY)))


def test_rosh_shows_the_computed_overall_level() -> None:
    answers = {cell_field(g, s): "medium" for g, s in CELLS}
    answers["public_custody"] = "high"
    html = text(render("rosh", headline=headline({"rosh": answers}, FACTS, TODAY)))
    assert "Overall risk of serious harm: high" in html
    assert "In the community: medium. In custody: high." in html
    assert "Overall risk" not in text(render("rosh", headline=headline({}, FACTS, TODAY)))


def test_domestic_abuse_prompts_for_marac() -> None:
    due = headline(
        {"domestic-abuse": {"dash_received": "no", "professional_judgement": "yes"}}, FACTS, TODAY
    )
    html = text(render("domestic-abuse", headline=due))
    assert 'data-testid="marac-prompt"' in html
    for reason in due.marac_reasons:
        assert reason in html
    quiet = text(render("domestic-abuse", headline=headline({}, FACTS, TODAY)))
    assert 'data-testid="marac-thresholds"' in quiet and "marac-prompt" not in quiet


def test_sources_show_each_finding_and_the_request_link() -> None:
    held = Held(Need.INTERVIEW, date(2026, 11, 2), "Interview, 2 November 2026", "interview:3")
    findings = [
        (Finding(Need.INTERVIEW, Status.PRESENT, "Interviewed on 2 November", held), ""),
        (Finding(Need.POLICE_DA, Status.MISSING, "They have an ex-partner", None), "/ask/police"),
        (Finding(Need.PROGRAMMES, Status.NOT_NEEDED, "No programmes attended", None), ""),
    ]
    html = text(render("sources", findings=findings))
    assert "Interview, 2 November 2026, obtained 2 November 2026" in html
    assert "Police domestic abuse information" in html
    assert 'href="/ask/police"' in html and "Request it" in html
    assert html.count("Request it") == 1
    assert "Missing" in html and "Not needed" in html and "Present" in html
    assert "have not been checked yet" in text(render("sources", findings=[]))


def test_headline_is_what_the_templates_read() -> None:
    assert {f.name for f in dataclasses.fields(Headline)} >= {
        "overall",
        "community",
        "ogrs3",
        "ogrs3_problems",
        "judged",
        "departs",
        "marac_reasons",
    }
