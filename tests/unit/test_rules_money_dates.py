"""Money with currency markers, negative amounts, numbers in words, dates of other shapes,
and hard-wrapped sentences (invented text throughout)."""

import pytest

from reviewer.core.extract.wrapped import flat


def fields(extractor, text, label, doc_type="press_release"):
    return [f for f in extractor.extract(text, doc_type=doc_type).fields if f.label == label]


def one(extractor, text, label, doc_type="press_release"):
    found = fields(extractor, text, label, doc_type)
    assert len(found) == 1, found
    f = found[0]
    assert text[f.start:f.end] == f.text
    return f


@pytest.mark.parametrize("written, amount, currency", [
    ("US$1.2 billion", "1200000000", "USD"),
    ("U.S.$40 million", "40000000", "USD"),
    ("C$5 million", "5000000", "CAD"),
    ("A$12.5 million", "12500000", "AUD"),
    ("HK$300,000", "300000", "HKD"),
    ("€3 million", "3000000", "EUR"),
    ("£2.5m", "2500000", "GBP"),
    ("EUR 4.1 million", "4100000", "EUR"),
    ("CHF 750,000", "750000", "CHF"),
    ("$(1,250)", "-1250", "USD"),
])
def test_currency_marked_amounts_keep_their_currency(extractor, written, amount, currency):
    f = one(extractor, f"Bluefin Minerals Corp. raised {written} from the offering.", "money")
    assert f.text == written
    assert f.value == {"amount": amount, "currency": currency}


def test_canadian_price_per_unit_is_a_per_share_price(extractor):
    f = one(extractor, "Harbor Lake Resources sold units at a price of C$0.40 per share today.", "per_share_price")
    assert f.text == "C$0.40 per share" and f.value == {"amount": "0.4", "currency": "CAD"}


def test_a_letter_glued_to_a_dollar_sign_is_not_a_currency(extractor):
    assert not fields(extractor, "the code X$5 and abc$12 are not amounts", "money")


def test_hard_wrapped_scale_word_stays_with_its_amount(extractor):
    text = "Quillon Systems Inc. expects revenue of $5\nbillion next year."
    f = one(extractor, text, "money")
    assert f.text == "$5\nbillion" and f.value["amount"] == "5000000000"


def test_hard_wrapped_per_share_and_shares(extractor):
    text = "Quillon sold 1,000,000\nshares at $2.50 per\nshare to investors."
    assert one(extractor, text, "share_count").value == 1000000
    assert one(extractor, text, "per_share_price").value["amount"] == "2.5"


def test_flat_text_keeps_offsets_and_block_breaks():
    text = "raised $5\nbillion in\ncash.\nThe next line\n\n- an item\n- another\nRevenue   1,000   2,000\n"
    f = flat(text)
    assert len(f) == len(text)
    assert f.startswith("raised $5 billion in cash.\nThe next line\n\n- an item\n- another\n")
    assert "\nRevenue" in f


@pytest.mark.parametrize("written, value", [
    ("forty percent", "0.4"),
    ("twenty-five percent", "0.25"),
    ("seven and one half percent", "0.075"),
    ("ten per cent", "0.1"),
])
def test_percentages_in_words(extractor, written, value):
    f = one(extractor, f"Ostrander Holdings will own {written} of the venture.", "percentage")
    assert f.text == written and f.value == value


@pytest.mark.parametrize("written, value", [
    ("ten million shares", 10_000_000),
    ("two hundred fifty thousand shares", 250_000),
    ("five million (5,000,000) shares", 5_000_000),
    ("three million restricted shares", 3_000_000),
])
def test_share_counts_in_words(extractor, written, value):
    f = one(extractor, f"The board of Pellworth Inc. approved {written} for the plan.", "share_count")
    assert f.text == written and f.value == value


def test_a_single_share_in_words_is_not_a_count(extractor):
    assert not fields(extractor, "each unit holds one share and one warrant", "share_count")


def test_fractions_of_a_cent(extractor):
    f = one(extractor, "Warrants of Lindell Corp. are exercisable at one fourth of one cent per share.",
            "per_share_price")
    assert f.text == "one fourth of one cent per share"
    assert f.value == {"amount": "0.0025", "currency": "USD"}
    f = one(extractor, "The dividend of Lindell Corp. is five cents per share.", "per_share_price")
    assert f.value == {"amount": "0.05", "currency": "USD"}


def test_par_value_in_cents_is_not_labelled(extractor):
    text = "common stock, par value one-tenth of one cent per share"
    assert not fields(extractor, text, "per_share_price") and not fields(extractor, text, "money")


def test_percent_is_not_read_as_cents(extractor):
    assert not fields(extractor, "revenue rose ten percent", "money")


