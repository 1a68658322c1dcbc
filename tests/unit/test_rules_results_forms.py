"""Forms and covers, each on invented text: a Form 4 typed as text or in boxes, combined 8-Ks of
co-registrants, a cover's symbols typed as text, item numbers glued to their titles and the
signer's block."""

import pytest


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


def test_a_signers_generational_suffix_is_kept(fields):
    text = "October 20, 2031\tBy: /s/ James E. Swan, IV\n\tJames E. Swan, IV\n\tController\n"
    assert fields(text, "signatory") == ["James E. Swan, IV"]


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


def _read_form(tmp_path, text: str):
    """A Form 4 submission read from a file and extracted: (the extraction, label -> texts)."""
    from reviewer.core.extract import default_extractor
    from reviewer.core.sources import read_file

    path = tmp_path / "form4.txt"
    path.write_text(text)
    doc = read_file(path).documents[0]
    result = default_extractor().extract(doc.text, metadata=doc.metadata)
    by = {}
    for f in result.fields:
        by.setdefault(f.label, []).append(f.text)
    return result, by


def test_a_form_4_typed_as_text(tmp_path):
    result, by = _read_form(tmp_path, FORM4_TEXT)
    assert result.doc_type == "4"
    assert by["report_date"] == ["May 2031"]
    assert by["per_share_price"] == ["$24.50", "$8.125"]
    assert by["share_count"] == ["5,000", "48,200", "10,000", "58,200"]
    assert "percentage" not in by  # the "10% Owner" box is the form's
    assert by["signatory"] == ["Margaret T. Halloran"]


def test_the_signers_name_written_again_in_one_cell_is_no_title(fields):
    text = ("SIGNATURES\n\nDate: June 9, 2031\tHALVERSON PAPER COMPANY By: /s/ Martin K. Oyelaran Martin K. "
            "Oyelaran Vice President, General Counsel and Secretary\n")
    assert fields(text, "signatory_title") == ["Vice President, General Counsel and Secretary"]


def test_a_form_4_footnotes_sum_is_money_and_its_years_are_no_share_counts(tmp_path):
    text = FORM4_TEXT.replace("(1) The options vest", "(1) Aggregate proceeds of $61,250. The options vest").replace(
        "|Common Stock  |05/22/31|  M    | 10,000  |", "|Stock Option  |05/22/31|  M    | 10,000(2)|")
    text = text.replace("|--------------|--------|-------|---------|--------|-------|--------------|-------|\n\n",
                        "|--------------|--------|-------|---------|--------|-------|--------------|-------|\n"
                        "|Stock Option  |  2035  |       |         |        |       |              |       |\n\n", 1)
    _, by = _read_form(tmp_path, text)
    assert "$61,250" in by["money"]
    assert "2035" not in by["share_count"] and "10,000" in by["share_count"]


def test_an_item_number_glued_to_its_title(fields):
    text = "FORM 8-K\n\nItem 1.01Entry into a Material Definitive Agreement.\n\nItem 9.01Financial Statements and Exhibits.\n"
    assert [f.split()[1][:4] for f in fields(text, "item")] == ["1.01", "9.01"]


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


@pytest.mark.parametrize("row", [
    "  Common Stock, $0.0001 par value         ARDX              The Nasdaq Global Select Market\n",
    "Class A Common Stock, par value $0.001 per share | ARDX | The Nasdaq Stock Market LLC\n",
])
def test_a_cover_table_typed_as_text_gives_its_symbols(fields, row):
    text = ("FORM 8-K\n\nSecurities registered pursuant to Section 12(b) of the Act:\n\n"
            "  Title of each class               Trading Symbol(s)   Name of each exchange on which registered\n"
            + row + "\nItem 8.01 Other Events\n")
    assert fields(text, "ticker") == ["ARDX"]
