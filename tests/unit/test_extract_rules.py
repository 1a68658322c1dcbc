import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.extract.normalize import phone_value, words_to_number


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def fields(extractor, text, doc_type="press_release", label=None):
    result = extractor.extract(text, doc_type=doc_type)
    return [f for f in result.fields if label is None or f.label == label]


def one(extractor, text, label, doc_type="press_release"):
    found = fields(extractor, text, doc_type, label)
    assert len(found) == 1, found
    return found[0]


def test_money_with_scale_word(extractor):
    f = one(extractor, "Tecogen Raises Over $4.3 Million in a placement.", "money")
    assert f.text == "$4.3 Million"
    assert f.value == {"amount": "4300000", "currency": "USD"}


def test_spelled_out_money(extractor):
    f = one(extractor, "a loan of Ten Million Dollars to the Company", "money")
    assert f.text == "Ten Million Dollars"
    assert f.value["amount"] == "10000000"
    assert words_to_number("two hundred fifty thousand") == 250000


def test_markdown_escaped_dollar_keeps_the_span_on_the_sign(extractor):
    text = r"an aggregate of \$957,375 in cash"
    f = one(extractor, text, "money")
    assert f.text == "$957,375" and text[f.start:f.end] == "$957,375"


def test_per_share_price_is_not_money(extractor):
    text = "This includes 212,750 shares at $4.50 per share, a commission of $64,623."
    assert one(extractor, text, "per_share_price").text == "$4.50 per share"
    assert [f.text for f in fields(extractor, text, label="money")] == ["$64,623"]
    assert one(extractor, text, "share_count").value == 212750


def test_par_values_are_not_labelled(extractor):
    text = "Common Stock, par value $0.01 per share, and preferred stock, $0.001 par value."
    assert not fields(extractor, text, "8-K", "money")
    assert not fields(extractor, text, "8-K", "per_share_price")


def test_table_figures_are_not_labelled_but_captions_are(extractor):
    text = (
        "Net income\t$\t44,172\t$\t51,762\n"
        "Common stock, authorized 100,000,000 shares of $.01 par value; issued 50,773,796 shares\t508\t504\n"
    )
    assert not fields(extractor, text, label="money")
    assert [f.text for f in fields(extractor, text, label="share_count")] == [
        "100,000,000 shares", "50,773,796 shares"]


def test_amounts_in_thousands(extractor):
    f = one(extractor, "Revenue was $1,234 (in thousands) for the quarter.", "money")
    assert f.value["amount"] == "1234000"


@pytest.mark.parametrize(
    "text, value",
    [
        ("Dec. 3, 2013", "2013-12-03"),
        ("DECEMBER 15, 1998", "1998-12-15"),
        ("September 22, 2017", "2017-09-22"),
        ("July 2025", "2025-07"),
        ("2025-01-10", "2025-01-10"),
        ("March 28", "--03-28"),
        ("12/31/2024", "2024-12-31"),
        ("December of 1996", "1996-12"),
    ],
)
def test_dates(extractor, text, value):
    f = one(extractor, f"It happened on {text} at noon.", "date")
    assert f.text == text and f.value == value


def test_not_dates(extractor):
    assert not fields(extractor, "in fiscal 2024, at 10:00 a.m., in May we may 5 times", label="date")


def test_percentages(extractor):
    found = fields(extractor, "sales decreased 3.2 percent; rate of 1.250%; 50% of base", label="percentage")
    assert [(f.text, f.value) for f in found] == [("3.2 percent", "0.032"), ("1.250%", "0.0125"), ("50%", "0.5")]


def test_contacts(extractor):
    text = "P: 781-466-6444 or (972) 934-4700; E: Melinda.Furse@Tecogen.com; www.tecogen.com."
    phones = fields(extractor, text, label="phone")
    assert [p.value for p in phones] == ["+17814666444", "+19729344700"]
    assert one(extractor, text, "email").value == "melinda.furse@tecogen.com"
    assert one(extractor, text, "url").text == "www.tecogen.com"
    assert phone_value("not a phone") is None


def test_exchange_tickers(extractor):
    f = one(extractor, "Tecogen Inc. (NASDAQ: TGEN) today announced", "ticker")
    assert f.text == "NASDAQ: TGEN" and f.value == "NASDAQ:TGEN"


def test_cover_table_symbol(extractor):
    text = ("Title of each class\tTrading Symbol(s)\tName of each exchange on which registered\n"
            "Common Stock, par value $0.01 per share\tORCL\tNew York Stock Exchange\n")
    assert one(extractor, text, "ticker", "8-K").text == "ORCL"


def test_items_and_report_date_of_an_8k(extractor):
    text = ("FORM 8-K\nDate of Report (Date of earliest event reported): November 14, 2024\n"
            "Example Corp.\n(Exact name of registrant as specified in its charter)\n\n"
            "Item 5.07 Submission of Matters to a Vote of Security Holders\nText.\n"
            "Item 9.01. Financial Statements and Exhibits\n")
    result = default_extractor().extract(text, doc_type="8-K")
    by = {}
    for f in result.fields:
        by.setdefault(f.label, []).append(f)
    assert [(f.value, f.text) for f in by["item"]] == [
        ("5.07", "Item 5.07 Submission of Matters to a Vote of Security Holders"),
        ("9.01", "Item 9.01. Financial Statements and Exhibits")]
    assert by["report_date"][0].value == "2024-11-14"
    assert by["company"][0].text == "Example Corp."


