"""OGRS3's published numbers: the coefficients, the age bands, the 20 offence categories and the
risk bands (``shared/domain/ogrs3.md``; NOMS-DIGITAL-STUDIO/rsr-calculator
``lib/data/coefficients.json``; the tests check them against both).

This table is the one source of the offence categories: the people app's choices for an
offence's OGRS3 category are :data:`CATEGORIES`. Plain data, no numpy and no Django.
"""

from __future__ import annotations

from typing import Final

INTERCEPT_1Y: Final = 1.402562384
INTERCEPT_2Y: Final = 2.121705678
COPAS_WEIGHT: Final = 1.251124464
REPEAT_OFFENDER: Final = 0.463062792
FIRST_OFFENCE: Final = 0.126142106
SANCTIONS_CAP: Final = 50
MIN_AGE_AT_FIRST_SANCTION: Final = 10

SEXES: Final = ("male", "female")

#: Age bands (whole years at assessment): lower and upper bound, ``None`` meaning "and over".
AGE_BANDS: Final[tuple[tuple[int, int | None], ...]] = (
    (10, 11),
    (12, 13),
    (14, 15),
    (16, 17),
    (18, 20),
    (21, 24),
    (25, 29),
    (30, 34),
    (35, 39),
    (40, 49),
    (50, None),
)
#: The upper bound of every age band but the last, for looking an age up.
AGE_BAND_UPPER: Final = tuple(high for _, high in AGE_BANDS if high is not None)

AGE_SEX_COEFFICIENTS: Final[dict[str, tuple[float, ...]]] = {
    "male": (
        0.0,
        0.083922902,
        0.075775765,
        -0.061594199,
        -0.625103618,
        -1.051515067,
        -1.166679288,
        -1.325976554,
        -1.368045933,
        -1.499690953,
        -2.025261458,
    ),
    "female": (
        -0.785038489,
        -0.613852078,
        -0.669521331,
        -0.959179629,
        -0.897480934,
        -1.028488454,
        -1.052777806,
        -1.129127959,
        -1.42187494,
        -1.524652221,
        -2.44983716,
    ),
}

#: The 20 offence categories, in the order of ogrs3.md's table, with their coefficients.
OFFENCE_COEFFICIENTS: Final[dict[str, float]] = {
    "Violence": 0.0,
    "Robbery": -0.634795912,
    "Public order": 0.181917975,
    "Sexual (not against child)": 0.003276327,
    "Sexual (against child)": -0.653434071,
    "Soliciting or prostitution": 0.760608858,
    "Burglary (domestic)": -0.12394352,
    "Burglary (other)": 0.240604429,
    "Theft (non-motor)": 0.661244321,
    "Handling stolen goods": 0.351866973,
    "Fraud and forgery": 0.159910192,
    "Absconding or bail offences": 0.733378677,
    "Taking and driving away and related offences": 0.380059431,
    "Theft from vehicles": 0.427225615,
    "Other motoring": 0.262228428,
    "Drink driving": -0.121439408,
    "Criminal damage": 0.204960477,
    "Drug import/export/production": -0.795556373,
    "Drug possession/supply": 0.077165871,
    "Other offence": -0.060667525,
}
#: The category names, in the table's order (the people app's choices).
CATEGORIES: Final[tuple[str, ...]] = tuple(OFFENCE_COEFFICIENTS)

#: Bands on the two-year percentage: name and lowest whole percentage.
BANDS: Final = (("Low", 0), ("Medium", 50), ("High", 75), ("Very high", 90))
BAND_NAMES: Final = tuple(name for name, _ in BANDS)
#: The lowest percentage of every band but the first, for looking a percentage up.
BAND_FLOORS: Final = tuple(floor for _, floor in BANDS[1:])


def normal(text: str) -> str:
    """A name as typed, for matching: case and runs of spaces are not significant."""
    return " ".join(text.split()).casefold()


#: Normalised names to their index in :data:`CATEGORIES` and :data:`SEXES`.
CATEGORY_INDEX: Final = {normal(name): i for i, name in enumerate(CATEGORIES)}
SEX_INDEX: Final = {name: i for i, name in enumerate(SEXES)}
