"""What a reviewer types, as a typed value of the label's type, or a clear ValueError."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.values import format_value, parse_value


@pytest.mark.parametrize("text, amount, currency", [
    ("$4.3 million", "4300000", "USD"),
    ("4300000 USD", "4300000", "USD"),
    ("C$5 million", "5000000", "CAD"),
    ("US$1.2 billion", "1200000000", "USD"),
    ("€3 million", "3000000", "EUR"),
    ("£2.5m", "2500000", "GBP"),
    ("EUR 750,000", "750000", "EUR"),
    ("$(1,250)", "-1250", "USD"),
    ("-1250 USD", "-1250", "USD"),
    ("$4.50 per share", "4.5", "USD"),
    ("Ten Million Dollars", "10000000", "USD"),
    ("five cents per share", "0.05", "USD"),
])
def test_money(text, amount, currency):
    assert parse_value("money", text) == {"amount": amount, "currency": currency}


@pytest.mark.parametrize("text, value", [
    ("20 March 2020", "2020-03-20"),
    ("1st June, 2021", "2021-06-01"),
    ("March 5,2020", "2020-03-05"),
    ("July 1st of 2025", "2025-07-01"),
    ("Dec. 3, 2013", "2013-12-03"),
    ("2013-12-03", "2013-12-03"),
    ("July 2025", "2025-07"),
    ("2020-03", "2020-03"),
])
def test_dates_keep_their_day(text, value):
    assert parse_value("date", text) == value


@pytest.mark.parametrize("text, value", [
    ("212,750", 212750), ("212,750 shares", 212750), ("1.5 million shares", 1500000),
    ("ten million shares", 10_000_000), ("two hundred and fifty thousand", 250000), ("-40", -40),
])
def test_integers(text, value):
    assert parse_value("integer", text) == value


@pytest.mark.parametrize("text, value", [
    ("3.2%", "0.032"), ("0.032", "0.032"), ("forty percent", "0.4"), ("12 per cent", "0.12"),
])
def test_decimals(text, value):
    assert parse_value("decimal", text) == value


@pytest.mark.parametrize("kind, text", [
    ("money", "a lot"), ("money", "$"), ("date", "someday"), ("date", "31 February 2020"),
    ("integer", "many"), ("decimal", "most"), ("phone", "call us"), ("item", "none"),
])
def test_unreadable_text_raises_a_one_line_reason(kind, text):
    with pytest.raises(ValueError) as err:
        parse_value(kind, text)
    message = str(err.value)
    assert "\n" not in message and repr(text) in message


def test_values_of_one_type_have_one_python_type():
    assert {type(parse_value("money", t)) for t in ("$5", "C$5 million", "Ten Million Dollars")} == {dict}
    assert {type(parse_value("date", t)) for t in ("20 March 2020", "July 2025")} == {str}
    assert {type(parse_value("integer", t)) for t in ("5", "ten million shares")} == {int}


def test_format_value_round_trips_money():
    value = parse_value("money", "C$5 million")
    assert parse_value("money", format_value(value)) == value


@pytest.mark.parametrize("text, value", [
    ("Supply Agreement (the “Supply Agreement”)", {"name": "Supply Agreement", "alias": "Supply Agreement"}),
    ('Credit Agreement ("Credit")', {"name": "Credit Agreement", "alias": "Credit"}),
    ("Securities Purchase Agreement (SPA)", {"name": "Securities Purchase Agreement", "alias": "SPA"}),
    ("Supply  Agreement", {"name": "Supply Agreement"}),
    ("(SPA)", {"name": "(SPA)"}),
])
def test_defined_names_take_the_shape_extraction_gives(text, value):
    """An agreement a reviewer types is {name, alias?} like an extracted one: one label, one
    type of value, so that Arrow and pandas read an export's column."""
    assert parse_value("defined_name", text) == value


@given(st.text(min_size=1, max_size=30))
def test_defined_names_round_trip_through_the_text_shown(text):
    try:
        value = parse_value("defined_name", text)
    except ValueError:
        return
    assert isinstance(value, dict) and value["name"]
    assert parse_value("defined_name", format_value(value)) == value
