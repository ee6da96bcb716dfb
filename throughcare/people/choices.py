"""Lists used on the person record. Sources: ONS 2021 census (ethnicity, religion),
../shared/domain/practice.md (sentence types); the offence categories are the OGRS3 instrument's
(throughcare/assessment/instruments/ogrs3/coefficients.py, from ../shared/domain/ogrs3.md)."""

from django.db import models

from throughcare.assessment.instruments.ogrs3 import coefficients as ogrs3_coefficients


class Sex(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"


class Ethnicity(models.TextChoices):
    ASIAN_BANGLADESHI = "A1", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "A2", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "A3", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "A4", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "A5", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "B1", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "B2", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "B3", "Black, Black British, Caribbean or African: any other Black background"
    MIXED_WHITE_ASIAN = "M1", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "M2", "Mixed or multiple ethnic groups: White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "M3",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_OTHER = "M4", "Mixed or multiple ethnic groups: any other Mixed background"
    WHITE_BRITISH = "W1", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "W2", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "W3", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "W4", "White: Roma"
    WHITE_OTHER = "W5", "White: any other White background"
    OTHER_ARAB = "O1", "Other ethnic group: Arab"
    OTHER = "O2", "Other ethnic group: any other ethnic group"
    NOT_SAID = "NS", "Prefer not to say"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    NOT_SAID = "not_said", "Prefer not to say"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SAID = "not_said", "Prefer not to say"


class SentenceType(models.TextChoices):
    STANDARD_DETERMINATE = "sds", "Standard determinate"
    EXTENDED_DETERMINATE = "eds", "Extended determinate"
    LIFE = "life", "Life"
    IPP = "ipp", "Imprisonment for public protection (IPP)"
    COMMUNITY_ORDER = "community", "Community order"


# The OGRS3 offence categories are the instrument's own table, in its order (ogrs3.md's): one list.
OGRS3_CATEGORIES = ogrs3_coefficients.CATEGORIES
OGRS3_CATEGORY_CHOICES = [(name, name) for name in OGRS3_CATEGORIES]