@pytest.mark.parametrize("written, value", [
    ("20 March 2020", "2020-03-20"),
    ("1st June, 2021", "2021-06-01"),
    ("5 Dec. 2019", "2019-12-05"),
    ("March 5,2020", "2020-03-05"),
    ("July 1st of 2025", "2025-07-01"),
    ("July 1st 2025", "2025-07-01"),
    ("the 3rd day of May, 2022", None),
    ("5th of March, 2025", "2025-03-05"),
])
def test_dates_of_other_shapes(extractor, written, value):
    text = f"Verrano Labs closed the sale on {written} in Boston."
    f = one(extractor, text, "date")
    if value:
        assert f.text == written
        assert f.value == value


def test_hard_wrapped_date(extractor):
    f = one(extractor, "The merger of Calloway Inc. closed on March\n5, 2020 after approval.", "date")
    assert f.value == "2020-03-05"


def test_a_month_day_header_is_not_joined_to_a_year_below_a_blank_line(extractor):
    text = "Three Months Ended September 30,\n\n2024\n\n2023\n"
    values = [f.value for f in fields(extractor, text, "date")]
    assert "2024-09-30" not in values and "--09-30" in values


def test_a_count_before_a_month_is_not_a_day(extractor):
    found = fields(extractor, "Orrin Corp. sold 150 May 2020 units.", "date", "other")
    assert [(f.text, f.value) for f in found] == [("May 2020", "2020-05")]


def test_units_sold_in_an_offering_are_share_counts(extractor):
    text = "Harbor Lake Resources sold 2,500,000 units at C$0.40 per unit in a private placement."
    f = one(extractor, text, "share_count")
    assert f.text == "2,500,000 units" and f.value == 2_500_000
    assert not fields(extractor, "Orrin Corp. shipped 40 units of its pumps to a dealer.", "share_count")


def test_per_share_figures_after_per_share_words(extractor):
    text = "Net loss per common share was $0.30 and $0.43 for the two quarters of Orrin Corp."
    assert [f.text for f in fields(extractor, text, "per_share_price")] == ["$0.30", "$0.43"]
    assert not fields(extractor, text, "money")
    f = one(extractor, "Each warrant of Orrin Corp. is exercisable at C$0.75 per Warrant Share.", "per_share_price")
    assert f.text == "C$0.75 per Warrant Share"


def test_percentages_with_thousands_separators(extractor):
    f = one(extractor, "Orders at Orrin Corp. rose 2,462% over the year.", "percentage")
    assert f.text == "2,462%" and f.value == "24.62"


def test_per_share_amounts_after_a_change_verb(extractor):
    text = "Basic and diluted loss per share improved significantly from $(1.80) to $(0.42) in 2024."
    found = fields(extractor, text, "per_share_price")
    assert [f.text for f in found] == ["$(1.80)", "$(0.42)"]
    assert not fields(extractor, text, "money")


@pytest.mark.parametrize("text, amounts", [
    ("Revenue is expected at $1.2 to $1.5 billion.", ["1200000000", "1500000000"]),
    ("Costs of $40-50 million are expected.", ["40000000"]),
    ("It paid $500 and 3 million shares of common stock.", ["500"]),
])
def test_a_range_shares_its_scale_word(extractor, text, amounts):
    assert [f.value["amount"] for f in fields(extractor, text, "money")] == amounts


def test_eps_range_is_per_share(extractor):
    text = "The Company expects EPS between $2.10 and $2.30 for the year."
    assert [f.text for f in fields(extractor, text, "per_share_price")] == ["$2.10", "$2.30"]


def test_a_share_count_with_decimals_and_a_scale_word(extractor):
    assert one(extractor, "The Company sold 1.5 million shares today.", "share_count").value == 1500000


def test_a_loss_per_share_in_parentheses_is_negative(extractor):
    f = one(extractor, "Net loss was $(1.2) million, or $(0.05) per diluted share.", "per_share_price")
    assert f.text == "$(0.05) per diluted share" and f.value["amount"] == "-0.05"


@pytest.mark.parametrize("text, counts", [
    ("Basic and diluted shares were 10,544,139 and 10,543,675 shares, respectively.", [10544139, 10543675]),
    ("It will issue between 1 and 2 million shares.", [1000000, 2000000]),
])
def test_two_counts_share_one_shares_word(extractor, text, counts):
    assert [f.value for f in fields(extractor, text, "share_count")] == counts


def test_a_year_before_and_is_no_count(extractor):
    found = fields(extractor, "In 2023 and in 2024 the shares of the Company rose; 2023 and 2024 shares rose.",
                   "share_count")
    assert 2023 not in [f.value for f in found]


@pytest.mark.parametrize("written, value", [
    ("up to 5,000,000 of its ordinary shares", 5000000),
    ("1,250,000 of the Company’s common shares", 1250000),
    ("2 million of our shares", 2000000),
])
def test_share_counts_of_the_issuers_shares(extractor, written, value):
    f = one(extractor, f"Pellworth Inc. may repurchase {written} this year.", "share_count")
    assert f.text == written.removeprefix("up to ") and f.value == value
    assert not fields(extractor, "Pellworth Inc. holds 50% of its shares in trust.", "share_count")


