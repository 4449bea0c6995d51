"""Cutting digit runs that a crawler concatenated: every cut is enumerated, constraints prune early."""

from ingestion.splitting import split_digits
from ingestion.tables import _sums_to_last


def test_review_run_split_by_its_three_balanced_rows():
    # 3+1+0+2=6 | 0+0+1+1=2 | 12+3+0+0=15, printed without separators
    assert split_digits("31026001121230015", 15, check=_sums_to_last, block=5) == (
        ("3", "1", "0", "2", "6", "0", "0", "1", "1", "2", "12", "3", "0", "0", "15"),)


def test_block_check_prunes_a_run_with_thousands_of_unchecked_cuts():
    run = "1204513700000020130235"
    assert len(split_digits(run, 15)) == 4129
    assert split_digits(run, 15, check=_sums_to_last, block=5) == (
        ("12", "0", "45", "13", "70", "0", "0", "0", "0", "0", "20", "13", "0", "2", "35"),)


def test_row_split_by_its_total():
    assert split_digits("1200003", 7, check=_sums_to_last) == (("1", "2", "0", "0", "0", "0", "3"),)
    assert split_digits("15210000017", 7, check=_sums_to_last) == ()  # no cut balances: the caller flags it


def test_numbers_have_no_leading_zeros():
    assert split_digits("102", 2) == (("10", "2"),)
    assert split_digits("0012", 3) == (("0", "0", "12"),)
    assert split_digits("1", 2) == ()
    assert split_digits("12a", 2) == ()


def test_a_search_too_large_gives_up():
    assert split_digits("1" * 60, 15) is None
