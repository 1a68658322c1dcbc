"""Extractors are plugins: the entry-point group, the protocol, and merging with provenance."""

import pickle
import sys
import tomllib
from pathlib import Path

import pytest

from reviewer.core.extract import (
    BUILTIN_EXTRACTORS,
    Combined,
    Extraction,
    ExtractorPlugin,
    extractor_class,
    extractor_names,
    merge_fields,
)
from reviewer.core.extract.engine import Extractor
from reviewer.core.isolated import IsolatedReader
from reviewer.core.model import Field

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Harbor Lane Robotics Inc. sold 2,000,000 shares at $1.25 per share to Quillfeather Capital LLC "
        "on March 3, 2025. Contact: Mira Okonkwo, mira@harborlane.example, (555) 010-2233.")


class Echo:
    """A plugin of its own: proposes one span the rules find and one they do not."""

    name = "echo"
    version = "0.1"

    def __init__(self, spans):
        self.spans = spans

    def extract(self, text, *, doc_type=None, metadata=None, part=None):
        return Extraction(doc_type or "other", [
            Field(None, None, label, s, e, text[s:e], confidence=c, extractor=self.name) for label, s, e, c in self.spans
        ], [])


def test_pyproject_registers_the_builtin_extractors():
    table = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    assert table["filing_reviewer.extractors"] == BUILTIN_EXTRACTORS
    for name in BUILTIN_EXTRACTORS:
        cls = extractor_class(name)
        assert isinstance(cls.name, str) and cls.name == name and callable(cls.extract)


def test_a_package_of_its_own_adds_an_extractor_by_entry_point(tmp_path, monkeypatch):
    (tmp_path / "my_extractors.py").write_text("class Shouty:\n    name = 'shouty'\n    version = '2'\n")
    info = tmp_path / "my_extractors-2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my-extractors\nVersion: 2.0\n")
    (info / "entry_points.txt").write_text("[filing_reviewer.extractors]\nshouty = my_extractors:Shouty\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "shouty" in extractor_names()
    assert extractor_class("shouty").version == "2"
    sys.modules.pop("my_extractors", None)


def test_an_unknown_extractor_names_the_known_ones():
    with pytest.raises(ValueError, match=r"no extractor 'nope' \(known: rules, spacy, predictions"):
        extractor_class("nope")


def test_the_rules_follow_the_protocol_and_combined_alone_changes_nothing(extractor):
    assert isinstance(extractor, ExtractorPlugin)
    alone = extractor.extract(TEXT, doc_type="press_release")
    combined = Combined([extractor]).extract(TEXT, doc_type="press_release")
    assert [(f.label, f.start, f.end, f.value, f.confidence, f.extractor) for f in combined.fields] == \
        [(f.label, f.start, f.end, f.value, f.confidence, f.extractor) for f in alone.fields]
    assert combined.checks == alone.checks


def test_same_label_and_span_from_two_extractors_is_one_field_listing_both(extractor):
    rules = extractor.extract(TEXT, doc_type="press_release").fields
    money = next(f for f in rules if f.label == "per_share_price" or f.label == "money")
    start = TEXT.index("Mira")
    echo = Echo([(money.label, money.start, money.end, 0.99), ("person", start, start + 4, 0.4)])
    fields, checks = Combined([extractor, echo])(TEXT, "press_release", {})
    same = [f for f in fields if (f.label, f.start, f.end) == (money.label, money.start, money.end)]
    assert len(same) == 1
    assert same[0].extractor == f"{money.extractor}+echo"
    assert same[0].confidence == 0.99 and same[0].value == money.value
    assert any(f.extractor == "echo" and f.text == "Mira" for f in fields)
    assert len(fields) == len(rules) + 1
    assert all(TEXT[f.start:f.end] == f.text for f in fields)
    assert [(f.start, f.end) for f in fields] == sorted((f.start, f.end) for f in fields)


def test_merge_keeps_the_first_value_and_never_repeats_a_name():
    a = Field(None, None, "money", 0, 3, "$10", value={"amount": "10"}, confidence=0.5, extractor="rules.money")
    b = Field(None, None, "money", 0, 3, "$10", value=None, confidence=None, extractor="rules.money")
    c = Field(None, None, "money", 0, 3, "$10", value={"amount": "99"}, confidence=0.7, extractor="spacy")
    (merged,) = merge_fields([[a], [b], [c]])
    assert merged.extractor == "rules.money+spacy" and merged.value == {"amount": "10"} and merged.confidence == 0.7


def test_a_combined_extractor_goes_to_the_ingest_worker(extractor):
    combined = Combined([extractor, Echo([("person", 0, 6, 0.5)])])
    assert IsolatedReader.usable(combined)
    again = pickle.loads(pickle.dumps(combined))
    assert again.name == "rules+echo"
    assert again(TEXT, "press_release", {})[0] == combined(TEXT, "press_release", {})[0]