def test_per_share_guidance_and_ranges(extractor):
    text = ("Pellworth Inc. expects third quarter earnings per share to be between $0.00 and $0.10, "
            "including $0.03 to $0.05 per share of carrying cost. Revenue of $5.1 to $5.3 million is expected.")
    prices = [f.text for f in fields(extractor, text, "per_share_price")]
    assert prices == ["$0.00", "$0.10", "$0.03", "$0.05 per share"]
    assert [f.text for f in fields(extractor, text, "money")] == ["$5.1", "$5.3 million"]


def test_share_counts_of_defined_units_and_equivalent_shares(extractor):
    text = ("Pellworth Inc. closed a placement of units of the Company (“Units”). Insider participation included "
            "Dana Quill, a director of the Company since 2019 and a member of its audit committee, who took "
            "400,000 Units. Net income was $5 million on 216.5 million common equivalent shares.")
    assert [f.text for f in fields(extractor, text, "share_count")] == [
        "400,000 Units", "216.5 million common equivalent shares"]
    assert not fields(extractor, "The plant added 40 units of cold storage this year.", "share_count")


def test_amounts_with_the_currency_in_words_after(extractor):
    text = "Pellworth Inc. received 175 million Euro in 2019 and paid 2.5 million euros; the euro area grew."
    found = fields(extractor, text, "money")
    assert [(f.text, f.value["currency"]) for f in found] == [("175 million Euro", "EUR"), ("2.5 million euros", "EUR")]


@pytest.mark.parametrize("text, money", [
    ("Revenue rose to R14.6 billion from R13.2 billion; the R2 region and the R2D2 robot grew.",
     ["R14.6 billion", "R13.2 billion"]),
    ("Sales were ₹1,825 crore, and the deal is worth ₹900 crore (₹50 lakh of it in cash).",
     ["₹1,825 crore", "₹900 crore", "₹50 lakh"]),
])
def test_rand_and_rupees(extractor, text, money):
    assert [f.text for f in extractor.extract(text, doc_type="press_release").fields if f.label == "money"] == money


def test_crore_and_lakh_scale_the_amount(extractor):
    found = [f for f in extractor.extract("It raised ₹900 crore.", doc_type="press_release").fields
             if f.label == "money"]
    assert found[0].value == {"amount": "9000000000", "currency": "INR"}


def test_a_day_and_month_without_a_year(extractor):
    f = one(extractor, "Simon will remain with the Group until 30 November to support the handover.", "date")
    assert (f.text, f.value) == ("30 November", "--11-30")
    # (an abbreviated month or "May" is too ambiguous without a year)
    assert fields(extractor, "It had 10 May reviews and 3 Dec entries.", "date") == []


def test_a_sum_in_words_in_euros(extractor):
    found = fields(extractor, "It committed to minimum purchases of three million euros over two years.", "money")
    assert [(f.text, f.value) for f in found] == [("three million euros", {"amount": "3000000", "currency": "EUR"})]


@pytest.mark.parametrize("text, label", [
    ("The par value will remain unchanged at $0.0001 per share.", None),
    ("The patch will carry a list price of $249 per device.", "money"),
    ("The plan costs $12 per seat for each user.", "money"),
])
def test_a_par_value_told_as_remaining_and_a_price_per_device(extractor, text, label):
    prices = fields(extractor, text, "per_share_price")
    money = fields(extractor, text, "money")
    assert prices == []
    assert [f.label for f in money] == ([label] if label else [])


def test_the_release_date_under_a_wire_pages_time_stamp(extractor):
    text = ("# Alpenvik Reports Third Quarter 2031 Results\n\nOctober 28, 2031 07:00 AM Eastern Daylight Time\n"
            "Share Tweet Email Print\n\nZUG, Switzerland--(BUSINESS WIRE)--Alpenvik Holding AG (NYSE: ALPH) today "
            "reported results for the quarter ended September 30, 2031.")
    assert one(extractor, text, "report_date").value == "2031-10-28"
    # (a date after the credit is the dateline's own)
    text = ("January 27, 2031 09:00 AM Eastern Standard Time\n\nSTOCKHOLM--(BUSINESS WIRE)--Jan. 27, 2031--"
            "Quillon AB today announced a collaboration.")
    assert one(extractor, text, "report_date").text == "Jan. 27, 2031"


def test_rupees_written_rs_with_crore(extractor):
    found = fields(extractor, "Cash of Rs 4,120 crore and Rs. 450 crore; Mrs 5 went home.", "money")
    assert [(f.text, f.value["currency"]) for f in found] == [("Rs 4,120 crore", "INR"), ("Rs. 450 crore", "INR")]
