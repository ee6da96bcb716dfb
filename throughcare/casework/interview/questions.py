"""The questions of the interview, one form a section, in the order the standard gives them
(SFJCCFI2 P1-P8), and the long form that declares them for the record's frame."""

from __future__ import annotations

from django import forms

from throughcare.record.longform import FormSection
from throughcare.ui.forms import LONG_TEXT_LIMIT, BaseForm, DateField, long_text

TEXT_LIMIT = LONG_TEXT_LIMIT
YES_NO = [("yes", "Yes"), ("no", "No")]


def choice(label: str, choices: list[tuple[str, str]], *, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, help_text=hint, widget=forms.RadioSelect)


class OpeningForm(BaseForm):
    """P1 (role and purpose), P2 (who will see the information), P3 (communication)."""

    role_explained = forms.BooleanField(
        label="I told them my role and why this information is being gathered",
        error_messages={"required": "Confirm that you told them your role and why you are asking"},
    )
    who_sees_explained = forms.BooleanField(
        label="I told them who will see this information (listed above)",
        error_messages={"required": "Confirm that you told them who will see this information"},
    )
    communication = long_text(
        "How they prefer to communicate",
        hint="For example, face to face, in writing, with a support worker present",
        rows=3,
    )
    interpreter = choice("Did they need an interpreter?", YES_NO)
    interpreter_language = forms.CharField(
        label="Language, if they needed an interpreter", required=False, max_length=100
    )
    support = long_text(
        "Reading or other support they need",
        required=False,
        hint="For example, help with reading, large print, a learning disability or hearing loss",
        rows=3,
    )


class OffendingForm(BaseForm):
    """P4.1."""

    view_of_offending = long_text("Their view of their offending", hint="In their own words")
    why = long_text("Why they think it happened")
    pattern = long_text("Any pattern they see in their offending", required=False)


# The resettlement pathways (shared/domain/practice.md): one answer each.
PATHWAYS: list[tuple[str, str]] = [
    ("accommodation", "Accommodation"),
    ("attitudes", "Attitudes, thinking and behaviour"),
    ("family", "Children, families and communities"),
    ("drugs_alcohol", "Drugs and alcohol"),
    ("education_work", "Education, skills and work"),
    ("finance_id", "Finance and ID"),
    ("health", "Health, including mental and emotional health"),
]


BLANK_HINT = "Leave blank if it did not come up"


class CircumstancesForm(BaseForm):
    """P4.2, by resettlement pathway. Accommodation is asked of everyone; the rest where they
    apply (support and contacts go under the pathway they belong to)."""

    accommodation = long_text("Accommodation", rows=3)
    attitudes = long_text(
        "Attitudes, thinking and behaviour", required=False, hint=BLANK_HINT, rows=3
    )
    family = long_text(
        "Children, families and communities", required=False, hint=BLANK_HINT, rows=3
    )
    drugs_alcohol = long_text("Drugs and alcohol", required=False, hint=BLANK_HINT, rows=3)
    education_work = long_text(
        "Education, skills and work", required=False, hint=BLANK_HINT, rows=3
    )
    finance_id = long_text("Finance and ID", required=False, hint=BLANK_HINT, rows=3)
    health = long_text(
        "Health, including mental and emotional health", required=False, hint=BLANK_HINT, rows=3
    )


class VictimsForm(BaseForm):
    """P4.3."""

    attitude = long_text("Their attitude to their victims", hint="In their own words")
    feelings = long_text("What they feel about the harm done", required=False)


class ReleaseEffectForm(BaseForm):
    """P4.4."""

    on_victims = long_text("What they think their release will mean for their victims")
    on_community = long_text("What they think it will mean for the community", required=False)


class ReleasePlansForm(BaseForm):
    """P4.5."""

    obstacles = long_text("Obstacles to changing", hint="What may get in the way")
    concerns = long_text("Their worries about release", required=False)
    plans = long_text("Their plans for release")


class SupervisionForm(BaseForm):
    """P4.6."""

    attitude = long_text("Their attitude to supervision and the requirements of their licence")


class ExtremeViewsForm(BaseForm):
    """P7."""

    expressed = choice(
        "Did they express extreme views that seem to influence their offending?", YES_NO
    )
    details = long_text("What they said, and how it was explored", required=False)


class BehaviourForm(BaseForm):
    """P8."""

    happened = choice("Did they behave inappropriately during the interview?", YES_NO)
    what = long_text("What happened", required=False)
    when = DateField(label="When it happened", required=False, help_text="For example, 27 3 2026")
    challenged = long_text("How it was challenged, and how they responded", required=False)


class ObservationsForm(BaseForm):
    """P6: the practitioner's own, sourced to them."""

    observations = long_text(
        "Your observations through the interview",
        hint="Their manner, how they engaged, anything that gives further insight",
    )


OBSERVATIONS = "observations"  # the section sourced to the practitioner, not the person

SECTIONS: tuple[FormSection, ...] = (
    FormSection(
        "opening",
        "Opening: your role, who will see this, how they communicate",
        OpeningForm,
        hint="P1 to P3",
        intro="casework/interview/_who_will_see.html",
    ),
    FormSection("offending", "Their view of their offending", OffendingForm, hint="P4.1"),
    FormSection("circumstances", "Their circumstances, by pathway", CircumstancesForm, hint="P4.2"),
    FormSection("victims", "Their attitude to victims", VictimsForm, hint="P4.3"),
    FormSection(
        "release-effect",
        "What release means for victims and the community",
        ReleaseEffectForm,
        hint="P4.4",
    ),
    FormSection(
        "release-plans", "Obstacles, concerns and plans for release", ReleasePlansForm, hint="P4.5"
    ),
    FormSection("supervision", "Their attitude to supervision", SupervisionForm, hint="P4.6"),
    FormSection("extreme-views", "Extreme views", ExtremeViewsForm, required=False, hint="P7."),
    FormSection(
        "behaviour",
        "Inappropriate behaviour and how it was challenged",
        BehaviourForm,
        required=False,
        hint="P8.",
    ),
    FormSection(OBSERVATIONS, "Your observations", ObservationsForm, hint="P6"),
)
