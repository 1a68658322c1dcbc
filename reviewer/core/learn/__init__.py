"""The model in the loop: train a spaCy pipeline on approved documents, run it as an
extractor, import predictions made elsewhere, and compare an extractor with what was
approved. spaCy is needed only here (the `spacy` extra), and only when used."""
