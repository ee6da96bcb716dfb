"""The assessment's long form (SFJCCFI2 P16-P22), one section a page, in the order the
practitioner works: the sources and the summary of what was gathered, needs, the likelihood of
reoffending (OGRS3, the dynamic and protective factors, the judgement), the risk of serious
harm and the other risks, the evaluations, the community, domestic abuse and safeguarding, and
the other agencies' contributions.

Forms that need the record (`ogrs3`: `facts`; `likelihood`: `band`; `needs`: `entries`) take
keyword arguments, which the owning app passes through `FormSection.kwargs`. Each intro
template reads the context variables `headline` (`headline.Headline`) and `facts`
(`headline.RecordFacts`); `sources`' reads `findings`, a list of (sufficiency Finding, the
address to request it or "")."""

from __future__ import annotations

from throughcare.record.longform import FormSection

from .abuse import DomesticAbuseForm, SafeguardingForm
from .contributions import ContributionsForm
from .evaluation import CommunityForm, EvaluationForm
from .harm import OtherRisksForm, RoshForm
from .likelihood import FactorsForm, LikelihoodForm, Ogrs3Form
from .needs import NeedsForm
from .sources import SourcesForm, SummaryForm

INTROS = "assessment/sections"

SECTIONS: tuple[FormSection, ...] = (
    FormSection(
        "sources",
        "Sources: is there enough to assess?",
        SourcesForm,
        hint="P17",
        intro=f"{INTROS}/sources.html",
    ),
    FormSection("summary", "Case summary", SummaryForm, hint="P16"),
    FormSection("needs", "Needs, by pathway", NeedsForm, hint="P19"),
    FormSection(
        "ogrs3",
        "Likelihood of reoffending: OGRS3",
        Ogrs3Form,
        hint="P19. The record supplies age, sex and the offence; you add the criminal history",
        intro=f"{INTROS}/ogrs3.html",
    ),
    FormSection("factors", "Dynamic and protective factors", FactorsForm, hint="P19"),
    FormSection(
        "likelihood",
        "Likelihood of reoffending: your judgement",
        LikelihoodForm,
        hint="P19",
        intro=f"{INTROS}/likelihood.html",
    ),
    FormSection(
        "rosh",
        "Risk of serious harm",
        RoshForm,
        hint="P19",
        intro=f"{INTROS}/rosh.html",
    ),
    FormSection("other-risks", "Other risks", OtherRisksForm, hint="P19"),
    FormSection("evaluation", "Evaluation", EvaluationForm, hint="P20.1 to P20.7"),
    FormSection("community", "The community", CommunityForm, hint="P18.1 to P18.3"),
    FormSection(
        "domestic-abuse",
        "Domestic abuse",
        DomesticAbuseForm,
        hint="DASH and MARAC",
        intro=f"{INTROS}/domestic_abuse.html",
    ),
    FormSection("safeguarding", "Safeguarding", SafeguardingForm, required=False),
    FormSection(
        "contributions",
        "Other agencies, MAPPA and advice",
        ContributionsForm,
        hint="P21 and P22",
        intro=f"{INTROS}/contributions.html",
    ),
)
