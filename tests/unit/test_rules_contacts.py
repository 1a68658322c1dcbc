"""Contact blocks run together: emails and phones split from the words and numbers glued to
them, and international numbers (invented names and numbers throughout)."""

import pytest



def texts(extractor, text, label):
    result = extractor.extract(text, doc_type="press_release")
    found = [f for f in result.fields if f.label == label]
    for f in found:
        assert text[f.start:f.end] == f.text
    return [f.text for f in found]


def test_email_glued_to_a_phone_and_a_title(extractor):
    text = "Contact:\nDana Quill\nChief Operating Officer+1 212 555 0100dquill@quillworks.com\n"
    assert texts(extractor, text, "email") == ["dquill@quillworks.com"]
    assert texts(extractor, text, "phone") == ["+1 212 555 0100"]


def test_email_does_not_swallow_the_word_after_its_domain(extractor):
    text = "Investor Relations\nEmail: r.vane@orbitex.netTelephone: +44 20 7946 0958\n"
    assert texts(extractor, text, "email") == ["r.vane@orbitex.net"]
    assert texts(extractor, text, "phone") == ["+44 20 7946 0958"]
    assert texts(extractor, "Write to info@lumora.comFollow us", "email") == ["info@lumora.com"]


@pytest.mark.parametrize("glued, email", [
    ("Tova Brenk828-555-0147tbrenk@brenkco.com", "tbrenk@brenkco.com"),   # a phone before
    ("Tulsa, OK 74001info@pellam.com", "info@pellam.com"),                  # a postcode before
    ("Pellam Holdings, Inc.Info@pellam.com", "Info@pellam.com"),            # a legal suffix before
    ("Office: 555.201.3344 Officemara@pellam.com", "mara@pellam.com"),      # a label word before
    ("Investor Relations OfficerIR@PELLAM.AI", "IR@PELLAM.AI"),             # a title before
    ("Arlo Quentinaquentin@pellam.com", "aquentin@pellam.com"),             # the surname before
])
def test_email_split_from_what_is_glued_before_it(extractor, glued, email):
    assert texts(extractor, glued, "email") == [email]


def test_addresses_that_only_look_glued_are_kept(extractor):
    text = "Write to MediaRelations@pellam.com or Jo.Ann.Vale@pellam.com or team2024@pellam.com."
    assert texts(extractor, text, "email") == ["MediaRelations@pellam.com", "Jo.Ann.Vale@pellam.com",
                                              "team2024@pellam.com"]


def test_phones_touching_letters(extractor):
    text = "PresidentPhone: 416-555-2250Fax: 416-555-1954Email: desk@pellam.com"
    assert texts(extractor, text, "phone") == ["416-555-2250", "416-555-1954"]
    assert texts(extractor, "Suite 9, Tulsa, OK 74001(918) 555-2020info@pellam.com", "phone") == ["(918) 555-2020"]


@pytest.mark.parametrize("number", [
    "+44 20 7946 0958", "(+65) 6123 4567", "+49 (0)30 1234567", "+33 1 23 45 67 89", "+971 2 555 4013",
    "+61 2 9876 5432", "+81-3-1234-5678", "1-(866)-555-0077",
    "+40712345678", "+49\u00a08105\u00a01234\u00a00", "+47 (0) 932\u00a012\u00a0345",  # no separators; no-break spaces
])
def test_international_formats(extractor, number):
    assert texts(extractor, f"Call {number} today.", "phone") == [number]


def test_international_number_stops_before_a_following_figure(extractor):
    assert texts(extractor, "Tel +44 20 7946 0958 2024 results", "phone") == ["+44 20 7946 0958"]


@pytest.mark.parametrize("text", ["Revenue rose +5.2% to 1,200", "up +12.3 145 678 points", "+1.5 2024 2023"])
def test_signed_figures_are_not_phones(extractor, text):
    assert texts(extractor, text, "phone") == []


LINEAR_CASES = {
    # a contact block run together on one line, and one entry per line
    "glued contacts": (lambda i: f"Officer+1 212 555 {1000 + i % 9000}ann{i}@firm.comTelephone: +44 20 7946 {1000 + i % 9000} ",
                       "email", "line"),
    "glued contacts per line": (lambda i: f"Officer+1 212 555 {1000 + i % 9000}ann{i}@firm.com ", "email", "lines"),
    "international phones": (lambda i: f"(+65) 6123 {1000 + i % 9000} +49 (0)30 12{i % 10}4567 ", "phone", "line"),
    "plus signs": (lambda i: "+5.2% +1 2 ", None, "line"),
}