@pytest.mark.parametrize("heading, numbers", [
    ("Item 2.02 and Item 7.01 Results of Operations; Regulation FD Disclosure", ["2.02", "7.01"]),
    ("Items 2.02 and 7.01. Results of Operations; Regulation FD Disclosure", ["2.02", "7.01"]),
    ("ITEMS 1.01, 2.03 AND 9.01. ENTRY INTO AN AGREEMENT", ["1.01", "2.03", "9.01"]),
])
def test_several_items_under_one_heading(extractor, heading, numbers):
    text = "FORM 8-K\nExample Corp.\n(Exact name of registrant as specified in its charter)\n\n" + heading + "\nText.\n"
    found = [f for f in default_extractor().extract(text, doc_type="8-K").fields if f.label == "item"]
    assert [f.value for f in found] == numbers
    assert found[-1].text.endswith(heading.rsplit(" ", 1)[-1])  # the last number holds the title


def test_agreements_with_defined_terms(extractor):
    text = ('On May 19, 2016, the Company entered into a joint venture agreement (the "JVA") with Acme a.s. '
            'Under the JVA and the Agreement and Plan of Merger dated March 26, 2021 (“Merger Agreement”), '
            "the Merger Agreement calls for a merger.")
    found = fields(extractor, text, "8-K", "agreement")
    assert [f.text for f in found] == ["joint venture agreement", "Agreement and Plan of Merger"]
    assert found[0].value == {"name": "joint venture agreement", "alias": "JVA"}


def test_signature_block(extractor):
    text = ("SIGNATURES\nPursuant to the requirements of the Securities Exchange Act of 1934.\n"
            "EXAMPLE CORP.\nDate: November 22, 2024\tBy: /s/ THOMAS B. HEACOCK\nName: Thomas B. Heacock\n"
            "Title: Senior Vice President of Finance,\nTreasurer and Chief Financial Officer\n")
    result = extractor.extract(text, doc_type="8-K")
    by = {f.label: f for f in result.fields}
    assert by["signatory"].text == "Thomas B. Heacock"
    assert by["signatory_title"].value == "Senior Vice President of Finance, Treasurer and Chief Financial Officer"


def test_signatory_title_cut_by_a_line_break_after_an_unfinished_word(extractor):
    text = ("SIGNATURES\nPursuant to the requirements of the Securities Exchange Act of 1934.\n"
            "                 VANTOR LABS, INC.\n"
            "Date: May 2, 2004          By: /s/ Orla M. Penhallow\n"
            "                               Orla M. Penhallow\n"
            "                               Vice President and Chief\n"
            "                               Financial Officer\n\n"
            "EXHIBIT INDEX\n")
    by = {f.label: f for f in extractor.extract(text, doc_type="8-K").fields}
    assert by["signatory"].text == "Orla M. Penhallow"
    assert by["signatory_title"].value == "Vice President and Chief Financial Officer"


def test_financing_facts_and_checks(extractor, data_dir):
    text = (data_dir / "tecogen-press-release-2013.txt").read_text(encoding="utf-8")
    result = extractor.extract(text, doc_type="press_release")
    by = {}
    for f in result.fields:
        by.setdefault(f.label, []).append(f.text)
    assert by["shares_sold"] == ["212,750 shares"]
    assert by["offering_price"] == ["$4.50 per share"]
    assert by["gross_proceeds"] == ["$957,375"]
    assert by["commission"] == ["$64,623"]
    assert by["net_proceeds"] == ["$892,752"]
    checks = {c["name"]: c for c in result.checks}
    assert checks["shares_x_price"]["ok"] and checks["shares_x_price"]["expected"] == "957375"
    assert checks["gross_minus_commission"]["ok"]


def test_report_date_after_signature_fails_the_check(extractor):
    text = ("FORM 8-K\nDate of Report (Date of earliest event reported): May 5, 2024\n"
            "Acme Corp.\n(Exact name of registrant as specified in its charter)\n"
            "Acme Corp.\nDate: May 1, 2024\tBy: /s/ Jane Q. Public\nTitle: Chief Executive Officer\n")
    checks = {c["name"]: c for c in extractor.extract(text, doc_type="8-K").checks}
    assert checks["report_before_signature"]["ok"] is False


def test_doc_type_from_text():
    from reviewer.core.extract.doctype import classify

    assert classify(None, None, "UNITED STATES\nFORM 10-K\nANNUAL REPORT") == "10-K"
    assert classify("EX-99.1", "8-K", "anything") == "press_release"
    assert classify(None, None, "WALTHAM, Mass., Dec. 3, 2013 /PRNewswire/ -- Tecogen") == "press_release"
    assert classify(None, None, "a letter") == "other"
    # a foreign issuer's report is no release, even when its cover reads like one
    assert classify("6-K", "6-K", "FORM 6-K\nVANCOUVER, May 2, 2031 /PRNewswire/ -- Acme today announced") == "other"
    assert classify("EX-99.1", "6-K", "anything") == "press_release"
