"""The shapes this stop's rules were widened for, read nowhere else: each sentence here once came out
wrong from one of them (invented text)."""

import pytest


def test_only_a_guaranty_named_as_a_contract_is_an_agreement(fields):
    text = ("Quorvale Corp. signed a merger agreement with Second Guaranty Bank and Trust Company. Our Lowest Price "
            "Guarantee applies to every order. The Parent Guaranty was signed on May 2, 2031.")
    assert fields(text, "agreement") == ["merger agreement", "Parent Guaranty"]


@pytest.mark.parametrize("text, prices, money", [
    # a range of prices per share ending at one dollar is no exchange rate
    ("EPS of $0.95 to $1.00 per share is expected.", ["$0.95", "$1.00 per share"], []),
    # a total beside a price per share stays money
    ("The shares sold at $6.00 per share ($48 million in all).", ["$6.00 per share"], ["$48 million"]),
    ("It paid $1.00 per share (totaling $31,000 in all).", ["$1.00 per share"], ["$31,000"]),
    ("The trading price of our shares fell sharply. A fine was set at $42,000.", [], ["$42,000"]),
])
def test_prices_per_share_stay_within_their_sentence(fields, text, prices, money):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == money


@pytest.mark.parametrize("text, label", [
    ("Tarnwell Property Group will act as lead manager for the construction of the hotel.", "counterparty"),
    ("Delegates met ahead of COP26 in Glasgow. TRY 30 DAYS FREE. The SAR 2 grant vested.", "money"),
    ("The 10/20/30 rule applies, and margins were up 11/12/13 percent.", "date"),
    ("Shareholder update\n\nShares held in Sweden: 12 345 678\nPayment date (local): 2031-03-14\n", "phone"),
    ("During 2031 Quorvale Shares gained 12%.", "share_count"),
])
def test_nothing_read_in(fields, text, label):
    assert fields(text, label, "press_release") == []


def test_surnames_that_are_also_title_or_label_words(fields):
    text = ("Christopher Head, Chief Financial Officer, said the quarter was strong. Robert I. Toll, Executive "
            "Chairman, agreed.")
    assert fields(text, "person", "press_release") == ["Christopher Head", "Robert I. Toll"]


def test_an_officer_who_signs_is_no_seller(fields):
    text = ("On May 2, 2031, Quorvale Inc. acquired the target. Jane Roe, our Chief Executive Officer, signed the "
            "agreement with Alpha Holdings LLC and Beta Capital LLC (collectively, the “Sellers”).")
    assert "Jane Roe" not in fields(text, "counterparty")


def test_a_turkish_capital_keeps_the_offsets_of_an_offerings_managers(fields):
    text = ("Quorvale Inc. (Nasdaq: QRVL) closed its offering in İstanbul and New York. Orlan Securities,\n"
            "Inc. and Tarn Capital, LLC acted as co-managers for the offering.\n")
    assert fields(text, "counterparty", "press_release") == ["Orlan Securities,\nInc.", "Tarn Capital, LLC"]


def test_a_foreign_issuers_report_that_is_its_release(extractor):
    from reviewer.core.extract.doctype import classify

    release = "TEL AVIV, Israel, May 2, 2031 /PRNewswire/ -- Quorvale Ltd. (Nasdaq: QRVL) today announced results."
    assert classify("6-K", "6-K", release) == "press_release"
    assert classify("6-K", "6-K", "FORM 6-K\nREPORT OF FOREIGN PRIVATE ISSUER\n" + release) == "other"