# -- linearity (the method of test_linearity_extract.py: time(2n) / time(n) in one run) ----------
from test_linearity_extract import assert_linear  # noqa: E402


@pytest.mark.parametrize("name", list(LINEAR_CASES))
def test_extraction_time_is_linear(name):
    assert_linear(LINEAR_CASES, name)


def test_tickers_on_several_exchanges_side_by_side():
    from reviewer.core.extract import default_extractor

    text = ("TORONTO, ON / ACCESSWIRE / March 3, 2025 / Quillon Metals Corp. (TSXV: QLM) (OTCQB: QLMTF) "
            "and Brindle Holdings, Inc. (OTC PINK:BRDH) announced a joint venture. Shares of "
            "Harrowgate Ltd (Euronext Paris: HRW) and (OTC Markets:\u00a0HRGTF) were unchanged.")
    found = [f.text for f in default_extractor().extract(text).fields if f.label == "ticker"]
    assert found == ["TSXV: QLM", "OTCQB: QLMTF", "OTC PINK:BRDH", "Euronext Paris: HRW", "OTC Markets:\u00a0HRGTF"]


@pytest.mark.parametrize("sentence, symbol", [
    ("Its common shares trade on the TSX Venture Exchange under the symbol \u201cQLM\u201d.", "QLM"),
    ("The shares are quoted under the ticker symbol 'BRDH' on the OTC Pink.", "BRDH"),
    ("Harrowgate is listed on the London Stock Exchange under the symbol HRWG and is a member of an index.",
     "HRWG"),
    ("Its shares trade under the symbol \u201cQLM.\u201d", "QLM"),
    ("Units trade under the trading symbol QLM.UN on the exchange.", "QLM.UN"),
])
def test_ticker_written_in_prose_under_the_symbol(extractor, sentence, symbol):
    assert texts(extractor, sentence, "ticker") == [symbol]


def test_no_ticker_without_a_symbol_after_under_the_symbol(extractor):
    assert texts(extractor, "It is traded under the symbol of confidence, not under the ticker.", "ticker") == []


def test_a_contact_label_glued_to_the_firm_after_it(extractor):
    text = ("Vantor Labs Inc. closed a private placement.\n\nFor further information:\n"
            "Mireille Dufort, Investor RelationsVantor Labs Inc.+1 (604) 555-0147mdufort@vantorlabs.ca\n")
    assert "Vantor Labs Inc." in texts(extractor, text, "organization")
    assert not [o for o in texts(extractor, text, "organization") if o.startswith("Relations")]
    # "Investor Relations" names her job, not her part in the deal
    assert texts(extractor, text, "counterparty") == []


@pytest.mark.parametrize("surname", ["Adeyemi-Lund", "Castellanos", "Oyeniran"])
def test_a_surname_glued_to_the_firm_after_it(extractor, surname):
    text = (f"Investor Contact:Sophie {surname}Brixham Analytics, Inc.(503) 555-0163ir@brixhamdx.com"
            "Media Contact:Tomas Eberle(503) 555-0190media@brixhamdx.com")
    assert texts(extractor, text, "person") == [f"Sophie {surname}", "Tomas Eberle"]
    assert texts(extractor, text, "organization") == ["Brixham Analytics, Inc."]


def test_a_firm_written_in_camel_case_is_whole(extractor):
    text = "The agreement was signed with the Company's partner, NovaGen Therapeutics, Inc., on May 2, 2031."
    assert texts(extractor, text, "organization") == ["NovaGen Therapeutics, Inc."]
    text = "Contact: Hannah Whitcombe, BioQuarry Partners LLC, +1 415 555 0101"
    assert "BioQuarry Partners LLC" in texts(extractor, text, "organization")


@pytest.mark.parametrize("written", ["FSE: 4QS", "FRA:M0YN", "NASDAQ/NMS:QGLD", "Nasdaq/NM: QGLD", "NYSE Amex:QGLD",
                                     "Nasdaq Stockholm: QGLD B", "Nasdaq Capital Market: QGLD", "TSX Venture: QG.U",
                                     "TSE: 4591", "Frankfurt Stock Exchange: QGD", "Tokyo Stock Exchange: 6597",
                                     "A2X: QGD", "B3: QGLD3", "NSE: QUINTGOLD", "BSE: 543921"])
