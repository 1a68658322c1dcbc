"""Figures of results releases and old text filings, each on invented text: per-share amounts
compared in one sentence, after "EPS", at the end of a range, in pence or a closing price;
percentages of tables; footnote marks after a scale word; decimal commas; month-and-day
headings of columns; bullets of every kind; and the shapes other writers use."""

import pytest


@pytest.mark.parametrize("text, prices, money", [
    ("Diluted earnings per common share were $2.17 in the fourth quarter of 2031, compared with $1.85 in the "
     "fourth quarter of 2030 and $2.40 in the third quarter of 2031.", ["$2.17", "$1.85", "$2.40"], []),
    ("Net income was $2.17 per diluted share, compared with $1.85 a year ago.",
     ["$2.17 per diluted share", "$1.85"], []),
    # totals compared after a per-share figure stay money
    ("Net income of $12 million, or $0.40 per share, compared with $9 million in 2030.",
     ["$0.40 per share"], ["$12 million", "$9 million"]),
    ("Earnings per share were $3.10. The company paid $5 in fees.", ["$3.10"], ["$5"]),
    # the year before in brackets, in euros too, and a range of them
    ("Net profit was €45.2 million (2030: €51.9 million), or €0.93 per share (2030: €1.07).",
     ["€0.93 per share", "€1.07"], ["€45.2 million", "€51.9 million"]),
    ("The Company now expects diluted earnings per share of $1.52 to $1.60 (previously $1.45 to $1.56).",
     ["$1.52", "$1.60", "$1.45", "$1.56"], []),
    # an amount the document states per share elsewhere is that price, wherever it stands
    ("Each share converts into the right to receive $28.75 in cash, subject to proration. Options will be "
     "cashed out for the difference between $28.75 per share and their exercise price; fees were $28.75 million.",
     ["$28.75", "$28.75 per share"], ["$28.75 million"]),
])
def test_figures_compared_with_a_per_share_amount(fields, text, prices, money):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == money


@pytest.mark.parametrize("table", [
    "Region\t2031\t2030\nAmericas\t58%\t57%\nEMEA\t29%\t30%\nTotal\t100%\t100%\n",
    "Common equity tier 1 capital ratio\t12.8%\t12.6%\t13.1%\n",
    "Return on average assets         1.21%        1.38%       1.04%\n",
])
def test_a_tables_percentages_are_not_labelled(fields, table):
    text = f"Net revenues rose 12% in 2031.\n\n{table}\nThe ratio was 13.4% at year end.\n"
    assert fields(text, "percentage", "press_release") == ["12%", "13.4%"]


def test_a_percentage_in_a_securitys_name_in_a_cell_is_labelled(fields):
    text = ("Title of each class\tTrading Symbol(s)\tName of each exchange\n"
            "1.250% Notes due 2031\tVNT31\tThe Nasdaq Stock Market LLC\n")
    assert fields(text, "percentage") == ["1.250%"]


@pytest.mark.parametrize("bullet", ["◾", "\uf0b7", "➢", "○"])
def test_a_list_item_after_any_bullet_and_a_tab_is_prose(fields, bullet):
    text = (f"Highlights\n\n{bullet}\tAssets under management increased $412 billion during the year.\n"
            f"{bullet}\tFees were a record $6.18 billion in 2031.\n")
    assert fields(text, "money", "press_release") == ["$412 billion", "$6.18 billion"]


def test_a_footnote_mark_glued_to_the_scale_word(fields):
    text = "Average liquidity5 was $271 billion4 in 2031, compared with an average of $244 billion in 2030."
    assert fields(text, "money", "press_release") == ["$271 billion", "$244 billion"]


@pytest.mark.parametrize("text, prices", [
    ("Diluted earnings per share (EPS) was $41.20 for 2031 compared with $18.66 for 2030, and was $9.14 for "
     "the fourth quarter compared with $8.37 a year earlier and $11.02 in the third quarter.",
     ["$41.20", "$18.66", "$9.14", "$8.37", "$11.02"]),
    ("For the year, a legal settlement reduced diluted EPS by $6.45.", ["$6.45"]),
    ("Tangible book value per share increased by 17.1% over the year to $231.55.", ["$231.55"]),
    ("The firm bought back 11.8 million shares at an average cost of $287.40 in 2031.", ["$287.40"]),
])
def test_per_share_amounts_of_a_results_release(fields, text, prices):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == []


def test_per_share_on_the_next_line_of_wrapped_text(fields):
    text = ("Shares convert upon an offering yielding proceeds in excess of $25,000,000 at a price of not less "
            "than $6.50\n            per share or upon the approval of the holders.\n")
    assert fields(text, "money") == ["$25,000,000"]
    assert [" ".join(p.split()) for p in fields(text, "per_share_price")] == ["$6.50 per share"]


