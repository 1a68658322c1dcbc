"""What a model proposes beside the rules: the labels chosen on held-out documents, spans
snapped to words, and model fields merged into the rules' fields they nearly coincide with."""

from reviewer.core.extract import merge_fields
from reviewer.core.learn.gate import choose_labels
from reviewer.core.learn.model import snap
from reviewer.core.model import Field

TEXT = "Said Mira Okonkwo, chief executive of Harbor Lane Robotics Inc. (the \"Company\")."


def field(label, text, extractor, confidence=None, occurrence=0):
    start = TEXT.index(text)
    for _ in range(occurrence):
        start = TEXT.index(text, start + 1)
    return Field(None, None, label, start, start + len(text), text, confidence=confidence, extractor=extractor)


def span_of(text):
    start = TEXT.index(text)
    return start, start + len(text)


def test_a_span_is_snapped_to_the_words_it_covers():
    assert TEXT[slice(*snap(TEXT, *span_of("Mira Okonkwo, ")))] == "Mira Okonkwo"
    assert TEXT[slice(*snap(TEXT, *span_of("Robotics Inc. (")))] == "Robotics Inc."  # the full stop stays
    assert TEXT[slice(*snap(TEXT, *span_of("(the \"Company")))] == "the \"Company"
    assert TEXT[slice(*snap(TEXT, *span_of("Company\")")))] == "Company"
    start, end = snap(TEXT, *span_of(", "))
    assert start == end  # nothing left: the extractor drops it


def test_a_model_field_nearly_on_a_rules_field_merges_into_it():
    rules = field("organization", "Harbor Lane Robotics Inc.", "rules.organization", 0.9)
    model = field("organization", "Harbor Lane Robotics", "spacy", 0.95)
    (merged,) = merge_fields([[rules], [model]])
    assert (merged.start, merged.end, merged.text) == (rules.start, rules.end, rules.text)
    assert merged.extractor == "rules.organization+spacy" and merged.confidence == 0.95


def test_a_short_overlap_or_another_label_stays_a_field_of_its_own():
    rules = field("person", "Mira Okonkwo", "rules.person", 0.9)
    short = field("person", "Mira", "spacy", 0.6)
    other = field("organization", "Mira Okonkwo", "spacy", 0.6)
    merged = merge_fields([[rules], [short, other]])
    assert {(f.label, f.text, f.extractor) for f in merged} == {
        ("person", "Mira Okonkwo", "rules.person"), ("person", "Mira", "spacy"),
        ("organization", "Mira Okonkwo", "spacy")}


def test_fields_of_one_list_never_merge_with_each_other():
    a = field("organization", "Harbor Lane Robotics Inc.", "rules.organization", 0.9)
    b = field("organization", "Harbor Lane Robotics", "rules.organization", 0.8)
    assert len(merge_fields([[a, b]])) == 2


def test_a_label_is_proposed_only_where_it_beats_the_baseline_on_held_out():
    gold = [{(*span_of("Mira Okonkwo"), "person"), (*span_of("Harbor Lane Robotics Inc."), "organization")}]
    baseline = [[field("organization", "Harbor Lane Robotics Inc.", "rules.organization", 0.9)]]
    model = [[field("person", "Mira Okonkwo", "spacy", 0.93), field("person", "Said", "spacy", 0.55),
              field("organization", "Harbor Lane Robotics", "spacy", 0.97)]]
    chosen = choose_labels(model, gold, ["organization", "person"], baseline)
    assert set(chosen) == {"person"}  # the rules already have every organization
    assert chosen["person"]["threshold"] == 0.6 and chosen["person"]["f1"] == 1.0
    assert chosen["person"]["baseline_f1"] == 0.0 and chosen["person"]["precision"] == 1.0


def test_without_a_baseline_a_label_needs_a_good_f1_alone_and_held_out_examples():
    gold = [{(*span_of("Mira Okonkwo"), "person")}]
    model = [[field("person", "Mira Okonkwo", "spacy", 0.7), field("organization", "Harbor", "spacy", 0.99)]]
    assert set(choose_labels(model, gold, ["organization", "person"])) == {"person"}
    assert choose_labels([[field("person", "Said", "spacy", 0.9)]], gold, ["person"]) == {}
