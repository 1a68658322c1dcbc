"""Shapes of real filings met on long results releases of banks and on old text submissions,
each on invented text: words cut at a hyphen, a holding company's bank, parties in the
possessive, per-share figures compared in one sentence, percentages of tables, bullets of
every kind, footnote marks after a scale word, place words as surnames, merger subsidiaries,
classes of stock and aliases defined after a date or together."""

import pytest


@pytest.fixture
def fields(label_texts):
    """The texts of one label's fields, read as in an 8-K unless told."""
    return lambda text, label, doc_type="8-K": label_texts(text, label, doc_type)


# -- long bank releases ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "(a) See Non-GAAP Financial Measures reconciliation on page 9\n",
    "Read More About-Town Events in the appendix.\n",
])
def test_a_word_cut_at_its_hyphen_is_no_name(fields, text):
    assert fields(text, "person", "press_release") == []



@pytest.mark.parametrize("holding, bank", [
    ("Q.R. Bancorp", "Q.R. Bank"),
    ("Larkmoor Financial Corporation", "Larkmoor Bank, N.A."),
    ("Tessel Bancshares, Inc.", "Tessel National Bank"),
])
def test_the_bank_of_a_holding_company_is_the_filer(fields, holding, bank):
    text = (f"FORM 8-K\n{holding}\n(Exact name of registrant as specified in its charter)\n\nItem 2.01\n"
            f"On June 3, 2031, {bank} completed its acquisition of Quillon Trust Company from Orlan Holdings AG.\n")
    assert fields(text, "counterparty") == ["Quillon Trust Company", "Orlan Holdings AG"]


def test_another_bank_is_still_a_party(fields):
    text = ("FORM 8-K\nQ.R. Bancorp\n(Exact name of registrant as specified in its charter)\n\nItem 2.01\n"
            "On June 3, 2031, the Company completed its acquisition of Q.R. Steel Bank from Orlan Holdings AG.\n")
    assert "Q.R. Steel Bank" in fields(text, "counterparty")


def test_a_party_in_the_possessive_is_named_without_it(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Bancorp (NYSE: VNB) reported results.\n\n"
            "Share buybacks are paused until the pending acquisition of Quillon Union Bank’s regional branch "
            "network closes.")
    assert fields(text, "counterparty", "press_release") == ["Quillon Union Bank"]


@pytest.mark.parametrize("text, prices, money", [
    ("Diluted earnings per common share were $2.17 in the fourth quarter of 2031, compared with $1.85 in the "
     "fourth quarter of 2030 and $2.40 in the third quarter of 2031.", ["$2.17", "$1.85", "$2.40"], []),
    ("Net income was $2.17 per diluted share, compared with $1.85 a year ago.",
     ["$2.17 per diluted share", "$1.85"], []),
    # totals compared after a per-share figure stay money
    ("Net income of $12 million, or $0.40 per share, compared with $9 million in 2030.",
     ["$0.40 per share"], ["$12 million", "$9 million"]),
    ("Earnings per share were $3.10. The company paid $5 in fees.", ["$3.10"], ["$5"]),
])
def test_figures_compared_with_a_per_share_amount(fields, text, prices, money):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == money


@pytest.mark.parametrize("text, name", [
    ("By:\t/S/ MARTIN HOLLIS WEST\nMartin Hollis West Senior Vice President, Corporate Controller\n",
     "Martin Hollis West"),
    ("Hollis West Senior Vice President, said the results held.", "Hollis West"),
])
def test_a_place_word_before_a_title_is_a_surname(fields, text, name):
    assert fields(text, "person") == [name]


# -- percentages in tables ---------------------------------------------------------------------
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


# -- old text submissions ----------------------------------------------------------------------
COVER = "FORM 8-K\nVANTOR LABS, INC.\n(Exact name of registrant as specified in its charter)\n\nItem 2.01\n"

def test_a_merger_sub_named_as_the_filers_subsidiary_once_is_no_party_anywhere(fields):
    text = (COVER + "On August 12, 2031, pursuant to an Agreement and Plan of Merger by and among Vantor Labs, Inc., "
            "Quillon Corp., a Delaware corporation, and VQ Acquisition, Inc., a Delaware corporation and\nwholly "
            "owned subsidiary of Vantor Labs, the Company acquired Quillon.\n\nUnder the merger agreement among "
            "Vantor Labs, Quillon Corp. and VQ Acquisition, Inc., the Company paid $10 million.\n")
    assert list(dict.fromkeys(fields(text, "counterparty"))) == ["Quillon Corp."]


