"""The assessment's pure rules (no Django): risk of serious harm levels, when countersigning
is needed, the practitioner's judgement against the actuarial band, MARAC referral
thresholds and the sufficiency of the sources (P17)."""