def test_percentage_points_are_percentages(fields):
    text = "The efficiency ratio improved by 0.6 percentage points to 53.8%, and margins rose 1 percentage point."
    assert fields(text, "percentage", "press_release") == ["0.6 percentage points", "53.8%", "1 percentage point"]


@pytest.mark.parametrize("table, heads", [
    ("($ in millions)\tDec 31\tSep 30\tJun 30\tDec 31\n2031\t2031\t2031\t2030\nTotal equity\t$\t61,207\n",
     ["Dec 31", "Sep 30", "Jun 30", "Dec 31"]),
    ("($ in millions)\tDecember 31\tSeptember 30\n2031\t2031\nTotal equity\t$\t61,207\n",
     ["December 31", "September 30"]),
    ("Results\tThree Months Ended\nDec 31,\tSep 30,\n2031\t2031\n", ["Dec 31", "Sep 30"]),
    ("                                            July 2,          June 27,\n"
     "                                             2031              2030\n"
     "    Revenues                               $ 7,412           $ 7,935\n", ["July 2", "June 27"]),
])
def test_month_and_day_heading_columns_keep_no_year_of_the_row_below(fields, table, heads):
    assert fields(table, "date", "press_release") == heads


def test_a_date_wrapped_in_a_sentence_keeps_its_year(fields):
    assert fields("The merger closed on March\n5, 2031 as planned.", "date") == ["March\n5, 2031"]


def test_a_range_of_cents_written_without_a_leading_zero(fields):
    text = "We expect the acquisition to add $.06 to $.09 per share to earnings in 2032."
    assert fields(text, "per_share_price", "press_release") == ["$.06", "$.09 per share"]
    assert fields(text, "money", "press_release") == []


def test_a_decimal_comma_before_a_scale_word(label_texts):
    from reviewer.core.extract import default_extractor

    result = default_extractor().extract("Revenue was €3,25 billion and services added $5,7 million; fees were "
                                         "$1,250.", doc_type="press_release")
    money = [(f.text, f.value["amount"]) for f in result.fields if f.label == "money"]
    assert money == [("€3,25 billion", "3250000000"), ("$5,7 million", "5700000"), ("$1,250", "1250")]


def test_a_numbered_list_item_still_starts_its_own_line(fields):
    text = ("The Board approved the following:\n1. an increase of the share pool by 500,000 shares;\n"
            "2. the election of Dana Whitcomb as a director.\n")
    from reviewer.core.extract.base import DocContext
    from reviewer.core.extract.wrapped import flat_text
    assert "\n1. an increase" in flat_text(DocContext(text)) and "\n2. the election" in flat_text(DocContext(text))


def test_figures_after_totals_in_a_per_share_sentence_stay_money(fields):
    text = "Earnings per share were $2.17, and net income was $5 million, compared with $4 in fees."
    assert fields(text, "money", "press_release") == ["$5 million", "$4"]


@pytest.mark.parametrize("text, prices", [
    ("-- Expected to be accretive to adjusted EPS by $0.08 to $0.10 in the first full year", ["$0.08", "$0.10"]),
    ("The price is a premium of 15% to the closing price of Vantor's common stock of $4.52 on January 8, 2033.",
     ["$4.52"]),
    # guidance with clauses holding other amounts, as a range
    ("It now expects earnings per share, before the effect of a change in accounting, but including $0.24 per "
     "share of special charges, to be between $2.61 and $2.81 for the year.", ["$0.24 per share", "$2.61", "$2.81"]),
    # a stock price threshold
    ("Holders may receive more shares if the closing price of the stock equals or exceeds $12.50 and $15.00.",
     ["$12.50", "$15.00"]),
    # guidance as a range
    ("It expects net income per diluted share in the range of $0.44 to $0.50 for the quarter.", ["$0.44", "$0.50"]),
    # a clause between "per share" and its verb
    ("Adjusted earnings per diluted share, which exclude restructuring charges and the related tax effects, "
     "were $2.41, compared with $2.06 a year earlier.", ["$2.41", "$2.06"]),
])
def test_more_per_share_contexts(fields, text, prices):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == []


def test_pence_are_a_share_price_unless_a_nominal_value(label_texts):
    text = ("A placing of up to 9,850,000 new ordinary shares of 5 pence each at a price of 412 pence per share, "
            "a discount of 3.1 per cent to the closing price of 425.2 pence on 13 March 2032.")
    assert label_texts(text, "per_share_price", "press_release") == ["412 pence per share", "425.2 pence"]
    assert label_texts(text, "share_count", "press_release") == ["9,850,000 new ordinary shares"]