def test_a_class_of_stock_named_after_a_company_is_no_party(fields):
    text = (COVER + "In the merger each share of Quillon Common Stock and Series A Preferred Stock (together, the "
            "\"Quillon Capital Stock\"), other than shares of Quillon Capital Stock held by dissenters, was "
            "converted into the right to receive 0.5 shares of the Company.\n")
    assert fields(text, "counterparty") == []


def test_aliases_defined_after_a_date_or_together_are_no_agreements_of_their_own(fields):
    text = ("Pursuant to an Investor Rights Agreement, dated as of July 9, 2031\n(the \"Quillon Rights "
            "Agreement\"), the Company agreed to file a registration statement.\n\nThe Merger Agreement and "
            "the Quillon Rights Agreement\n(together with the Merger Agreement, the \"Quillon Agreements\"), "
            "are incorporated by reference. The Quillon Agreements were filed.\n")
    assert list(dict.fromkeys(fields(text, "agreement"))) == ["Investor Rights Agreement", "Merger Agreement"]


def test_a_name_defined_as_itself_is_kept(fields):
    text = ("The Company entered into a Settlement Agreement (the \"Settlement Agreement\") with Orlan "
            "Holdings AG. The Settlement Agreement ends the dispute.\n")
    assert fields(text, "agreement") == ["Settlement Agreement"]


def test_per_share_on_the_next_line_of_wrapped_text(fields):
    text = ("Shares convert upon an offering yielding proceeds in excess of $25,000,000 at a price of not less "
            "than $6.50\n            per share or upon the approval of the holders.\n")
    assert fields(text, "money") == ["$25,000,000"]
    assert [" ".join(p.split()) for p in fields(text, "per_share_price")] == ["$6.50 per share"]


def test_percentage_points_are_percentages(fields):
    text = "The efficiency ratio improved by 0.6 percentage points to 53.8%, and margins rose 1 percentage point."
    assert fields(text, "percentage", "press_release") == ["0.6 percentage points", "53.8%", "1 percentage point"]


# -- combined 8-Ks of co-registrants -----------------------------------------------------------
_REGISTRANTS = ("FORM 8-K\n\nDate of Report (Date of earliest event reported): October 18, 2031\n\n"
                "Commission        Registrant, State of Incorporation,         I.R.S. Employer\n"
                "File Number       Address and Telephone Number                Identification No.\n\n")


@pytest.mark.parametrize("rows", [
    "1-8809            WESTBROOK ENERGY CORPORATION                 57-0784499\n"
    "                  (A South Carolina Corporation)\n                  1426 Main Street\n\n"
    "1-3375            WESTBROOK ELECTRIC & GAS COMPANY             57-0248695\n",
    "1-8809\tWestbrook Energy Corporation (A South Carolina Corporation)\t57-0784499\n"
    "1-3375\tWestbrook Electric & Gas Company (A South Carolina Corporation)\t57-0248695\n",
])
def test_the_first_registrant_of_a_combined_8k_is_the_company(fields, rows):
    text = _REGISTRANTS + rows + ("\nItem 8.01 Other Events\n\nOn October 18, 2031, Westbrook Electric & Gas "
                                  "Company filed a request for an increase in its rates.\n")
    assert [c.lower() for c in fields(text, "company")] == ["westbrook energy corporation"]


@pytest.mark.parametrize("sentence, name", [
    ("WEG entered into a $400 million credit agreement dated October 16, 2031 with Quillon Bank.", "credit agreement"),
    ("It signed a five-year $1.5 billion revolving credit agreement with Quillon Bank.", "revolving credit agreement"),
])
def test_the_sum_before_an_agreement_is_no_part_of_its_name(fields, sentence, name):
    assert fields(sentence, "agreement") == [name]


def test_a_signers_generational_suffix_is_kept(fields):
    text = "October 20, 2031\tBy: /s/ James E. Swan, IV\n\tJames E. Swan, IV\n\tController\n"
    assert fields(text, "signatory") == ["James E. Swan, IV"]


# -- column headers of dates -------------------------------------------------------------------
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


def test_an_announced_agreement_is_no_name(fields):
    text = "U.S. Quillon closed on its previously announced agreement to purchase Orlan Asset Management LLC."
    assert fields(text, "agreement", "press_release") == []


