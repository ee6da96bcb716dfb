"""The pure rules: the handover's due date (HMPPS's public rule, as far as the record can
describe the case), and what the checklist lacks."""

from datetime import date

from throughcare.planning.release.rules import (
    SentenceDates,
    checklist_due,
    gaps,
    handover_due,
    months_before,
)

TODAY = date(2026, 11, 24)


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month() -> None:
    assert months_before(date(2027, 6, 15), 4) == date(2027, 2, 15)
    assert months_before(date(2027, 7, 31), 5) == date(2027, 2, 28)
    assert months_before(date(2027, 1, 10), 2) == date(2026, 11, 10)


def test_mappa_1_or_unknown_counts_4_months_15_days_back_from_the_earlier_of_crd_and_ard() -> None:
    dates = SentenceDates("sds", crd=date(2027, 6, 30), ard=date(2027, 8, 1))
    assert handover_due(dates, TODAY) == date(2027, 2, 13)  # 28 February less 15 days
    assert handover_due(SentenceDates("sds", crd=date(2027, 6, 30), mappa_level="1"), TODAY) == (
        date(2027, 2, 13)
    )


def test_the_hdc_dates_come_first_for_mappa_1() -> None:
    crd = date(2027, 6, 30)
    assert handover_due(SentenceDates("sds", crd=crd, hdcad=date(2027, 4, 1)), TODAY) == date(
        2027, 4, 1
    )
    # HDC eligibility earlier than CRD less 4.5 months, but not before the start date
    # (CRD less 7 months 15 days = 15 November 2026).
    assert handover_due(SentenceDates("sds", crd=crd, hdced=date(2027, 1, 1)), TODAY) == date(
        2027, 1, 1
    )
    assert handover_due(SentenceDates("sds", crd=crd, hdced=date(2026, 10, 1)), TODAY) == date(
        2026, 11, 15
    )


def test_mappa_2_and_3_count_7_months_15_days_back_but_not_before_today() -> None:
    far = SentenceDates("sds", crd=date(2028, 6, 30), mappa_level="2")
    assert handover_due(far, TODAY) == date(2027, 11, 15)
    near = SentenceDates("sds", crd=date(2027, 1, 30), mappa_level="3")
    assert handover_due(near, TODAY) == TODAY


def test_parole_eligibility_and_indeterminate_sentences_count_8_months_back() -> None:
    assert handover_due(
        SentenceDates("sds", ped=date(2027, 9, 1), crd=date(2028, 3, 1)), TODAY
    ) == (date(2027, 1, 1))
    assert handover_due(SentenceDates("life", ped=date(2028, 5, 10)), TODAY) == date(2027, 9, 10)
    assert handover_due(SentenceDates("ipp"), TODAY) is None
    assert handover_due(SentenceDates("sds"), TODAY) is None


def test_gaps_name_what_is_neither_in_place_nor_not_needed_and_the_appointment() -> None:
    labels = {"accommodation": "Somewhere to live that night", "id": "ID", "bank": "Bank account"}
    statuses = {"accommodation": "in place", "id": "not needed", "bank": "not yet"}
    assert gaps(statuses, labels, True) == ["Bank account"]
    assert gaps({**statuses, "bank": "in place"}, labels, False) == ["The first appointment"]
    assert gaps({}, labels, True) == list(labels.values())


def test_the_checklist_is_due_within_14_days_of_release() -> None:
    assert checklist_due(date(2026, 12, 8), TODAY)
    assert checklist_due(TODAY, TODAY)
    assert not checklist_due(date(2026, 12, 9), TODAY)
    assert not checklist_due(date(2026, 11, 23), TODAY)
    assert not checklist_due(None, TODAY)