@pytest.mark.parametrize("text", ["Ordinary Shares, nominal value $0.0001 per share\tVNTR\tNasdaq Global Market",
                                  "The Company has 40,000 ordinary shares of 10 pence nominal value each in issue.",
                                  "Ordinary shares with a nominal value of 2.5 pence were admitted to trading."])
def test_a_nominal_value_is_a_par_value(label_texts, text):
    assert label_texts(text, "per_share_price", "8-K") == label_texts(text, "money", "8-K") == []


@pytest.mark.parametrize("text, label, values", [
    ("CONTACT: Wendell T. Marchbanks, 620/555-0134", "phone", ["620/555-0134"]),
    ("The price is a premium of 12.4% to the $7.12 closing price of Vantor common stock.", "per_share_price",
     ["$7.12"]),
    ("Holders may elect to receive either $31.40 in cash or 0.8125 shares of Vantor common stock for each share "
     "of Quillon common stock.", "per_share_price", ["$31.40"]),
    ("The proceeds expand capacity from 40 to 120 units per month after the private placement.", "share_count", []),
    ("On October 20, 2032, the Board appointed Seraphine Laramie-Okoro, 52, to succeed him as President.",
     "person", ["Seraphine Laramie-Okoro"]),
])
def test_shapes_of_other_writers(label_texts, text, label, values):
    assert label_texts(text, label, "8-K") == values


@pytest.mark.parametrize("text, money", [
    ("At a long-term gold price of US$2,400 per ounce, the royalty pays well.", ["US$2,400"]),
    ("The lease runs at a price of $31.50 per square foot.", ["$31.50"]),
    ("Backlog stood at NIS 120 million at year end.", ["NIS 120 million"]),
])
def test_a_price_per_ounce_or_foot_and_shekels_are_money(label_texts, text, money):
    assert label_texts(text, "money") == money
    assert label_texts(text, "per_share_price") == []


def test_a_dateline_with_a_day_month_year_date_and_a_dash(fields):
    text = ("14 March 2032\n\nVantor Holdings plc\n(\"Vantor\" or the \"Company\")\n\nProposed acquisition and "
            "placing\n\nLondon, 14 March 2032 - Vantor Holdings plc (LSE: VNTR), the engineering group, announces "
            "a placing of new ordinary shares.\n")
    assert fields(text, "location", "press_release") == ["London"]
    assert fields(text, "report_date", "press_release") == ["14 March 2032"]


def test_a_title_case_place_before_a_date_in_prose_is_no_dateline(fields):
    text = "Results\n\nBoston, March 5, 2032 was the day the company opened its lab, it said.\n"
    assert fields(text, "location", "press_release") == []


@pytest.mark.parametrize("text, prices, money", [
    ("The board declared a quarterly dividend of 49.5 cents per share, payable June 6.", ["49.5 cents per share"], []),
    ("It pays 35¢ a share each quarter.", ["35¢ a share"], []),
    ("Earnings per share were 97 cents, up from 90 cents a year ago.", ["97 cents", "90 cents"], []),
    ("Each call costs 5 cents.", [], ["5 cents"]),
    ("Common Stock, par value 12 1/2¢ per share\tVNT\tNew York Stock Exchange", [], []),
])
def test_cents_written_in_figures(label_texts, text, prices, money):
    assert label_texts(text, "per_share_price") == prices
    assert label_texts(text, "money") == money


def test_shares_and_prices_named_by_their_kind(label_texts):
    text = ("A placement of 180,000,000 new fully paid ordinary shares at A$0.25 per New Share, 357,142 Placing "
            "Shares at HK$3.45 per Consideration Share and 2,000,000 flow-through shares at C$1.10 per FT Share.")
    assert label_texts(text, "share_count") == ["180,000,000 new fully paid ordinary shares", "357,142 Placing Shares",
                                                "2,000,000 flow-through shares"]
    assert label_texts(text, "per_share_price") == ["A$0.25 per New Share", "HK$3.45 per Consideration Share",
                                                    "C$1.10 per FT Share"]


def test_pence_written_p_and_per_cent_wrapped_in_a_london_release(label_texts):
    text = ("- The Issue Price of 14p represents a discount of approximately 9.7 per\n"
            "  cent to the closing price of 15.5p per ordinary share on 2 March 2031 (£1.2 million).\n")
    assert label_texts(text, "per_share_price") == ["14p", "15.5p per ordinary share"]
    assert label_texts(text, "percentage") == ["9.7 per\n  cent"]
    assert label_texts("The chip has 5p cores and 14p of margin.", "per_share_price") == []


def test_indian_digit_grouping_in_a_share_count(label_texts):
    assert label_texts("A preferential issue of 1,25,00,000 equity shares at ₹1,460 per equity share.",
                       "share_count") == ["1,25,00,000 equity shares"]