def test_the_tail_of_a_partys_name_is_the_same_party(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Bancorp (NYSE: VNB) reported results.\n\n"
            "The Company announced its acquisition of QRX Union Bank in 2031. We look forward to "
            "welcoming Union Bank staff when we close the acquisition.\n")
    assert list(dict.fromkeys(fields(text, "counterparty", "press_release"))) == ["QRX Union Bank"]


# -- a Form 4 typed as text ---------------------------------------------------------------------
FORM4_TEXT = """<SEC-DOCUMENT>0000950123-31-500123.txt : 20310612
<SEC-HEADER>0000950123-31-500123.hdr.sgml : 20310612
CONFORMED SUBMISSION TYPE:\t4
</SEC-HEADER>
<DOCUMENT>
<TYPE>4
<TEXT>
                                    FORM 4
               STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP

1. Name and Address of Reporting Person
   Halloran, Margaret T.

2. Issuer Name and Ticker or Trading Symbol
   Quillon Systems, Inc. (QSYS)

4. Statement for Month/Year
   May 2031

6. Relationship of Reporting Person to Issuer (Check all applicable)
   [X] Director                  [ ] 10% Owner

Table I -- Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned
|--------------|--------|-------|---------|--------|-------|--------------|-------|
|Common Stock  |05/14/31|  S    | 5,000   |   D    |$24.50 |    48,200    |   D   |
|Common Stock  |05/22/31|  M    | 10,000  |   A    |$8.125 |    58,200    |   D   |
|--------------|--------|-------|---------|--------|-------|--------------|-------|

(1) The options vest in three equal annual installments beginning May 22, 2032.

/s/ Margaret T. Halloran                                   June 11, 2031
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_a_form_4_typed_as_text(tmp_path):
    from reviewer.core.extract import default_extractor
    from reviewer.core.sources import read_file

    path = tmp_path / "form4.txt"
    path.write_text(FORM4_TEXT)
    doc = read_file(path).documents[0]
    result = default_extractor().extract(doc.text, metadata=doc.metadata)
    by = {}
    for f in result.fields:
        by.setdefault(f.label, []).append(f.text)
    assert result.doc_type == "4"
    assert by["report_date"] == ["May 2031"]
    assert by["per_share_price"] == ["$24.50", "$8.125"]
    assert by["share_count"] == ["5,000", "48,200", "10,000", "58,200"]
    assert "percentage" not in by  # the "10% Owner" box is the form's
    assert by["signatory"] == ["Margaret T. Halloran"]


def test_the_agreement_amended_is_no_alias_of_the_new_one(fields):
    text = ("On August 2, 2031, the Company entered into a Second Amended and Restated Credit Agreement (the "
            "\"Credit Agreement\") with Bank of Calder, N.A., as administrative agent. The Credit Agreement amends "
            "and restates the Amended and Restated Credit Agreement, dated as of March 15, 2027.\n")
    assert list(dict.fromkeys(fields(text, "agreement"))) == [
        "Second Amended and Restated Credit Agreement", "Amended and Restated Credit Agreement"]


def test_individual_sellers_named_together(fields):
    text = (COVER + "On January 6, 2031, the Company completed its acquisition of all of the issued and outstanding "
            "membership interests of Brightwater Home Care, LLC, a Texas limited liability company "
            "(\"Brightwater\"), from Samuel J. Ackerly and Renata Ackerly (together, the \"Sellers\"), pursuant "
            "to the Membership Interest Purchase Agreement.\n")
    assert fields(text, "counterparty") == ["Brightwater Home Care, LLC", "Samuel J. Ackerly", "Renata Ackerly"]


def test_the_town_after_a_partys_name_is_not_part_of_it(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Labs Inc. (NASDAQ: VNTR) today announced that it has "
            "signed a definitive agreement to acquire Pecos Creamery Company of Midland, Texas.\n")
    assert fields(text, "counterparty", "press_release") == ["Pecos Creamery Company"]


def test_a_range_of_cents_written_without_a_leading_zero(fields):
    text = "We expect the acquisition to add $.06 to $.09 per share to earnings in 2032."
    assert fields(text, "per_share_price", "press_release") == ["$.06", "$.09 per share"]
    assert fields(text, "money", "press_release") == []


def test_a_title_before_a_firms_name_is_no_part_of_it(fields):
    text = ("EXHIBIT 4.7\nDana Whitcomb Executive Vice President and Treasurer Vantor Financial Group, Inc. "
            "1 Vantor Plaza Providence, Rhode Island 02903\n\nWe agree to furnish copies of the instruments.\n")
    assert fields(text, "company", "10-K") == ["Vantor Financial Group, Inc."]


@pytest.mark.parametrize("name", ["Pieter van der Berg", "Maria de la Cruz"])
def test_two_particles_inside_a_name(fields, name):
    text = f"Following closing, Mr. {name}, Chairman, holds approximately 12.4% of the issued shares."
    assert fields(text, "person", "press_release") == [name]


def test_an_alias_defined_after_a_name_not_listed_is_no_agreement(fields):
    text = ("The Notes were issued under an Indenture, dated as of May 1, 2029 (the \"Base Indenture\"), between "
            "the Company and Quarry Trust Company, N.A., as trustee, as supplemented by the Fourth Supplemental "
            "Indenture, dated as of September 12, 2031 (the \"Supplemental Indenture\" and, together with the "
            "Base Indenture, the \"Indenture\").\n")
    assert "Base Indenture" not in fields(text, "agreement")
    assert "Fourth Supplemental Indenture" in fields(text, "agreement")


def test_a_name_defined_as_itself_after_a_date(fields):
    text = ("Mr. Roe is party to an employment agreement with the Manager, dated January 3, 2031 (the "
            "\"Employment Agreement\"). The Employment Agreement has a two-year term.\n")
    assert list(dict.fromkeys(f.lower() for f in fields(text, "agreement"))) == ["employment agreement"]


def test_the_signers_name_written_again_in_one_cell_is_no_title(fields):
    text = ("SIGNATURES\n\nDate: June 9, 2031\tHALVERSON PAPER COMPANY By: /s/ Martin K. Oyelaran Martin K. "
            "Oyelaran Vice President, General Counsel and Secretary\n")
    assert fields(text, "signatory_title") == ["Vice President, General Counsel and Secretary"]



def test_a_name_wrapped_after_its_initial_with_a_blank_before_the_break(fields):
    text = ("\"Most of our rivals have followed the same  design for over a decade now, \n"
            "slowly copying the interface we first brought to market,\" said Marten Q. \n"
            "Halvorsen. \"Now the time has come for something new, and where better  than \n"
            "here for this to begin? Who else has consistently led this market since it \n"
            "started with the first tablet, then the phone and the watch? With this \n")
    assert [" ".join(p.split()) for p in fields(text, "person", "press_release")] == ["Marten Q. Halvorsen"]


def test_a_decimal_comma_before_a_scale_word(label_texts):
    from reviewer.core.extract import default_extractor

    result = default_extractor().extract("Revenue was €3,25 billion and services added $5,7 million; fees were "
                                         "$1,250.", doc_type="press_release")
    money = [(f.text, f.value["amount"]) for f in result.fields if f.label == "money"]
    assert money == [("€3,25 billion", "3250000000"), ("$5,7 million", "5700000"), ("$1,250", "1250")]


# -- guards -------------------------------------------------------------------------------------
def test_a_numbered_list_item_still_starts_its_own_line(fields):
    text = ("The Board approved the following:\n1. an increase of the share pool by 500,000 shares;\n"
            "2. the election of Dana Whitcomb as a director.\n")
    from reviewer.core.extract.base import DocContext
    from reviewer.core.extract.wrapped import flat_text
    assert "\n1. an increase" in flat_text(DocContext(text)) and "\n2. the election" in flat_text(DocContext(text))


def test_a_director_named_a_member_of_the_board_is_no_party(fields):
    text = (COVER + "On June 3, 2031, the Company sold 1,000,000 shares to Orlan Holdings AG. Dana Whitcomb, a "
            "member of our Board, is a director of Orlan Holdings AG.\n")
    assert "Dana Whitcomb" not in fields(text, "counterparty")


@pytest.mark.parametrize("sentence, party", [
    ("The Company completed its acquisition of First National Bank of Omaha, Nebraska.", "First National Bank of Omaha"),
    ("The Company agreed to acquire Quillon’s from Orlan Holdings AG.", "Quillon’s"),
])
def test_names_that_keep_their_town_or_possessive(fields, sentence, party):
    assert party in fields(COVER + sentence + "\n", "counterparty")


def test_a_form_4_footnotes_sum_is_money_and_its_years_are_no_share_counts(tmp_path):
    from reviewer.core.extract import default_extractor
    from reviewer.core.sources import read_file

    text = FORM4_TEXT.replace("(1) The options vest", "(1) Aggregate proceeds of $61,250. The options vest").replace(
        "|Common Stock  |05/22/31|  M    | 10,000  |", "|Stock Option  |05/22/31|  M    | 10,000(2)|")
    text = text.replace("|--------------|--------|-------|---------|--------|-------|--------------|-------|\n\n",
                        "|--------------|--------|-------|---------|--------|-------|--------------|-------|\n"
                        "|Stock Option  |  2035  |       |         |        |       |              |       |\n\n", 1)
    path = tmp_path / "form4.txt"
    path.write_text(text)
    doc = read_file(path).documents[0]
    result = default_extractor().extract(doc.text, metadata=doc.metadata)
    by = {}
    for f in result.fields:
        by.setdefault(f.label, []).append(f.text)
    assert "$61,250" in by["money"]
    assert "2035" not in by["share_count"] and "10,000" in by["share_count"]


def test_figures_after_totals_in_a_per_share_sentence_stay_money(fields):
    text = "Earnings per share were $2.17, and net income was $5 million, compared with $4 in fees."
    assert fields(text, "money", "press_release") == ["$5 million", "$4"]


def test_an_item_number_glued_to_its_title(fields):
    text = "FORM 8-K\n\nItem 1.01Entry into a Material Definitive Agreement.\n\nItem 9.01Financial Statements and Exhibits.\n"
    assert [f.split()[1][:4] for f in fields(text, "item")] == ["1.01", "9.01"]


def test_a_person_and_a_trust_named_together_as_sellers(fields):
    text = (COVER + "On May 19, 2031 the Company acquired all interests of Orrin LLC pursuant to the Purchase "
            "Agreement by and among the Company, Orrin, Wendeline A. Okoro and the Tilbury Family Trust "
            "(collectively, the \"Sellers\").\n")
    assert "Wendeline A. Okoro" in fields(text, "person")
    assert fields(text, "counterparty") == ["Orrin LLC", "Wendeline A. Okoro", "Tilbury Family Trust"]


@pytest.mark.parametrize("text, prices", [
    ("-- Expected to be accretive to adjusted EPS by $0.08 to $0.10 in the first full year", ["$0.08", "$0.10"]),
    ("The price is a premium of 15% to the closing price of Vantor's common stock of $4.52 on January 8, 2033.",
     ["$4.52"]),
])
def test_more_per_share_contexts(fields, text, prices):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == []


def test_a_speaker_after_a_quote_about_investors_is_no_investor(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Labs Inc. (NASDAQ: VNTR) today announced a $40 million "
            "private placement.\n\n\"We are grateful for the strong support of this syndicate of leading healthcare "
            "investors,\" said Evander Haskell, M.D., President and Chief Executive Officer of Vantor.\n")
    assert "Evander Haskell" not in fields(text, "counterparty", "press_release")


FORM4_BOXED = """                                  FORM 4
          STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES

