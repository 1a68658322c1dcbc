"""Results and contacts of issuers abroad, each on invented text: per-ADS figures with their
conversions compared across quarters, and contact lines that run a title into the firm."""

import pytest


def test_per_ads_figures_with_conversions_compared(fields):
    text = ("Basic and diluted net income per ADS were RMB2.31 (US$0.32) and RMB2.28 (US$0.31), respectively, "
            "compared with RMB1.74 and RMB1.70 in the second quarter of 2030.")
    assert fields(text, "per_share_price", "press_release") == ["RMB2.31", "US$0.32", "RMB2.28", "US$0.31",
                                                               "RMB1.74", "RMB1.70"]
    assert fields(text, "money", "press_release") == []


@pytest.mark.parametrize("title", ["Chief Financial Officer", "Senior Vice President", "President and CEO"])
def test_a_contacts_title_run_into_the_firm(fields, title):
    text = (f"Contacts:\n\nDr. Noa Ben-Haim {title} Quorvale Water Technologies Ltd. Tel: +972-3-555-0144 "
            "ir@quorvale.co.il\n")
    assert fields(text, "person", "press_release") == ["Noa Ben-Haim"]
    assert "Quorvale Water Technologies Ltd." in fields(text, "organization", "press_release")