@pytest.mark.parametrize("text, prices, money", [
    ("Headline earnings per share (HEPS) of 412 cents, up 18% from 349 cents.", ["412 cents", "349 cents"], []),
    ("Book value per share of $38.20 was up 6.3% from $35.94 at year end.", ["$38.20", "$35.94"], []),
    ("A basket price of R31,850 per 6E ounce lifted revenue.", [], ["R31,850"]),
    ("It will issue 1,000,000 equity shares of face value ₹2 each.", [], []),
])
def test_per_share_figures_compared_after_a_rise_and_a_face_value(label_texts, text, prices, money):
    assert label_texts(text, "per_share_price") == prices
    assert label_texts(text, "money") == money


def test_eps_named_so_in_a_range_and_compared(fields):
    text = ("Quillon Inc. expects full-year adjusted EPS in the range of $2.35 to $2.45, compared with its prior "
            "outlook of $2.30 to $2.60. Adjusted EPS was $0.58, compared with $0.71 in the prior-year quarter.")
    assert fields(text, "per_share_price", "press_release") == ["$2.35", "$2.45", "$2.30", "$2.60", "$0.58", "$0.71"]
    assert fields(text, "money", "press_release") == []


@pytest.mark.parametrize("text, money, prices", [
    # a range written in one piece before its scale word is one amount, valued at its low end
    ("For 2031 the group expects sales of SEK 1,140-1,220 million and an operating profit of NOK 85–95 million.",
     ["SEK 1,140-1,220 million", "NOK 85–95 million"], []),
    ("Capital spending should be $1.8-2.1 billion, and earnings $2.35-2.55 per diluted share.",
     ["$1.8-2.1 billion"], ["$2.35-2.55 per diluted share"]),
    # two amounts with their own symbols stay two
    ("Fees of $4-$6 million are expected.", ["$4", "$6 million"], []),
])
def test_a_range_in_one_piece_is_one_amount(fields, text, money, prices):
    assert fields(text, "money", "press_release") == money
    assert fields(text, "per_share_price", "press_release") == prices


def test_a_range_is_valued_at_its_low_end(extractor):
    (field,) = [f for f in extractor.extract("Revenue of EUR 2.4-2.6 billion is expected.", doc_type="press_release")
                .fields if f.label == "money"]
    assert field.value == {"amount": "2400000000", "currency": "EUR"}


@pytest.mark.parametrize("text, prices, currency", [
    # cents of another currency, grouped, broken over a line, with many decimals
    ("The board declared a final dividend of 415 SA\ncents per share (R4.15 per share).",
     ["415 SA\ncents per share", "R4.15 per share"], "ZAR"),
    ("A net dividend of 332.00000 SA cents per share is payable after withholding tax.",
     ["332.00000 SA cents per share"], "ZAR"),
    ("Distribution per unit rose to 2.216 Singapore cents per unit for the half year.",
     ["2.216 Singapore cents per unit"], "SGD"),
    ("Headline earnings per share (HEPS) rose by 14% to 2,306 cents, and basic earnings per share rose "
     "11% to 2,148 cents.", ["2,306 cents", "2,148 cents"], "USD"),
])
def test_cents_of_other_currencies_per_share(extractor, fields, text, prices, currency):
    assert fields(text, "per_share_price", "press_release") == prices
    found = [f for f in extractor.extract(text, doc_type="press_release").fields if f.label == "per_share_price"]
    assert found[0].value["currency"] == currency


@pytest.mark.parametrize("text, prices, money", [
    # the parts of a dividend in brackets after it, and its change after it
    ("The annual dividend forecast was raised to ¥112 per share (interim ¥56, year-end ¥56).",
     ["¥112 per share", "¥56", "¥56"], []),
    ("The board declared a quarterly dividend of $0.87 per share, up $0.03 or 3.6% from the prior quarter.",
     ["$0.87 per share", "$0.03"], []),
    # a price per right is not a price per share
    ("The Board may redeem the Rights at a price of $0.001 per Right at any time.", [], ["$0.001"]),
])
def test_amounts_beside_a_price_per_share(fields, text, prices, money):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == money


@pytest.mark.parametrize("gap", [":", ""])
def test_a_year_closing_a_line_of_prose_is_no_share_count(fields, gap):
    text = (f"Salient dates are as follows:\n\nLast day to trade{gap} Tuesday, 14 April 2032\n"
            "Shares commence trading ex dividend.\n")
    assert fields(text, "share_count", "press_release") == []


def test_a_year_closing_a_line_is_no_share_count(fields):
    text = ("Salient dates\n\nLast day to trade cum dividend        Tuesday, 14 April 2032\n"
            "Shares trade ex dividend            Wednesday, 15 April 2032\n\n"
            "The company has 512,004,118 ordinary shares in issue.\n")
    assert fields(text, "share_count", "press_release") == ["512,004,118 ordinary shares"]