[ ] Check this box if no longer subject to Section 16. See Instruction 1(b).
+-----------------------------------------------------------------------------+
| 1. Name and Address of Reporting Person*                                    |
|    Marwick              Tobias              R.                              |
+-----------------------------------------------------------------------------+
| 2. Issuer Name and Ticker or Trading Symbol                                 |
|    Quillon Industrial Corp.  (QLND)                                         |
+-----------------------------------------------------------------------------+
| 4. Statement for Month/Year                                                 |
|    11/2031                                                                  |
+-----------------------------------------------------------------------------+
       TABLE I -- NON-DERIVATIVE SECURITIES ACQUIRED, DISPOSED OF, OR OWNED
+-----------+----------+-----+---+---------+-----+------------+-----------+------+
|Common     |11/14/2031|  M  |   | 12,500  |  A  | $18.40     |           |  D   |
|Stock      |          |     |   |         |     |            |           |      |
+-----------+----------+-----+---+---------+-----+------------+-----------+------+
|Common     |11/17/2031|  S  |   |  5,500  |  D  | $46.90     |  84,312   |  D   |
|Stock      |          |     |   |         |     |            |           |      |
+-----------+----------+-----+---+---------+-----+------------+-----------+------+
"""


def test_a_form_4_typed_in_boxes(fields):
    assert fields(FORM4_BOXED, "company", "4") == ["Quillon Industrial Corp."]
    assert fields(FORM4_BOXED, "ticker", "4") == ["QLND"]
    assert fields(FORM4_BOXED, "report_date", "4") == ["11/2031"]
    assert fields(FORM4_BOXED, "share_count", "4") == ["12,500", "5,500", "84,312"]
    assert fields(FORM4_BOXED, "per_share_price", "4") == ["$18.40", "$46.90"]
    assert fields(FORM4_BOXED, "person", "4") == []  # "See Instruction" is the form's


def test_co_registrants_are_no_parties(fields):
    text = _REGISTRANTS + ("1-8809\tWestbrook Energy Corporation (A South Carolina Corporation)\t57-0784499\n"
                           "1-3375\tWestbrook Electric & Gas Company (A South Carolina Corporation)\t57-0248695\n"
                           "\nItem 1.01 Entry into a Material Definitive Agreement\n\nOn October 9, 2031, Westbrook "
                           "Electric & Gas Company entered into a Term Loan Agreement with Lindqvist Bank plc, New "
                           "York Branch, as lender and administrative agent.\n")
    assert fields(text, "counterparty") == ["Lindqvist Bank plc, New York Branch"]


def test_a_branch_ends_the_name_before_it(fields):
    text = (COVER + "The Company entered into a Credit Agreement with Northbrae Bank, N.A., as administrative "
            "agent, and Ostmark Landesbank AG, New York Branch and Pelham Trust Company, as co-syndication agents.\n")
    assert fields(text, "counterparty") == ["Northbrae Bank, N.A.", "Ostmark Landesbank AG, New York Branch",
                                            "Pelham Trust Company"]


@pytest.mark.parametrize("row", [
    "  Common Stock, $0.0001 par value         ARDX              The Nasdaq Global Select Market\n",
    "Class A Common Stock, par value $0.001 per share | ARDX | The Nasdaq Stock Market LLC\n",
])
def test_a_cover_table_typed_as_text_gives_its_symbols(fields, row):
    text = ("FORM 8-K\n\nSecurities registered pursuant to Section 12(b) of the Act:\n\n"
            "  Title of each class               Trading Symbol(s)   Name of each exchange on which registered\n"
            + row + "\nItem 8.01 Other Events\n")
    assert fields(text, "ticker") == ["ARDX"]


def test_an_agreement_and_general_release_is_one_name(fields):
    text = ("The Company and Mr. Roe entered into a Separation Agreement and General Release, dated August 6, "
            "2031 (the \"Separation Agreement\"). Under the Separation Agreement Mr. Roe receives $180,000.\n")
    assert list(dict.fromkeys(fields(text, "agreement"))) == ["Separation Agreement and General Release"]


# -- probes of other styles ---------------------------------------------------------------------
def test_pence_are_a_share_price_unless_a_nominal_value(label_texts):
    text = ("A placing of up to 9,850,000 new ordinary shares of 5 pence each at a price of 412 pence per share, "
            "a discount of 3.1 per cent to the closing price of 425.2 pence on 13 March 2032.")
    assert label_texts(text, "per_share_price", "press_release") == ["412 pence per share", "425.2 pence"]
    assert label_texts(text, "share_count", "press_release") == ["9,850,000 new ordinary shares"]


def test_bookrunners_named_without_a_verb(label_texts):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Labs Inc. (NASDAQ: VNTR) today announced a placing.\n\n"
            "The placing will be conducted by Barrow Lytton & Co. Limited and Kesterfield Securities LLP as joint "
            "bookrunners, pursuant to a placing agreement.")
    assert label_texts(text, "counterparty", "press_release") == ["Barrow Lytton & Co. Limited",
                                                                  "Kesterfield Securities LLP"]


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


def test_a_fuller_name_defined_far_before_its_short_form_stays(label_texts):
    text = ("On March 1, 2032, the Company acquired Brightwater Polymer Holdings, LLC from Corvane Partners III, "
            "L.P., pursuant to the Membership Interest Purchase Agreement, dated as of September 22, 2031, by and "
            "among the Company, Brightwater and the Seller (the \"Purchase Agreement\").\n")
    assert label_texts(text, "agreement", "8-K") == ["Membership Interest Purchase Agreement"]


def test_a_state_regulators_office_is_no_party(label_texts):
    text = (COVER + "The merger of Eudell Bank into Vantor Bank was approved by the Kansas Office of the State Bank "
            "Commissioner on June 3, 2031.\n")
    assert "Kansas Office of the State Bank Commissioner" not in label_texts(text, "counterparty", "8-K")


def test_the_names_under_media_and_investor_labels_are_people(label_texts):
    text = ("Contacts\n\nInvestors:\nCaleb Ostrowe\nVantor Labs\n(617) 555-0186\n\nMedia:\nPriya Nakashima-Reyes\n"
            "Bracken Hale Communications\n(617) 555-0121\n")
    assert label_texts(text, "person", "press_release") == ["Caleb Ostrowe", "Priya Nakashima-Reyes"]
