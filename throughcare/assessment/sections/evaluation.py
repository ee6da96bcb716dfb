"""The evaluations the standard asks for (SFJCCFI2 P20.1-P20.7) and the matters of the
community (P18.1-P18.3), in plain English, one long answer each."""

from __future__ import annotations

from throughcare.ui.forms import BaseForm, long_text


class EvaluationForm(BaseForm):
    """P20.1-P20.7."""

    effects = long_text("The effects of their offending on victims and others", hint="P20.1")
    causes = long_text("The causes of their offending", hint="P20.2")
    attitudes = long_text(
        "Their attitude to their offending, and their motivation to change", hint="P20.3"
    )
    progress = long_text(
        "The progress they have made in changing their behaviour, and what may stop them "
        "keeping it up",
        hint="P20.4",
    )
    impact = long_text("The impact they may have on the community", hint="P20.5")
    community = long_text(
        "The community they are going to, and whether it is the right one to release and "
        "resettle them in",
        hint="P20.6",
    )
    resources = long_text(
        "The resources needed to sustain them in the community, keep the risk of harm down "
        "and make reoffending less likely",
        hint="P20.7",
    )


class CommunityForm(BaseForm):
    """P18.1-P18.3."""

    plans = long_text("Their plans for living in the community", hint="P18.1")
    views = long_text(
        "The views of people in the community who will be affected by their release",
        hint="P18.2. For example, victims, family, neighbours, the people they will live with",
    )
    other = long_text(
        "Other things in the community that may have a bearing on the case",
        required=False,
        hint="P18.3. Leave blank if there are none",
    )