def test_tickers_with_digits_and_older_market_names(extractor, written):
    text = f"VANCOUVER, May 2, 2025 -- Quint Gold Corp. (CSE: QG) ({written}) today said it drilled."
    assert texts(extractor, text, "ticker") == ["CSE: QG", written]
    assert texts(extractor, "Revenue (NYSE: 2025) rose.", "ticker") == []  # a symbol is never only digits


@pytest.mark.parametrize("text, site, email", [
    ("Dana Quill, CEOwww.QuillWorks.comdquill@quillworks.com", "www.QuillWorks.com", "dquill@quillworks.com"),
    ("Visit www.quill.cominfo@quillmail.ca today", "www.quill.com", "info@quillmail.ca"),
])
def test_a_web_address_glued_before_an_email(extractor, text, site, email):
    assert texts(extractor, text, "email") == [email]
    assert texts(extractor, text, "url") == [site]
    assert texts(extractor, "write to john.comstock@quill.com", "email") == ["john.comstock@quill.com"]


def test_two_symbols_written_in_prose(extractor):
    text = "Its common stock and warrants will trade on Nasdaq under the ticker symbols “QVLS” and “QVLSW”, respectively."
    assert texts(extractor, text, "ticker") == ["QVLS", "QVLSW"]


@pytest.mark.parametrize("written", ["SWX: HALQ", "OSE: HALV", "STO: VANT B"])
def test_tickers_on_european_markets(extractor, written):
    assert texts(extractor, f"Vantor AG ({written}) today announced a licence.", "ticker") == [written]


def test_a_cover_table_typed_in_blanks_under_a_header_of_two_lines(extractor):
    text = ("Title of each class                    Trading Symbol(s)   Name of each exchange\n"
            "                                                           on which registered\n"
            "Common Stock, without par value       QVU              New York Stock Exchange\n"
            "5.625% Junior Subordinated Notes      QVUA             New York Stock Exchange\n"
            "  due 2054\n\n"
            "Item 2.02. Results of Operations\n")
    assert texts(extractor, text, "ticker") == ["QVU", "QVUA"]


def test_a_preferred_series_symbol_after_a_blank(extractor):
    text = ("Title of each class\tTrading Symbol(s)\tName of each exchange on which registered\n"
            "Common Stock, $0.01 par value per share\tQRT\tNew York Stock Exchange\n"
            "7.375% Series A Preferred Stock, $0.01 par value per share\tQRT PrA\tNew York Stock Exchange\n")
    assert texts(extractor, text, "ticker") == ["QRT", "QRT PrA"]


@pytest.mark.parametrize("text, symbols", [
    ("Its stock will trade under the new ticker symbol “NLKQ” on September 26, 2031.", ["NLKQ"]),
    ("Quillon is listed on Euronext Paris (ISIN: FR0000000000, ticker: QLRM).", ["QLRM"]),
    ("Quillon Resources Ltd. (TSX VENTURE:QRE) announced a placement.", ["TSX VENTURE:QRE"]),
])
def test_symbols_under_a_new_ticker_after_a_label_and_on_a_venture_market_in_capitals(extractor, text, symbols):
    assert texts(extractor, text, "ticker") == symbols


def test_a_preferred_series_after_an_exchange(extractor):
    text = "Dividends on its Series A Preferred Shares (NYSE: QHPTPrA) and Series B (NYSE:\nQHPTPrB) were declared."
    assert texts(extractor, text, "ticker") == ["NYSE: QHPTPrA", "NYSE:\nQHPTPrB"]


def test_a_warrants_symbol_after_a_blank_in_the_cover_table(extractor):
    text = ("Title of each class\tTrading Symbol(s)\tName of each exchange on which registered\n"
            "Common Stock, par value $0.001 per share\tQRMC\tNYSE American LLC\n"
            "Warrants, each exercisable for one share at $11.50 per share\tQRMC WS\tNYSE American LLC\n")
    assert texts(extractor, text, "ticker") == ["QRMC", "QRMC WS"]
